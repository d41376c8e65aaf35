// Loads a CommonJS file (the single-file bundle) the way Node's require would, but compiled with
// V8's code cache: the bytecode of the functions that ran before the live view started, saved by
// an earlier run, so that a start compiles almost nothing. Node 20 has no compile cache of its own
// (module.enableCompileCache is Node 22), hence vm.Script's cachedData.
//
// The cache is one file per bundle location, Node version and architecture under the user's
// cache folder ($XDG_CACHE_HOME or ~/.cache, then cluster-top/). It is used only when all of these hold:
// - it is ours: owned by this user and writable by no one else (cached bytecode runs as code);
// - its header names the very bundle being loaded (SHA-256 of its bytes; V8 itself compares
//   only the source's length) and the checksum of the data matches (V8 in release builds does
//   not verify its own, and a damaged cache could crash it);
// - V8 accepts it (same V8 version and flags).
// Anything else, or any error reading or writing, means compiling without it; a cache that was
// not used is replaced by `save()`. Writes go to a temporary file renamed into place.

import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';

/** What became of the cache: used, or why not. */
export type CodeCacheState = 'used' | 'off' | 'absent' | 'untrusted' | 'corrupt' | 'stale' | 'rejected';

/** A CommonJS file, loaded and run. */
export interface LoadedModule {
  /** Its module.exports. */
  readonly exports: unknown;
  /** What became of the cache. */
  readonly cache: CodeCacheState;
  /** Saves the bytecode compiled so far as the cache, unless the cache was used (or is off); true if it wrote it. Never throws. */
  save(): boolean;
}

/** First bytes of a cache file (format version 1). */
const MAGIC = Buffer.from('cluster-top code cache 1\n');
const HASH = 32;
const HEADER = MAGIC.length + 2 * HASH;

/**
 * The cache file of the bundle at `bundle` for this Node (`runtime`, e.g. v20.20.2-x64) under
 * $XDG_CACHE_HOME or ~/.cache; null when neither is known. Bundles in different places (two
 * checkouts) get a file each, so that running them in turn does not replace the cache each time.
 */
export function codeCacheFile(env: NodeJS.ProcessEnv, home: string, bundle: string, runtime = `${process.version}-${process.arch}`): string | null {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && isAbsolute(xdg) ? xdg : home !== '' && isAbsolute(home) ? join(home, '.cache') : null;
  const place = sha256(Buffer.from(bundle)).toString('hex').slice(0, 12);
  return base === null ? null : join(base, 'cluster-top', `bundle-${runtime.replace(/[^\w.-]/g, '_')}-${place}.v8cache`);
}

/** Loads and runs the CommonJS `file`, using `cacheFile` (null: no cache) as described above. */
export function requireWithCodeCache(file: string, cacheFile: string | null): LoadedModule {
  const bytes = readFileSync(file);
  const sourceHash = sha256(bytes);
  const found = cacheFile === null ? { state: 'off' as const } : readCache(cacheFile, sourceHash);
  let text = bytes.toString('utf8');
  // A `#!` line is only allowed at the very start of a script: keep the line, as a comment.
  if (text.startsWith('#!')) text = `//${text.slice(2)}`;
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, {
    filename: file,
    cachedData: 'data' in found ? found.data : undefined,
  });
  const cache: CodeCacheState = 'data' in found ? (script.cachedDataRejected === true ? 'rejected' : 'used') : found.state;
  const module = { exports: {} as unknown, filename: file, id: file, loaded: false };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  let saved = false;
  return {
    exports: module.exports,
    cache,
    save() {
      if (cacheFile === null || cache === 'used' || saved) return false;
      saved = true;
      return writeCache(cacheFile, sourceHash, () => script.createCachedData());
    },
  };
}

/** The cached data in `path` if it is ours, intact and for the bundle with `sourceHash`; else why not. */
function readCache(path: string, sourceHash: Buffer): { data: Buffer } | { state: 'absent' | 'untrusted' | 'corrupt' | 'stale' } {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return { state: 'absent' };
  }
  try {
    const stat = fstatSync(fd);
    // Ownership and permission bits mean something on POSIX systems only (getuid exists there).
    const uid = process.getuid?.();
    if (!stat.isFile() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) return { state: 'untrusted' };
    const file = readFileSync(fd);
    if (file.length <= HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return { state: 'corrupt' };
    const data = file.subarray(HEADER);
    if (!sha256(data).equals(file.subarray(MAGIC.length + HASH, HEADER))) return { state: 'corrupt' };
    if (!sourceHash.equals(file.subarray(MAGIC.length, MAGIC.length + HASH))) return { state: 'stale' };
    return { data };
  } catch {
    return { state: 'corrupt' };
  } finally {
    closeSync(fd);
  }
}

/** Writes the cache through a temporary file renamed into place; false on any error. */
function writeCache(path: string, sourceHash: Buffer, makeData: () => Buffer): boolean {
  // The file is opened before the data is made (5-10 ms): an unwritable folder costs nothing.
  const temp = `${path}.${process.pid}.tmp`;
  let fd: number;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    fd = openSync(temp, 'w', 0o600);
  } catch {
    return false; // an unwritable cache folder only costs the next start its speed
  }
  try {
    const data = makeData();
    writeFileSync(fd, Buffer.concat([MAGIC, sourceHash, sha256(data), data]));
  } catch {
    closeQuietly(fd);
    rmSync(temp, { force: true });
    return false;
  }
  closeQuietly(fd);
  try {
    renameSync(temp, path);
    return true;
  } catch {
    rmSync(temp, { force: true });
    return false;
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // nothing more to do with it
  }
}

function sha256(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
