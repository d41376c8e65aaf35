// The latency history behind the sparklines and the chart: for each scrape, every method's
// quantiles at the trend's keys (the four the keys 1–4 select and the configured one), worked out
// once when the scrape is pushed, so that switching p50/p90/p95/p99 redraws a whole sparkline at
// once. Only those numbers are kept — about 1 KB a scrape, where the bucket rates they come from
// were several — so a fleet can keep hundreds of peers' trends. A failed scrape leaves a gap.

import { Ring } from './ring.js';
import { PackedMethodRates } from './packed-rates.js';
import { QUANTILE_KEYS } from './quantile-keys.js';
import type { MethodRates } from './rpc-latency.js';

/** The quantiles of one scrape: `values[methods.get(m) * keys.length + keys.indexOf(q)]`. */
export interface TrendLatency {
  /** Method → its row; one map shared by the points while the methods stay the same. */
  readonly methods: ReadonlyMap<string, number>;
  readonly keys: readonly number[];
  /** Quantiles in ms, NaN for a method without calls. */
  readonly values: Float64Array;
}

/** One scrape in the trend: its time and its quantiles, or null for a failed scrape. */
export interface TrendPoint {
  /** Scrape time (or failure time), unix ms. */
  readonly tMs: number;
  /** The quantiles per method; null when the scrape failed. */
  readonly latency: TrendLatency | null;
}

/** How many scrapes a trend keeps unless told otherwise (about 17 minutes at 2 s). */
export const DEFAULT_TREND_CAPACITY = 512;

/** A bounded, oldest-first list of TrendPoints. */
export class LatencyTrend {
  private readonly ring: Ring<TrendPoint>;
  /** The points as handed out by points() since the last push (made once per push). */
  private published: readonly TrendPoint[] | null = [];
  private lastMethods: ReadonlyMap<string, number> = new Map();
  private lastBounds: Float64Array | null = null;

  /** `keys`: the quantiles worked out for every pushed point (see quantile-keys.ts). */
  constructor(
    capacity = DEFAULT_TREND_CAPACITY,
    private readonly keys: readonly number[] = QUANTILE_KEYS,
  ) {
    this.ring = new Ring<TrendPoint>(capacity);
  }

  /**
   * Records a successful scrape's windowed rates as their quantiles at the trend's keys, and
   * returns the rates packed (see PackedMethodRates), in the same order and equal to the originals
   * bucket for bucket, carrying those quantiles: the snapshot reads them instead of computing
   * them again.
   */
  push(tMs: number, methodRates: readonly MethodRates[]): readonly MethodRates[] {
    // Rates packed already (windowedMethodRates packs them in steady state) only gain quantiles.
    const packed = methodRates.every(isPacked) ? (methodRates as readonly PackedMethodRates[]) : this.pack(methodRates);
    const { keys } = this;
    const values = new Float64Array(packed.length * keys.length);
    const kept: PackedMethodRates[] = [];
    const quantiles = { keys, values };
    for (let m = 0; m < packed.length; m++) {
      const at = m * keys.length;
      packed[m].quantilesInto(keys, values, at);
      kept.push(packed[m].withQuantiles(quantiles, at));
    }
    this.ring.push({ tMs, latency: { methods: this.methodsOf(packed), keys, values } });
    this.published = null;
    return kept;
  }

  /**
   * Records quantiles worked out elsewhere (a server's histogram_quantile over the same bucket
   * rates): `values[m * keys.length + k]` is method m's quantile at the trend's k-th key, in ms.
   */
  pushQuantiles(tMs: number, methods: readonly string[], values: Float64Array): void {
    if (values.length !== methods.length * this.keys.length) throw new RangeError(`${values.length} quantiles for ${methods.length} methods × ${this.keys.length} keys`);
    this.ring.push({ tMs, latency: { methods: this.methodsOf(methods.map((method) => ({ method }))), keys: this.keys, values } });
    this.published = null;
  }

  /** Appends a point as another trend with the same keys kept it (a trend rebuilt around older points). */
  pushPoint(point: TrendPoint): void {
    const keys = point.latency?.keys;
    if (keys !== undefined && (keys.length !== this.keys.length || keys.some((k, i) => k !== this.keys[i]))) throw new RangeError('a point kept at other quantiles');
    this.ring.push(point);
    this.published = null;
  }

  /** Records a failed scrape: a gap in every series. */
  pushGap(tMs: number): void {
    this.ring.push({ tMs, latency: null });
    this.published = null;
  }

  /** The kept points, oldest first; a new array after each push, never mutated afterwards. */
  points(): readonly TrendPoint[] {
    this.published ??= Object.freeze(this.ring.toArray());
    return this.published;
  }

  /** Method → row of `rates`; the previous point's map when the methods are the same, in the same order. */
  private methodsOf(rates: readonly { readonly method: string }[]): ReadonlyMap<string, number> {
    const last = this.lastMethods;
    if (last.size === rates.length && rates.every((r, m) => last.get(r.method) === m)) return last;
    const methods = new Map<string, number>();
    rates.forEach((r, m) => methods.set(r.method, m));
    this.lastMethods = methods;
    return methods;
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

  /** The upper bounds of every bucket of `methodRates`, in order; the previous scrape's array when equal. */
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
}

function isPacked(rates: MethodRates): rates is PackedMethodRates {
  return rates instanceof PackedMethodRates;
}

/**
 * The q-quantile (ms) of `method` at one point: null for a gap, a missing method, no calls, or a
 * quantile the trend did not keep.
 */
export function pointQuantile(point: TrendPoint, method: string, q: number): number | null {
  const latency = point.latency;
  if (latency === null) return null;
  const row = latency.methods.get(method);
  const k = latency.keys.indexOf(q);
  if (row === undefined || k < 0) return null;
  const v = latency.values[row * latency.keys.length + k];
  return Number.isFinite(v) ? v : null;
}

/** The highest q-quantile of any method at one point; null for a gap, no calls, or a quantile not kept. */
export function worstQuantile(point: TrendPoint, q: number): number | null {
  const latency = point.latency;
  if (latency === null) return null;
  const n = latency.keys.length;
  const k = latency.keys.indexOf(q);
  if (k < 0) return null;
  let worst: number | null = null;
  for (let at = k; at < latency.values.length; at += n) {
    const v = latency.values[at];
    if (Number.isFinite(v) && (worst === null || v > worst)) worst = v;
  }
  return worst;
}

/** The q-quantile series of `method` over `points`, oldest first. */
export function quantileSeries(points: readonly TrendPoint[], method: string, q: number): (number | null)[] {
  return points.map((point) => pointQuantile(point, method, q));
}
