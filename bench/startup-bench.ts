// Time to first frame: from the key press that launches `cluster-top --metrics <demo peer>` in a
// 120×40 tmux pane to the first bytes on the pane's stream that show data (a gauge value), beside
// `node -e 0` launched and detected the same way (its end is marked by a line the shell prints
// when it exits). The pane's stream goes through pipe-pane into a FIFO this process reads, so the
// moment of arrival is seen directly. Runs alternate between the two; medians of each.

import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
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
/** A gauge with its value: the first frame that shows data. */
const DATA = /pins +\d/;

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
      const o = await timeLaunch(tmux, `o${i + 1}`, [process.execPath, bin, '--metrics', url, '--interval', '1s'], '', (text) => DATA.test(text));
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

/** Launches `argv` in a fresh pane and resolves with the ms from the key press until `done` holds for the stream. */
async function timeLaunch(tmux: TmuxServer, name: string, argv: readonly string[], after: string, done: (text: string) => boolean): Promise<number> {
  const fifo = join(tmux.home, `${name}.fifo`);
  execFileSync('mkfifo', [fifo]);
  tmux.open(name, 120, 40, argv, after);
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
