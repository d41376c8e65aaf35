// `npm run bench`: every performance figure in one table, each beside the peer it is compared
// with, measured in the same run (medians; ratios rather than single absolute times).
// `npm run bench -- --json` prints the same rows as JSON; `-- --startup` measures only the start
// rows (about a minute); `-- --plugins` only what the bundle's plugins buy (plugins-bench.ts; not
// part of the full run); `-- --prometheus` only the fleet read from a real Prometheus; `-- --fleet`
// only the fleet rows (direct scrapes, about eleven minutes).

import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { runMemoryBench, type MemoryResult } from './memory-bench.js';
import { runParseBench, type Row as ParseRow } from './parse-bench.js';
import { runFleetBench, type FleetBenchResult } from './fleet-bench.js';
import { runPluginsBench, type PluginsResult } from './plugins-bench.js';
import { runPrometheusFleetRun, type PrometheusFleetRun } from './prometheus-fleet-bench.js';
import { runPollBench, startDemoProcess, type PollBenchRow } from './poll-bench.js';
import { runReadmeStartupBench, runStartupBench, type StartupResult } from './startup-bench.js';
import { runWatchBench, type WatchResult } from './terminal-bench.js';

/** A row shown for context, with no target of its own. */
function infoRow(figure: string, ours: string, peer: string, load: string, ratio = '-'): SummaryRow {
  return { figure, ours, peer, ratio, target: '-', met: true, info: true, load };
}

/** One line of the summary table. */
interface SummaryRow {
  readonly figure: string;
  readonly ours: string;
  readonly peer: string;
  readonly ratio: string;
  readonly target: string;
  readonly met: boolean;
  /** A figure shown for context, with no target of its own. */
  readonly info?: boolean;
  /** 1-minute load average while it was measured (start–end), as `uptime` shows it. */
  readonly load: string;
}

const json = process.argv.includes('--json');
const log = json ? (): void => undefined : (line: string): void => console.log(line);
/** `--quick`: shorter terminal and memory runs (20 s after 20 s, 20 000 scrapes), to try things out. */
const quick = process.argv.includes('--quick');
/** `--startup`: only the time-to-first-frame rows. */
const startupOnly = process.argv.includes('--startup');
/** `--plugins`: only the rows of plugins-bench.ts. */
const pluginsOnly = process.argv.includes('--plugins');
/** `--prometheus`: only the fleet read from a real Prometheus (prometheus-fleet-bench.ts). */
const prometheusOnly = process.argv.includes('--prometheus');
/** `--fleet`: only the fleet rows of fleet-bench.ts (demo clusters scraped directly). */
const fleetOnly = process.argv.includes('--fleet');
/** Only some rows: the parse, poll, watch and memory benches are left out. */
const some = startupOnly || pluginsOnly || prometheusOnly || fleetOnly;
/** The time-to-first-frame rows: in the full run and with `--startup`. */
const startupRows = !pluginsOnly && !prometheusOnly && !fleetOnly;
const watchSeconds = quick ? 20 : 60;
const watchWarmupSeconds = quick ? 20 : 60;
const longRunScrapes = quick ? 20_000 : 100_000;

