// Turns one parsed scrape into the few numbers cluster-top keeps: cluster gauges and counters,
// process figures, libp2p connection counters and the gorpc latency bucket counts.
// The mapping from series to slots is planned once per series set and reused while the parser
// hands back the same interned series array, so a steady-state scrape costs one pass over slots.
// Targets whose parser hands back the same array (peers of one cluster, see
// exposition/series-pool.ts) share its plan and latency layout.

import { latencyLayout, type LatencyColumn, type LatencyLayout } from './latency-layout.js';
import type { Exposition, Series } from '../exposition/types.js';
import {
  CLUSTER_COUNTER_NAMES,
  CLUSTER_GAUGE_NAMES,
  LIBP2P_CONNECTION_NAMES,
  PROCESS_NAMES,
  RPC_LATENCY_FAMILIES,
  RPC_METHOD_LABEL,
  type ClusterCounterKey,
  type ClusterGaugeKey,
} from './cluster-catalogue.js';

/** Process figure keys, as in PROCESS_NAMES. */
export type ProcessKey = keyof typeof PROCESS_NAMES;

/**
 * A scrape's bucket counts: whole numbers below 2^32 (nearly always) in half the memory, exactly;
 * any other value (a count past 2^32, a fraction, NaN) keeps the scrape's counts as float64. A
 * fleet keeps a window of these per peer: 5.5 MiB instead of 11 at 100 demo peers.
 */
export type BucketCounts = Float64Array | Uint32Array;

/** What cluster-top keeps of one scrape. Absent numbers are NaN. */
export interface PeerSample {
  /** Scrape time, unix ms. */
  readonly tMs: number;
  readonly gauges: Readonly<Record<ClusterGaugeKey, number>>;
  readonly counters: Readonly<Record<ClusterCounterKey, number>>;
  readonly process: Readonly<Record<ProcessKey, number>>;
  /** Sum of libp2p swarm connections opened (all label sets). */
  readonly libp2pOpened: number;
  /** Sum of libp2p swarm connections closed (all label sets). */
  readonly libp2pClosed: number;
  /** Latency buckets present in this scrape, or null when the peer exposes none. */
  readonly latency: LatencyLayout | null;
  /** Bucket counts, one per column of `latency` (BucketCounts: 32-bit when every count fits). */
  readonly latencyValues: BucketCounts;
  /** How many of the cluster gauges and counters were found (0 means: not a cluster endpoint). */
  readonly clusterMetricsFound: number;
}

/**
 * Most latency bucket series kept per scrape (a real peer has ~750). Every kept scrape's windowed
 * rates per method are remembered by the trend, so a hostile peer with tens of thousands of
 * methods would otherwise cost gigabytes; the columns past this many are ignored.
 */
export const MAX_LATENCY_COLUMNS = 4096;

/** Series indices per slot; a slot value is the sum of its series (first occurrence of each). */
interface ExtractionPlan {
  readonly gauges: Record<ClusterGaugeKey, number[]>;
  readonly counters: Record<ClusterCounterKey, number[]>;
  readonly process: Record<ProcessKey, number[]>;
  readonly libp2pOpened: number[];
  readonly libp2pClosed: number[];
  readonly latency: LatencyLayout | null;
  readonly latencyIndices: number[];
  readonly clusterMetricsFound: number;
}

/**
 * The extraction plan of each series array still in use, for every target that is handed it: a
 * cluster's peers are read into one array (their parsers share a layout), so 100 peers plan once.
 */
export class ExtractionPlans {
  private readonly bySeries = new WeakMap<readonly Series[], ExtractionPlan>();

  /** The plan of `series`: the one made already, else a new one (reusing `previousLayout` when its columns are the same). */
  planFor(series: readonly Series[], previousLayout: LatencyLayout | null): ExtractionPlan {
    let plan = this.bySeries.get(series);
    if (plan === undefined) {
      plan = planExtraction(series, previousLayout);
      this.bySeries.set(series, plan);
    }
    return plan;
  }
}

/** The plans every extractor shares unless given its own. */
export const SHARED_PLANS = new ExtractionPlans();

/** Extracts PeerSamples from successive scrapes of one target, planning once per series set. */
export class PeerSampleExtractor {
  private lastSeries: readonly Series[] | null = null;
  private plan: ExtractionPlan | null = null;

  constructor(private readonly plans: ExtractionPlans = SHARED_PLANS) {}

