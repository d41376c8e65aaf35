// histogram_quantile() for classic (le-labelled) buckets, computed exactly as Prometheus'
// BucketQuantile does (promql/quantile.go), so a client-side p95 equals the server's to the bit.
//
// Versions: Prometheus >= 2.49 first absorbs "small deltas" between neighbouring buckets (relative
// difference < 1e-12 of their sum, either direction), then lifts every decrease to the last
// accepted count. Prometheus 2.42 (Debian's) only does the lifting. This port follows >= 2.49.
// How far the two can disagree: a small downward delta is lifted by both. A
// small upward delta is flattened only by >= 2.49, which moves that count by less than 1e-12 x (its
// value + its predecessor's). So >= 2.49 answers exactly what 2.42 answers for a histogram whose
// counts were perturbed by less than 1e-12 relative. Integer counts below 1e12 never sit that
// close, and neither do rate()s of distinct counters, barring coincidence. When it does happen, the
// result moves by ~1e-13 relative. The one exception is a rank that lands inside the flattened
// sliver itself; the result can then move to the neighbouring bound (see the "small deltas" test).

/** One cumulative bucket: observations ≤ `upperBound` (the `le` label, as a float). */
export interface Bucket {
  /** The bucket's `le`, parsed as a float; `Infinity` for `le="+Inf"`. */
  readonly upperBound: number;
  /** Cumulative count (or its rate/increase) for this bound. */
  readonly count: number;
}

/** Relative tolerance below which neighbouring bucket counts are treated as equal (Prometheus ≥ 2.49). */
export const SMALL_DELTA_TOLERANCE = 1e-12;

/** The smallest positive normal float64 (Go: math.Float64frombits(0x0010000000000000)). */
const MIN_NORMAL = 2 ** -1022;

/**
 * Working copies of the bounds and counts, reused from call to call (the function is synchronous
 * and calls nothing that could re-enter it): the live view computes dozens of quantiles a
 * second, and copying the buckets into fresh objects was most of what it allocated.
 */
let workBounds = new Float64Array(64);
let workCounts = new Float64Array(64);

/**
 * The φ-quantile of classic histogram buckets, as Prometheus' `histogram_quantile(φ, …)` for one group.
 * Buckets may come in any order and are not mutated. φ NaN → NaN, φ < 0 → −Inf, φ > 1 → +Inf.
 * Otherwise NaN when there are no buckets, the highest bound is not +Inf, fewer than 2 distinct
 * bounds remain, or the +Inf bucket counts zero observations.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  const early = answerWithoutBuckets(q, buckets.length);
  if (early !== null) return early;
  ensureWorkLength(buckets.length);
  const bounds = workBounds;
  const counts = workCounts;
  const order = sortedOrder(buckets);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[order === null ? i : order[i]];
    bounds[i] = b.upperBound;
    counts[i] = b.count;
  }
  return quantileOfWork(q, buckets.length);
}

/**
 * histogramQuantile of the buckets `bounds[offset + i]`, `counts[offset + i]` for i < length,
 * without making Bucket objects: the same answer to the bit. The buckets must be in order (no
 * bound greater than the next one); null when they are not, for the caller to sort them.
 */
export function packedHistogramQuantile(q: number, bounds: Float64Array, counts: Float64Array, offset: number, length: number): number | null {
  for (let i = 1; i < length; i++) if (bounds[offset + i - 1] > bounds[offset + i]) return null;
  const early = answerWithoutBuckets(q, length);
  if (early !== null) return early;
  ensureWorkLength(length);
  for (let i = 0; i < length; i++) {
    workBounds[i] = bounds[offset + i];
    workCounts[i] = counts[offset + i];
  }
  return quantileOfWork(q, length);
}

/**
 * packedHistogramQuantile of the same buckets at every φ of `qs`, written to `out[at + i]`: the
 * buckets are copied, merged and made monotonic once for all of them (the latency trend keeps
 * five quantiles of every method of every scrape). false, writing nothing, when they are not in order.
 */
export function packedHistogramQuantiles(qs: readonly number[], bounds: Float64Array, counts: Float64Array, offset: number, length: number, out: Float64Array, at: number): boolean {
  for (let i = 1; i < length; i++) if (bounds[offset + i - 1] > bounds[offset + i]) return false;
  ensureWorkLength(length);
  for (let i = 0; i < length; i++) {
    workBounds[i] = bounds[offset + i];
    workCounts[i] = counts[offset + i];
  }
  const n = length === 0 ? -1 : prepareWork(length);
  for (let i = 0; i < qs.length; i++) {
    const early = answerWithoutBuckets(qs[i], length);
    out[at + i] = early !== null ? early : n < 0 ? NaN : quantileOfPrepared(qs[i], n);
  }
  return true;
}