const launcher = launcherBuild();
const parseLoad = loadavg()[0];
const parseRows: ParseRow[] = some ? [] : await quietly(runParseBench);
const pollLoad = [loadavg()[0]];
const pollRows: PollBenchRow[] = some ? [] : await runPollBench();
pollLoad.push(loadavg()[0]);
// One demo peer, in its own process, for the terminal benches.
const demo = await startDemoProcess();
let startup: StartupResult | null, watch: WatchResult | null, plugins: PluginsResult | null;
try {
  startup = startupRows ? await runStartupBench(demo.url, 7) : null;
  watch = some ? null : await runWatchBench(demo.url, watchSeconds, 10, watchWarmupSeconds);
  plugins = pluginsOnly ? await runPluginsBench(demo.url, 9) : null;
} finally {
  demo.child.kill('SIGTERM');
}
const readme = startupRows ? await runReadmeStartupBench(7) : null;
const memory: MemoryResult | null = some ? null : await runMemoryBench(longRunScrapes);
// The fleet: demo clusters of growing size, each watched after a warm-up, and one peer the same way.
// As for one peer watched (runWatchBench), a minute measured after a minute: what an operator
// who leaves it running pays; the first minute, start and JIT included, is a row of its own.
const fleet: FleetBenchResult | null = some && !fleetOnly ? null : await runFleetBench(quick ? [100] : [10, 50, 100, 200], quick ? 20 : 60, quick ? 20 : 60);
// The fleet read from a real Prometheus that has scraped it for a while (its history fills the sparklines).
const viaPrometheus: PrometheusFleetRun | null = some && !prometheusOnly ? null : await runPrometheusFleetRun(quick ? 100 : 200, quick ? 20 : 30, quick ? 20 : 30, quick ? 30 : 60);
const summary: SummaryRow[] = [];
const loads = (a: number, b: number): string => `${a.toFixed(1)}–${b.toFixed(1)}`;
for (const r of parseRows) {
  summary.push({
    figure: `parse steady state, ${r.payload}`,
    ours: `${(r.warmMBps / 1000).toFixed(2)} GB/s`,
    peer: `${r.baselineMBps.toFixed(1)} MB/s`,
    ratio: `${r.warmRatio.toFixed(1)}×`,
    target: r.bytes > 500_000 && r.bytes < 2_000_000 ? '≥ 20× and ≥ 1 GB/s' : '≥ 20×',
    met: r.warmRatio >= 20 && (!(r.bytes > 500_000 && r.bytes < 2_000_000) || r.warmMBps >= 1000),
    load: parseLoad.toFixed(1),
  });
  summary.push({
    figure: `parse first scrape, ${r.payload}`,
    ours: `${r.coldMBps.toFixed(1)} MB/s`,
    peer: `${r.baselineMBps.toFixed(1)} MB/s`,
    ratio: `${r.coldRatio.toFixed(2)}×`,
    target: '≥ 1.5×',
    met: r.coldRatio >= 1.5,
    load: parseLoad.toFixed(1),
  });
}
const retained = parseRows.find((r: ParseRow) => r.retainedBytesPerSeries !== null);
if (retained !== undefined) {
  summary.push({
    figure: `retained bytes per series, ${retained.payload}`,
    ours: retained.retainedBytesPerSeries!.toFixed(0),
    peer: '-',
    ratio: '-',
    target: '≤ 500',
    met: retained.retainedBytesPerSeries! <= 500,
    load: parseLoad.toFixed(1),
  });
}
for (const r of pollRows) {
  summary.push({
    figure: r.figure,
    ours: `${r.ours.toFixed(3)} ms`,
    peer: `${r.peer.toFixed(3)} ms (fetch + parse-prometheus-text-format)`,
    ratio: `${r.ratio.toFixed(1)}× cheaper`,
    target: r.target,
    met: r.met,
    load: loads(pollLoad[0], pollLoad[1]),
  });
  summary.push(infoRow('  beside it: a bare node:http GET (gzip, body collected, not decoded or parsed)', `${r.httpFloor.toFixed(3)} ms`, '-', loads(pollLoad[0], pollLoad[1]), `${(r.httpFloor / r.ours).toFixed(2)}× ours`));
}
if (watch !== null) {
  const o = watch.ours;
  const h = watch.htop;
  const load = loads(watch.load[0], watch.load[1]);
  summary.push(infoRow(`CPU in the first ${watch.warmupSeconds} s (start, JIT warm-up)`, `${o.firstCpuPercent.toFixed(2)} %`, `${h.firstCpuPercent.toFixed(2)} % (htop -d 10)`, load, `${(o.firstCpuPercent / h.firstCpuPercent).toFixed(1)}× htop`));
  summary.push({
    figure: `CPU watching the demo peer, 1 s, 120×40, next ${watch.seconds} s`,
    ours: `${o.cpuPercent.toFixed(2)} %`,
    peer: `${h.cpuPercent.toFixed(2)} % (htop -d 10)`,
    ratio: `${(o.cpuPercent / h.cpuPercent).toFixed(1)}× htop`,
    target: '≤ htop',
    met: o.cpuPercent <= h.cpuPercent,
    load,
  });
  summary.push({
    figure: 'terminal bytes per refresh, same run',
    ours: `${o.bytesPerRefresh.toFixed(0)} B`,
    peer: `${h.bytesPerRefresh.toFixed(0)} B (htop -d 10)`,
    ratio: `${(o.bytesPerRefresh / h.bytesPerRefresh).toFixed(2)}× htop`,
    target: '≤ 2× htop',
    met: o.bytesPerRefresh <= 2 * h.bytesPerRefresh,
    load,
  });
}
if (watch !== null) {
  summary.push({
    figure: `RSS while watching, after ${watch.seconds + watch.warmupSeconds} s at 1 s`,
    ours: `${(watch.ours.rssBytes / 2 ** 20).toFixed(0)} MiB`,
    peer: `${(watch.htop.rssBytes / 2 ** 20).toFixed(1)} MiB (htop)`,
    ratio: '-',
    target: '≤ 100 MB',
    met: watch.ours.rssBytes <= 100e6,
    load: loads(watch.load[0], watch.load[1]),
  });
}
if (startup !== null) summary.push({
  figure: 'time to first frame with data, 120×40',
  ours: `${startup.oursMs.toFixed(0)} ms`,
  peer: `${startup.nodeMs.toFixed(0)} ms (node -e 0)`,
  ratio: `${(startup.oursMs / startup.nodeMs).toFixed(1)}×`,
  target: '≤ 300 ms and ≤ 8×',
  met: startup.oursMs <= 300 && startup.oursMs / startup.nodeMs <= 8,
  load: loads(startup.load[0], startup.load[1]),
});
if (readme !== null) {
  const load = loads(readme.load[0], readme.load[1]);
  summary.push({
    figure: 'time to first frame, `npm run demo` (README)',
    ours: `${readme.npmDemoMs.toFixed(0)} ms`,
    peer: `${readme.npmNodeMs.toFixed(0)} ms (npm run of node -e 0)`,
    ratio: `${(readme.npmDemoMs / readme.npmNodeMs).toFixed(1)}×`,
    target: '≤ 300 ms',
    met: readme.npmDemoMs <= 300,
    load,
  });
  summary.push(infoRow('  beside it: node bin/cluster-top.js --demo', `${readme.directDemoMs.toFixed(0)} ms`, '-', load, `${(readme.directDemoMs / readme.npmDemoMs).toFixed(2)}× npm's`));
}
if (plugins !== null) {
  const load = loads(plugins.load[0], plugins.load[1]);
  const { shipped, esmWithPlugins: esm, published } = plugins;
  summary.push(infoRow('first frame, the bundle as shipped', `${shipped.firstFrameMs.toFixed(0)} ms`, `${published.firstFrameMs.toFixed(0)} ms (Ink, Yoga as published; ESM)`, load, `${(shipped.firstFrameMs / published.firstFrameMs).toFixed(2)}×`));
  summary.push(infoRow('  beside it: an ESM bundle with the plugins', `${esm.firstFrameMs.toFixed(0)} ms`, '-', load, `${(esm.firstFrameMs / published.firstFrameMs).toFixed(2)}× published`));
  const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
  summary.push(infoRow('RSS 3 s after the first frame, as shipped', mib(shipped.rssBytes), `${mib(published.rssBytes)} (as published); ESM with plugins ${mib(esm.rssBytes)}`, load, `${((shipped.rssBytes - published.rssBytes) / 2 ** 20).toFixed(1)} MiB`));
}
if (memory !== null) {
  const [first, last] = [memory.checkpoints[0], memory.checkpoints[memory.checkpoints.length - 1]];
  const load = loads(memory.load[0], memory.load[1]);
  const mb = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const mb1 = (b: number | null): string => (b === null ? '?' : `${(b / 2 ** 20).toFixed(1)}`);
  summary.push({
    figure: `RSS, ${memory.scrapes.toLocaleString('en')} scrapes at full speed`,
    ours: mb(memory.rssBytes),
    peer: `peak ${mb(memory.rssPeakBytes)}; heap ${mb(last.heapAfterGcBytes ?? NaN)} after GC`,
    ratio: '-',
    target: '≤ 100 MB',
    met: memory.rssBytes <= 100e6,
    load,
  });
  summary.push({
    figure: `RSS growth, ${first.scrapes / 1000}k → ${last.scrapes / 1000}k scrapes`,
    ours: `${(memory.growth * 100).toFixed(1)} %`,
    peer: `${mb(first.rssMedianBytes)} → ${mb(last.rssMedianBytes)}; heap after GC ${mb1(first.heapAfterGcBytes)} → ${mb1(last.heapAfterGcBytes)}`,
    ratio: '-',
    target: '≤ 5 %',
    met: memory.growth <= 0.05,
    load,
  });
}

