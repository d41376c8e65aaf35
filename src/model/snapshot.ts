// The peer's state at the newest scrape, as plain data: what `--once` prints and what the
// dashboard's view-model starts from. Rates use the samples inside the window.

import { counterIncreaseBetween } from './counter.js';
import {
  CLUSTER_COUNTER_KEYS,
  NOT_A_CLUSTER_HINT,
  TRACING_HINT,
  type ClusterCounterKey,
  type ClusterGaugeKey,
} from './cluster-catalogue.js';
import type { PeerSample } from './peer-sample.js';
import { methodQuantile, windowedMethodRates, type MethodRates, type RateVariant } from './rpc-latency.js';

/** How a snapshot is computed. */
export interface SnapshotOptions {
  /** The scraped URL or replayed folder, shown as is (escaped by the view). */
  readonly target: string;
  /** Quantile φ in [0, 1], e.g. 0.95. */
  readonly quantile: number;
  /** Window for rates and the latency quantile, ms. */
  readonly windowMs: number;
  /** Prometheus rate() semantics to follow. */
  readonly variant: RateVariant;
  /** PeerHistory.countersSteadyFrom of the samples, when known: a window from there on is rated from its two ends. */
  readonly countersSteadyFrom?: number;
}

/** One RPC method's row: its latency quantile (ms) and calls per second; null = no calls. */
export interface RpcRow {
  readonly method: string;
  readonly latencyMs: number | null;
  readonly callsPerSecond: number | null;
}

/** Per-second rates of the cluster counters (null when not exposed or not enough samples). */
export type ClusterRates = Readonly<Record<ClusterCounterKey, number | null>>;

/** The peer process and its libp2p host. */
export interface ProcessFigures {
  readonly residentMemoryBytes: number | null;
  readonly cpuPercent: number | null;
  readonly goroutines: number | null;
  readonly openFds: number | null;
  readonly maxFds: number | null;
  readonly uptimeSeconds: number | null;
  readonly libp2pConnections: number | null;
}

/** Everything cluster-top knows about the peer at its newest scrape. */
export interface PeerSnapshot {
  readonly target: string;
  /** Oldest and newest scrape used, unix ms (null before the first scrape). */
  readonly from: number | null;
  readonly to: number | null;
  /** When its gauges were sampled, unix ms, when not at `to` (a server's answers at an instant: the peer's scrape before it). */
  readonly sampledMs?: number;
  readonly quantile: number;
  readonly windowMs: number;
  readonly cluster: Readonly<Record<ClusterGaugeKey, number | null>>;
  readonly rates: ClusterRates;
  readonly process: ProcessFigures;
  /** Windowed bucket rates per method, for re-deriving other quantiles (rpcRows makes `--once`'s rows of them). */
  readonly methodRates: readonly MethodRates[];
  /** Explanations the user should see (e.g. why the latency pane is empty). */
  readonly notes: readonly string[];
  /** What the newest scrape lacks, for the views to decide on (the notes say it in words). */
  readonly missing: SnapshotMissing;
}

/** What a peer's payload lacks: no cluster metric at all, or no RPC latency histograms (tracing off). */
export interface SnapshotMissing {
  readonly clusterMetrics: boolean;
  readonly rpcLatency: boolean;
}

/**
 * The snapshot of `samples` (oldest first) at the newest sample's time. `known` is
 * windowedMethodRates of the same samples and options when the caller has it already.
 */
