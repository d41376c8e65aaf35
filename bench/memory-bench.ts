// Memory over a long run: the live dashboard fed 100 000 generated scrapes at full speed by
// long-run-driver.ts in a child process (so that nothing of the bench itself is counted), with
// its RSS read at 10 000 and at 100 000 scrapes.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { LongRunCheckpoint } from './long-run-driver.js';
import { loadAverage } from './tmux.js';

/** The long run's figures. */
export interface MemoryResult {
  readonly scrapes: number;
  readonly checkpoints: readonly LongRunCheckpoint[];
  /** Median RSS near the last checkpoint, bytes. */
  readonly rssBytes: number;
  /** Highest RSS seen during the run, bytes. */
  readonly rssPeakBytes: number;
  /** (RSS at the last checkpoint − RSS at the first) / RSS at the first, from the medians. */
  readonly growth: number;
  readonly load: readonly [number, number];
}

/**
 * Bundles the driver (from long-run-entry.ts) the way `npm run bundle` bundles cluster-top (one
 * file, React's production build, no devtools, no Yoga: scripts/bundle-plugins.js), so that its
 * RSS is the shipped program's and not that of a few hundred separately loaded modules.
 */
async function bundleDriver(): Promise<string> {
  const outfile = fileURLToPath(new URL('./long-run-driver.bundle.mjs', import.meta.url));
  // Plain JavaScript outside the compiled tree (dist/bench → the checkout's scripts/).
  const plugins = (await import(new URL('../../scripts/bundle-plugins.js', import.meta.url).href)) as Record<'inkWithoutDevtools' | 'yogaWithoutLayout', Plugin>;
  await build({
    entryPoints: [fileURLToPath(new URL('./long-run-entry.js', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [plugins.inkWithoutDevtools, plugins.yogaWithoutLayout],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
  });
  return outfile;
}

/** Runs the driver for `scrapes` scrapes, with checkpoints at a tenth of them and at the end. */
export async function runMemoryBench(scrapes = 100_000, bundled = true): Promise<MemoryResult> {
  const first = Math.round(scrapes / 10);
  const driver = bundled ? await bundleDriver() : fileURLToPath(new URL('./long-run-entry.js', import.meta.url));
  const load0 = loadAverage();
  const lines = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [driver, '--scrapes', String(scrapes), '--checkpoints', `${first},${scrapes}`], {
      // What bin/cluster-top.js sets for the live view.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`long-run driver exited with ${code}`))));
  });
  const checkpoints = lines.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LongRunCheckpoint);
  const a = checkpoints[0];
  const b = checkpoints[checkpoints.length - 1];
  return {
    scrapes,
    checkpoints,
    rssBytes: b.rssMedianBytes,
    rssPeakBytes: Math.max(...checkpoints.map((c) => c.rssPeakBytes)),
    growth: (b.rssMedianBytes - a.rssMedianBytes) / a.rssMedianBytes,
    load: [load0, loadAverage()],
  };
}
