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
  const result = rawIncrease(points, lo, hi, options.isCounter);
  return scratchWindow.set(first.t, last.t, numSamplesMinusOne, rangeStartMs, evalMs, options).apply(result, first.v);
}

/**
 * extrapolatedRate's extrapolation of a raw increase to the window's edges, in two halves, for
 * many series sampled at the same times (a scrape's bucket series): set() works out what depends
 * only on the window and the sample times, once; apply() the rest for each series. Callers that
 * already know the increase (no reset inside the window) skip building points. Every float
 * operation runs in the Go code's order.
 */
export class WindowExtrapolation {
  private durationToStart = 0;
  private durationToEnd = 0;
  private sampledInterval = 0;
  private averageDurationBetweenSamples = 0;
  private extrapolationThreshold = 0;
  private rangeSeconds = 0;
  private isCounter = true;
  private isRate = true;
  private prom3 = true;

  /** The window [rangeStartMs, evalMs] whose selected points run from `firstMs` to `lastMs`, `numSamplesMinusOne` ≥ 1 apart. */
  set(firstMs: number, lastMs: number, numSamplesMinusOne: number, rangeStartMs: number, evalMs: number, options: RateOptions): this {
    // Durations in seconds, from integer millisecond differences, exactly like the Go code.
    this.durationToStart = (firstMs - rangeStartMs) / 1000;
    this.durationToEnd = (evalMs - lastMs) / 1000;
    this.sampledInterval = (lastMs - firstMs) / 1000;
    this.averageDurationBetweenSamples = this.sampledInterval / numSamplesMinusOne;
    this.extrapolationThreshold = this.averageDurationBetweenSamples * 1.1;
    this.rangeSeconds = durationSeconds(evalMs - rangeStartMs);
    this.isCounter = options.isCounter;
    this.isRate = options.isRate;
    this.prom3 = options.variant === 'prom3';
    return this;
  }

  /** The extrapolated increase (or rate) of a series whose raw increase over the window is `result` and whose first value is `firstValue`. */
  apply(result: number, firstValue: number): number {
    const { sampledInterval, averageDurationBetweenSamples, extrapolationThreshold } = this;
    let durationToStart = this.durationToStart;
    let durationToEnd = this.durationToEnd;
    let factor: number;
    if (this.prom3) {
      if (durationToStart >= extrapolationThreshold) durationToStart = averageDurationBetweenSamples / 2;
      if (this.isCounter) {
        let durationToZero = durationToStart;
        if (result > 0 && firstValue >= 0) durationToZero = sampledInterval * (firstValue / result);
        if (durationToZero < durationToStart) durationToStart = durationToZero;
      }
      if (durationToEnd >= extrapolationThreshold) durationToEnd = averageDurationBetweenSamples / 2;
      factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
    } else {
      if (this.isCounter && result > 0 && firstValue >= 0) {
        const durationToZero = sampledInterval * (firstValue / result);
        if (durationToZero < durationToStart) durationToStart = durationToZero;
      }
      let extrapolateToInterval = sampledInterval;
      if (durationToStart < extrapolationThreshold) extrapolateToInterval += durationToStart;
      else extrapolateToInterval += averageDurationBetweenSamples / 2;
      if (durationToEnd < extrapolationThreshold) extrapolateToInterval += durationToEnd;
      else extrapolateToInterval += averageDurationBetweenSamples / 2;
      factor = extrapolateToInterval / sampledInterval;
    }
    if (this.isRate) factor /= this.rangeSeconds;
    result *= factor;
    return result;
  }
}

/** The one extrapolatedRate uses (synchronous: nothing can re-enter it between set and apply). */
const scratchWindow = new WindowExtrapolation();

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
