import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isQueueGrowing } from '../../src/model/queue-growth.js';

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
});
