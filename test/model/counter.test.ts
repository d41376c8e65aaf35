// Tests for counterIncrease and extrapolatedRate: every rule of prometheus-semantics.md §1d for both
// variants, and the worked examples fed through histogramQuantile. Values marked "oracle" were
// checked bit for bit against Prometheus 2.42 with shared/tools/promql-oracle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { counterIncrease, extrapolatedRate, type Point, type RateVariant } from '../../src/model/counter.js';
import { histogramQuantile } from '../../src/model/quantile.js';

const T = 1_779_456_010_000; // evaluation time (ms)
const MIN5 = 300_000;

/** Points from [offset from T in ms, value] pairs. */
const pts = (pairs: ReadonlyArray<readonly [number, number]>): Point[] => pairs.map(([d, v]) => ({ t: T + d, v }));
const increase = (p: readonly Point[], variant: RateVariant, rangeMs = MIN5) =>
  extrapolatedRate(p, T - rangeMs, T, { isCounter: true, isRate: false, variant });
const rate = (p: readonly Point[], variant: RateVariant, rangeMs = MIN5) =>
  extrapolatedRate(p, T - rangeMs, T, { isCounter: true, isRate: true, variant });
const BOTH: RateVariant[] = ['prom3', 'prom242'];

describe('counterIncrease', () => {
  it('is NaN with fewer than 2 points', () => {
    assert.ok(Number.isNaN(counterIncrease([])));
    assert.ok(Number.isNaN(counterIncrease(pts([[0, 5]]))));
  });
  it('is last − first without resets', () => {
    assert.equal(counterIncrease(pts([[-20, 3], [-10, 4], [0, 10]])), 7);
  });
  it('treats a drop as a reset to 0 and adds the value before it', () => {
    assert.equal(counterIncrease(pts([[-30, 10], [-20, 20], [-10, 5], [0, 9]])), 9 - 10 + 20);
    assert.equal(counterIncrease(pts([[-40, 10], [-30, 2], [-20, 8], [-10, 1], [0, 4]])), 4 - 10 + 10 + 8);
  });
  it('never goes negative on a drop', () => {
    assert.equal(counterIncrease(pts([[-10, 10], [0, 3]])), 3);
    assert.equal(counterIncrease(pts([[-10, 10], [0, 0]])), 0);
  });
});

describe('extrapolatedRate: window selection', () => {
  // Scrapes at t−5m, t−150s and t: the first one sits exactly on the window's start.
  const edge = pts([[-MIN5, 100], [-150_000, 160], [0, 250]]);
  it('prom242 includes a scrape exactly at t−range (closed window) — oracle', () => {
    assert.equal(increase(edge, 'prom242'), 150);
  });
  it('prom3 excludes it (left-open window)', () => {
    // Two points 150 s apart: dStart = 150 s < 1.1·150 s, so it extrapolates to the window start.
    assert.equal(increase(edge, 'prom3'), 90 * (150 + 150 + 0) / 150);
  });
  it('includes a scrape exactly at t and ignores scrapes after t', () => {
    const p = pts([[-20_000, 1000], [-10_000, 1010], [0, 1020], [10_000, 5000]]);
    for (const v of BOTH) assert.equal(increase(p, v, 30_000), 20 * (20 + 10 + 0) / 20, v);
  });
  it('is NaN when fewer than 2 points fall in the window', () => {
    for (const v of BOTH) {
      assert.ok(Number.isNaN(increase(pts([[-400_000, 1], [0, 5]]), v)), v);
      assert.ok(Number.isNaN(increase([], v)), v);
      // One point on t−range (kept only by prom242) and one after t: at most 1 selected.
      assert.ok(Number.isNaN(increase(pts([[-MIN5, 1], [5_000, 9]]), v)), v);
    }
  });
});

