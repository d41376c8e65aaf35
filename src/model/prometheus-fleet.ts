// The fleet as a Prometheus-compatible server sees it, in the shapes the fleet view already uses:
// the answers of one refresh's queries (prometheus-queries.ts), all evaluated at one instant,
// become one FleetPeerInput per peer (its snapshot: gauges, counter rates, process, and its RPC
// methods as the server computed them: calls per second and the quantiles at the refresh's keys)
// and the FleetLatency (those per peer, and the fleet's summed bucket rates), so fleetReport()
// gives the `--once --json` report with `to` = the evaluation instant. Pure: no I/O.

import { CLUSTER_GAUGE_NAMES, LIBP2P_CONNECTION_NAMES, PROCESS_NAMES, RPC_METHOD_LABEL, type ClusterGaugeKey } from './cluster-catalogue.js';
import type { FleetLatency } from './fleet-latency.js';
import { comparePeerNames, type FleetPeerInput } from './fleet-peers.js';
import { COUNTER_KEY_LABEL, PINSET_TIME_KEY, rateNames, type RateKey } from './prometheus-queries.js';
import type { MethodRates } from './rpc-latency.js';
import { PackedMethodRates } from './packed-rates.js';
import { initialScrapeStatus, type ScrapeStatus } from './scrape-status.js';
import { missingOf, notesOf, openConnections, type ClusterRates, type PeerSnapshot, type ProcessFigures } from './snapshot.js';

