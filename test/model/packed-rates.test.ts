// Quantiles of packed rates (what the latency trend keeps and the live view computes on) against
// histogramQuantile of the same buckets as objects, on random buckets: unordered and repeated
// bounds, NaN and −0 bounds and counts, no +Inf bucket, any φ. Bit for bit.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { LatencyTrend } from '../../src/model/latency-trend.js';
import { PackedMethodRates } from '../../src/model/packed-rates.js';
import { histogramQuantile, packedHistogramQuantile, packedHistogramQuantiles } from '../../src/model/quantile.js';
import { methodQuantile, type MethodRates } from '../../src/model/rpc-latency.js';

const bound = fc.oneof(fc.constantFrom(0, -0, 0.5, 1, 5, 10, Infinity, NaN), fc.double({ noNaN: true, min: -10, max: 1e3 }));
const count = fc.oneof(fc.constantFrom(0, -0, NaN, 1, 2), fc.double({ noNaN: true, min: 0, max: 1e6 }));
const buckets = fc.array(fc.record({ upperBound: bound, count }), { maxLength: 12 });
/** Buckets sorted by bound (the order the live view's sums come in), sometimes left as drawn. */
const maybeSorted = fc.tuple(buckets, fc.boolean()).map(([b, sort]) => (sort ? [...b].sort((x, y) => x.upperBound - y.upperBound) : b));
const phi = fc.oneof(fc.constantFrom(0, 0.5, 0.9, 0.95, 0.99, 1, -0.5, 1.5, NaN), fc.double({ min: 0, max: 1, noNaN: true }));

describe('PackedMethodRates', () => {
  it('computes every quantile exactly as histogramQuantile of its buckets', () => {
    fc.assert(
      fc.property(fc.array(maybeSorted, { minLength: 1, maxLength: 4 }), phi, (methods, q) => {
        const given: MethodRates[] = methods.map((b, i) => ({ method: `M${i}`, buckets: b, callsPerSecond: 1 }));
        // Kept by a trend whose keys hold q (read back) and by one whose keys do not (computed).
        for (const keys of [[0.5, q], [0.25]]) {
          const packed = new LatencyTrend(2, keys).push(1000, given);
          packed.forEach((p, i) => {
            assert.ok(p instanceof PackedMethodRates);
            assert.ok(Object.is(p.quantile(q), histogramQuantile(q, given[i].buckets)), `${p.method} at ${q}, keys ${keys}`);
            assert.ok(Object.is(methodQuantile(q, p), histogramQuantile(q, given[i].buckets)), `${p.method} at ${q}, keys ${keys}`);
          });
        }
      }),
      { seed: 20261125, numRuns: 1000 },
    );
  });
});

describe('PackedMethodRates.withQuantiles', () => {
  it('attaches quantiles in place once, then copies: every holder reads what histogramQuantile gives', () => {
    fc.assert(
      fc.property(maybeSorted, phi, (b, q) => {
        const given: MethodRates[] = [{ method: 'M', buckets: b, callsPerSecond: 1 }];
        const [first] = new LatencyTrend(2, [0.5, q]).push(1000, given) as PackedMethodRates[];
        // Pushed again to a trend with other keys: the rates carry quantiles already, so a copy carries the new ones.
        const [second] = new LatencyTrend(2, [0.25, 0.75]).push(2000, [first]) as PackedMethodRates[];
        assert.notEqual(second, first);
        for (const r of [first, second]) for (const phi of [q, 0.25, 0.5, 0.75]) assert.ok(Object.is(r.quantile(phi), histogramQuantile(phi, b)), `${phi}`);
        // Fresh packed rates gain them in place: the same object comes back.
        const fresh = new PackedMethodRates('M', 1, Float64Array.of(1, Infinity), Float64Array.of(1, 2), 0, 2);
        const values = new Float64Array(1);
        fresh.quantilesInto([q], values, 0);
        assert.equal(fresh.withQuantiles({ keys: [q], values }, 0), fresh);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});

describe('LatencyTrend.push', () => {
  it('returns packed copies, in the order given', () => {
    const trend = new LatencyTrend(2);
    const given: MethodRates[] = [
      { method: 'B', buckets: [{ upperBound: 1, count: 2 }, { upperBound: Infinity, count: 3 }], callsPerSecond: 0.5 },
      { method: 'A', buckets: [{ upperBound: Infinity, count: 0 }], callsPerSecond: NaN },
    ];
    const packed = trend.push(1000, given);
    assert.deepEqual(packed.map((p) => p.method), ['B', 'A']);
    for (const p of packed) assert.ok(p instanceof PackedMethodRates);
    packed.forEach((p, i) => {
      assert.deepEqual(p.buckets, given[i].buckets);
      assert.ok(Object.is(p.callsPerSecond, given[i].callsPerSecond));
    });
  });

  it('keeps rates that come packed with their buckets, and works out their quantiles for its own keys', () => {
    const given = [{ method: 'A', buckets: [{ upperBound: 1, count: 2 }, { upperBound: 4, count: 2.5 }, { upperBound: Infinity, count: 3 }], callsPerSecond: 1 }];
    const packed = new LatencyTrend(2, [0.5]).push(1000, given);
    const trend = new LatencyTrend(2, [0.9]);
    const again = trend.push(2000, packed);
    assert.ok(again[0] instanceof PackedMethodRates);
    assert.deepEqual(again[0].buckets, given[0].buckets);
    assert.ok(Object.is(methodQuantile(0.9, again[0]), histogramQuantile(0.9, given[0].buckets)));
    assert.ok(Object.is(methodQuantile(0.5, again[0]), histogramQuantile(0.5, given[0].buckets)));
  });
});

describe('packedHistogramQuantiles', () => {
  it('gives, for every φ at once, exactly what packedHistogramQuantile gives for each, and refuses buckets out of order', () => {
    fc.assert(
      fc.property(maybeSorted, fc.array(phi, { minLength: 1, maxLength: 6 }), (b, qs) => {
        const bounds = Float64Array.from([7, ...b.map((x) => x.upperBound)]);
        const counts = Float64Array.from([7, ...b.map((x) => x.count)]);
        const out = new Float64Array(qs.length + 2).fill(-7);
        const done = packedHistogramQuantiles(qs, bounds, counts, 1, b.length, out, 1);
        const single = qs.map((q) => packedHistogramQuantile(q, bounds, counts, 1, b.length));
        if (single.some((v) => v === null)) return assert.ok(!done && out.every((v) => v === -7), 'out of order: nothing written');
        assert.ok(done);
        qs.forEach((q, i) => assert.ok(Object.is(out[1 + i], single[i]), `φ ${q}: ${out[1 + i]} vs ${single[i]}`));
        assert.deepEqual([out[0], out[qs.length + 1]], [-7, -7], 'only its own cells');
      }),
      { seed: 20261206, numRuns: 1000 },
    );
  });
});
