// sumAcrossPeers, the `sum by (le, gorpc_server_method)` across peers: per method and bound, the
// peers' bucket rates added in peer order — the same sums, to the bit, as adding them into a Map
// keyed by bound, whatever the bounds (unsorted, repeated, NaN, -0, ±Inf) and however the peers'
// layouts differ; calls per second added where known.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { sumAcrossPeers } from '../../src/model/fleet-latency.js';
import type { MethodRates } from '../../src/model/rpc-latency.js';

/** The reference: a Map per method, keyed by bound (a Map keeps -0 as +0). */
function reference(perPeer: readonly (readonly MethodRates[])[]): MethodRates[] {
  const byMethod = new Map<string, { sums: Map<number, number>; calls: number }>();
  for (const rates of perPeer) {
    for (const m of rates) {
      let entry = byMethod.get(m.method);
      if (entry === undefined) byMethod.set(m.method, (entry = { sums: new Map(), calls: NaN }));
      for (const b of m.buckets) entry.sums.set(b.upperBound, (entry.sums.get(b.upperBound) ?? 0) + b.count);
      if (!Number.isNaN(m.callsPerSecond)) entry.calls = Number.isNaN(entry.calls) ? m.callsPerSecond : entry.calls + m.callsPerSecond;
    }
  }
  return [...byMethod].map(([method, { sums, calls }]) => ({
    method,
    buckets: [...sums].map(([upperBound, count]) => ({ upperBound, count })).sort((a, b) => a.upperBound - b.upperBound),
    callsPerSecond: calls,
  }));
}

/** Numbers written so that NaN and -0 compare as themselves. */
const exact = (rates: readonly MethodRates[]) =>
  rates.map((m) => ({ method: m.method, calls: String(Object.is(m.callsPerSecond, -0) ? '-0' : m.callsPerSecond), buckets: m.buckets.map((b) => [Object.is(b.upperBound, -0) ? '-0' : String(b.upperBound), Object.is(b.count, -0) ? '-0' : String(b.count)]) }));

describe('sumAcrossPeers', () => {
  it('adds each bound in peer order, as a Map keyed by bound does, to the bit', () => {
    const bound = fc.oneof(fc.constantFrom(0.5, 1, 5, 10, Infinity, -0, 0, NaN), fc.double());
    const method = fc.record({
      method: fc.constantFrom('Cluster.Pin', 'Cluster.Unpin', 'PinTracker.Track'),
      buckets: fc.array(fc.record({ upperBound: bound, count: fc.double() }), { maxLength: 8 }),
      callsPerSecond: fc.oneof(fc.constant(NaN), fc.double()),
    });
    fc.assert(
      fc.property(fc.array(fc.array(method, { maxLength: 4 }), { maxLength: 6 }), (perPeer) => {
        assert.deepStrictEqual(exact(sumAcrossPeers(perPeer)), exact(reference(perPeer)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a -0 bound as +0, and sums layouts that differ', () => {
    const [sum] = sumAcrossPeers([
      [{ method: 'M', buckets: [{ upperBound: -0, count: 1 }, { upperBound: 10, count: 2 }], callsPerSecond: 2 }],
      [{ method: 'M', buckets: [{ upperBound: 0, count: 3 }, { upperBound: 5, count: 1 }, { upperBound: 10, count: 4 }], callsPerSecond: NaN }],
    ]);
    assert.ok(Object.is(sum.buckets[0].upperBound, 0));
    assert.deepEqual(sum.buckets, [{ upperBound: 0, count: 4 }, { upperBound: 5, count: 1 }, { upperBound: 10, count: 6 }]);
    assert.equal(sum.callsPerSecond, 2);
  });
});