/** The answer that does not depend on the buckets' values (empty group, φ out of [0, 1]); null otherwise. */
function answerWithoutBuckets(q: number, length: number): number | null {
  // An empty group produces no output at all in Prometheus; NaN is our "no value".
  if (length === 0) return NaN;
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  return null;
}

/** Grows the working arrays to hold at least `length` buckets. */
function ensureWorkLength(length: number): void {
  if (workBounds.length >= length) return;
  const size = 2 ** Math.ceil(Math.log2(length));
  workBounds = new Float64Array(size);
  workCounts = new Float64Array(size);
}

/** The quantile of the `length` buckets in the working arrays, in order (φ already checked). */
function quantileOfWork(q: number, length: number): number {
  const n = prepareWork(length);
  return n < 0 ? NaN : quantileOfPrepared(q, n);
}

/**
 * Readies the `length` buckets in the working arrays for any φ: equal bounds merged, counts made
 * monotonic. How many buckets remain, or −1 when every quantile is NaN (no +Inf bucket, fewer than
 * two bounds, no observations).
 */
function prepareWork(length: number): number {
  const bounds = workBounds;
  const counts = workCounts;
  if (bounds[length - 1] !== Infinity) return -1;
  const n = coalesceBuckets(bounds, counts, length);
  ensureMonotonicAndIgnoreSmallDeltas(counts, n, SMALL_DELTA_TOLERANCE);
  if (n < 2 || counts[n - 1] === 0) return -1;
  return n;
}

/** The φ-quantile of the `n` prepared buckets in the working arrays (φ already checked). */
function quantileOfPrepared(q: number, n: number): number {
  const bounds = workBounds;
  const counts = workCounts;
  const observations = counts[n - 1];
  let rank = q * observations;
  // Go's sort.Search over [0, n−1): the first bucket whose count reaches the rank.
  let b = 0;
  for (let hi = n - 1; b < hi; ) {
    const h = (b + hi) >>> 1;
    if (counts[h] >= rank) hi = h;
    else b = h + 1;
  }

  // The rank falls into the +Inf bucket: answer the highest finite bound.
  if (b === n - 1) return bounds[n - 2];
  // The lowest bucket has no natural lower edge when its bound is ≤ 0: answer that bound.
  if (b === 0 && bounds[0] <= 0) return bounds[0];

  let bucketStart = 0;
  const bucketEnd = bounds[b];
  let count = counts[b];
  if (b > 0) {
    bucketStart = bounds[b - 1];
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Orders by upper bound the way Go's comparator does (NaN compares equal to everything). */
function compareBounds(a: Bucket, b: Bucket): number {
  if (a.upperBound < b.upperBound) return -1;
  if (a.upperBound > b.upperBound) return 1;
  return 0;
}

/**
 * null when `buckets` are already in order (a stable sort would leave them as they are), else
 * their indices in the order a stable sort by bound puts them.
 */
function sortedOrder(buckets: readonly Bucket[]): number[] | null {
  for (let i = 1; i < buckets.length; i++) {
    if (compareBounds(buckets[i - 1], buckets[i]) > 0) {
      const order = buckets.map((_, k) => k);
      return order.sort((x, y) => compareBounds(buckets[x], buckets[y]));
    }
  }
  return null;
}

/** Sums neighbours with equal bounds (e.g. `le="1"` and `le="1.0"`) in place; returns how many remain. */
function coalesceBuckets(bounds: Float64Array, counts: Float64Array, length: number): number {
  let last = 0;
  for (let i = 1; i < length; i++) {
    if (bounds[i] === bounds[last]) {
      counts[last] += counts[i];
    } else {
      last++;
      bounds[last] = bounds[i];
      counts[last] = counts[i];
    }
  }
  return last + 1;
}

/**
 * Absorbs differences smaller than `tolerance` (relative) in either direction, then lifts every
 * remaining decrease to the last accepted count. `prev` is not advanced by either correction.
 */
function ensureMonotonicAndIgnoreSmallDeltas(counts: Float64Array, length: number, tolerance: number): void {
  let prev = counts[0];
  for (let i = 1; i < length; i++) {
    const curr = counts[i];
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      counts[i] = prev;
      continue;
    }
    if (curr < prev) {
      counts[i] = prev;
      continue;
    }
    prev = curr;
  }
}

/** Prometheus' util/almost.Equal: |a−b| < ε·(|a|+|b|), or an absolute test near zero. */
function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  if (a === b) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}
