import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PeerHistory } from '../../src/model/history.js';
import { sampleAt } from '../support/samples.js';

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
