// Saves scraped payloads for later replay: one file per scrape, named `<unix-ms>.prom`
// (text format) or `<unix-ms>.om` (OpenMetrics), in a folder that `replay.ts` can walk.
//
// Each file appears atomically and never replaces another: the bytes go to a hidden temp
// file in the same folder, are flushed, then hard-linked under the final name (link fails
// if the name exists, unlike rename) and the temp name is removed. When the name is taken
// (two scrapes in one millisecond, a clock stepped back) the timestamp is bumped by 1 ms,
// up to MAX_BUMPS times, so recording goes on; the returned path tells the name chosen.

import { randomBytes } from 'node:crypto';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

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
