// The latency history behind the sparklines and the chart: each scrape's windowed bucket rates
// per method (not the quantile), so that switching p50/p90/p95/p99 redraws a whole sparkline at
// once. A failed scrape leaves a gap. Each point's quantiles — the four the keys select and the
// configured one — are worked out once, when it is pushed; any other is computed when asked.

import { Ring } from './ring.js';
import { PackedMethodRates } from './packed-rates.js';
import { QUANTILE_KEYS } from './quantile-keys.js';
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
  /** The points as handed out by points() since the last push (made once per push). */
  private published: readonly TrendPoint[] | null = [];
  private lastBounds: Float64Array | null = null;

  /** `keys`: the quantiles worked out for every pushed point (see quantile-keys.ts). */
  constructor(
    capacity = DEFAULT_TREND_CAPACITY,
    private readonly keys: readonly number[] = QUANTILE_KEYS,
  ) {
    this.ring = new Ring<TrendPoint>(capacity);
  }

  /**
   * Records a successful scrape's windowed rates, kept packed (see PackedMethodRates) with their
   * quantiles at the trend's keys, and returns the kept copies, in the same order: equal to the
   * originals bucket for bucket, so callers can drop theirs and read each quantile computed once.
   */
  push(tMs: number, methodRates: readonly MethodRates[]): readonly MethodRates[] {
    // Rates packed already (windowedMethodRates packs them in steady state) only gain quantiles.
    const packed = methodRates.every((r) => r instanceof PackedMethodRates) ? (methodRates as readonly PackedMethodRates[]) : this.pack(methodRates);
    const { keys } = this;
    const values = new Float64Array(packed.length * keys.length);
    const kept: PackedMethodRates[] = [];
    const rates = new Map<string, MethodRates>();
    packed.forEach((r, m) => {
      const at = m * keys.length;
      for (let i = 0; i < keys.length; i++) values[at + i] = r.quantile(keys[i]);
      const withQuantiles = r.withQuantiles({ keys, values, at });
      kept.push(withQuantiles);
      rates.set(r.method, withQuantiles);
    });
    this.ring.push({ tMs, rates });
    this.published = null;
    return kept;
  }

  /** `methodRates` packed into one array of counts per scrape (bounds shared while they stay the same). */
  private pack(methodRates: readonly MethodRates[]): PackedMethodRates[] {
    let total = 0;
    for (const r of methodRates) total += r.buckets.length;
    const bounds = this.boundsOf(methodRates, total);
    const counts = new Float64Array(total);
    const packed: PackedMethodRates[] = [];
    let at = 0;
    for (const r of methodRates) {
      const n = r.buckets.length;
      for (let i = 0; i < n; i++) counts[at + i] = r.buckets[i].count;
      packed.push(new PackedMethodRates(r.method, r.callsPerSecond, bounds, counts, at, n));
      at += n;
    }
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
    this.published = null;
  }

  /** The kept points, oldest first; a new array after each push, never mutated afterwards. */
  points(): readonly TrendPoint[] {
    this.published ??= Object.freeze(this.ring.toArray());
    return this.published;
  }
}

/** The q-quantile (ms) of `method` at one point: null for a gap, a missing method or no calls (read, for the trend's keys). */
export function pointQuantile(point: TrendPoint, method: string, q: number): number | null {
  const rates = point.rates?.get(method);
  if (rates === undefined) return null;
  const v = methodQuantile(q, rates);
  return Number.isFinite(v) ? v : null;
}

/** The q-quantile series of `method` over `points`, oldest first. */
export function quantileSeries(points: readonly TrendPoint[], method: string, q: number): (number | null)[] {
  return points.map((point) => pointQuantile(point, method, q));
}
