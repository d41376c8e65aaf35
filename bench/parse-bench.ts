// Throughput of `parseExposition` against the npm package `parse-prometheus-text-format`, on the
// IPFS Cluster fixture and on generated IPFS-Cluster-like payloads of ~1 MB and ~20 MB: first
// scrape (fresh SeriesTable) and steady state (warm table, values changed), plus retained memory.
// Run alone with `node dist/bench/parse-bench.js`.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseExposition } from '../src/exposition/parse.js';
import { SeriesTable } from '../src/exposition/series-table.js';

/** One measured payload. Rates are medians over runs in which ours and the baseline alternate. */
export interface Row {
  /** Payload name. */
  readonly payload: string;
  /** Payload size in bytes and number of samples. */
  readonly bytes: number;
  readonly series: number;
  /** Ours, first scrape (fresh table): MB/s and series/s. */
  readonly coldMBps: number;
  readonly coldSeriesPerSec: number;
  /** Ours, steady state (warm table, values changed): MB/s and series/s. */
  readonly warmMBps: number;
  readonly warmSeriesPerSec: number;
  /** parse-prometheus-text-format on the same payloads (already decoded to strings): MB/s and series/s. */
  readonly baselineMBps: number;
  readonly baselineSeriesPerSec: number;
  /** Ours over the baseline: first scrape and steady state. */
  readonly coldRatio: number;
  readonly warmRatio: number;
  /** Retained heap + array-buffer bytes per series of a table and its last exposition (largest payload only). */
  readonly retainedBytesPerSeries: number | null;
}

type Baseline = (text: string) => unknown;

const METHODS = [
  'Cluster.ID', 'Cluster.IDStream', 'Cluster.Peers', 'Cluster.PeersWithFilter', 'Cluster.Pin', 'Cluster.Unpin',
  'Cluster.PinGet', 'Cluster.PinPath', 'Cluster.Status', 'Cluster.StatusAll', 'Cluster.RepoGC', 'Cluster.Join',
  'Consensus.LogPin', 'Consensus.LogUnpin', 'Consensus.Peers', 'IPFSConnector.Pin', 'IPFSConnector.Unpin',
  'IPFSConnector.PinLs', 'IPFSConnector.BlockStream', 'IPFSConnector.RepoStat', 'PinTracker.Track',
  'PinTracker.Untrack', 'PinTracker.Status', 'PinTracker.StatusAll', 'PinTracker.Recover', 'PeerMonitor.LatestMetrics',
  'PeerMonitor.MetricNames', 'API.Add', 'API.Alerts', 'API.Version',
];
const BOUNDS = [
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200,
  250, 300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

/** Deterministic pseudo-random numbers in [0, 1). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Writes an IPFS-Cluster-like payload of about `targetBytes`; `round` changes the values only, never the series set. */
export function generatePayload(targetBytes: number, round: number): string {
  const rand = rng(1234 + round * 7919);
  const out: string[] = [];
  let size = 0; // counts every value as 8 bytes, so that all rounds have the same lines
  const emit = (key: string, value?: string): void => {
    out.push(value === undefined ? key : key + ' ' + value);
    size += key.length + (value === undefined ? 1 : 9);
  };
  emit('# HELP go_goroutines Number of goroutines that currently exist.');
  emit('# TYPE go_goroutines gauge');
  emit('go_goroutines', String(1800 + round));
  emit('# HELP process_max_fds Maximum number of open file descriptors.');
  emit('# TYPE process_max_fds gauge');
  emit('process_max_fds', '1.048576e+06');
  emit('# HELP ipfscluster_opencensus_io_http_server_request_count Count of HTTP requests started');
  emit('# TYPE ipfscluster_opencensus_io_http_server_request_count counter');
  emit('ipfscluster_opencensus_io_http_server_request_count', String(10412 + round * 31));
  const families = ['server_latency', 'server_received_bytes_per_rpc', 'server_sent_bytes_per_rpc'];
  for (let shard = 0; size < targetBytes; shard++) {
    for (const fam of families) {
      const name = `ipfscluster_gorpc_libp2p_io_server_${fam}${shard === 0 ? '' : '_' + shard}`;
      emit(`# HELP ${name} Distribution of ${fam.replace(/_/g, ' ')}, by method.`);
      emit(`# TYPE ${name} histogram`);
      for (let m = 0; m < METHODS.length && size < targetBytes; m++) {
        const method = METHODS[m];
        let cum = 0;
        let sum = 0;
        for (const le of BOUNDS) {
          const add = Math.floor(rand() * 50 * (1 + round));
          cum += add;
          sum += add * le * 0.7;
          emit(`${name}_bucket{gorpc_server_method="${method}",le="${le}"}`, String(cum));
        }
        emit(`${name}_bucket{gorpc_server_method="${method}",le="+Inf"}`, String(cum));
        emit(`${name}_sum{gorpc_server_method="${method}"}`, String(sum + rand()));
        emit(`${name}_count{gorpc_server_method="${method}"}`, String(cum));
      }
    }
  }
  return out.join('\n') + '\n';
}

/** Collects garbage for the retained-memory measurement (enabled here, so that no command-line flag is needed). */
let collect: (() => void) | undefined;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = (globalThis as { gc?: () => void }).gc;
}

