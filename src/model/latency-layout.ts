// The latency bucket series of a scrape, as a layout shared by every sample with the same series
// set: per column (one bucket series, payload order) its series id and upper bound, in typed
// arrays, with the plan of where each column's rate is summed. A fleet keeps one or two layouts
// per peer for as long as its window; held as arrays rather than an object per column (and a
// map of ids), a 100-peer fleet's layouts take ~2 MiB instead of ~9.

import { columnPlan, type ColumnPlan } from './method-buckets.js';

/** One bucket series of the latency histogram, as the layout is built from it. */
export interface LatencyColumn {
  /** Interned series id (stable across scrapes of one target). */
  readonly seriesId: number;
  /** RPC method, e.g. `Cluster.Pin`. */
  readonly method: string;
  /** Upper bound in ms (+Inf for the last bucket). */
  readonly le: number;
}

/** The latency bucket series of one scrape; shared by every sample with the same series set. */
export interface LatencyLayout {
  /** Family the buckets came from (tells the metric generation). */
  readonly family: string;
  /** Per column: its interned series id (ids only grow, so a double: a churning peer could pass 2^31). */
  readonly seriesIds: Float64Array;
  /** Per column: its upper bound in ms (+Inf for the last bucket). */
  readonly les: Float64Array;
  /** Column indices in ascending order of series id (see columnOf). */
  readonly byId: Int32Array;
  /** Where each column's rate is summed; column c's method is `plan.methods[plan.methodOf[c]]`. */
  readonly plan: ColumnPlan;
}

/** The layout of `columns`, in their order. */
export function latencyLayout(family: string, columns: readonly LatencyColumn[]): LatencyLayout {
  const seriesIds = Float64Array.from(columns, (c) => c.seriesId);
  const byId = Int32Array.from(columns, (_, i) => i).sort((a, b) => seriesIds[a] - seriesIds[b]);
  return { family, seriesIds, les: Float64Array.from(columns, (c) => c.le), byId, plan: columnPlan(columns) };
}

/** The column of series `seriesId` in `layout`, or -1 when the layout has none. */
export function columnOf(layout: LatencyLayout, seriesId: number): number {
  const { byId, seriesIds } = layout;
  let lo = 0;
  let hi = byId.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const id = seriesIds[byId[mid]];
    if (id === seriesId) return byId[mid];
    if (id < seriesId) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
