// sumAcrossPeers, the `sum by (le, gorpc_server_method)` across peers: per method and bound, the
// peers' bucket rates added in peer order — the same sums, to the bit, as adding them into a Map
// keyed by bound, whatever the bounds (unsorted, repeated, NaN, -0, ±Inf) and however the peers'
// layouts differ; calls per second added where known.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fleetLatency, sumAcrossPeers } from '../../src/model/fleet-latency.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import type { MethodRates } from '../../src/model/rpc-latency.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

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

describe('fleetLatency without per-peer rates', () => {
  it("gives the fleet's sums of every peer's rates, to the bit, without keeping them", () => {
    const layouts = [latencyLayout(['A', 'B'], [1, 5]), latencyLayout(['B', 'C'], [0.5, 5, 10]), latencyLayout(['A'], [1, 5])];
    // A peer: its samples (times ascending), each with one of the layouts (or none) and counts that mostly grow.
    const peer = fc.array(fc.tuple(fc.integer({ min: 1, max: 20_000 }), fc.integer({ min: -1, max: 2 }), fc.array(fc.integer({ min: -2, max: 9 }), { minLength: 12, maxLength: 12 })), { maxLength: 8 }).map((steps) => {
      let t = 1_000_000;
      const running = new Array<number>(12).fill(0);
      return steps.map(([dt, which, deltas]): PeerSample => {
        t += dt;
        const layout = which < 0 ? null : layouts[which];
        deltas.forEach((d, i) => (running[i] = Math.max(0, running[i] + d)));
        const columns = layout === null ? 0 : layout.les.length;
        return sampleAt(t, layout, [running.slice(0, columns)]);
      });
    });
    fc.assert(
      fc.property(fc.array(peer, { maxLength: 5 }), fc.constantFrom('prom242' as const, 'prom3' as const), fc.integer({ min: 5_000, max: 60_000 }), (peers, variant, windowMs) => {
        const kept = fleetLatency(peers, windowMs, variant);
        const summed = fleetLatency(peers, windowMs, variant, { perPeer: false });
        assert.deepStrictEqual(summed.perPeer, []);
        assert.ok(Object.is(summed.evalMs, kept.evalMs));
        assert.deepStrictEqual(exact(summed.fleet), exact(kept.fleet));
      }),
      { numRuns: 1000 },
    );
  });
});
