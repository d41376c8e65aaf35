// The PromQL cluster-top sends to a Prometheus-compatible server for one refresh of the fleet: a
// fixed set of queries whatever the number of peers (never one per peer). Peers are told apart by
// one label (`instance` unless --peer-label says otherwise); every metric-name generation is read
// by matching `__name__` against the catalogue's names, so one query covers `ipfscluster_*` and
// `cluster_*` peers alike. Also the step of a range query under the API's 11,000-point cap.

import {
  CLUSTER_COUNTER_NAMES,
  CLUSTER_GAUGE_NAMES,
  LIBP2P_CONNECTION_NAMES,
  PROCESS_NAMES,
  RPC_LATENCY_FAMILIES,
  RPC_METHOD_LABEL,
  type ClusterCounterKey,
} from './cluster-catalogue.js';

/** Which series are the cluster, and how peers are told apart. */
export interface PrometheusSelection {
  /**
   * The user's selector, `{job="ipfs-cluster"}` (its matchers are added to every query), or null:
   * then the cluster is every target that has a pinset gauge.
   */
  readonly selector: string | null;
  /** The label whose values are the peers (default `instance`). */
  readonly peerLabel: string;
}

/** The label that names a counter in the answer of the rates query. */
export const COUNTER_KEY_LABEL = 'cluster_top_counter';

/** The key (COUNTER_KEY_LABEL) of each peer's pinset sample time in the rates query's answer, unix seconds. */
export const PINSET_TIME_KEY = 'pinsetSampledAt';

/** The counters read as per-second rates: the cluster's, and the process CPU. */
export type RateKey = ClusterCounterKey | 'cpuSecondsTotal';

/** The queries of one refresh, each an instant query. */
export interface FleetQueries {
  /** At "now": the newest sample time of every peer's `up` (picks the evaluation instant). */
  readonly clock: string;
  /** `up` of every peer (0: the server could not scrape it). */
  readonly up: string;
  /** Every gauge the fleet shows, with its `__name__`. */
  readonly gauges: string;
  /** Every counter's rate over the window, labelled with COUNTER_KEY_LABEL; and each peer's pinset sample time (PINSET_TIME_KEY). */
  readonly rates: string;
  /** Bucket rates per (le, method, peer): asked only inside histogram_quantile (peerQuantileQuery), never as such. */
  readonly latencyPerPeer: string;
  /**
   * Every bucket series' rate as it is: a peer exports one series per (le, method), so this groups
   * as latencyPerPeer does without the server's aggregation, which is most of a range query's cost
   * (at 200 demo peers, 8 steps: 1.2 s instead of 4 s of a Prometheus's time).
   */
  readonly peerBuckets: string;
  /** Calls per second per (method, peer): the +Inf buckets' rates. */
  readonly peerCalls: string;
  /** Bucket rates per (le, method), the whole fleet. */
  readonly latencyFleet: string;
}

/** Most points of one series in a range answer (Prometheus refuses more). */
export const MAX_RANGE_POINTS = 11_000;

/** The inner matchers of a selector: `{job="x", env="y"}` → `job="x", env="y"`; checked for balance. */
export function selectorMatchers(selector: string | null): string {
  if (selector === null) return '';
  const trimmed = selector.trim();
  const inner = trimmed.startsWith('{') && trimmed.endsWith('}') ? trimmed.slice(1, -1).trim() : trimmed;
  if (/^__name__\s*[=!]/.test(inner) || /[{}]/.test(inner.replace(/"(?:[^"\\]|\\.)*"/g, ''))) {
    throw new RangeError(`--selector ${JSON.stringify(selector)}: give label matchers only, e.g. {job="ipfs-cluster"}`);
  }
  return inner;
}

