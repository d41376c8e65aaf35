// The per-method bucket sums against the straightforward way of making them (a Map per method,
// keyed by le, filled in column order, then sorted), on random layouts: repeated and unordered
// bounds, NaN and −0 bounds, NaN rates, methods whose every rate is NaN. Bit for bit.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { columnPlan, sumByMethod } from '../../src/model/method-buckets.js';
import { PackedMethodRates } from '../../src/model/packed-rates.js';
import type { LatencyColumn } from '../../src/model/latency-layout.js';
import type { MethodRates } from '../../src/model/rpc-latency.js';

/** Rates as plain objects, whatever class holds them (packed rates rebuild their buckets on read). */
function plain(rates: readonly MethodRates[]): MethodRates[] {
  return rates.map((r) => ({ method: r.method, buckets: r.buckets.map((b) => ({ upperBound: b.upperBound, count: b.count })), callsPerSecond: r.callsPerSecond }));
}

/** The reference: Maps filled in column order. */
function byMaps(columns: readonly LatencyColumn[], rates: Float64Array, calls: Float64Array): MethodRates[] {
  const byMethod = new Map<string, { rates: Map<number, number>; calls: number }>();
  columns.forEach((column, c) => {
    let entry = byMethod.get(column.method);
    if (entry === undefined) byMethod.set(column.method, (entry = { rates: new Map(), calls: NaN }));
    if (!Number.isNaN(rates[c])) entry.rates.set(column.le, (entry.rates.get(column.le) ?? 0) + rates[c]);
    if (column.le === Infinity) entry.calls = Number.isNaN(entry.calls) ? calls[c] : Number.isNaN(calls[c]) ? entry.calls : entry.calls + calls[c];
  });
  return [...byMethod].map(([method, entry]) => {
    const buckets = [...entry.rates].map(([upperBound, count]) => ({ upperBound, count }));
    buckets.sort((a, b) => a.upperBound - b.upperBound);
    return { method, buckets, callsPerSecond: entry.calls };
  });
}


const column = fc.record({
  method: fc.constantFrom('Cluster.Pin', 'Cluster.ID', 'IPFSConnector.Pin'),
  le: fc.constantFrom(0.5, 1, 5, 10, 100, Infinity, 0, -0, NaN),
});
const value = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(NaN), fc.constant(-0));

describe('sumByMethod', () => {
  it('equals Map-based sums bit for bit, methods and buckets in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(column, value, value), { maxLength: 40 }), (rows) => {
        const columns = rows.map(([c], i) => ({ seriesId: i, method: c.method, le: c.le }));
        const rates = Float64Array.from(rows.map(([, r]) => r));
        const calls = Float64Array.from(rows.map(([, , k]) => k));
        const ours = sumByMethod(columnPlan(columns), rates, calls);
        const reference = byMaps(columns, rates, calls);
        assert.equal(ours.length, reference.length);
        ours.forEach((o, m) => {
          const r = reference[m];
          assert.equal(o.method, r.method);
          assert.ok(Object.is(o.callsPerSecond, r.callsPerSecond), `calls of ${o.method}`);
          assert.equal(o.buckets.length, r.buckets.length);
          o.buckets.forEach((b, i) => {
            assert.ok(Object.is(b.upperBound, r.buckets[i].upperBound), `bound ${i} of ${o.method}`);
            assert.ok(Object.is(b.count, r.buckets[i].count), `count ${i} of ${o.method}`);
          });
        });
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it('packs the sums, in the same order and to the bit, when every sum has a number and no bound is NaN', () => {
    const finiteColumn = fc.record({ method: column.map((c) => c.method), le: fc.constantFrom(0.5, 1, 5, 10, 100, Infinity, 0, -0, -Infinity) });
    const number = fc.oneof(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(fc.tuple(finiteColumn, number, fc.oneof(number, fc.constant(NaN))), { minLength: 1, maxLength: 40 }), (rows) => {
        const columns = rows.map(([c], i) => ({ seriesId: i, method: c.method, le: c.le }));
        const rates = Float64Array.from(rows.map(([, r]) => r));
        const calls = Float64Array.from(rows.map(([, , k]) => k));
        const ours = sumByMethod(columnPlan(columns), rates, calls);
        for (const o of ours) assert.ok(o instanceof PackedMethodRates, o.method);
        assert.deepEqual(plain(ours), byMaps(columns, rates, calls));
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });

  it('sums a small plan by hand', () => {
    const plan = columnPlan([{ seriesId: 1, method: 'A', le: 1 }, { seriesId: 2, method: 'A', le: Infinity }]);
    assert.deepEqual(plain(sumByMethod(plan, Float64Array.of(2, 3), Float64Array.of(NaN, 0.5))), [
      { method: 'A', buckets: [{ upperBound: 1, count: 2 }, { upperBound: Infinity, count: 3 }], callsPerSecond: 0.5 },
    ]);
  });
});
