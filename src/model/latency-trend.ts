// The latency history behind the sparklines and the chart: each scrape's windowed bucket rates
// per method (not the quantile), so that switching p50/p90/p95/p99 redraws a whole sparkline at
// once. A failed scrape leaves a gap. Quantiles are computed once per point, method and
// quantile (methodQuantile remembers them).

import { Ring } from './ring.js';
import { PackedMethodRates } from './packed-rates.js';
import { methodQuantile, type MethodRates } from './rpc-latency.js';

/** One scrape in the trend: its time and the rates per method, or null for a failed scrape. */
export interface TrendPoint {
  /** Scrape time (or failure time), unix ms. */
  readonly tMs: number;
  /** Windowed bucket rates by method; null when the scrape failed. */
  readonly rates: ReadonlyMap<string, MethodRates> | null;
}

/** How many scrapes a trend keeps unless told otherwise (about 17 minutes at 2 s). */
export const DEFAULT_TREND_CAPACITY = 512;

/** Where an array handed out by points() comes from: its trend, and how many points that trend had pushed before its first. */
const origins = new WeakMap<readonly TrendPoint[], { readonly trend: LatencyTrend; readonly first: number }>();

/** A bounded, oldest-first list of TrendPoints. */
export class LatencyTrend {
  private readonly ring: Ring<TrendPoint>;
  private cached: readonly TrendPoint[] | null = [];
  /** Points pushed so far (gaps included). */
  private pushed = 0;
  private lastBounds: Float64Array | null = null;

  constructor(capacity = DEFAULT_TREND_CAPACITY) {
    this.ring = new Ring<TrendPoint>(capacity);
  }

  /**
   * Records a successful scrape's windowed rates, kept packed (see PackedMethodRates), and returns
   * the packed copies, in the same order: equal to the originals bucket for bucket, so callers can
   * drop theirs and compute each quantile once, on the object the trend keeps.
   */
  push(tMs: number, methodRates: readonly MethodRates[]): readonly MethodRates[] {
    // Rates packed already (windowedMethodRates packs them in steady state) are kept as they are.
    if (methodRates.every((r) => r instanceof PackedMethodRates)) {
      this.ring.push({ tMs, rates: new Map(methodRates.map((r) => [r.method, r])) });
      this.pushed++;
      this.cached = null;
      return methodRates;
    }
    let total = 0;
    for (const r of methodRates) total += r.buckets.length;
    const bounds = this.boundsOf(methodRates, total);
    const counts = new Float64Array(total);
    const rates = new Map<string, MethodRates>();
    const packed: MethodRates[] = [];
    let at = 0;
    for (const r of methodRates) {
      const n = r.buckets.length;
      for (let i = 0; i < n; i++) counts[at + i] = r.buckets[i].count;
      const kept = new PackedMethodRates(r.method, r.callsPerSecond, bounds, counts, at, n);
      rates.set(r.method, kept);
      packed.push(kept);
      at += n;
    }
    this.ring.push({ tMs, rates });
    this.pushed++;
    this.cached = null;
    return packed;
  }

  /** The upper bounds of every bucket of `methodRates`, in order; the previous point's array when equal. */
  private boundsOf(methodRates: readonly MethodRates[], total: number): Float64Array {
    const last = this.lastBounds;
    let same = last !== null && last.length === total;
    let at = 0;
    for (const r of methodRates) {
      if (!same) break;
      for (const b of r.buckets) if (!Object.is(last![at++], b.upperBound)) same = false;
    }
    if (same) return last!;
    const bounds = new Float64Array(total);
    at = 0;
    for (const r of methodRates) for (const b of r.buckets) bounds[at++] = b.upperBound;
    this.lastBounds = bounds;
    return bounds;
  }

  /** Records a failed scrape: a gap in every series. */
  pushGap(tMs: number): void {
    this.ring.push({ tMs, rates: null });
    this.pushed++;
    this.cached = null;
  }

  /** The kept points, oldest first; a new array after each push, never mutated afterwards. */
  points(): readonly TrendPoint[] {
    if (this.cached === null) {
      const points = Object.freeze(this.ring.toArray());
      origins.set(points, { trend: this, first: this.pushed - points.length });
      this.cached = points;
    }
    return this.cached;
  }
}

/** The q-quantile (ms) of `method` at one point: null for a gap, a missing method or no calls (remembered by methodQuantile). */
export function pointQuantile(point: TrendPoint, method: string, q: number): number | null {
  const rates = point.rates?.get(method);
  if (rates === undefined) return null;
  const v = methodQuantile(q, rates);
  return Number.isFinite(v) ? v : null;
}

/** The last series made per method and quantile, with the points it was made from. */
const lastSeries = new Map<string, { readonly points: readonly TrendPoint[]; readonly values: readonly (number | null)[] }>();
/** More method × quantile pairs than a peer has (18 methods × 4 quantiles): start over past this. */
const LAST_SERIES_CAP = 512;

/**
 * The q-quantile series of `method` over `points`, oldest first; do not modify it. Each scrape
 * drops the oldest point and adds one, so the values of the points the last series of this
 * method and quantile shared with `points` are taken over and only the new ones looked up.
 */
export function quantileSeries(points: readonly TrendPoint[], method: string, q: number): readonly (number | null)[] {
  const key = `${q} ${method}`;
  const last = lastSeries.get(key);
  if (last !== undefined && last.points === points) return last.values;
  const shared = last === undefined ? { from: 0, count: 0 } : sharedPrefix(last.points, points);
  const values = last === undefined ? [] : last.values.slice(shared.from, shared.from + shared.count);
  for (let i = shared.count; i < points.length; i++) values.push(pointQuantile(points[i], method, q));
  if (lastSeries.size >= LAST_SERIES_CAP) lastSeries.clear();
  lastSeries.set(key, { points, values });
  return values;
}

/** Where in `before` the start of `points` is, and how many points from there are the same, one for one. */
function sharedPrefix(before: readonly TrendPoint[], points: readonly TrendPoint[]): { from: number; count: number } {
  // Two arrays of one trend: the points pushed between both arrays' firsts and lasts are shared,
  // worked out from the push counts instead of compared one by one.
  const a = origins.get(before);
  const b = origins.get(points);
  if (a !== undefined && b !== undefined && a.trend === b.trend) {
    const from = b.first - a.first;
    if (from < 0 || from >= before.length || points.length === 0) return { from: 0, count: 0 };
    return { from, count: Math.min(before.length - from, points.length) };
  }
  const from = points.length === 0 ? -1 : before.indexOf(points[0]);
  if (from < 0) return { from: 0, count: 0 };
  let count = 1;
  while (count < points.length && from + count < before.length && before[from + count] === points[count]) count++;
  return { from, count };
}
