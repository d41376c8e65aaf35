// The latency history a Prometheus-compatible server already holds, turned into what the fleet's
// trends are filled with once the first refresh is on screen, put before its points. A trend point keeps each method's quantiles at
// the trend's keys, so the fill asks the server for exactly those: one range answer per key of
// histogram_quantile(q, <the refresh's per-peer bucket rates>) — a series per (method, peer), not
// one per bucket, ~40 times fewer points. The answers are regrouped here by step and peer into
// each point's method list and quantile array (in ms, as the buckets' bounds). Pure: no I/O.

import { RPC_METHOD_LABEL } from './cluster-catalogue.js';
import { LatencyTrend, type TrendPoint } from './latency-trend.js';

/** One series of a range answer: labels, times (unix seconds) and values. */
export interface RangeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly t: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** One peer's quantiles at one step: `values[m * keys + k]` for methods[m] at the k-th key (NaN when absent). */
export interface HistoryPoint {
  readonly methods: readonly string[];
  readonly values: Float64Array;
}

/** The fill by step: the steps' times (unix ms, ascending) and, per step, each peer's point. */
export interface HistorySteps {
  readonly times: readonly number[];
  readonly at: ReadonlyMap<number, ReadonlyMap<string, HistoryPoint>>;
}

/**
 * Most peer-steps one fill asks for. Each step costs the server a histogram_quantile over every
 * bucket series (~0.2 s of a small Prometheus's CPU at 200 demo peers, ~170,000 series) and adds a
 * point per (method, peer) to the answer: at 200 peers this is 8 steps, enough to fill the fleet
 * list's sparkline at 80 to 120 columns (8 cells) with the refresh's own point; 50 peers get 32.
 */
export const HISTORY_PEER_STEPS = 1_600;

/**
 * How many steps before the first refresh a fill asks for: enough to fill a trend of `capacity`
 * points with the refresh as its last, fewer when `peers` peers would pass `budget` peer-steps;
 * 0 when there is nothing to ask.
 */
export function historyStepCount(capacity: number, peers: number, budget = HISTORY_PEER_STEPS): number {
  if (peers <= 0 || capacity <= 1) return 0;
  return Math.max(0, Math.min(capacity - 1, Math.floor(budget / peers)));
}

/** Each series' value at `tMs` (unix ms), as an instant answer; null when no series has a point there (an engine that moved the steps, or no series). */
export function valuesAt(series: readonly RangeSeries[], tMs: number): { labels: Readonly<Record<string, string>>; value: number }[] | null {
  const out: { labels: Readonly<Record<string, string>>; value: number }[] = [];
  for (const s of series) {
    const last = s.t.length - 1;
    if (last >= 0 && Math.round(s.t[last] * 1000) === tMs) out.push({ labels: s.labels, value: s.values[last] });
  }
  return out.length === 0 ? null : out;
}

/**
 * Regroups the answers (`perKey[k]`: the range answer for the k-th of `keyCount` keys) by step
 * time and by the value of `peerLabel`; series without a peer or a method are skipped.
 */
export function historySteps(perKey: readonly (readonly RangeSeries[])[], keyCount: number, peerLabel: string): HistorySteps {
  // step → peer → method → quantile per key
  const grid = new Map<number, Map<string, Map<string, number[]>>>();
  perKey.forEach((series, k) => {
    for (const s of series) {
      const peer = s.labels[peerLabel];
      const method = s.labels[RPC_METHOD_LABEL];
      if (peer === undefined || peer === '' || method === undefined) continue;
      for (let i = 0; i < s.t.length; i++) {
        const tMs = Math.round(s.t[i] * 1000);
        let peers = grid.get(tMs);
        if (peers === undefined) grid.set(tMs, (peers = new Map()));
        let methods = peers.get(peer);
        if (methods === undefined) peers.set(peer, (methods = new Map()));
        let row = methods.get(method);
        if (row === undefined) methods.set(method, (row = new Array<number>(keyCount).fill(NaN)));
        row[k] = s.values[i];
      }
    }
  });
  const at = new Map<number, Map<string, HistoryPoint>>();
  for (const [tMs, peers] of grid) {
    const points = new Map<string, HistoryPoint>();
    for (const [peer, methods] of peers) {
      const names = [...methods.keys()];
      const values = new Float64Array(names.length * keyCount);
      names.forEach((name, m) => values.set(methods.get(name)!, m * keyCount));
      points.set(peer, { methods: names, values });
    }
    at.set(tMs, points);
  }
  return { times: [...at.keys()].sort((a, b) => a - b), at };
}

/**
 * A trend of `capacity` at `keys` holding `peer`'s history from `steps` (a gap where the step has
 * no point for it) before `since` — the points the refreshes have added meanwhile, kept as they are.
 */
export function trendWithHistory(steps: HistorySteps, peer: string, since: readonly TrendPoint[], capacity: number, keys: readonly number[]): LatencyTrend {
  const firstMs = since[0]?.tMs ?? Infinity;
  const trend = new LatencyTrend(capacity, keys);
  for (const tMs of steps.times) {
    if (tMs >= firstMs) continue;
    const point = steps.at.get(tMs)?.get(peer);
    if (point === undefined) trend.pushGap(tMs);
    else trend.pushQuantiles(tMs, point.methods, point.values);
  }
  for (const point of since) trend.pushPoint(point);
  return trend;
}
