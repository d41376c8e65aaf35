// Time to first frame: from the key press that launches `cluster-top --metrics <demo peer>` in a
// 120×40 tmux pane to the first bytes on the pane's stream that show data (a gauge value), beside
// `node -e 0` launched and detected the same way (its end is marked by a line the shell prints
// when it exits). The pane's stream goes through pipe-pane into a FIFO this process reads, so the
// moment of arrival is seen directly. Runs alternate between the two; medians of each.
// The README's way, `npm run demo` in the checkout, is timed the same way, beside `npm run` of a
// script that is only `node -e 0` (what npm itself costs) and the demo's command without npm.

import { execFileSync } from 'node:child_process';
import { createReadStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAverage, TmuxServer } from './tmux.js';
import { median } from './terminal-bench.js';

/** Medians of the launch-to-first-frame times, ms. */
export interface StartupResult {
  readonly oursMs: number;
  readonly nodeMs: number;
  readonly oursRuns: readonly number[];
  readonly nodeRuns: readonly number[];
  readonly load: readonly [number, number];
}

const EXITED = '__node_exited__';
// eslint-disable-next-line no-control-regex
const CSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;
/** A gauge with its value, or a fleet row with its pins: the first frame that shows data. */
export const FIRST_FRAME = /pins +\d|demo-\d+ +\d/;

/** Measures `runs` launches of each, alternating. */
export async function runStartupBench(url: string, runs = 7, entry = '../../bin/cluster-top.js'): Promise<StartupResult> {
  const tmux = new TmuxServer();
  const bin = fileURLToPath(new URL(entry, import.meta.url));
  const ours: number[] = [];
  const node: number[] = [];
  const load0 = loadAverage();
  try {
    // One untimed launch of each first: the files they read are then in the page cache, and the
    // bundle's code cache is written (under the panes' own empty HOME), as they are for someone
    // who runs a command twice.
    for (let i = -1; i < runs; i++) {
      const o = await timeLaunch(tmux, `o${i + 1}`, [process.execPath, bin, '--metrics', url, '--interval', '1s'], '', (text) => FIRST_FRAME.test(text));
      tmux.keys(`o${i + 1}`, 'q');
      const n = await timeLaunch(tmux, `n${i + 1}`, [process.execPath, '-e', '0'], `printf '${EXITED}\\n'`, (text) => text.includes(EXITED));
      if (i >= 0) {
        ours.push(o);
        node.push(n);
      }
      tmux.close(`o${i + 1}`);
      tmux.close(`n${i + 1}`);
    }
  } finally {
    tmux.shutdown();
  }
  return { oursMs: median(ours), nodeMs: median(node), oursRuns: ours, nodeRuns: node, load: [load0, loadAverage()] };
}

/** Medians of the README's way to start, ms: `npm run demo` in the checkout, beside what npm and node cost on their own. */
export interface ReadmeStartupResult {
  /** `npm run demo` to the first frame with data. */
  readonly npmDemoMs: number;
  /** `npm run` of a script that is `node -e 0`, to its end: npm's own cost with node's. */
  readonly npmNodeMs: number;
  /** `node bin/cluster-top.js --demo` to the first frame with data: the same start without npm. */
  readonly directDemoMs: number;
  readonly npmDemoRuns: readonly number[];
  readonly npmNodeRuns: readonly number[];
  readonly directDemoRuns: readonly number[];
  readonly load: readonly [number, number];
}

/**
 * Measures `runs` launches of `npm run demo` (in the checkout, as the README's Quick start has
 * it), of `npm run` of a script that only runs `node -e 0` (in a folder of its own), and of the
 * demo's command without npm, in turn; timed as runStartupBench times its launches.
 */
export async function runReadmeStartupBench(runs = 7): Promise<ReadmeStartupResult> {
  const tmux = new TmuxServer();
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const bin = join(root, 'bin', 'cluster-top.js');
  const noop = join(tmux.home, 'noop');
  mkdirSync(noop);
  writeFileSync(join(noop, 'package.json'), JSON.stringify({ name: 'noop', version: '1.0.0', private: true, scripts: { noop: 'node -e 0' } }));
  const npmDemo: number[] = [];
  const npmNode: number[] = [];
  const direct: number[] = [];
  const load0 = loadAverage();
  try {
    for (let i = -1; i < runs; i++) {
      const a = await timeLaunch(tmux, `a${i + 1}`, ['npm', 'run', 'demo'], '', (text) => FIRST_FRAME.test(text), root);
      tmux.keys(`a${i + 1}`, 'q');
      const b = await timeLaunch(tmux, `b${i + 1}`, ['npm', 'run', 'noop'], `printf '${EXITED}\n'`, (text) => text.includes(EXITED), noop);
      const c = await timeLaunch(tmux, `c${i + 1}`, [process.execPath, bin, '--demo'], '', (text) => FIRST_FRAME.test(text), root);
      tmux.keys(`c${i + 1}`, 'q');
      if (i >= 0) {
        npmDemo.push(a);
        npmNode.push(b);
        direct.push(c);
      }
      for (const name of ['a', 'b', 'c']) tmux.close(`${name}${i + 1}`);
    }
  } finally {
    tmux.shutdown();
  }
  return {
    npmDemoMs: median(npmDemo),
    npmNodeMs: median(npmNode),
    directDemoMs: median(direct),
    npmDemoRuns: npmDemo,
    npmNodeRuns: npmNode,
    directDemoRuns: direct,
    load: [load0, loadAverage()],
  };
}

/** Launches `argv` in a fresh pane (in `cwd`) and resolves with the ms from the key press until `done` holds for the stream. */
export async function timeLaunch(tmux: TmuxServer, name: string, argv: readonly string[], after: string, done: (text: string) => boolean, cwd?: string): Promise<number> {
  const fifo = join(tmux.home, `${name}.fifo`);
  execFileSync('mkfifo', [fifo]);
  tmux.open(name, 120, 40, argv, after, cwd);
  const stream = createReadStream(fifo, { encoding: 'utf8' });
  const opened = new Promise<void>((resolve) => stream.once('open', () => resolve()));
  tmux.pipe(name, `cat > '${fifo}'`);
  await opened;
  let text = '';
  let started = 0;
  const arrived = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: nothing showed up within 20 s; the pane shows:\n${tmux.capture(name)}`)), 20_000);
    stream.on('data', (chunk: string | Buffer) => {
      text += String(chunk);
      if (started > 0 && done(text.replace(CSI, ''))) {
        const t = performance.now() - started;
        clearTimeout(timer);
        resolve(t);
      }
    });
  });
  started = performance.now();
  tmux.start(name);
  try {
    return await arrived;
  } finally {
    tmux.pipe(name, '');
    stream.destroy();
  }
}
