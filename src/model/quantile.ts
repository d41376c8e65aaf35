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

/** Mutable working copy of a bucket; the input is never touched. */
interface WorkBucket {
  upperBound: number;
  count: number;
}

/**
 * The φ-quantile of classic histogram buckets, as Prometheus' `histogram_quantile(φ, …)` for one group.
 * Buckets may come in any order and are not mutated. φ NaN → NaN, φ < 0 → −Inf, φ > 1 → +Inf.
 * Otherwise NaN when there are no buckets, the highest bound is not +Inf, fewer than 2 distinct
 * bounds remain, or the +Inf bucket counts zero observations.
 */
export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  // An empty group produces no output at all in Prometheus; NaN is our "no value".
  if (buckets.length === 0) return NaN;
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;

  const sorted: WorkBucket[] = buckets.map((b) => ({ upperBound: b.upperBound, count: b.count }));
  sorted.sort(compareBounds);
  if (sorted[sorted.length - 1].upperBound !== Infinity) return NaN;

  const work = coalesceBuckets(sorted);
  ensureMonotonicAndIgnoreSmallDeltas(work, SMALL_DELTA_TOLERANCE);

  const n = work.length;
  if (n < 2) return NaN;
  const observations = work[n - 1].count;
  if (observations === 0) return NaN;

  let rank = q * observations;
  const b = searchFirst(n - 1, (i) => work[i].count >= rank);

  // The rank falls into the +Inf bucket: answer the highest finite bound.
  if (b === n - 1) return work[n - 2].upperBound;
  // The lowest bucket has no natural lower edge when its bound is ≤ 0: answer that bound.
  if (b === 0 && work[0].upperBound <= 0) return work[0].upperBound;

  let bucketStart = 0;
  const bucketEnd = work[b].upperBound;
  let count = work[b].count;
  if (b > 0) {
    bucketStart = work[b - 1].upperBound;
    count -= work[b - 1].count;
    rank -= work[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Orders by upper bound the way Go's comparator does (NaN compares equal to everything). */
function compareBounds(a: WorkBucket, b: WorkBucket): number {
  if (a.upperBound < b.upperBound) return -1;
  if (a.upperBound > b.upperBound) return 1;
  return 0;
}

/** Sums buckets with equal bounds (e.g. `le="1"` and `le="1.0"`); input must be sorted. */
function coalesceBuckets(sorted: WorkBucket[]): WorkBucket[] {
  const out: WorkBucket[] = [];
  let last = sorted[0];
  for (let i = 1; i < sorted.length; i++) {
    const b = sorted[i];
    if (b.upperBound === last.upperBound) {
      last.count += b.count;
    } else {
      out.push(last);
      last = b;
    }
  }
  out.push(last);
  return out;
}

/**
 * Absorbs differences smaller than `tolerance` (relative) in either direction, then lifts every
 * remaining decrease to the last accepted count. `prev` is not advanced by either correction.
 */
function ensureMonotonicAndIgnoreSmallDeltas(work: WorkBucket[], tolerance: number): void {
  let prev = work[0].count;
  for (let i = 1; i < work.length; i++) {
    const curr = work[i].count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, tolerance)) {
      work[i].count = prev;
      continue;
    }
    if (curr < prev) {
      work[i].count = prev;
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

/** Go's sort.Search: the smallest i in [0, n) with pred(i) true, or n if there is none. */
function searchFirst(n: number, pred: (i: number) => boolean): number {
  let i = 0;
  let j = n;
  while (i < j) {
    const h = (i + j) >>> 1;
    if (!pred(h)) i = h + 1;
    else j = h;
  }
  return i;
}