describe('extrapolatedRate: extrapolation', () => {
  it('extrapolates to the window start when the gap is < 1.1 × the average interval', () => {
    const p = pts([[-25_000, 1000], [-15_000, 1010], [-5_000, 1020]]);
    // dStart = 5 s, dEnd = 5 s, avg = 10 s: both gaps are filled.
    for (const v of BOTH) assert.equal(increase(p, v, 30_000), 20 * (20 + 5 + 5) / 20, v);
  });
  it('extrapolates only avg/2 when a gap is ≥ 1.1 × the average interval', () => {
    // Two scrapes 10 s apart in a 5m window, evaluated 20 s after the last one.
    const p = pts([[-30_000, 1000], [-20_000, 1010]]);
    for (const v of BOTH) assert.equal(increase(p, v), 10 * (10 + 5 + 5) / 10, v);
  });
  it('the zero floor: a counter is not extrapolated below 0 (prom3: threshold first, then floor)', () => {
    const p = pts([[-10_000, 2], [0, 6]]); // dStart → 5 s (threshold), dZero = 10·2/4 = 5 s
    assert.equal(increase(p, 'prom3'), 4 * 15 / 10);
    const fromZero = pts([[-10_000, 0], [0, 3]]); // dZero = 0: no extrapolation backwards
    for (const v of BOTH) assert.equal(increase(fromZero, v), 3, v);
  });
  it('prom242 floors first: a young series extrapolates all the way to its zero point', () => {
    const p = pts([[-10_000, 9], [0, 19]]); // dZero = 9 s < 11 s → kept by 2.42; 3.x cuts to 5 s first
    assert.equal(increase(p, 'prom242'), 19);
    assert.equal(increase(p, 'prom3'), 15);
  });
  it('a series that appears mid-window', () => {
    const p = pts([[-20_000, 3], [-10_000, 5], [0, 9]]); // first seen 20 s before t in a 5m window
    assert.equal(increase(p, 'prom3'), 6 * (20 + 5) / 20); // avg/2, under the zero point (10 s)
    assert.equal(increase(p, 'prom242'), 9); // its zero point (10 s < 11 s)
  });
  it('no zero floor when the first value is negative, or the increase is not positive', () => {
    const neg = pts([[-10_000, -5], [0, 5]]);
    for (const v of BOTH) assert.equal(increase(neg, v), 10 * 15 / 10, v);
    const flat = pts([[-10_000, 7], [0, 7]]);
    for (const v of BOTH) assert.equal(increase(flat, v), 0, v);
  });
  it('counter resets inside the window never give a negative result', () => {
    const p = pts([[-40_000, 50], [-30_000, 60], [-20_000, 4], [-10_000, 8], [0, 2]]);
    for (const v of BOTH) {
      const got = increase(p, v, 60_000);
      assert.ok(got > 0, `${v}: ${got}`);
    }
    // raw increase 2 − 50 + 60 + 8 = 20, dStart = 20 s ≥ 11 s → 5 s; the zero point (100 s back) is further.
    for (const v of BOTH) assert.equal(increase(p, v, 60_000), 20 * (40 + 5 + 0) / 40, v);
  });
  it('isCounter: false (delta) has no reset handling and no zero floor', () => {
    const gauge = pts([[-10_000, 10], [0, 3]]);
    for (const variant of BOTH) {
      const opts = { isCounter: false, isRate: false, variant };
      assert.equal(extrapolatedRate(gauge, T - MIN5, T, opts), -7 * 15 / 10, variant);
      assert.equal(extrapolatedRate(pts([[-10_000, 0], [0, 3]]), T - MIN5, T, opts), 3 * 15 / 10, variant);
    }
  });
  it('isRate divides by the whole range in seconds, not the sampled interval', () => {
    const p = pts([[-10_000, 1000], [0, 1010]]);
    for (const v of BOTH) assert.equal(rate(p, v), (10 * 1.5) / 300, v);
  });
  it('computes the factor first, as Prometheus does, so rate() matches to the bit — oracle', () => {
    // rate(c[17s500ms]) at t: 0.17500000000000002, whereas increase / 17.5 = 0.175.
    const p = pts([[-23_000, 1.1], [-16_000, 2.7], [-8_500, 4.05], [-2_000, 5.15]]);
    assert.equal(increase(p, 'prom242', 17_500), 3.0625);
    assert.equal(rate(p, 'prom242', 17_500), 0.17500000000000002);
  });
});

