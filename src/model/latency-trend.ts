// The latency history behind the sparklines and the chart: each scrape's windowed bucket rates
// per method (not the quantile), so that switching p50/p90/p95/p99 redraws a whole sparkline at
// once. A failed scrape leaves a gap. Quantiles are computed once per point and quantile, then
// remembered.

import { Ring } from './ring.js';
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

/** A bounded, oldest-first list of TrendPoints. */
export class LatencyTrend {
  private readonly ring: Ring<TrendPoint>;
  private cached: readonly TrendPoint[] | null = [];

  constructor(capacity = DEFAULT_TREND_CAPACITY) {
    this.ring = new Ring<TrendPoint>(capacity);
  }

  /** Records a successful scrape's windowed rates. */
  push(tMs: number, methodRates: readonly MethodRates[]): void {
    this.ring.push({ tMs, rates: new Map(methodRates.map((r) => [r.method, r])) });
    this.cached = null;
  }

  /** Records a failed scrape: a gap in every series. */
  pushGap(tMs: number): void {
    this.ring.push({ tMs, rates: null });
    this.cached = null;
  }

  /** The kept points, oldest first; a new array after each push, never mutated afterwards. */
  points(): readonly TrendPoint[] {
    if (this.cached === null) this.cached = Object.freeze(this.ring.toArray());
    return this.cached;
  }
}

/** Quantile values remembered per rates map, per quantile, per method. */
const memo = new WeakMap<ReadonlyMap<string, MethodRates>, Map<number, Map<string, number | null>>>();

/** The q-quantile (ms) of `method` at one point: null for a gap, a missing method or no calls. */
export function pointQuantile(point: TrendPoint, method: string, q: number): number | null {
  if (point.rates === null) return null;
  let byQ = memo.get(point.rates);
  if (byQ === undefined) memo.set(point.rates, (byQ = new Map()));
  let byMethod = byQ.get(q);
  if (byMethod === undefined) byQ.set(q, (byMethod = new Map()));
  const known = byMethod.get(method);
  if (known !== undefined) return known;
  const rates = point.rates.get(method);
  const v = rates === undefined ? NaN : methodQuantile(q, rates);
  const value = Number.isFinite(v) ? v : null;
  byMethod.set(method, value);
  return value;
}

/** The q-quantile series of `method` over `points`, oldest first. */
export function quantileSeries(points: readonly TrendPoint[], method: string, q: number): (number | null)[] {
  return points.map((p) => pointQuantile(p, method, q));
}