export function buildSnapshot(samples: readonly PeerSample[], options: SnapshotOptions, known?: readonly MethodRates[]): PeerSnapshot {
  const newest = samples[samples.length - 1];
  const evalMs = newest?.tMs ?? NaN;
  const windowStart = evalMs - options.windowMs;
  const inWindow = samplesAfter(samples, windowStart);
  const methodRates = newest === undefined ? [] : (known ?? windowedMethodRates(samples, evalMs, options.windowMs, options.variant));
  const missing = missingOf(newest !== undefined && newest.clusterMetricsFound === 0, newest !== undefined && newest.latency === null);
  const notes = notesOf(missing);
  // The window is the samples' tail: from the counters' steady stretch on, its ends are enough.
  const steady = options.countersSteadyFrom !== undefined && samples.length - inWindow.length >= options.countersSteadyFrom;
  return {
    target: options.target,
    from: inWindow[0]?.tMs ?? null,
    to: newest?.tMs ?? null,
    quantile: options.quantile,
    windowMs: options.windowMs,
    cluster: mapValues(newest?.gauges, finiteOrNull),
    rates: counterRates(inWindow, steady),
    process: processFigures(inWindow, steady),
    methodRates,
    notes,
    missing,
  };
}

// What a snapshot lacks and says, shared by the snapshots that lack the same (nearly all lack
// nothing): a snapshot is made at every scrape of every peer and kept until the next one.
const MISSING: readonly SnapshotMissing[] = [false, true].flatMap((clusterMetrics) => [false, true].map((rpcLatency) => Object.freeze({ clusterMetrics, rpcLatency })));
const NOTES: readonly (readonly string[])[] = MISSING.map((m) => Object.freeze([...(m.clusterMetrics ? [NOT_A_CLUSTER_HINT] : []), ...(m.rpcLatency ? [TRACING_HINT] : [])]));

/** What a payload lacks, as one shared object per combination. */
export function missingOf(clusterMetrics: boolean, rpcLatency: boolean): SnapshotMissing {
  return MISSING[(clusterMetrics ? 2 : 0) + (rpcLatency ? 1 : 0)];
}

/** The notes that explain `missing` (one shared array per combination). */
export function notesOf(missing: SnapshotMissing): readonly string[] {
  return NOTES[MISSING.indexOf(missing)];
}

/** The samples (oldest first) taken after `startMs`. */
function samplesAfter(samples: readonly PeerSample[], startMs: number): readonly PeerSample[] {
  let first = 0;
  while (first < samples.length && !(samples[first].tMs > startMs)) first++;
  return first === 0 ? samples : samples.slice(first);
}

/** One row per method of `methodRates` at quantile q, ordered by compareRows. */
export function rpcRows(methodRates: readonly MethodRates[], q: number): RpcRow[] {
  // A loop, not a closure made per call: the fleet asks this at every frame (see src/feed/fleet-monitor.ts).
  const rows: RpcRow[] = [];
  for (const rates of methodRates) rows.push({ method: rates.method, latencyMs: finiteOrNull(methodQuantile(q, rates)), callsPerSecond: finiteOrNull(rates.callsPerSecond) });
  return rows.sort(compareRows);
}

/** The first of rpcRows(methodRates, q) that has a latency — the slowest method — found in one pass, or null. */
export function slowestMethod(methodRates: readonly MethodRates[], q: number): { readonly method: string; readonly latencyMs: number } | null {
  // The best so far in two locals, one object at the end: the fleet asks this of every peer at every frame.
  let bestMethod = '';
  let bestMs = NaN;
  for (let i = 0; i < methodRates.length; i++) {
    const rates = methodRates[i];
    const latencyMs = methodQuantile(q, rates);
    if (!Number.isFinite(latencyMs)) continue;
    // compareRows for two rows with a latency: the higher, then the first method by name.
    if (Number.isNaN(bestMs) || latencyMs > bestMs || (latencyMs === bestMs && rates.method < bestMethod)) {
      bestMethod = rates.method;
      bestMs = latencyMs;
    }
  }
  return Number.isNaN(bestMs) ? null : { method: bestMethod, latencyMs: bestMs };
}