/** A PromQL duration: whole seconds as `Ns`, else milliseconds. */
export function promDuration(ms: number): string {
  const whole = Math.round(ms);
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`;
}

/** `{__name__=~"a|b", <matchers>}`. */
function seriesOf(names: readonly string[], matchers: string): string {
  const name = `__name__=~"${[...new Set(names)].map(escapeRegex).join('|')}"`;
  return matchers === '' ? `{${name}}` : `{${name}, ${matchers}}`;
}

function escapeRegex(name: string): string {
  // Metric names hold [a-zA-Z0-9_:] only; nothing to escape but kept honest for the future.
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&');
}

/** Every name of the pinset gauge, newest generation first. */
const PINSET_NAMES = CLUSTER_GAUGE_NAMES.pins;

/** Every gauge name the fleet reads: the cluster's, the process's, and libp2p's two connection counters (read as values). */
export function gaugeNames(): string[] {
  return [...Object.values(CLUSTER_GAUGE_NAMES).flat(), PROCESS_NAMES.residentMemoryBytes, PROCESS_NAMES.startTimeSeconds, PROCESS_NAMES.openFds, PROCESS_NAMES.maxFds, PROCESS_NAMES.goroutines, LIBP2P_CONNECTION_NAMES.opened, LIBP2P_CONNECTION_NAMES.closed];
}

/** The names of each counter read as a rate, newest first. */
export function rateNames(): Readonly<Record<RateKey, readonly string[]>> {
  return { ...CLUSTER_COUNTER_NAMES, cpuSecondsTotal: [PROCESS_NAMES.cpuSecondsTotal] };
}

/** The queries of one refresh over a window of `windowMs`. */
export function fleetQueries(selection: PrometheusSelection, windowMs: number): FleetQueries {
  const matchers = selectorMatchers(selection.selector);
  const peer = selection.peerLabel;
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(peer)) throw new RangeError(`--peer-label ${JSON.stringify(peer)} is not a label name`);
  const pinset = seriesOf(PINSET_NAMES, matchers);
  // Without a selector, a series that is not the cluster's own (process_*, up) is kept only for
  // the targets that have a pinset gauge; `up` by the job of such targets, so that a peer that
  // stopped answering (its other series gone stale at once) is still a row.
  const onCluster = matchers === '' ? ` and on(${peer}) ${pinset}` : '';
  const up = matchers === '' ? `up and on(job) count by (job) (${pinset})` : `up{${matchers}}`;
  const clock = matchers === '' ? `timestamp(up) and on(job) count by (job) (${pinset})` : `timestamp(up{${matchers}})`;
  const w = promDuration(windowMs);
  const rates = Object.entries(rateNames())
    .map(([key, names]) => `label_replace(rate(${seriesOf(names, matchers)}[${w}]), "${COUNTER_KEY_LABEL}", "${key}", "${COUNTER_KEY_LABEL}", ".*")`)
    .join(' or ');
  // When each peer's pinset gauge was scraped: peers are scraped at different moments, and "out of
  // sync" allows for pins added between two peers' samples.
  const pinsetTime = `label_replace(timestamp(${pinset}), "${COUNTER_KEY_LABEL}", "${PINSET_TIME_KEY}", "${COUNTER_KEY_LABEL}", ".*")`;
  const keyed = `${rates} or ${pinsetTime}`;
  const buckets = `rate(${seriesOf(RPC_LATENCY_FAMILIES.map((f) => `${f}_bucket`), matchers)}[${w}])`;
  return {
    clock,
    up,
    gauges: `${seriesOf(gaugeNames(), matchers)}${onCluster}`,
    rates: matchers === '' ? `(${keyed})${onCluster}` : keyed,
    latencyPerPeer: `sum by (le, ${RPC_METHOD_LABEL}, ${peer}) (${buckets})`,
    peerBuckets: buckets,
    peerCalls: `sum by (${RPC_METHOD_LABEL}, ${peer}) (rate(${seriesOf(RPC_LATENCY_FAMILIES.map((f) => `${f}_bucket`), matchers === '' ? 'le="+Inf"' : `${matchers}, le="+Inf"`)}[${w}]))`,
    latencyFleet: `sum by (le, ${RPC_METHOD_LABEL}) (${buckets})`,
  };
}

/**
 * The histogram_quantile of a bucket-rate query, as a user would type it into the server, less its
 * NaN series (a method without calls in the window: a third of a demo fleet's): the calls query
 * lists every method anyway, and VictoriaMetrics leaves them out by itself.
 */
export function quantileQuery(q: number, bucketRates: string): string {
  return `histogram_quantile(${q}, ${bucketRates}) >= -Inf`;
}

/**
 * Each peer's q-quantile per method: over the bucket series as they are (`summed` false: cheap), or
 * over their sums per (le, method, peer) — the same figures, needed only when a (method, peer) has
 * more than one set of buckets (two jobs scraping one target, a --peer-label shared by targets),
 * which the cheap answer shows as a (method, peer) repeated (repeatsMethodPeer).
 */
export function peerQuantileQuery(q: number, queries: Pick<FleetQueries, 'latencyPerPeer' | 'peerBuckets'>, summed: boolean): string {
  return quantileQuery(q, summed ? queries.latencyPerPeer : queries.peerBuckets);
}

/** Whether two series of an answer have the same method and peer (then the summed form must be asked). */
export function repeatsMethodPeer(series: readonly { readonly labels: Readonly<Record<string, string>> }[], peerLabel: string): boolean {
  const seen = new Set<string>();
  for (const s of series) {
    const key = `${s.labels[RPC_METHOD_LABEL]}\u0000${s.labels[peerLabel]}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/**
 * The step of a range query from `startMs` to `endMs`: `wantedMs` (at least 1 ms), or the
 * smallest whole number of milliseconds that keeps every series within 11,000 points.
 */
export function rangeStep(startMs: number, endMs: number, wantedMs: number): number {
  const span = Math.max(0, endMs - startMs);
  // floor(span / step) + 1 points: at most MAX_RANGE_POINTS when step > span / MAX_RANGE_POINTS.
  const least = Math.floor(span / MAX_RANGE_POINTS) + 1;
  return Math.max(1, Math.ceil(wantedMs), least);
}
