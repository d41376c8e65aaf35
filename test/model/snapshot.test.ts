import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TRACING_HINT } from '../../src/model/cluster-catalogue.js';
import { buildSnapshot, rpcRows, slowestMethod } from '../../src/model/snapshot.js';
import fc from 'fast-check';
import { methodQuantile } from '../../src/model/rpc-latency.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

const BOUNDS = [1, 2, 5, 10];
const layout = latencyLayout(['A.Slow', 'B.Fast', 'C.Idle'], BOUNDS);
const options = { target: 'test', quantile: 0.5, windowMs: 60_000, variant: 'prom3' as const };

describe('buildSnapshot', () => {
  const samples = [
    sampleAt(0, layout, [[0, 0, 0, 10, 10], [50, 60, 60, 60, 60], [3, 3, 3, 3, 3]], { pinAdd: 100, cpu: 10 }),
    sampleAt(10_000, layout, [[0, 0, 0, 30, 30], [110, 140, 140, 140, 140], [3, 3, 3, 3, 3]], { pinAdd: 120, cpu: 15 }),
  ];
  const snapshot = buildSnapshot(samples, options);

  it('interpolates each method\'s quantile from the bucket increases', () => {
    // A.Slow: all 20 new calls in (5, 10] → median 7.5. B.Fast: 60 in (0,1], 20 in (1,2] → rank 40 → 40/60.
    assert.deepEqual(rpcRows(snapshot.methodRates, snapshot.quantile).map((r) => [r.method, r.latencyMs]), [['A.Slow', 7.5], ['B.Fast', 40 / 60], ['C.Idle', null]]);
  });

  it('gives calls per second over the sampled time and null without calls', () => {
    assert.deepEqual(rpcRows(snapshot.methodRates, snapshot.quantile).map((r) => r.callsPerSecond), [2, 8, 0]);
  });

  it('keeps the bucket rates so that another quantile needs no rescan', () => {
    const slow = snapshot.methodRates.find((m) => m.method === 'A.Slow')!;
    assert.equal(methodQuantile(0.9, slow), 5 + 5 * 0.9);
  });

  it('computes counter rates, CPU and uptime from the window', () => {
    assert.equal(snapshot.rates.pinAdd, 2);
    assert.equal(snapshot.process.cpuPercent, 50);
    assert.equal(snapshot.process.uptimeSeconds, 10 - 1000);
    assert.equal(snapshot.process.libp2pConnections, 6);
    assert.equal(snapshot.cluster.informerDisk, -5e9);
    assert.deepEqual([snapshot.from, snapshot.to], [0, 10_000]);
  });

  it('gives each snapshot its own counter rates, after a longer history was rated', () => {
    const long = [0, 10_000, 20_000, 30_000].map((t, i) => sampleAt(t, layout, [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]], { pinAdd: 1000 * i, cpu: 0 }));
    assert.equal(buildSnapshot(long, options).rates.pinAdd, 100);
    assert.equal(buildSnapshot(samples, options).rates.pinAdd, 2);
    assert.equal(buildSnapshot(samples.slice(1), options).rates.pinAdd, null);
  });

  it('treats a counter reset as a restart from zero, never a negative rate', () => {
    const reset = buildSnapshot([
      sampleAt(0, layout, [[0, 0, 0, 100, 100], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
      sampleAt(10_000, layout, [[0, 0, 0, 4, 4], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]),
    ], options);
    const slow = rpcRows(reset.methodRates, reset.quantile).find((r) => r.method === 'A.Slow')!;
    assert.equal(slow.callsPerSecond, 0.4);
    assert.equal(slow.latencyMs, 7.5);
  });

  it('counts libp2p connections before the first one closed (no closed counter yet)', () => {
    const young = { ...samples[1], libp2pClosed: NaN };
    assert.equal(buildSnapshot([young], options).process.libp2pConnections, 10);
  });

  it('gives unknown connections, not a negative count, when the closed counter is ahead of the opened one', () => {
    const odd = { ...samples[1], libp2pOpened: 40, libp2pClosed: 42 };
    assert.equal(buildSnapshot([odd], options).process.libp2pConnections, null);
    assert.equal(buildSnapshot([{ ...odd, libp2pClosed: 40 }], options).process.libp2pConnections, 0);
  });

  it('explains an empty latency pane: the histograms need tracing', () => {
    const plain = buildSnapshot([sampleAt(0, null, []), sampleAt(1000, null, [])], options);
    assert.deepEqual(rpcRows(plain.methodRates, plain.quantile), []);
    assert.deepEqual(plain.notes, [TRACING_HINT]);
    assert.deepEqual(plain.missing, { clusterMetrics: false, rpcLatency: true });
  });

  it('says what the payload lacks as typed flags, for views to decide on without reading the notes', () => {
    assert.deepEqual(buildSnapshot(samples, options).missing, { clusterMetrics: false, rpcLatency: false });
    const bare = buildSnapshot([{ ...sampleAt(1000, null, []), clusterMetricsFound: 0 }], options);
    assert.deepEqual(bare.missing, { clusterMetrics: true, rpcLatency: true });
    assert.deepEqual(buildSnapshot([], options).missing, { clusterMetrics: false, rpcLatency: false });
  });

  it('has no latency with a single sample', () => {
    const one = buildSnapshot([samples[1]], options);
    assert.ok(rpcRows(one.methodRates, one.quantile).every((r) => r.latencyMs === null && r.callsPerSecond === null));
  });
});

describe('slowestMethod', () => {
  it('is the first row with a latency of rpcRows, ties by name, NaN and Infinity left out', () => {
    const method = fc.constantFrom('Cluster.Pin', 'Cluster.Unpin', 'IPFSConnector.Pin', 'PinTracker.Status', 'PeerMonitor.LatestMetrics');
    const bound = fc.constantFrom(1, 5, 10, 50, Infinity);
    const count = fc.oneof(fc.constant(0), fc.constant(NaN), fc.double({ min: 0, max: 100, noNaN: true }));
    const rates = fc.record({ method, buckets: fc.array(fc.record({ upperBound: bound, count }), { maxLength: 4 }), callsPerSecond: count });
    fc.assert(
      fc.property(fc.array(rates, { maxLength: 8 }), fc.constantFrom(0.5, 0.9, 0.95, 0.99), (methodRates, q) => {
        const sorted = methodRates.map((r) => ({ ...r, buckets: [...r.buckets].sort((a, b) => a.upperBound - b.upperBound) }));
        const first = rpcRows(sorted, q)[0];
        const expected = first === undefined || first.latencyMs === null ? null : { method: first.method, latencyMs: first.latencyMs };
        assert.deepEqual(slowestMethod(sorted, q), expected);
      }),
      { numRuns: 500 },
    );
  });
});
