// Saves scraped payloads for later replay: one file per scrape, named `<unix-ms>.prom`
// (text format) or `<unix-ms>.om` (OpenMetrics), in a folder that `replay.ts` can walk.
//
// Each file appears atomically and never replaces another: the bytes go to a hidden temp
// file in the same folder, are flushed, then hard-linked under the final name (link fails
// if the name exists, unlike rename) and the temp name is removed. When the name is taken
// (two scrapes in one millisecond, a clock stepped back) the timestamp is bumped by 1 ms,
// up to MAX_BUMPS times, so recording goes on; the returned path tells the name chosen.
//
// Before a recording starts, `checkRecordingFolder` says whether DIR may take it: a new session
// does not go into a folder that holds another one (unless asked to append), nor into a file.

import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { RECORDING_NAME } from './replay.js';

/** How far past the asked timestamp a name may be bumped before giving up. */
const MAX_BUMPS = 1000;

/** File extension per exposition format. */
export const RECORDING_EXTENSIONS = { text: '.prom', openmetrics: '.om' } as const;

/**
 * Writes `body` to `DIR/<unix-ms>.prom` (or `.om` for OpenMetrics), creating DIR if
 * missing, and returns the path written. Never overwrites an existing recording.
 */
export async function writeRecording(
  dir: string,
  timestampMs: number,
  body: Uint8Array,
  format: 'text' | 'openmetrics' = 'text',
): Promise<string> {
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) {
    throw new Error(`cannot record: timestamp ${timestampMs} is not a non-negative integer of milliseconds`);
  }
  await mkdir(dir, { recursive: true });
  const extension = RECORDING_EXTENSIONS[format];
  const temp = join(dir, `.${timestampMs}${extension}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const file = await open(temp, 'wx');
  try {
    try {
      await file.writeFile(body);
      await file.datasync();
    } finally {
      await file.close();
    }
    for (let ms = timestampMs; ms <= timestampMs + MAX_BUMPS; ms++) {
      const path = join(dir, `${ms}${extension}`);
      if (await placeWithoutOverwrite(temp, path)) return path;
    }
    throw new Error(`cannot record in ${dir}: ${timestampMs}${extension} and the next ${MAX_BUMPS} names all exist`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

/** Gives `temp`'s content the name `path` unless that name exists; false when it does. */
async function placeWithoutOverwrite(temp: string, path: string): Promise<boolean> {
  try {
    await link(temp, path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
  }
  // No hard links on this file system: rename, after a (racy but best-effort) existence check.
  const probe = await open(path, 'wx').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') return undefined;
    throw err;
  });
  if (probe === undefined) return false;
  await probe.close();
  await rename(temp, path);
  return true;
}

/** Whether `record --out DIR` may write into DIR, and if not, why. */
export type RecordingFolderCheck =
  | { readonly ok: true; /** Recordings already in DIR (only with `append`). */ readonly existing: number }
  | { readonly ok: false; readonly reason: 'not-a-folder' | 'holds-recording' | 'unreadable'; readonly message: string };

/**
 * Checks DIR before recording: a missing folder or one without recordings is fine; a folder that
 * holds a recording only with `append` (a second session in it would replay as one, with a gap
 * and a restart); a file or an unreadable folder never.
 */
export async function checkRecordingFolder(dir: string, append: boolean): Promise<RecordingFolderCheck> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: true, existing: 0 };
    if (code === 'ENOTDIR') return { ok: false, reason: 'not-a-folder', message: `${dir} is a file, not a folder; give --out a new folder for the recording` };
    return { ok: false, reason: 'unreadable', message: `cannot use ${dir} for the recording: ${(err as Error).message}` };
  }
  const existing = names.filter((name) => RECORDING_NAME.test(name)).length;
  if (existing > 0 && !append) {
    return {
      ok: false,
      reason: 'holds-recording',
      message: `${dir} already holds a recording (${existing} scrape${existing === 1 ? '' : 's'}); record into a new folder, or add --append to add to it`,
    };
  }
  return { ok: true, existing };
}