/** One series of an instant answer: its labels and value. */
export interface LabelledValue {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** The answers of one refresh, every query evaluated at `evalMs`. */
export interface PrometheusFleetAnswers {
  /** The evaluation instant, unix ms. */
  readonly evalMs: number;
  readonly up: readonly LabelledValue[];
  readonly gauges: readonly LabelledValue[];
  readonly rates: readonly LabelledValue[];
  /** Calls per second per (method, peer). */
  readonly peerCalls: readonly LabelledValue[];
  /** The server's histogram_quantile per (method, peer) at each of `keys`. */
  readonly peerQuantiles: { readonly keys: readonly number[]; readonly perKey: readonly (readonly LabelledValue[])[] };
  /** Bucket rates per (le, method), the whole fleet. */
  readonly latencyFleet: readonly LabelledValue[];
}

/** How the answers are read. */
export interface PrometheusFleetOptions {
  /** The label whose values are the peers. */
  readonly peerLabel: string;
  readonly windowMs: number;
  readonly quantile: number;
  /** The refresh interval, ms (the peers' status carries it). */
  readonly intervalMs: number;
}

/** The fleet at the evaluation instant, as the fleet monitor publishes it. */
export interface PrometheusFleet {
  /** One per peer, ordered by name (numbers in names compared as numbers). */
  readonly peers: readonly FleetPeerInput[];
  readonly latency: FleetLatency;
}

/** Why a peer whose `up` is 0 has no figures. */
export const SERVER_COULD_NOT_SCRAPE = 'down: the server\'s latest scrape of it failed (up = 0)';

/** Peers, their snapshots and the fleet latency from one refresh's answers. */
export function prometheusFleet(answers: PrometheusFleetAnswers, options: PrometheusFleetOptions): PrometheusFleet {
  const label = options.peerLabel;
  const names = new Set<string>();
  for (const list of [answers.up, answers.gauges, answers.rates, answers.peerCalls]) {
    for (const s of list) {
      const name = s.labels[label];
      if (name !== undefined && name !== '') names.add(name);
    }
  }
  const ordered = [...names].sort(comparePeerNames);
  const up = maxBy(answers.up, label);
  const gauges = groupBy(answers.gauges, label);
  const rates = groupBy(answers.rates, label);
  const latency = peerLatencies(answers, label);
  const perPeer: MethodRates[][] = [];
  const peers = ordered.map((name): FleetPeerInput => {
    const methodRates = latency.get(name) ?? [];
    perPeer.push(methodRates);
    const status = initialScrapeStatus(options.intervalMs, answers.evalMs);
    if (up.get(name) === 0) {
      perPeer[perPeer.length - 1] = [];
      const failure = { kind: 'network' as const, message: SERVER_COULD_NOT_SCRAPE, atMs: answers.evalMs };
      return { name, target: name, status: { ...status, answered: 1, failure } };
    }
    const snapshot = peerSnapshot(name, answers.evalMs, gauges.get(name) ?? [], rates.get(name) ?? [], methodRates, options);
    const ok: ScrapeStatus = { ...status, answered: 1, snapshot, lastOkMs: answers.evalMs };
    return { name, target: name, status: ok, pinsPerSecond: null };
  });
  return { peers, latency: { evalMs: answers.evalMs, perPeer, fleet: bucketRates(answers.latencyFleet) } };
}

/** A peer's snapshot at `evalMs` from its series of each answer. */
function peerSnapshot(name: string, evalMs: number, gauges: readonly LabelledValue[], rates: readonly LabelledValue[], methodRates: MethodRates[], options: PrometheusFleetOptions): PeerSnapshot {
  const byName = new Map<string, number>();
  for (const s of gauges) if (s.labels.__name__ !== undefined) byName.set(s.labels.__name__, s.value);
  const value = (metric: string): number | null => finiteOrNull(byName.get(metric) ?? NaN);
  const cluster = {} as Record<ClusterGaugeKey, number | null>;
  let clusterFound = 0;
  for (const [key, candidates] of Object.entries(CLUSTER_GAUGE_NAMES) as [ClusterGaugeKey, readonly string[]][]) {
    const present = candidates.find((n) => byName.has(n));
    cluster[key] = present === undefined ? null : value(present);
    if (present !== undefined) clusterFound++;
  }
  const byKey = new Map<string, number>();
  for (const s of rates) if (s.labels[COUNTER_KEY_LABEL] !== undefined) byKey.set(s.labels[COUNTER_KEY_LABEL], s.value);
  const rate = (key: RateKey): number | null => finiteOrNull(byKey.get(key) ?? NaN);
  const clusterRates = {} as Record<keyof ClusterRates, number | null>;
  for (const key of Object.keys(rateNames()) as RateKey[]) if (key !== 'cpuSecondsTotal') clusterRates[key] = rate(key);
  const cpu = rate('cpuSecondsTotal');
  const sampledS = byKey.get(PINSET_TIME_KEY);
  const start = value(PROCESS_NAMES.startTimeSeconds);
  const process: ProcessFigures = {
    residentMemoryBytes: value(PROCESS_NAMES.residentMemoryBytes),
    cpuPercent: cpu === null ? null : cpu * 100,
    goroutines: value(PROCESS_NAMES.goroutines),
    openFds: value(PROCESS_NAMES.openFds),
    maxFds: value(PROCESS_NAMES.maxFds),
    uptimeSeconds: start === null ? null : evalMs / 1000 - start,
    libp2pConnections: openConnections(byName.get(LIBP2P_CONNECTION_NAMES.opened) ?? NaN, byName.get(LIBP2P_CONNECTION_NAMES.closed) ?? NaN),
  };
  const missing = missingOf(clusterFound === 0, methodRates.length === 0);
  const notes = notesOf(missing);
  return {
    target: name,
    from: evalMs - options.windowMs,
    to: evalMs,
    ...(sampledS !== undefined && Number.isFinite(sampledS) ? { sampledMs: Math.round(sampledS * 1000) } : {}),
    quantile: options.quantile,
    windowMs: options.windowMs,
    cluster,
    rates: clusterRates,
    process,
    methodRates,
    notes,
    missing,
  };
}

/**
 * Each peer's methods as the server computed them: calls per second, and the quantiles at the
 * refresh's keys (PackedMethodRates without buckets, carrying them: any other quantile is NaN).
 * Methods in order of first appearance in the calls answer, then of the quantile answers.
 */
export function peerLatencies(answers: Pick<PrometheusFleetAnswers, 'peerCalls' | 'peerQuantiles'>, label: string): Map<string, MethodRates[]> {
  const { keys, perKey } = answers.peerQuantiles;
  const rows = new Map<string, Map<string, { calls: number; values: Float64Array }>>();
  const rowOf = (s: LabelledValue) => {
    const peer = s.labels[label];
    const method = s.labels[RPC_METHOD_LABEL];
    if (peer === undefined || method === undefined) return null;
    let methods = rows.get(peer);
    if (methods === undefined) rows.set(peer, (methods = new Map()));
    let row = methods.get(method);
    if (row === undefined) methods.set(method, (row = { calls: NaN, values: new Float64Array(keys.length).fill(NaN) }));
    return row;
  };
  for (const s of answers.peerCalls) {
    const row = rowOf(s);
    if (row !== null) row.calls = s.value;
  }
  perKey.forEach((series, k) => {
    for (const s of series) {
      const row = rowOf(s);
      if (row !== null) row.values[k] = s.value;
    }
  });
  const out = new Map<string, MethodRates[]>();
  for (const [peer, methods] of rows) {
    out.set(peer, [...methods].map(([method, row]) => new PackedMethodRates(method, row.calls, NO_BUCKETS, NO_BUCKETS, 0, 0, { keys, values: row.values }, 0)));
  }
  return out;
}

const NO_BUCKETS = new Float64Array(0);

/**
 * Bucket rates per method from `sum by (le, gorpc_server_method[, peer])` answers: buckets grouped
 * by the float value of `le` (a `le` that is not a number is skipped, as Prometheus does), methods
 * in order of first appearance; calls per second = the `+Inf` bucket's rate (NaN without it).
 */
export function bucketRates(series: readonly LabelledValue[]): MethodRates[] {
  const byMethod = new Map<string, Map<number, number>>();
  for (const s of series) {
    const method = s.labels[RPC_METHOD_LABEL];
    const le = parseLe(s.labels.le);
    if (method === undefined || Number.isNaN(le)) continue;
    let sums = byMethod.get(method);
    if (sums === undefined) byMethod.set(method, (sums = new Map()));
    sums.set(le, (sums.get(le) ?? 0) + s.value);
  }
  return [...byMethod].map(([method, sums]) => ({
    method,
    buckets: [...sums].map(([upperBound, count]) => ({ upperBound, count })).sort((a, b) => a.upperBound - b.upperBound),
    callsPerSecond: sums.get(Infinity) ?? NaN,
  }));
}

/** A `le` label as Go's ParseFloat reads it ("+Inf", "1e+06", "0.01"); NaN when it is none. */
function parseLe(raw: string | undefined): number {
  if (raw === undefined) return NaN;
  const text = raw.trim();
  if (/^[+]?inf(inity)?$/i.test(text)) return Infinity;
  if (/^-inf(inity)?$/i.test(text)) return -Infinity;
  return text === '' ? NaN : Number(text);
}

function groupBy(series: readonly LabelledValue[], label: string): Map<string, LabelledValue[]> {
  const out = new Map<string, LabelledValue[]>();
  for (const s of series) {
    const key = s.labels[label];
    if (key === undefined) continue;
    const list = out.get(key);
    if (list === undefined) out.set(key, [s]);
    else list.push(s);
  }
  return out;
}

/** The highest value per peer (a peer scraped by two jobs is up when either scrape works). */
function maxBy(series: readonly LabelledValue[], label: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of series) {
    const key = s.labels[label];
    if (key !== undefined && !(s.value <= (out.get(key) ?? -Infinity))) out.set(key, s.value);
  }
  return out;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