/** Orders rows by latency (highest first), rows without a value last, then by method name. */
export function compareRows(a: RpcRow, b: RpcRow): number {
  if (a.latencyMs !== b.latencyMs) {
    if (a.latencyMs === null) return 1;
    if (b.latencyMs === null) return -1;
    return b.latencyMs - a.latencyMs;
  }
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

// Each counter's reader, made once: readers made per snapshot would lose their optimized code at
// every full collection (see src/feed/fleet-monitor.ts).
const COUNTER_READERS = CLUSTER_COUNTER_KEYS.map((key) => [key, (s: PeerSample) => s.counters[key]] as const);

function counterRates(samples: readonly PeerSample[], steady: boolean): ClusterRates {
  const out = {} as Record<ClusterCounterKey, number | null>;
  for (const [key, read] of COUNTER_READERS) out[key] = perSecond(samples, read, steady);
  return out;
}

function cpuSecondsOf(sample: PeerSample): number {
  return sample.process.cpuSecondsTotal;
}

/**
 * Open connections = opened − closed (no closed counter yet: none closed). A negative difference
 * (the closed counter ahead of the opened one, as after a fault) is no count at all: unknown.
 */
export function openConnections(opened: number, closed: number): number | null {
  const open = finiteOrNull(opened - (Number.isNaN(closed) ? 0 : closed));
  return open === null || open < 0 ? null : open;
}

function processFigures(samples: readonly PeerSample[], steady: boolean): ProcessFigures {
  const newest = samples[samples.length - 1];
  if (newest === undefined) {
    return { residentMemoryBytes: null, cpuPercent: null, goroutines: null, openFds: null, maxFds: null, uptimeSeconds: null, libp2pConnections: null };
  }
  const p = newest.process;
  const cpu = perSecond(samples, cpuSecondsOf, steady);
  return {
    residentMemoryBytes: finiteOrNull(p.residentMemoryBytes),
    cpuPercent: cpu === null ? null : cpu * 100,
    goroutines: finiteOrNull(p.goroutines),
    openFds: finiteOrNull(p.openFds),
    maxFds: finiteOrNull(p.maxFds),
    uptimeSeconds: finiteOrNull(newest.tMs / 1000 - p.startTimeSeconds),
    // The closed counter appears only after the first connection closes: missing means none.
    libp2pConnections: openConnections(newest.libp2pOpened, newest.libp2pClosed),
  };
}

/**
 * Points reused by perSecond() from call to call (it is synchronous and calls nothing that could
 * re-enter it): the live view makes seven series of a window's samples every second.
 */
const slots: { t: number; v: number }[] = [];

/**
 * Counter increase per second of sampled time (a decrease counts as a reset). `steady`: the
 * samples lie inside the counters' steady stretch (PeerHistory.countersSteadyFrom), where the
 * count is in every sample or in none and never goes down, so the increase is the last value
 * minus the first: the same numbers, read from the two ends alone.
 */
function perSecond(samples: readonly PeerSample[], read: (s: PeerSample) => number, steady: boolean): number | null {
  if (steady) {
    const last = samples.length < 2 ? NaN : read(samples[samples.length - 1]);
    if (Number.isNaN(last)) return null;
    const seconds = (samples[samples.length - 1].tMs - samples[0].tMs) / 1000;
    return finiteOrNull((last - read(samples[0])) / seconds);
  }
  let n = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    const v = read(s);
    if (Number.isNaN(v)) continue;
    if (n === slots.length) slots.push({ t: 0, v: 0 });
    const slot = slots[n++];
    slot.t = s.tMs;
    slot.v = v;
  }
  if (n < 2) return null;
  const seconds = (slots[n - 1].t - slots[0].t) / 1000;
  return finiteOrNull(counterIncreaseBetween(slots, 0, n - 1) / seconds);
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function mapValues<K extends string>(
  record: Readonly<Record<K, number>> | undefined,
  f: (v: number) => number | null,
): Record<ClusterGaugeKey, number | null> {
  const keys: ClusterGaugeKey[] = ['pins', 'pinQueued', 'pinning', 'pinErrors', 'ipfsPins', 'informerDisk'];
  const out = {} as Record<ClusterGaugeKey, number | null>;
  for (const key of keys) out[key] = record === undefined ? null : f((record as Record<string, number>)[key]);
  return out;
}
