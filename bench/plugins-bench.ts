// What scripts/bundle-plugins.js buys (`npm run bench -- --plugins`): the time to the first frame
// and the RSS 3 s after it, of the bundle as shipped (CommonJS, Ink without its devtools import,
// Yoga replaced, run by bin/cluster-top.js with its code cache) beside a bundle of the same
// compiled tree with Ink and Yoga as published. Their top-level awaits rule out CommonJS, so that
// one is an ES module, which Node 20 cannot compile with a code cache; a third bundle, an ES
// module with the plugins, tells the plugins' own share from the code cache's. Each watches the
// demo peer (its own process) in a fresh 120×40 tmux pane, timed as startup-bench.ts times a
// launch; the three alternate, medians of each.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { FIRST_FRAME, timeLaunch } from './startup-bench.js';
import { median, sleep } from './terminal-bench.js';
import { loadAverage, residentBytes, TmuxServer } from './tmux.js';

/** One build's medians. */
export interface BuildFigures {
  readonly firstFrameMs: number;
  readonly rssBytes: number;
  readonly firstFrameRuns: readonly number[];
  readonly rssRuns: readonly number[];
}

/** The three builds, measured in turn. */
export interface PluginsResult {
  /** The shipped bundle, run by bin/cluster-top.js. */
  readonly shipped: BuildFigures;
  /** An ES module bundle with the plugins, run by node. */
  readonly esmWithPlugins: BuildFigures;
  /** An ES module bundle with Ink and Yoga as published, run by node. */
  readonly published: BuildFigures;
  readonly load: readonly [number, number];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles dist/src/cli.js as an ES module into `dir`, with or without the plugins; returns the file. */
async function bundleEsm(dir: string, withPlugins: boolean): Promise<string> {
  const entry = join(dir, 'entry.mjs');
  const href = (path: string): string => JSON.stringify(join(ROOT, path));
  writeFileSync(entry, `import { setRuntimeFlags } from ${href('dist/src/util/v8-flags.js')};\nsetRuntimeFlags();\nconst { run } = await import(${href('dist/src/cli.js')});\nawait run(process.argv.slice(2));\n`);
  const outfile = join(dir, withPlugins ? 'with-plugins.mjs' : 'published.mjs');
  const plugins = (await import(new URL('../../scripts/bundle-plugins.js', import.meta.url).href)) as Record<'inkWithoutDevtools' | 'yogaWithoutLayout', Plugin>;
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    logLevel: 'error',
    nodePaths: [join(ROOT, 'node_modules')],
    define: { __CLUSTER_TOP_VERSION__: '"bench"', 'process.env.NODE_ENV': '"production"' },
    // As published, Ink imports its devtools (and react-devtools-core, not installed) only with DEV=true.
    external: ['./devtools.js'],
    plugins: withPlugins ? [plugins.inkWithoutDevtools, plugins.yogaWithoutLayout] : [],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module';\nconst require = __benchRequire(import.meta.url);" },
  });
  return outfile;
}

/** Measures `runs` launches of each build against the demo peer at `url`, after one untimed launch each. */
export async function runPluginsBench(url: string, runs = 9): Promise<PluginsResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-top-plugins-bench-'));
  const tmux = new TmuxServer();
  const load0 = loadAverage();
  try {
    const builds = {
      shipped: join(ROOT, 'bin', 'cluster-top.js'),
      esmWithPlugins: await bundleEsm(dir, true),
      published: await bundleEsm(dir, false),
    };
    const ms: Record<keyof typeof builds, number[]> = { shipped: [], esmWithPlugins: [], published: [] };
    const rss: Record<keyof typeof builds, number[]> = { shipped: [], esmWithPlugins: [], published: [] };
    let n = 0;
    for (let i = -1; i < runs; i++) {
      for (const [key, file] of Object.entries(builds) as [keyof typeof builds, string][]) {
        const name = `p${n++}`;
        const t = await timeLaunch(tmux, name, [process.execPath, file, '--metrics', url, '--interval', '1s'], '', (text) => FIRST_FRAME.test(text));
        await sleep(3000);
        const bytes = residentBytes(tmux.pid(name));
        tmux.keys(name, 'q');
        tmux.close(name);
        if (i >= 0) {
          ms[key].push(t);
          rss[key].push(bytes);
        }
      }
    }
    const figures = (key: keyof typeof builds): BuildFigures => ({ firstFrameMs: median(ms[key]), rssBytes: median(rss[key]), firstFrameRuns: ms[key], rssRuns: rss[key] });
    return { shipped: figures('shipped'), esmWithPlugins: figures('esmWithPlugins'), published: figures('published'), load: [load0, loadAverage()] };
  } finally {
    tmux.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}
