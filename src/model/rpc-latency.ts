// Per-RPC-method latency over a window, computed the way Prometheus evaluates
// histogram_quantile(q, sum by (le, gorpc_server_method) (rate(<bucket>[window]))):
// extrapolatedRate per bucket series, summed per (method, le), then the bucket quantile.

import { counterIncreaseBetween, extrapolatedRate, WindowExtrapolation, type Point, type RateVariant } from './counter.js';
import { histogramQuantile, type Bucket } from './quantile.js';
import { columnScratch, sumByMethod } from './method-buckets.js';
import { PackedMethodRates } from './packed-rates.js';
import type { PeerSample } from './peer-sample.js';
import { columnOf, type LatencyLayout } from './latency-layout.js';
import { continuesLatency } from './history.js';

export type { RateVariant };

/** Windowed bucket rates of one method: enough to compute any quantile later. */
export interface MethodRates {
  /** RPC method, e.g. `Cluster.Pin`. */
  readonly method: string;
  /** Buckets with per-second rates, summed by upper bound, ascending. */
  readonly buckets: readonly Bucket[];
  /** Calls per second over the sampled part of the window (NaN with fewer than two samples). */
  readonly callsPerSecond: number;
}

/**
 * Bucket rates of every method for the window ending at `evalMs`. `steadyFrom` (PeerHistory's):
 * from that index of `samples` on, no sample resets a count of the one before it; a window inside
 * that stretch is known to be reset-free without comparing it.
 */
export function windowedMethodRates(
  samples: readonly PeerSample[],
  evalMs: number,
  windowMs: number,
  variant: RateVariant,
  steadyFrom?: number,
): MethodRates[] {
  const columns = windowedColumnRates(samples, evalMs, windowMs, variant, steadyFrom);
  return columns === null ? [] : sumByMethod(columns.layout.plan, columns.rates, columns.calls);
}

/** One bucket rate per column of `layout` and the calls per second of its +Inf columns (NaN where unknown). */
export interface ColumnRates {
  readonly layout: LatencyLayout;
  /** Valid until the next call of windowedColumnRates. */
  readonly rates: Float64Array;
  /** Valid until the next call of windowedColumnRates. */
  readonly calls: Float64Array;
}

/** windowedMethodRates before the rates are summed per method: per column of the newest sample's layout; null without one. */
export function windowedColumnRates(
  samples: readonly PeerSample[],
  evalMs: number,
  windowMs: number,
  variant: RateVariant,
  steadyFrom?: number,
): ColumnRates | null {
  const newest = samples[samples.length - 1];
  if (newest === undefined || newest.latency === null) return null;
  const layout = newest.latency;
  const rangeStart = evalMs - windowMs;
  // A loop, not a closure made per call: this runs per scrape and per peer at every fleet evaluation.
  const inWindow: PeerSample[] = [];
  for (const s of samples) if (s.tMs >= rangeStart && s.tMs <= evalMs) inWindow.push(s);
  const options = { isCounter: true, isRate: true, variant } as const;
  const les = layout.les;
  const [rates, calls] = columnScratch(les.length);
  // A history's samples are in time order: the window is samples[first…] up to the newest.
  const first = samples.length - inWindow.length;
  const steady = steadyFrom !== undefined && inWindow[0] === samples[first] && inWindow[inWindow.length - 1] === newest && first >= steadyFrom;
  if (steady || resetFree(inWindow, layout)) {
    // Every sample has every column and no count went down: each column's increase is its last
    // value minus its first, the first step of rawIncrease, so the result is the same to the bit
    // without building one list of points per column.
    const closedStart = variant === 'prom242';
    let lo = 0;
    while (lo < inWindow.length && (closedStart ? inWindow[lo].tMs < rangeStart : inWindow[lo].tMs <= rangeStart)) lo++;
    const hi = inWindow.length - 1;
    let inside = 0;
    while (inside < inWindow.length && inWindow[inside].tMs <= rangeStart) inside++;
    // Every column is sampled at the same times: what depends only on them is worked out once.
    // (An empty window, of a peer silent since before it began, leaves every figure unknown.)
    const rated = hi - lo >= 1;
    const extrapolation = rated ? windowExtrapolation.set(inWindow[lo].tMs, inWindow[hi].tMs, hi - lo, rangeStart, evalMs, options) : null;
    const firstValues = rated ? inWindow[lo].latencyValues : EMPTY;
    const lastValues = hi >= 0 ? inWindow[hi].latencyValues : EMPTY;
    const counted = hi - inside >= 1;
    const insideValues = counted ? inWindow[inside].latencyValues : EMPTY;
    const seconds = counted ? (inWindow[hi].tMs - inWindow[inside].tMs) / 1000 : NaN;
    for (let index = 0; index < les.length; index++) {
      if (extrapolation !== null) {
        const firstValue = firstValues[index];
        rates[index] = extrapolation.apply(lastValues[index] - firstValue, firstValue);
      }
      if (counted && les[index] === Infinity) calls[index] = (lastValues[index] - insideValues[index]) / seconds;
    }
  } else {
    const scratch = new ColumnPoints(inWindow.length);
    for (let index = 0; index < les.length; index++) {
      const points = scratch.fill(inWindow, layout, index, layout.seriesIds[index]);
      rates[index] = extrapolatedRate(points, rangeStart, evalMs, options);
      if (les[index] === Infinity) calls[index] = callsPerSecond(points, rangeStart);
    }
  }
  return { layout, rates, calls };
}

