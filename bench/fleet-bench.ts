// The fleet's cost: a demo cluster of N peers served by its own process (`cluster-top demo --serve
// --peers N`), watched by `cluster-top --targets FILE --interval 2s --no-traces` in a 120×40 pane
// of a private tmux server. For each N: the time from the key press that starts it to the first
// frame whose header says all N peers are up; then, after a warm-up, CPU % of one core (from
// /proc/<pid>/stat, over the measured seconds; the warm-up's own beside it) and peak RSS (VmHWM).
// One peer watched the same way is the baseline for the per-peer cost. Every demo peer answers one
// scrape before cluster-top starts: a real peer's /metrics is served by code long warm, while a
// demo cluster just started answers its first 100 scrapes with code not yet optimized, on the
// same 2 cores as the cluster-top it is timed against.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep } from './terminal-bench.js';
import { clockTicksPerSecond, cpuTicks, loadAverage, TmuxServer } from './tmux.js';

/** One fleet size's figures. */
export interface FleetRun {
  readonly peers: number;
  /** ms from the key press to a frame with every peer up (NaN when it never came). */
  readonly firstFullFrameMs: number;
  /** CPU % of one core over the measured seconds, after the warm-up. */
  readonly cpuPercent: number;
  /** CPU % of one core from the start to the end of the warm-up (start, first answers, JIT). */
  readonly warmupCpuPercent: number;
  readonly peakRssBytes: number;
  readonly load: readonly [number, number];
}

const BIN = fileURLToPath(new URL('../../bin/cluster-top.js', import.meta.url));

/** Starts the demo cluster in a process of its own; resolves with the peers' URLs. */
export async function serveCluster(peers: number): Promise<{ child: ChildProcess; urls: string[] }> {
  const child = spawn(process.execPath, [BIN, 'demo', '--serve', '--peers', String(peers)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const urls = await new Promise<string[]>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // One peer prints `demo peer serving URL`; a cluster one `demo-K URL` line per peer.
      if (out.includes('watch it:')) resolve([...out.matchAll(/^(?:demo-\d+|demo peer serving) (\S+)/gm)].map((m) => m[1]));
    });
    child.on('exit', (code) => reject(new Error(`demo cluster exited with ${code}`)));
  });
  return { child, urls };
}

/** Scrapes each URL once, 16 at a time, as cluster-top does (no gzip on loopback). */
export async function scrapeEachOnce(urls: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < urls.length) {
      const response = await fetch(urls[next++], { headers: { 'accept-encoding': 'identity' } });
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/** Watches a demo cluster of `peers` for `seconds` after `warmupSeconds`. */
export async function runFleetRun(peers: number, seconds: number, warmupSeconds: number): Promise<FleetRun> {
  const cluster = await serveCluster(peers);
  await scrapeEachOnce(cluster.urls);
  const tmux = new TmuxServer();
  try {
    const targets = join(tmux.home, 'targets.txt');
    writeFileSync(targets, cluster.urls.map((url, i) => `demo-${i + 1}=${url}`).join('\n') + '\n');
    const args = peers === 1 ? ['--metrics', cluster.urls[0]] : ['--targets', targets];
    const full = peers === 1 ? /● ok/ : new RegExp(`fleet of ${peers} · ${peers} up`);
    return { peers, ...(await watchInTmux(tmux, [...args, '--interval', '2s', '--no-traces'], full, seconds, warmupSeconds)) };
  } finally {
    tmux.shutdown();
    cluster.child.kill('SIGTERM');
  }
}

/**
 * Runs `cluster-top args` in a 120×40 pane of `tmux`: the ms from the key press to a frame that
 * matches `full`, then, after `warmupSeconds` from the start, CPU % over `seconds` and peak RSS.
 */
export async function watchInTmux(
  tmux: TmuxServer,
  args: readonly string[],
  full: RegExp,
  seconds: number,
  warmupSeconds: number,
  later: Readonly<Record<string, (screen: string) => boolean>> = {},
): Promise<Omit<FleetRun, 'peers'> & { readonly laterMs: Readonly<Record<string, number>> }> {
  tmux.open('fleet', 120, 40, [process.execPath, BIN, ...args]);
  const launched = performance.now();
  tmux.start('fleet');
  let firstFullFrameMs = NaN;
  const laterMs: Record<string, number> = Object.fromEntries(Object.keys(later).map((k) => [k, NaN]));
  // The first full frame, then each later frame (after it) that `later` names, for at most 90 s.
  while (performance.now() - launched < 90_000) {
    const screen = tmux.capture('fleet');
    const at = performance.now() - launched;
    if (Number.isNaN(firstFullFrameMs) && full.test(screen)) firstFullFrameMs = at;
    if (!Number.isNaN(firstFullFrameMs)) for (const [name, test] of Object.entries(later)) if (Number.isNaN(laterMs[name]) && test(screen)) laterMs[name] = at;
    if (!Number.isNaN(firstFullFrameMs) && Object.values(laterMs).every((ms) => !Number.isNaN(ms))) break;
    if (Number.isNaN(firstFullFrameMs) && at > 30_000) break;
    await sleep(20);
  }
  await sleep(Math.max(0, warmupSeconds * 1000 - (performance.now() - launched)));
  const pid = tmux.pid('fleet');
  const hz = clockTicksPerSecond();
  const load0 = loadAverage();
  const t0 = performance.now();
  const ticks0 = cpuTicks(pid);
  const warmupCpuPercent = (ticks0 / hz / ((t0 - launched) / 1000)) * 100;
  await sleep(seconds * 1000);
  const cpuPercent = ((cpuTicks(pid) - ticks0) / hz / ((performance.now() - t0) / 1000)) * 100;
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  tmux.keys('fleet', 'q');
  return { firstFullFrameMs, cpuPercent, warmupCpuPercent, peakRssBytes: hwm === null ? NaN : Number(hwm[1]) * 1024, load: [load0, loadAverage()], laterMs };
}

/** The single-peer baseline and every fleet size. */
export interface FleetBenchResult {
  readonly single: FleetRun;
  readonly fleets: readonly FleetRun[];
}

/** The single-peer baseline and every fleet size, one after the other. */
export async function runFleetBench(sizes: readonly number[], seconds: number, warmupSeconds: number): Promise<FleetBenchResult> {
  const single = await runFleetRun(1, seconds, warmupSeconds);
  const fleets: FleetRun[] = [];
  for (const n of sizes) fleets.push(await runFleetRun(n, seconds, warmupSeconds));
  return { single, fleets };
}
