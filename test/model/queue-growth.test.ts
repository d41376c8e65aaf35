import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isPinQueueGrowing, isQueueGrowing } from '../../src/model/queue-growth.js';
import type { PeerSample } from '../../src/model/peer-sample.js';

describe('isQueueGrowing', () => {
  it('needs three rises in a row', () => {
    assert.equal(isQueueGrowing([5, 1, 2, 3, 4]), true);
    assert.equal(isQueueGrowing([1, 2, 3]), false);
    assert.equal(isQueueGrowing([1, 2, 2, 3, 4]), false);
  });

  it('does not count missing values as rises', () => {
    assert.equal(isQueueGrowing([NaN, 2, 3, 4, 5]), true);
    assert.equal(isQueueGrowing([1, 2, NaN, 4]), false);
  });

  it('reads samples as it reads the whole list of their pin queue gauges', () => {
    const gauge = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constant(NaN));
    fc.assert(
      fc.property(fc.array(gauge, { maxLength: 9 }), fc.integer({ min: 1, max: 4 }), (queued, rises) => {
        const samples = queued.map((pinQueued) => ({ gauges: { pinQueued } }) as unknown as PeerSample);
        assert.equal(isPinQueueGrowing(samples, rises), isQueueGrowing(queued, rises));
      }),
    );
  });
});
