// The latency history a Prometheus-compatible server already holds, turned into what the fleet's
// trends are filled with before the first refresh: a range answer of the per-peer bucket rates
// (one series per le, method and peer) regrouped by step and peer, so each step of each peer
// becomes one trend point through the same bucketRates() the refreshes use. Pure: no I/O.

import type { LabelledValue } from './prometheus-fleet.js';

/** One series of a range answer: labels, times (unix seconds) and values. */
export interface RangeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly t: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/** A range answer by step: the steps' times (unix ms, ascending) and, per step, each peer's series. */
export interface HistorySteps {
  readonly times: readonly number[];
  readonly at: ReadonlyMap<number, ReadonlyMap<string, readonly LabelledValue[]>>;
}

/** Most points (series × steps) one history fill asks for: ~25 bytes each on the wire, a few MB. */
export const HISTORY_POINT_BUDGET = 250_000;

/**
 * How many steps before the first refresh a fill asks for: enough to fill a trend of `capacity`
 * points with the refresh as its last, fewer when `seriesCount` series would pass `budget`
 * points; 0 when there is nothing to ask.
 */
export function historyStepCount(capacity: number, seriesCount: number, budget = HISTORY_POINT_BUDGET): number {
  if (seriesCount <= 0 || capacity <= 1) return 0;
  return Math.max(0, Math.min(capacity - 1, Math.floor(budget / seriesCount)));
}

/** Regroups `series` by step time and by the value of `peerLabel` (series without it are skipped). */
export function historySteps(series: readonly RangeSeries[], peerLabel: string): HistorySteps {
  const at = new Map<number, Map<string, LabelledValue[]>>();
  for (const s of series) {
    const peer = s.labels[peerLabel];
    if (peer === undefined || peer === '') continue;
    for (let i = 0; i < s.t.length; i++) {
      const tMs = Math.round(s.t[i] * 1000);
      let peers = at.get(tMs);
      if (peers === undefined) at.set(tMs, (peers = new Map()));
      let list = peers.get(peer);
      if (list === undefined) peers.set(peer, (list = []));
      list.push({ labels: s.labels, value: s.values[i] });
    }
  }
  return { times: [...at.keys()].sort((a, b) => a - b), at };
}
