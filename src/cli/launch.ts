// How bin/cluster-top.js starts cluster-top. Starting is dominated by loading code: the compiled
// tree is a few hundred small files (Ink, React and their dependencies), the single-file bundle
// (dist/cluster-top.cjs, built by `npm install` and `npm run bundle`) one, which is run, with its
// code cache (code-cache.ts), when it is at least as new as the compiled tree; a `tsc` after the
// bundle makes it stale, and then the compiled tree runs.

import { statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { MainHooks } from '../cli.js';
import { setRuntimeFlags } from '../util/v8-flags.js';
import { codeCacheFile, requireWithCodeCache } from './code-cache.js';

/** Where the two builds are (defaults: beside this file's compiled tree). */
export interface LaunchPaths {
  /** The single-file bundle. */
  readonly bundle: string;
  /** The compiled tree's entry, dist/src/cli.js. */
  readonly tree: string;
  /** The code cache file; null for none (default: under the user's cache folder). */
  readonly cacheFile?: string | null;
}

const DEFAULT_PATHS: LaunchPaths = {
  bundle: fileURLToPath(new URL('../../cluster-top.cjs', import.meta.url)),
  tree: fileURLToPath(new URL('../cli.js', import.meta.url)),
};

/** Runs cluster-top with `argv` from the bundle if it is fresh, else from the compiled tree; sets the exit code. */
export async function launch(argv: readonly string[], paths: LaunchPaths = DEFAULT_PATHS): Promise<void> {
  // Before the bundle is compiled: V8 checks its flags when it takes a code cache.
  setRuntimeFlags();
  if (freshBundle(paths)) {
    const cacheFile = paths.cacheFile !== undefined ? paths.cacheFile : codeCacheFile(process.env, os.homedir(), paths.bundle);
    const bundle = requireWithCodeCache(paths.bundle, cacheFile);
    const hooks: MainHooks = { beforeLiveView: () => void bundle.save() };
    await (bundle.exports as { run: (argv: readonly string[], hooks: MainHooks) => Promise<void> }).run(argv, hooks);
  } else {
    const { run } = (await import(pathToFileURL(paths.tree).href)) as typeof import('../cli.js');
    await run(argv);
  }
}

/** True when the bundle exists and is not older than the compiled tree's entry: the launcher runs the bundle. */
export function freshBundle(paths: Pick<LaunchPaths, 'bundle' | 'tree'>): boolean {
  try {
    return statSync(paths.bundle).mtimeMs >= statSync(paths.tree).mtimeMs;
  } catch {
    return false;
  }
}
