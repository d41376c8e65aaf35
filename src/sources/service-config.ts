// Finds and reads the peer's own configuration, the way ipfs-cluster-service does: `--config PATH`
// (a service.json, or the folder holding it), else `$IPFS_CLUSTER_PATH/service.json`, else
// `~/.ipfs-cluster/service.json`. A missing, unreadable or malformed file is not fatal: the
// result says why in one line and the caller goes on with the defaults.

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { oneLine } from '../util/escape-control.js';

/** Where the configuration is looked for, and what chose that place. */
export interface ConfigLocation {
  /** The service.json path (a folder given by the user is resolved when read). */
  readonly path: string;
  /** `--config`, `CLUSTER_TOP_CONFIG`, `IPFS_CLUSTER_PATH` or `default`. */
  readonly origin: string;
  /** Named by the user (not the home-folder default). */
  readonly explicit: boolean;
}

/** The outcome of reading service.json. */
export type ServiceConfigRead =
  | { readonly status: 'ok'; readonly location: ConfigLocation; readonly path: string; readonly json: Readonly<Record<string, unknown>> }
  | { readonly status: 'missing' | 'unreadable' | 'malformed'; readonly location: ConfigLocation; readonly path: string; readonly reason: string };

/** Where to look. */
export interface LocateOptions {
  /** `--config` (or `CLUSTER_TOP_CONFIG`) value and which of the two gave it. */
  readonly given?: { readonly path: string; readonly origin: string };
  /** `IPFS_CLUSTER_PATH`. */
  readonly clusterPath?: string;
  /** The home folder. */
  readonly home: string;
}

/** A service.json larger than this is not a peer configuration. */
const MAX_BYTES = 4 * 1024 * 1024;

/** The service.json to read, in ipfs-cluster-service's order. */
export function locateServiceConfig(options: LocateOptions): ConfigLocation {
  if (options.given !== undefined && options.given.path !== '') return { path: options.given.path, origin: options.given.origin, explicit: true };
  if (options.clusterPath !== undefined && options.clusterPath !== '') {
    return { path: join(options.clusterPath, 'service.json'), origin: 'IPFS_CLUSTER_PATH', explicit: true };
  }
  return { path: join(options.home, '.ipfs-cluster', 'service.json'), origin: 'default', explicit: false };
}

/** Reads and parses the file; never rejects. */
export async function readServiceConfig(location: ConfigLocation): Promise<ServiceConfigRead> {
  return readAt(location, location.path, true);
}

async function readAt(location: ConfigLocation, path: string, mayDescend: boolean): Promise<ServiceConfigRead> {
  const fail = (status: 'missing' | 'unreadable' | 'malformed', reason: string): ServiceConfigRead => ({ status, location, path, reason });
  let text: string;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      if (mayDescend) return await readAt(location, join(path, 'service.json'), false);
      return fail('unreadable', 'is a folder');
    }
    if (!info.isFile()) return fail('unreadable', 'not a regular file');
    if (info.size > MAX_BYTES) return fail('unreadable', `larger than ${MAX_BYTES / 1024 / 1024} MiB: not a service.json`);
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return fail('missing', 'not found');
    return fail('unreadable', oneLine(systemReason(err), 160));
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return fail('malformed', `invalid JSON: ${oneLine(jsonReason(err, text), 160)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('malformed', 'not a JSON object');
  const remote = (json as Record<string, unknown>).source;
  if (typeof remote === 'string' && Object.keys(json).length === 1) {
    return fail('unreadable', `it only points to a remote configuration ("source": ${JSON.stringify(oneLine(remote, 80))}), which cluster-top does not fetch`);
  }
  return { status: 'ok', location, path, json: json as Record<string, unknown> };
}

/** The one line shown for a file that could not be used (null when it was read). */
export function configProblemLine(read: ServiceConfigRead): string | null {
  if (read.status === 'ok') return null;
  return `${oneLine(read.path, 160)}: ${read.reason}; using defaults`;
}

function systemReason(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  if (e.code === 'ELOOP') return 'too many levels of symbolic links';
  return e.code !== undefined ? `${e.code}` : String(e.message ?? err);
}

/** V8's JSON error with the position turned into line and column. */
function jsonReason(err: unknown, text: string): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(message);
  // V8 may quote the text around the error: never show it (service.json holds the cluster secret).
  if (at === null) return message.replace(/, "[\s\S]*$/, '');
  const position = Number(at[1]);
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
