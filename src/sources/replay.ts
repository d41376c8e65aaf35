// Reads back a folder written by `record.ts`: the files named `<unix-ms>.prom` (text format)
// or `<unix-ms>.om` (OpenMetrics), in time order. Anything else in the folder (temp files,
// notes, sub-folders) is ignored.

import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One recorded scrape. */
export interface RecordedFile {
  /** Scrape time, Unix ms, from the file name. */
  readonly timestampMs: number;
  /** Path of the file (DIR joined with its name). */
  readonly path: string;
  /** Grammar of the payload, from the extension. */
  readonly format: 'text' | 'openmetrics';
}

/** A recording's file name: digits, then `.prom` or `.om`. */
export const RECORDING_NAME = /^(\d{1,16})\.(prom|om)$/;

/**
 * Lists the recordings in `dir`, oldest first (ties: `.om` before `.prom`, by name).
 * Rejects with a clear message when DIR is missing, not a folder, or holds no recording.
 */
export async function listRecording(dir: string): Promise<RecordedFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`recording folder ${dir} does not exist`);
    if (code === 'ENOTDIR') throw new Error(`${dir} is not a folder (expected a recording folder)`);
    throw new Error(`cannot read recording folder ${dir}: ${(err as Error).message}`);
  }
  const files: RecordedFile[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const match = RECORDING_NAME.exec(entry.name);
    if (match === null) continue;
    const timestampMs = Number(match[1]);
    if (!Number.isSafeInteger(timestampMs)) continue;
    const path = join(dir, entry.name);
    if (!entry.isFile() && !(entry.isSymbolicLink() && (await isFile(path)))) continue;
    files.push({ timestampMs, path, format: match[2] === 'om' ? 'openmetrics' : 'text' });
  }
  if (files.length === 0) {
    throw new Error(`no recordings in ${dir} (expected files named <unix-ms>.prom or <unix-ms>.om)`);
  }
  // Array.prototype.sort is stable: equal timestamps keep the name order from above.
  return files.sort((a, b) => a.timestampMs - b.timestampMs);
}

/** Reads one recorded payload. */
export function readRecorded(path: string): Promise<Buffer> {
  return readFile(path);
}

/** Walks a recording oldest first, reading each payload only when it is reached. */
export async function* replayRecording(dir: string): AsyncGenerator<RecordedFile & { readonly body: Buffer }> {
  for (const file of await listRecording(dir)) yield { ...file, body: await readRecorded(file.path) };
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