describe('extrapolatedRate + histogramQuantile: worked examples (§1d)', () => {
  /** p95 of a histogram given per-bucket [first, second] values of two scrapes 10 s apart, [5m] at the second. */
  function p95(bounds: readonly number[], first: readonly number[], second: readonly number[], variant: RateVariant, q = 0.95) {
    const buckets = bounds.map((upperBound, i) => ({
      upperBound,
      count: rate(pts([[-10_000, first[i]], [0, second[i]]]), variant),
    }));
    return histogramQuantile(q, buckets);
  }
  // The doc gives no bounds. le = 0.5 and 1 are the only ones both answers pin down:
  // p95 = 1 needs le[7] = 1, and 0.75 = le[6] + (1 − le[6])·½ needs le[6] = 0.5.
  // The rest follow client_golang's DefBuckets, as the Cluster.Peers example's 0.25/0.5 do.
  // (The gorpc ms bounds 0.6, 0.8, 1 cannot give 0.75: they give 0.9.)
  const DEF = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, Infinity];
  const statusFirst = [0, 0, 0, 2, 4, 6, 8, 9, 10];
  const statusSecond = [0, 0, 3, 6, 10, 14, 17, 19, 20];

  it('PinTracker.StatusAll p95 = 1 on Prometheus 2.42 — oracle', () => {
    assert.equal(p95(DEF, statusFirst, statusSecond, 'prom242'), 1);
  });
  it('PinTracker.StatusAll p95 = 0.75 on Prometheus ≥ 2.51 / 3.x', () => {
    assert.equal(p95(DEF, statusFirst, statusSecond, 'prom3'), 0.75);
  });
  it('Cluster.Peers p95 = 0.46875 for every variant (to the last bit or two of rate())', () => {
    const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, Infinity];
    const deltas = [10, 20, 40, 60, 75, 88, 96, 98, 99, 100, 100, 100];
    const first = [5000, 9000, 20000, 30000, 40000, 52000, 57000, 58000, 58500, 59000, 59000, 59000];
    const second = first.map((f, i) => f + deltas[i]);
    for (const v of BOTH) {
      // Every bucket gets the same factor (1.5/300), so only rounding separates it from 0.46875.
      assert.equal(p95(bounds, first, second, v), 0.46874999999999994, v); // oracle (2.42)
      const inc = bounds.map((upperBound, i) => ({ upperBound, count: increase(pts([[-10_000, first[i]], [0, second[i]]]), v) }));
      assert.equal(histogramQuantile(0.95, inc), 0.46875, v);
    }
  });
  it('buckets that are non-monotonic after extrapolation are enveloped', () => {
    // Raw counts are monotonic; the zero floor extrapolates le=1 further than le=+Inf.
    const bounds = [0.5, 1, Infinity];
    const first = [2, 9, 12];
    const second = [10, 19, 20];
    const expected = { prom3: [10, 15, 12], prom242: [10, 19, 12] };
    for (const v of BOTH) {
      const inc = bounds.map((_, i) => increase(pts([[-10_000, first[i]], [0, second[i]]]), v));
      assert.deepEqual(inc, expected[v], v);
      const env = [inc[0], inc[1], Math.max(inc[1], inc[2])];
      const got = histogramQuantile(0.95, bounds.map((upperBound, i) => ({ upperBound, count: inc[i] })));
      const want = histogramQuantile(0.95, bounds.map((upperBound, i) => ({ upperBound, count: env[i] })));
      assert.equal(got, want, v);
      assert.equal(got, 0.5 + 0.5 * ((0.95 * env[2] - env[0]) / (env[1] - env[0])), v);
    }
  });
  it('a histogram with zero observations in the window has no quantile (NaN)', () => {
    const zeros = DEF.map(() => 0);
    const sevens = DEF.map(() => 7);
    for (const v of BOTH) {
      assert.ok(Number.isNaN(p95(DEF, zeros, zeros, v)), v);
      assert.ok(Number.isNaN(p95(DEF, sevens, sevens, v)), v);
    }
  });
});
