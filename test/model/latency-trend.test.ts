import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LatencyTrend, pointQuantile, quantileSeries, worstQuantile } from '../../src/model/latency-trend.js';
import { histogramQuantile } from '../../src/model/quantile.js';
import type { MethodRates } from '../../src/model/rpc-latency.js';

/** Rates of a method whose calls all fall in (lo, hi]. */
function rates(method: string, lo: number, hi: number, perSecond = 1): MethodRates {
  return {
    method,
    buckets: [
      { upperBound: lo, count: 0 },
      { upperBound: hi, count: perSecond },
      { upperBound: Infinity, count: perSecond },
    ],
    callsPerSecond: perSecond,
  };
}

describe('LatencyTrend', () => {
  it('keeps the newest points up to its capacity, with gaps for failed scrapes', () => {
    const trend = new LatencyTrend(3);
    trend.push(1000, [rates('A', 0, 10)]);
    trend.pushGap(2000);
    trend.push(3000, [rates('A', 10, 20)]);
    trend.push(4000, [rates('A', 20, 40)]);
    assert.deepEqual(trend.points().map((p) => [p.tMs, p.latency === null]), [[2000, true], [3000, false], [4000, false]]);
  });

  it('hands out an array that later pushes do not change', () => {
    const trend = new LatencyTrend(4);
    trend.push(1000, [rates('A', 0, 10)]);
    const before = trend.points();
    assert.equal(trend.points(), before);
    trend.push(2000, [rates('A', 0, 10)]);
    assert.equal(before.length, 1);
    assert.equal(trend.points().length, 2);
  });

  it('keeps every key\'s quantile of every point, so a quantile switch redraws the whole series', () => {
    const trend = new LatencyTrend(8);
    trend.push(1000, [rates('A', 0, 10)]);
    trend.pushGap(2000);
    trend.push(3000, [rates('A', 10, 20), rates('B', 0, 1)]);
    assert.deepEqual(quantileSeries(trend.points(), 'A', 0.5), [5, null, 15]);
    assert.deepEqual(quantileSeries(trend.points(), 'A', 0.9), [9, null, 19]);
    assert.deepEqual(quantileSeries(trend.points(), 'B', 0.5), [null, null, 0.5]);
    assert.deepEqual(quantileSeries(trend.points(), 'A', 0.75), [null, null, null], 'a quantile it was not asked to keep');
    const configured = new LatencyTrend(8, [0.75]);
    configured.push(1000, [rates('A', 0, 10)]);
    assert.deepEqual(quantileSeries(configured.points(), 'A', 0.75), [7.5]);
  });

  it('keeps, for any rates and keys, exactly what histogramQuantile gives, and the worst method\'s', () => {
    const bound = fc.constantFrom(0.5, 1, 2, 5, 10, 100);
    const method = fc.array(fc.tuple(bound, fc.double({ min: 0, max: 100, noNaN: true })), { maxLength: 6 });
    fc.assert(
      fc.property(fc.array(method, { minLength: 1, maxLength: 4 }), fc.subarray([0.5, 0.9, 0.95, 0.99, 0.999], { minLength: 1 }), (methods, keys) => {
        const given: MethodRates[] = methods.map((pairs, m) => {
          const buckets = [...new Map(pairs).entries()].sort((a, b) => a[0] - b[0]);
          let sum = 0;
          const cumulative = buckets.map(([upperBound, count]) => ({ upperBound, count: (sum += count) }));
          return { method: `M${m}`, buckets: [...cumulative, { upperBound: Infinity, count: sum }], callsPerSecond: sum };
        });
        const trend = new LatencyTrend(2, keys);
        trend.push(1000, given);
        const point = trend.points()[0];
        for (const q of keys) {
          const expected = given.map((r) => histogramQuantile(q, r.buckets)).map((v) => (Number.isFinite(v) ? v : null));
          assert.deepEqual(given.map((r) => pointQuantile(point, r.method, q)), expected);
          const finite = expected.filter((v): v is number => v !== null);
          assert.equal(worstQuantile(point, q), finite.length === 0 ? null : Math.max(...finite));
        }
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('gives null for a method without calls', () => {
    const trend = new LatencyTrend(2);
    trend.push(1000, [{ method: 'Idle', buckets: [{ upperBound: 1, count: 0 }, { upperBound: Infinity, count: 0 }], callsPerSecond: 0 }]);
    assert.equal(pointQuantile(trend.points()[0], 'Idle', 0.95), null);
  });

  it('takes quantiles worked out elsewhere (a server\'s history) as points like the others', () => {
    const trend = new LatencyTrend(4, [0.5, 0.99]);
    trend.pushQuantiles(1000, ['A', 'B'], Float64Array.from([1, 2, NaN, NaN]));
    trend.push(2000, [rates('B', 10, 20), rates('A', 0, 10)]);
    const [history, live] = trend.points();
    assert.deepEqual([pointQuantile(history, 'A', 0.5), pointQuantile(history, 'A', 0.99), pointQuantile(history, 'B', 0.5)], [1, 2, null]);
    assert.equal(worstQuantile(history, 0.99), 2);
    assert.equal(pointQuantile(live, 'A', 0.5), 5);
    assert.throws(() => trend.pushQuantiles(3000, ['A'], new Float64Array(3)), /3 quantiles for 1 methods × 2 keys/);
  });
});

describe('LatencyTrend storage', () => {
  it('takes another trend\'s points as they are (a trend rebuilt around older points), only at the same quantiles', () => {
    const first = new LatencyTrend(4, [0.5, 0.9]);
    first.push(3000, [rates('A', 0, 10)]);
    first.pushGap(4000);
    const rebuilt = new LatencyTrend(4, [0.5, 0.9]);
    rebuilt.pushQuantiles(1000, ['A'], Float64Array.of(2, 3));
    for (const point of first.points()) rebuilt.pushPoint(point);
    assert.deepEqual(rebuilt.points().map((p) => [p.tMs, pointQuantile(p, 'A', 0.5)]), [[1000, 2], [3000, 5], [4000, null]]);
    assert.throws(() => new LatencyTrend(4, [0.95]).pushPoint(first.points()[0]), /other quantiles/);
  });

  it('hands back the rates it was given (bounds, counts, calls), packed', () => {
    const trend = new LatencyTrend(4);
    const given: MethodRates[] = [
      { method: 'A', buckets: [{ upperBound: 0.5, count: 0.25 }, { upperBound: 2, count: 1.5 }, { upperBound: Infinity, count: 2 }], callsPerSecond: 2 },
      { method: 'B', buckets: [{ upperBound: -0, count: 0 }, { upperBound: Infinity, count: 0 }], callsPerSecond: NaN },
    ];
    for (const kept of [trend.push(1000, given), trend.push(2000, given)]) {
      kept.forEach((k, i) => {
        const r = given[i];
        assert.equal(k.method, r.method);
        assert.ok(Object.is(k.callsPerSecond, r.callsPerSecond));
        assert.deepEqual(k.buckets, r.buckets);
        assert.ok(Object.is(k.buckets[0].upperBound, r.buckets[0].upperBound), 'bounds kept exactly (−0 too)');
      });
    }
    const [first, second] = trend.points();
    assert.equal(first.latency!.methods, second.latency!.methods, 'the same methods share one map');
  });

  it('copes with methods that change from one point to the next', () => {
    const trend = new LatencyTrend(4);
    trend.push(1000, [rates('A', 0, 10)]);
    trend.push(2000, [rates('B', 1, 2), rates('A', 0, 20)]);
    const [first, second] = trend.points();
    assert.deepEqual([pointQuantile(first, 'A', 0.5), pointQuantile(first, 'B', 0.5)], [5, null]);
    assert.deepEqual([pointQuantile(second, 'A', 0.5), pointQuantile(second, 'B', 0.5)], [10, 1.5]);
  });
});
