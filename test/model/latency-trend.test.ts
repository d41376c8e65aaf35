import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LatencyTrend, pointQuantile, quantileSeries } from '../../src/model/latency-trend.js';
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
    assert.deepEqual(trend.points().map((p) => [p.tMs, p.rates === null]), [[2000, true], [3000, false], [4000, false]]);
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

  it('re-derives any quantile from the kept buckets, so a quantile switch redraws the whole series', () => {
    const trend = new LatencyTrend(8);
    trend.push(1000, [rates('A', 0, 10)]);
    trend.pushGap(2000);
    trend.push(3000, [rates('A', 10, 20), rates('B', 0, 1)]);
    assert.deepEqual(quantileSeries(trend.points(), 'A', 0.5), [5, null, 15]);
    assert.deepEqual(quantileSeries(trend.points(), 'A', 0.9), [9, null, 19]);
    assert.deepEqual(quantileSeries(trend.points(), 'B', 0.5), [null, null, 0.5]);
  });

  it('gives null for a method without calls', () => {
    const trend = new LatencyTrend(2);
    trend.push(1000, [{ method: 'Idle', buckets: [{ upperBound: 1, count: 0 }, { upperBound: Infinity, count: 0 }], callsPerSecond: 0 }]);
    assert.equal(pointQuantile(trend.points()[0], 'Idle', 0.95), null);
  });
});