if (fleet !== null) {
  const single = fleet.single;
  const mib = (b: number): string => `${(b / 2 ** 20).toFixed(0)} MiB`;
  for (const run of fleet.fleets) {
    const perPeer = run.cpuPercent / run.peers;
    const hundred = run.peers === 100;
    const load = loads(run.load[0], run.load[1]);
    summary.push({
      figure: `fleet of ${run.peers} demo peers at 2 s: CPU`,
      ours: `${run.cpuPercent.toFixed(2)} %`,
      peer: `${single.cpuPercent.toFixed(2)} % (one peer watched the same way)`,
      ratio: `${(perPeer / single.cpuPercent).toFixed(2)}× a peer`,
      target: hundred ? '≤ 5 %, ≤ 1.5× a peer' : '-',
      met: run.cpuPercent <= 5 && perPeer <= 1.5 * single.cpuPercent,
      info: !hundred,
      load,
    });
    summary.push(infoRow(`  same run: CPU in its first ${quick ? '20 s' : 'minute'} (start, JIT)`, `${run.warmupCpuPercent.toFixed(2)} %`, `${single.warmupCpuPercent.toFixed(2)} % (one peer)`, load));
    summary.push({
      figure: `  same run: peak RSS, first frame with all up`,
      ours: mib(run.peakRssBytes),
      peer: `${mib(single.peakRssBytes)}, ${single.firstFullFrameMs.toFixed(0)} ms (one peer)`,
      ratio: `${run.firstFullFrameMs.toFixed(0)} ms`,
      target: hundred ? '≤ 150 MiB, ≤ 1.5 s' : '-',
      met: run.peakRssBytes <= 150 * 2 ** 20 && run.firstFullFrameMs <= 1500,
      info: !hundred,
      load,
    });
  }
}

