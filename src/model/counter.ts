// Counter arithmetic over scraped samples: the plain increase with reset handling, and a port of
// Prometheus' extrapolatedRate (promql/functions.go), the engine behind rate(), increase() and
// delta(). Every float operation runs in the same order as the Go code, so the results match
// Prometheus bit for bit.

/** One sample of a series: scrape time `t` in unix milliseconds and value `v`. */
export interface Point {
  /** Sample timestamp, unix milliseconds (an integer, as in Prometheus' TSDB). */
  readonly t: number;
  /** Sample value. */
  readonly v: number;
}

/**
 * Which Prometheus `extrapolatedRate` to reproduce.
 * - `prom3`: Prometheus 3.x. The window is left-open (t−range < ts ≤ t). The start gap is cut
 *   to avg/2 when it is ≥ 1.1·avg, and only then floored at the counter's zero point.
 *   (2.51–2.55 already use this order but still select a closed window.)
 * - `prom242`: Prometheus 2.42, what Debian 12 runs. The window is closed (t−range ≤ ts ≤ t).
 *   The start gap is floored at the zero point first, then cut to avg/2 when it is ≥ 1.1·avg.
 */
export type RateVariant = 'prom3' | 'prom242';

/** What to compute: `isCounter` handles resets and the zero floor; `isRate` divides by the range in seconds. */
export interface RateOptions {
  /** true for rate()/increase(); false for delta() (no resets, no zero floor). */
  readonly isCounter: boolean;
  /** true for rate() (per second over the whole range), false for increase()/delta(). */
  readonly isRate: boolean;
  /** Which Prometheus version's selection and extrapolation order to follow. */
  readonly variant: RateVariant;
}

/**
 * `last − first`, plus every value just before a drop (a drop means a reset to 0), so the
 * result is never negative for counters. NaN when there are fewer than 2 points.
 */
export function counterIncrease(points: readonly Point[]): number {
  if (points.length < 2) return NaN;
  return rawIncrease(points, 0, points.length - 1, true);
}

/** counterIncrease of points[lo..hi] (lo < hi), without copying them out. */
export function counterIncreaseBetween(points: readonly Point[], lo: number, hi: number): number {
  return rawIncrease(points, lo, hi, true);
}

/**
 * Prometheus' `extrapolatedRate` for the window ending at `evalMs` and starting at `rangeStartMs`
 * (= evalMs − range). The window's points are selected here according to `variant`, from
 * `points` sorted by `t`. Returns NaN when fewer than 2 points are selected (Prometheus emits no
 * sample). Returns the per-second rate when `isRate` is set, otherwise the increase.
 */
export function extrapolatedRate(
  points: readonly Point[],
  rangeStartMs: number,
  evalMs: number,
  options: RateOptions,
): number {
  const closedStart = options.variant === 'prom242';

  let lo = 0;
  while (lo < points.length && (closedStart ? points[lo].t < rangeStartMs : points[lo].t <= rangeStartMs)) lo++;
  let hi = points.length - 1;
  while (hi >= lo && points[hi].t > evalMs) hi--;
  const numSamplesMinusOne = hi - lo;
  if (numSamplesMinusOne < 1) return NaN;

  const first = points[lo];
  const last = points[hi];
  return extrapolateIncrease(rawIncrease(points, lo, hi, options.isCounter), first, last, numSamplesMinusOne, rangeStartMs, evalMs, options);
}

/**
 * The second half of extrapolatedRate: `result` is the raw increase (or delta) from `first` to
 * `last`, the first and last of the window's selected points, `numSamplesMinusOne` ≥ 1 apart.
 * Callers that already know the increase (no reset inside the window) skip building points.
 */
export function extrapolateIncrease(
  result: number,
  first: Point,
  last: Point,
  numSamplesMinusOne: number,
  rangeStartMs: number,
  evalMs: number,
  options: RateOptions,
): number {
  const { isCounter, isRate, variant } = options;
  // Durations in seconds, from integer millisecond differences, exactly like the Go code.
  let durationToStart = (first.t - rangeStartMs) / 1000;
  let durationToEnd = (evalMs - last.t) / 1000;
  const sampledInterval = (last.t - first.t) / 1000;
  const averageDurationBetweenSamples = sampledInterval / numSamplesMinusOne;
  const extrapolationThreshold = averageDurationBetweenSamples * 1.1;

  let factor: number;
  if (variant === 'prom3') {
    if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
    if (isCounter) {
      let durationToZero = durationToStart;
      if (result > 0 && first.v >= 0) durationToZero = sampledInterval * (first.v / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
    factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
  } else {
    if (isCounter && result > 0 && first.v >= 0) {
      const durationToZero = sampledInterval * (first.v / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    let extrapolateToInterval = sampledInterval;
    if (durationToStart < extrapolationThreshold) extrapolateToInterval += durationToStart;
    else extrapolateToInterval += averageDurationBetweenSamples / 2;
    if (durationToEnd < extrapolationThreshold) extrapolateToInterval += durationToEnd;
    else extrapolateToInterval += averageDurationBetweenSamples / 2;
    factor = extrapolateToInterval / sampledInterval;
  }
  if (isRate) factor /= durationSeconds(evalMs - rangeStartMs);
  result *= factor;
  return result;
}

/** `last − first` over points[lo..hi], plus the value before each drop when `isCounter`. */
function rawIncrease(points: readonly Point[], lo: number, hi: number, isCounter: boolean): number {
  let result = points[hi].v - points[lo].v;
  if (!isCounter) return result;
  let prev = points[lo].v;
  for (let i = lo + 1; i <= hi; i++) {
    const cur = points[i].v;
    if (cur < prev) result += prev;
    prev = cur;
  }
  return result;
}

/** Go's time.Duration.Seconds() for a whole number of milliseconds: whole seconds + nanos/1e9. */
function durationSeconds(ms: number): number {
  const sec = Math.trunc(ms / 1000);
  const nsec = (ms - sec * 1000) * 1e6;
  return sec + nsec / 1e9;
}
