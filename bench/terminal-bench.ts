// CPU % and terminal bytes per refresh while watching: `cluster-top --metrics <demo peer>
// --interval 1s` and `htop -d 10` (one refresh a second) side by side in two 120×40 panes of a
// private tmux server, measured over the same 60 s (so both see the same machine load). CPU is
// read from /proc/<pid>/stat of each program's own process (the demo peer runs in a process of its
// own); bytes are what tmux's pipe-pane receives from each pane. The 60 s are split into windows;
// the figures are the medians over the windows. They start after a warm-up (a minute by
// default): a program polled once a second runs its code once a second, so V8 keeps compiling
// it for about a minute (at 1 s, half of cluster-top's CPU in its first minute is the JIT and
// the start); the warm-up's own CPU is reported beside, as `firstCpuPercent`.

import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clockTicksPerSecond, cpuTicks, loadAverage, residentBytes, TmuxServer } from './tmux.js';

/** One program's figures. */
export interface WatchFigures {
  /** Median over the windows of CPU % of one core. */
  readonly cpuPercent: number;
  /** Median over the windows of bytes written to the terminal per refresh (one refresh a second). */
  readonly bytesPerRefresh: number;
  /** CPU % and bytes per refresh of each window. */
  readonly windows: readonly { readonly cpuPercent: number; readonly bytesPerRefresh: number }[];
  /** Totals over the whole measurement. */
  readonly totalCpuPercent: number;
  readonly totalBytesPerRefresh: number;
  /** Resident set size at the end, bytes. */
  readonly rssBytes: number;
  /** CPU % of one core from the start to the end of the warm-up (loading, first frames, JIT). */
  readonly firstCpuPercent: number;
}

/** The result of one watch run. */
export interface WatchResult {
  readonly seconds: number;
  readonly ours: WatchFigures;
  readonly htop: WatchFigures;
  /** 1-minute load average at the start and the end. */
  readonly load: readonly [number, number];
  /** Seconds of warm-up before the measurement. */
  readonly warmupSeconds: number;
}

const COLUMNS = 120;
const ROWS = 40;

/** Watches the demo peer at `url` for `seconds` (after `warmupSeconds`), in windows of `windowSeconds`. */
export async function runWatchBench(url: string, seconds = 60, windowSeconds = 10, warmupSeconds = 60): Promise<WatchResult> {
  const tmux = new TmuxServer();
  const bin = fileURLToPath(new URL('../../bin/cluster-top.js', import.meta.url));
  const hz = clockTicksPerSecond();
  const programs = [
    { name: 'ours', argv: [process.execPath, bin, '--metrics', url, '--interval', '1s'] },
    { name: 'htop', argv: ['htop', '-d', '10'] },
  ] as const;
  try {
    for (const p of programs) tmux.open(p.name, COLUMNS, ROWS, p.argv);
    for (const p of programs) tmux.start(p.name);
    const launched = performance.now();
    await sleep(warmupSeconds * 1000);
    const files = programs.map((p) => join(tmux.home, `${p.name}.bytes`));
    files.forEach((f) => writeFileSync(f, ''));
    const pids = programs.map((p) => tmux.pid(p.name));
    programs.forEach((p, i) => tmux.pipe(p.name, `cat >> '${files[i]}'`));
    const load0 = loadAverage();
    const marks: { t: number; ticks: number[]; bytes: number[] }[] = [];
    const mark = () => marks.push({ t: performance.now(), ticks: pids.map(cpuTicks), bytes: files.map((f) => statSync(f).size) });
    mark();
    const start = marks[0].t;
    const warmedSeconds = (start - launched) / 1000;
    for (let w = 1; w * windowSeconds <= seconds; w++) {
      await sleep(Math.max(0, start + w * windowSeconds * 1000 - performance.now()));
      mark();
    }
    programs.forEach((p) => tmux.pipe(p.name, ''));
    const rss = pids.map(residentBytes);
    const load1 = loadAverage();
    const figures = programs.map((_, i): WatchFigures => {
      const windows = marks.slice(1).map((m, w) => {
        const prev = marks[w];
        const s = (m.t - prev.t) / 1000;
        return { cpuPercent: ((m.ticks[i] - prev.ticks[i]) / hz / s) * 100, bytesPerRefresh: (m.bytes[i] - prev.bytes[i]) / s };
      });
      const first = marks[0];
      const last = marks[marks.length - 1];
      const s = (last.t - first.t) / 1000;
      return {
        cpuPercent: median(windows.map((x) => x.cpuPercent)),
        bytesPerRefresh: median(windows.map((x) => x.bytesPerRefresh)),
        windows,
        totalCpuPercent: ((last.ticks[i] - first.ticks[i]) / hz / s) * 100,
        totalBytesPerRefresh: (last.bytes[i] - first.bytes[i]) / s,
        rssBytes: rss[i],
        firstCpuPercent: (marks[0].ticks[i] / hz / warmedSeconds) * 100,
      };
    });
    tmux.keys('ours', 'q');
    tmux.keys('htop', 'q');
    return { seconds, ours: figures[0], htop: figures[1], load: [load0, load1], warmupSeconds };
  } finally {
    tmux.shutdown();
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return n === 0 ? NaN : n % 2 === 1 ? sorted[n >> 1] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