if (viaPrometheus !== null) {
  const run = viaPrometheus;
  const direct = fleet?.fleets.find((f) => f.peers === run.peers) ?? null;
  const load = loads(run.load[0], run.load[1]);
  summary.push({
    figure: `fleet of ${run.peers} via Prometheus at ${run.intervalSeconds} s: CPU`,
    ours: `${run.cpuPercent.toFixed(2)} %`,
    peer: direct === null ? '-' : `${direct.cpuPercent.toFixed(2)} % (the same fleet scraped directly at 2 s)`,
    ratio: direct === null ? '-' : `${(run.cpuPercent / direct.cpuPercent).toFixed(2)}×`,
    target: '≤ 3 %',
    met: run.cpuPercent <= 3,
    load,
  });
  summary.push(infoRow(`  same run: first frame with every row, RSS`, `${run.firstFullFrameMs.toFixed(0)} ms`, `peak RSS ${(run.peakRssBytes / 2 ** 20).toFixed(0)} MiB; server had ${run.historySeconds} s of data`, load));
  summary.push(infoRow(`  same run: every row's latency`, `${run.latencyFrameMs.toFixed(0)} ms`, '-', load));
  summary.push({
    figure: `  same run: first frame with the history`,
    ours: `${run.completeFrameMs.toFixed(0)} ms`,
    peer: `(the server's range query after the latency)`,
    ratio: '-',
    target: '≤ 2 s',
    met: run.completeFrameMs <= 2000,
    load,
  });
}

if (json) {
  console.log(JSON.stringify({ machine: machine(), launcher, parse: parseRows, poll: pollRows, startup, readme, plugins, watch, memory, fleet, viaPrometheus, summary }, null, 2));
} else {
  log('');
  log(`cluster-top bench on ${machine()}; the launcher ran ${launcher}`);
  const widths = [44, 12, 44, 12, 19, 3];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i])).join(' ');
  log(line(['figure', 'ours', 'peer (same run)', 'ratio', 'target', 'met']) + ' load');
  for (const r of summary) log(line([r.figure, r.ours, r.peer, r.ratio, r.target, r.info ? '-' : r.met ? 'yes' : 'NO']) + ' ' + r.load);
}

/** Runs `f` with console.log silenced when printing JSON (the parse bench prints its own table). */
async function quietly<T>(f: () => Promise<T>): Promise<T> {
  if (!json) return f();
  const original = console.log;
  console.log = () => undefined;
  try {
    return await f();
  } finally {
    console.log = original;
  }
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
}

/** Which build bin/cluster-top.js runs (the bundle when it is not older than the compiled tree). */
function launcherBuild(): string {
  try {
    const bundle = statSync(new URL('../cluster-top.cjs', import.meta.url)).mtimeMs;
    const compiled = statSync(new URL('../src/cli.js', import.meta.url)).mtimeMs;
    if (bundle >= compiled) return 'the bundle (dist/cluster-top.cjs, with its code cache)';
  } catch {
    // no bundle
  }
  return 'the compiled tree (dist/src; `npm run bundle` first for the bundle)';
}