/** Wall time of one call, in ms. */
function timeMs(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Median of a list of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Checks a parse succeeded (a benchmark of a failing parse would be meaningless) and returns its series count. */
function mustParse(bytes: Uint8Array, table: SeriesTable): number {
  const r = parseExposition(bytes, { format: 'text', table });
  if (!r.ok) throw new Error(`bench payload rejected: ${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition.series.length;
}

/** Measures one payload given as two scrapes with the same series and different values. */
function measure(payload: string, a: Uint8Array, b: Uint8Array, baseline: Baseline): Row {
  const series = mustParse(a, new SeriesTable());
  const texts = [new TextDecoder().decode(a), new TextDecoder().decode(b)];
  const runs = a.length > 5e6 ? 7 : a.length > 5e5 ? 15 : 31;
  const cold: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    // Alternate ours and the baseline so that both see the same machine load; skip two warm-up rounds.
    // (No forced GC in between: a full GC shrinks the young generation and slows the next run of either.)
    const c = timeMs(() => mustParse(i % 2 === 0 ? a : b, new SeriesTable()));
    const t = texts[i % 2];
    const bl = timeMs(() => baseline(t));
    if (i >= 2) {
      cold.push(c);
      base.push(bl);
    }
  }
  const table = new SeriesTable();
  mustParse(a, table);
  const warm: number[] = [];
  const warmRuns = Math.max(20, Math.round(2e8 / a.length));
  for (let i = 0; i < warmRuns + 10; i++) {
    const ms = timeMs(() => mustParse(i % 2 === 0 ? b : a, table));
    if (i >= 10) warm.push(ms);
  }
  const mb = a.length / 1e6;
  const [c, w, bl] = [median(cold), median(warm), median(base)];
  return {
    payload,
    bytes: a.length,
    series,
    coldMBps: mb / (c / 1000),
    coldSeriesPerSec: series / (c / 1000),
    warmMBps: mb / (w / 1000),
    warmSeriesPerSec: series / (w / 1000),
    baselineMBps: mb / (bl / 1000),
    baselineSeriesPerSec: series / (bl / 1000),
    coldRatio: bl / c,
    warmRatio: bl / w,
    retainedBytesPerSeries: null,
  };
}

/** Retained bytes per series of a warm table plus its last exposition (null without a way to collect garbage). */
function retainedPerSeries(a: Uint8Array, b: Uint8Array): number | null {
  const gc = collect;
  if (gc === undefined) return null;
  const used = (): number => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  const table = new SeriesTable();
  mustParse(a, table);
  const last = parseExposition(b, { format: 'text', table });
  const after = used();
  const count = last.ok ? last.exposition.series.length : 1;
  const perSeries = (after - before) / count;
  if (!last.ok || table.size !== count) throw new Error('retained-memory run did not parse as expected');
  return perSeries;
}

/** Runs every measurement and returns the rows (also printed as a table). */
export async function runParseBench(): Promise<Row[]> {
  const require = createRequire(import.meta.url);
  const baseline = require('parse-prometheus-text-format') as Baseline;
  const enc = new TextEncoder();
  const fixture = (name: string): Uint8Array =>
    new Uint8Array(readFileSync(new URL(`../../test/fixtures/ipfs-cluster/${name}`, import.meta.url)));
  const rows: Row[] = [];
  rows.push(measure('fixture peer-t0/t10s', fixture('peer-t0.prom'), fixture('peer-t10s.prom'), baseline));
  rows.push(measure('generated ~1 MB', enc.encode(generatePayload(1_000_000, 0)), enc.encode(generatePayload(1_000_000, 1)), baseline));
  {
    const a = enc.encode(generatePayload(20_000_000, 0));
    const b = enc.encode(generatePayload(20_000_000, 1));
    rows.push({ ...measure('generated ~20 MB', a, b, baseline), retainedBytesPerSeries: retainedPerSeries(a, b) });
  }
  const f = (x: number, w: number, d = 1): string => x.toFixed(d).padStart(w);
  const m = (x: number, w: number): string => (x / 1e6).toFixed(2).padStart(w);
  console.log('payload                   bytes   series | ours first scrape  | ours steady state   | parse-prometheus-text-format | first  steady | retained');
  console.log('                                         |    MB/s  Mseries/s |    MB/s  Mseries/s  |         MB/s  Mseries/s      |  ratio  ratio | B/series');
  for (const r of rows) {
    console.log(
      `${r.payload.padEnd(22)} ${String(r.bytes).padStart(9)} ${String(r.series).padStart(8)} | ${f(r.coldMBps, 7)} ${m(r.coldSeriesPerSec, 10)} | ` +
        `${f(r.warmMBps, 7)} ${m(r.warmSeriesPerSec, 10)}  | ${f(r.baselineMBps, 12)} ${m(r.baselineSeriesPerSec, 10)}      | ` +
        `${f(r.coldRatio, 5, 2)}x ${f(r.warmRatio, 5, 1)}x | ${r.retainedBytesPerSeries === null ? 'n/a' : f(r.retainedBytesPerSeries, 8)}`,
    );
  }
  return rows;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runParseBench();
}
