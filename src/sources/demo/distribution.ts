// OpenCensus DistributionData as the demo peer keeps it: per-bucket counts with the strict
// `v < bound` rule, a running count and sum. Also seeds a distribution with a long history
// analytically (lognormal bucket masses and partial expectations), so that a peer "up 2.6 days"
// costs O(buckets) to create instead of replaying every call.

import { normal, normalCdf, type Prng } from './prng.js';

/** One OC distribution: per-bucket counts (the last is the overflow bucket), count and sum. */
export interface OcDistribution {
  /** Finite upper bounds, ascending. */
  readonly bounds: readonly number[];
  /** Per-bucket counts, not cumulative; length is bounds.length + 1. */
  readonly counts: number[];
  /** Number of samples recorded; always the sum of `counts`. */
  count: number;
  /** Sum of the recorded samples. */
  sum: number;
}

/** The shape of many past samples: lognormal with this median and sigma (sigma 0: all equal). */
export interface SampleHistory {
  readonly count: number;
  readonly median: number;
  readonly sigma: number;
}

/** An empty distribution over `bounds`. */
export function createDistribution(bounds: readonly number[]): OcDistribution {
  return { bounds, counts: new Array<number>(bounds.length + 1).fill(0), count: 0, sum: 0 };
}

/** Index of the bucket a sample falls in: the first bound with `v < bound`, else the overflow. */
export function bucketIndex(bounds: readonly number[], v: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v < bounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Records one sample, OpenCensus style. */
export function recordSample(d: OcDistribution, v: number): void {
  d.counts[bucketIndex(d.bounds, v)] += 1;
  d.count += 1;
  d.sum += v;
}

/** Adds `history.count` samples at once, spread over the buckets by the lognormal's mass
 * (with a little seeded jitter), and their sum from each bucket's conditional mean, so that the
 * sum always lies within what the buckets allow. The count added is exact. */
export function addHistory(d: OcDistribution, history: SampleHistory, rng: Prng): void {
  const n = Math.round(history.count);
  if (n <= 0) return;
  if (history.sigma <= 0) {
    d.counts[bucketIndex(d.bounds, history.median)] += n;
    d.count += n;
    d.sum += n * history.median;
    return;
  }
  const mu = Math.log(history.median);
  const s = history.sigma;
  const mean = Math.exp(mu + (s * s) / 2);
  const slots = d.bounds.length + 1;
  const mass: number[] = [];
  const condMean: number[] = [];
  for (let i = 0; i < slots; i++) {
    const lo = i === 0 ? 0 : d.bounds[i - 1];
    const hi = i < d.bounds.length ? d.bounds[i] : Infinity;
    const p = Math.max(0, normalCdf((Math.log(hi) - mu) / s) - normalCdf((Math.log(lo) - mu) / s));
    const pe = mean * Math.max(0, normalCdf((Math.log(hi) - mu - s * s) / s) - normalCdf((Math.log(lo) - mu - s * s) / s));
    const within = p > 1e-12 ? pe / p : hi === Infinity ? lo * 1.5 : (lo + hi) / 2;
    condMean.push(Math.min(Math.max(within, lo), hi === Infinity ? within : hi));
    mass.push(p * Math.max(0, 1 + 0.04 * normal(rng)));
  }
  const counts = apportion(mass, n);
  for (let i = 0; i < slots; i++) {
    const c = counts[i];
    if (c === 0) continue;
    d.counts[i] += c;
    d.sum += c * condMean[i];
  }
  d.count += n;
}

/** Splits `n` into integers proportional to `weights` (largest remainder; exact total). */
export function apportion(weights: readonly number[], n: number): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    const out = weights.map(() => 0);
    if (out.length > 0) out[0] = n;
    return out;
  }
  const exact = weights.map((w) => (w / total) * n);
  const out = exact.map((x) => Math.floor(x));
  let left = n - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k].i] += 1;
  return out;
}