  /** The PeerSample of one parsed scrape taken at `tMs`. */
  extract(exposition: Exposition, tMs: number): PeerSample {
    if (this.plan === null || exposition.series !== this.lastSeries) {
      this.plan = this.plans.planFor(exposition.series, this.plan?.latency ?? null);
      this.lastSeries = exposition.series;
    }
    const plan = this.plan;
    const values = exposition.values;
    const latencyValues = bucketCounts(values, plan.latencyIndices);
    return {
      tMs,
      gauges: sumSlots(plan.gauges, values),
      counters: sumSlots(plan.counters, values),
      process: sumSlots(plan.process, values),
      libp2pOpened: sumIndices(plan.libp2pOpened, values),
      libp2pClosed: sumIndices(plan.libp2pClosed, values),
      latency: plan.latency,
      latencyValues,
      clusterMetricsFound: plan.clusterMetricsFound,
    };
  }
}

/** The values at `indices`, 32-bit when each is a whole number in [0, 2^32). */
export function bucketCounts(values: Float64Array, indices: readonly number[]): BucketCounts {
  let whole = true;
  for (let i = 0; i < indices.length && whole; i++) {
    const v = values[indices[i]];
    whole = v === v >>> 0 && (v !== 0 || 1 / v > 0); // -0 stays float64
  }
  const out = whole ? new Uint32Array(indices.length) : new Float64Array(indices.length);
  for (let i = 0; i < indices.length; i++) out[i] = values[indices[i]];
  return out;
}

function sumIndices(indices: readonly number[], values: Float64Array): number {
  if (indices.length === 0) return NaN;
  let sum = 0;
  for (const i of indices) sum += values[i];
  return sum;
}

function sumSlots<K extends string>(slots: Record<K, number[]>, values: Float64Array): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const key in slots) out[key] = sumIndices(slots[key], values);
  return out;
}

function planExtraction(series: readonly Series[], previousLayout: LatencyLayout | null): ExtractionPlan {
  const byName = new Map<string, number[]>();
  const seen = new Set<number>();
  for (let i = 0; i < series.length; i++) {
    const s = series[i];
    if (seen.has(s.id)) continue; // a duplicated series counts once, like Prometheus keeps the first
    seen.add(s.id);
    let list = byName.get(s.name);
    if (list === undefined) byName.set(s.name, (list = []));
    list.push(i);
  }
  const pick = (names: readonly string[]): number[] => {
    for (const name of names) {
      const found = byName.get(name);
      if (found !== undefined) return found;
    }
    return [];
  };
  const gauges = mapRecord(CLUSTER_GAUGE_NAMES, pick);
  const counters = mapRecord(CLUSTER_COUNTER_NAMES, pick);
  const process = mapRecord(PROCESS_NAMES, (name) => pick([name]));
  let clusterMetricsFound = 0;
  for (const list of [...Object.values(gauges), ...Object.values(counters)]) if (list.length > 0) clusterMetricsFound++;

  const { layout, indices } = planLatency(series, byName, previousLayout);
  return {
    gauges,
    counters,
    process,
    libp2pOpened: pick([LIBP2P_CONNECTION_NAMES.opened]),
    libp2pClosed: pick([LIBP2P_CONNECTION_NAMES.closed]),
    latency: layout,
    latencyIndices: indices,
    clusterMetricsFound,
  };
}

function planLatency(
  series: readonly Series[],
  byName: ReadonlyMap<string, number[]>,
  previousLayout: LatencyLayout | null,
): { layout: LatencyLayout | null; indices: number[] } {
  for (const family of RPC_LATENCY_FAMILIES) {
    const found = byName.get(family + '_bucket');
    if (found === undefined) continue;
    const indices: number[] = [];
    const columns: LatencyColumn[] = [];
    for (const i of found) {
      if (columns.length === MAX_LATENCY_COLUMNS) break;
      const s = series[i];
      const method = s.labels[RPC_METHOD_LABEL];
      if (method === undefined || Number.isNaN(s.le)) continue;
      indices.push(i);
      columns.push({ seriesId: s.id, method, le: s.le });
    }
    if (columns.length === 0) continue;
    if (previousLayout !== null && sameColumns(previousLayout, family, columns)) return { layout: previousLayout, indices };
    return { layout: latencyLayout(family, columns), indices };
  }
  return { layout: null, indices: [] };
}

function sameColumns(layout: LatencyLayout, family: string, columns: readonly LatencyColumn[]): boolean {
  if (layout.family !== family || layout.seriesIds.length !== columns.length) return false;
  for (let i = 0; i < columns.length; i++) if (layout.seriesIds[i] !== columns[i].seriesId) return false;
  return true;
}

function mapRecord<K extends string, V, W>(record: Readonly<Record<K, V>>, f: (v: V) => W): Record<K, W> {
  const out = {} as Record<K, W>;
  for (const key in record) out[key] = f(record[key]);
  return out;
}