/** The extrapolation windowedColumnRates sets once per window (synchronous: never re-entered). */
const windowExtrapolation = new WindowExtrapolation();
const EMPTY = new Float64Array(0);

/** True when every sample has `layout` and no bucket count decreased from one sample to the next. */
function resetFree(samples: readonly PeerSample[], layout: LatencyLayout): boolean {
  if (samples.length > 0 && samples[0].latency !== layout) return false;
  for (let i = 1; i < samples.length; i++) if (!continuesLatency(samples[i - 1], samples[i])) return false;
  return true;
}

/** The q-quantile in ms of a method's windowed rates; NaN when there were no calls (read when the trend kept it). */
export function methodQuantile(q: number, rates: MethodRates): number {
  return rates instanceof PackedMethodRates ? rates.quantile(q) : histogramQuantile(q, rates.buckets);
}

/** A mutable point, reused from column to column. */
interface SlotPoint {
  t: number;
  v: number;
}

/**
 * The points of one bucket series over the window, written into objects reused from column to
 * column: one set per call instead of one per column and sample (no allocation proportional to
 * the payload per scrape). The returned array is valid until the next fill().
 */
class ColumnPoints {
  private readonly slots: SlotPoint[];

  constructor(size: number) {
    this.slots = Array.from({ length: size }, () => ({ t: 0, v: 0 }));
  }

  fill(samples: readonly PeerSample[], layout: LatencyLayout, index: number, seriesId: number): readonly Point[] {
    let n = 0;
    for (const sample of samples) {
      let v: number | undefined;
      if (sample.latency === layout) v = sample.latencyValues[index];
      else if (sample.latency !== null) {
        const j = columnOf(sample.latency, seriesId);
        if (j >= 0) v = sample.latencyValues[j];
      }
      if (v === undefined) continue;
      const slot = this.slots[n++];
      slot.t = sample.tMs;
      slot.v = v;
    }
    // Every sample has the series unless the series set changed inside the window.
    return n === this.slots.length ? this.slots : this.slots.slice(0, n);
  }
}

/** Increase over the samples strictly after the window start, per second of sampled time. */
function callsPerSecond(points: readonly Point[], rangeStart: number): number {
  let first = 0;
  while (first < points.length && points[first].t <= rangeStart) first++;
  const last = points.length - 1;
  if (last - first < 1) return NaN;
  const seconds = (points[last].t - points[first].t) / 1000;
  return counterIncreaseBetween(points, first, last) / seconds;
}
