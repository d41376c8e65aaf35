import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PeerHistory } from '../../src/model/history.js';
import { windowedMethodRates } from '../../src/model/rpc-latency.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

describe('PeerHistory', () => {
  it('keeps only the samples inside the window (the one at the edge stays)', () => {
    const history = new PeerHistory({ windowMs: 10_000, maxSamples: 100 });
    for (const t of [0, 5_000, 10_000, 15_000, 20_000]) history.push(sampleAt(t, null, []));
    assert.deepEqual(history.samples().map((s) => s.tMs), [10_000, 15_000, 20_000]);
  });

  it('caps the number of samples', () => {
    const history = new PeerHistory({ windowMs: 1e9, maxSamples: 3 });
    for (let t = 1; t <= 10; t++) history.push(sampleAt(t * 1000, null, []));
    assert.deepEqual(history.samples().map((s) => s.tMs), [8000, 9000, 10_000]);
    assert.equal(history.length, 3);
  });

  it('ignores a sample that is not newer than the last', () => {
    const history = new PeerHistory({ windowMs: 60_000, maxSamples: 10 });
    history.push(sampleAt(2000, null, []));
    assert.deepEqual(history.push(sampleAt(2000, null, [])), { restarted: false, outOfOrder: true });
    assert.equal(history.length, 1);
  });

  it('starts over when the peer restarted, so rates never mix two processes', () => {
    const history = new PeerHistory({ windowMs: 60_000, maxSamples: 10 });
    history.push(sampleAt(1000, null, [], { startTime: 100 }));
    history.push(sampleAt(2000, null, [], { startTime: 100 }));
    const result = history.push(sampleAt(3000, null, [], { startTime: 2.5 }));
    assert.equal(result.restarted, true);
    assert.deepEqual(history.samples().map((s) => s.tMs), [3000]);
    assert.equal(history.restartedAtMs, 3000);
  });
});

describe('PeerHistory.steadyFrom and the windowed rates', () => {
  const layout = latencyLayout(['Cluster.Pin', 'Cluster.Unpin'], [5, 50]);
  const other = latencyLayout(['Cluster.Pin'], [5, 50]);

  it('is where the last reset or change of layout was, moved as samples are dropped', () => {
    const history = new PeerHistory({ windowMs: 1e9, maxSamples: 4 });
    const counts = (n: number) => [[n, n, n], [1, 2, 3]];
    history.push(sampleAt(1000, layout, counts(5)));
    history.push(sampleAt(2000, layout, counts(6)));
    assert.equal(history.steadyFrom, 0);
    history.push(sampleAt(3000, layout, counts(2)));
    assert.equal(history.steadyFrom, 2, 'a count went down');
    history.push(sampleAt(4000, other, [[3, 3, 3]]));
    assert.equal(history.steadyFrom, 3, 'another layout');
    history.push(sampleAt(5000, other, [[4, 4, 4]]));
    assert.deepEqual([history.length, history.steadyFrom], [4, 2], 'one sample dropped');
    history.push(sampleAt(6000, other, [[4, 4, 4]]));
    history.push(sampleAt(7000, other, [[5, 5, 6]]));
    assert.equal(history.steadyFrom, 0);
  });

  it('gives the same rates, to the bit, as comparing the whole window', () => {
    const step = fc.record({ gapMs: fc.integer({ min: 500, max: 4000 }), reset: fc.boolean(), switchLayout: fc.boolean(), add: fc.array(fc.nat(20), { minLength: 6, maxLength: 6 }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2000, max: 30_000 }), fc.constantFrom('prom3', 'prom242' as const), (steps, windowMs, variant) => {
        const history = new PeerHistory({ windowMs, maxSamples: 12 });
        let t = 0;
        let totals = [0, 0, 0, 0, 0, 0];
        let current = layout;
        for (const s of steps) {
          t += s.gapMs;
          if (s.switchLayout) current = current === layout ? other : layout;
          totals = s.reset ? s.add.map((a) => a) : totals.map((v, i) => v + s.add[i]);
          // Cumulative buckets per method: each bound's count at least the one before it.
          const cumulative = (from: number) => [totals[from], totals[from] + totals[from + 1], totals[from] + totals[from + 1] + totals[from + 2]];
          history.push(sampleAt(t, current, current === layout ? [cumulative(0), cumulative(3)] : [cumulative(0)]));
          const samples = history.samples();
          const shortCut = windowedMethodRates(samples, t, windowMs, variant, history.steadyFrom);
          const compared = windowedMethodRates(samples, t, windowMs, variant);
          assert.deepEqual(shortCut.map((r) => [r.method, r.callsPerSecond, r.buckets]), compared.map((r) => [r.method, r.callsPerSecond, r.buckets]));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('PeerHistory.countersSteadyFrom and the snapshot rates', () => {
  it('is where a counter last went down, appeared or vanished, moved as samples are dropped', () => {
    const history = new PeerHistory({ windowMs: 1e9, maxSamples: 4 });
    history.push(sampleAt(1000, null, [], { pinAdd: 5, cpu: 1 }));
    history.push(sampleAt(2000, null, [], { pinAdd: 7, cpu: 1 }));
    assert.equal(history.countersSteadyFrom, 0);
    history.push(sampleAt(3000, null, [], { pinAdd: 2, cpu: 2 }));
    assert.equal(history.countersSteadyFrom, 2, 'a counter went down');
    history.push(sampleAt(4000, null, [], { cpu: 3 }));
    assert.equal(history.countersSteadyFrom, 3, 'a counter vanished');
    history.push(sampleAt(5000, null, [], { cpu: 2 }));
    assert.deepEqual([history.length, history.countersSteadyFrom], [4, 3], 'the CPU seconds went down; one sample dropped');
    history.push(sampleAt(6000, null, [], { cpu: 2 }));
    history.push(sampleAt(7000, null, [], { cpu: 2.5 }));
    history.push(sampleAt(8000, null, [], { cpu: 2.5 }));
    assert.equal(history.countersSteadyFrom, 0);
  });

  it('gives the same counter and CPU rates, to the bit, as going over the whole window', () => {
    const value = fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.constant(Infinity));
    const step = fc.record({ gapMs: fc.integer({ min: 500, max: 4000 }), pinAdd: value, cpu: value, grow: fc.double({ min: 0, max: 50, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), fc.integer({ min: 2000, max: 30_000 }), fc.boolean(), (steps, windowMs, growing) => {
        const history = new PeerHistory({ windowMs, maxSamples: 12 });
        let t = 0;
        let pinAdd = 0;
        for (const s of steps) {
          t += s.gapMs;
          // Mostly a growing counter, with drops, gaps and odd values drawn in between.
          pinAdd = growing ? pinAdd + s.grow : s.pinAdd;
          history.push(sampleAt(t, null, [], { pinAdd, cpu: s.cpu }));
          const options = { target: 'p', quantile: 0.95, windowMs, variant: 'prom3' as const };
          const steady = buildSnapshot(history.samples(), { ...options, countersSteadyFrom: history.countersSteadyFrom });
          const full = buildSnapshot(history.samples(), options);
          assert.deepEqual([steady.rates, steady.process], [full.rates, full.process]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
