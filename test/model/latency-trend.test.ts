import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LatencyTrend, pointQuantile, quantileSeries, type TrendPoint } from '../../src/model/latency-trend.js';
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

  it('gives the same series when it takes over the last one as when every point is looked up', () => {
    // Two trends interleaved (so the remembered series keeps changing hands), one of them full
    // and dropping its oldest point on every push, gaps included, and once an old array again.
    const full = new LatencyTrend(5);
    const other = new LatencyTrend(50);
    let old: ReturnType<LatencyTrend['points']> = [];
    for (let i = 1; i <= 40; i++) {
      if (i % 7 === 0) full.pushGap(i * 1000);
      else full.push(i * 1000, [rates('A', i % 4, 10 + (i % 5))]);
      other.push(i * 1000, [rates('A', 0, i)]);
      if (i === 20) old = full.points();
      for (const points of [full.points(), other.points(), ...(i === 30 ? [old] : [])]) {
        assert.deepEqual(quantileSeries(points, 'A', 0.5), points.map((p) => pointQuantile(p, 'A', 0.5)), `after ${i} pushes`);
      }
    }
  });

  it('gives the same series as looking every point up, for any mix of pushes, gaps and arrays held from before', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('push' as const), lo: fc.integer({ min: 0, max: 5 }), hi: fc.integer({ min: 6, max: 30 }) }),
      fc.record({ kind: fc.constant('gap' as const) }),
      fc.record({ kind: fc.constant('ask' as const), held: fc.nat(), fresh: fc.boolean(), q: fc.constantFrom(0.5, 0.95) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 60 }), (capacity, steps) => {
        const trend = new LatencyTrend(capacity);
        const held: (readonly TrendPoint[])[] = [];
        let t = 0;
        for (const s of steps) {
          t += 1000;
          if (s.kind === 'push') trend.push(t, [rates('A', s.lo, s.hi)]);
          else if (s.kind === 'gap') trend.pushGap(t);
          else {
            held.push(trend.points());
            const points = s.fresh ? trend.points() : held[s.held % held.length];
            assert.deepEqual(quantileSeries(points, 'A', s.q), points.map((p) => pointQuantile(p, 'A', s.q)));
          }
        }
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });

  it('gives null for a method without calls', () => {
    const trend = new LatencyTrend(2);
    trend.push(1000, [{ method: 'Idle', buckets: [{ upperBound: 1, count: 0 }, { upperBound: Infinity, count: 0 }], callsPerSecond: 0 }]);
    assert.equal(pointQuantile(trend.points()[0], 'Idle', 0.95), null);
  });
});

describe('LatencyTrend storage', () => {
  it('hands back the rates it was given (bounds, counts, calls), packed or not', () => {
    const trend = new LatencyTrend(4);
    const given: MethodRates[] = [
      { method: 'A', buckets: [{ upperBound: 0.5, count: 0.25 }, { upperBound: 2, count: 1.5 }, { upperBound: Infinity, count: 2 }], callsPerSecond: 2 },
      { method: 'B', buckets: [{ upperBound: -0, count: 0 }, { upperBound: Infinity, count: 0 }], callsPerSecond: NaN },
    ];
    trend.push(1000, given);
    trend.push(2000, given);
    for (const point of trend.points()) {
      for (const r of given) {
        const kept = point.rates!.get(r.method)!;
        assert.equal(kept.method, r.method);
        assert.ok(Object.is(kept.callsPerSecond, r.callsPerSecond));
        assert.deepEqual(kept.buckets, r.buckets);
        assert.ok(Object.is(kept.buckets[0].upperBound, r.buckets[0].upperBound), 'bounds kept exactly (−0 too)');
      }
    }
    assert.equal(pointQuantile(trend.points()[1], 'A', 0.5), pointQuantile({ tMs: 0, rates: new Map(given.map((r) => [r.method, r])) }, 'A', 0.5));
  });

  it('copes with buckets that change from one point to the next', () => {
    const trend = new LatencyTrend(4);
    trend.push(1000, [rates('A', 0, 10)]);
    trend.push(2000, [rates('A', 0, 20), rates('B', 1, 2)]);
    const [first, second] = trend.points();
    assert.deepEqual(first.rates!.get('A')!.buckets, rates('A', 0, 10).buckets);
    assert.deepEqual(second.rates!.get('A')!.buckets, rates('A', 0, 20).buckets);
    assert.deepEqual(second.rates!.get('B')!.buckets, rates('B', 1, 2).buckets);
  });
});
