// Tests for Ring: bounded FIFO history with overwrite-oldest semantics.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Ring } from '../../src/model/ring.js';

describe('Ring', () => {
  it('rejects a capacity that is not a positive integer', () => {
    for (const c of [0, -1, 1.5, NaN, Infinity]) assert.throws(() => new Ring<number>(c), RangeError, String(c));
  });
  it('starts empty', () => {
    const r = new Ring<number>(3);
    assert.equal(r.length, 0);
    assert.equal(r.capacity, 3);
    assert.equal(r.last(), undefined);
    assert.equal(r.at(0), undefined);
    assert.deepEqual(r.toArray(), []);
  });
  it('keeps elements oldest first until full', () => {
    const r = new Ring<string>(3);
    r.push('a');
    r.push('b');
    assert.equal(r.length, 2);
    assert.equal(r.at(0), 'a');
    assert.equal(r.at(1), 'b');
    assert.equal(r.at(2), undefined);
    assert.equal(r.last(), 'b');
    assert.deepEqual(r.toArray(), ['a', 'b']);
  });
  it('overwrites the oldest element once full', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 7; i++) r.push(i);
    assert.equal(r.length, 3);
    assert.deepEqual(r.toArray(), [5, 6, 7]);
    assert.equal(r.at(0), 5);
    assert.equal(r.at(2), 7);
    assert.equal(r.last(), 7);
  });
  it('at() counts from the newest with negative indices and rejects out-of-range ones', () => {
    const r = new Ring<number>(4);
    for (let i = 1; i <= 6; i++) r.push(i); // holds 3, 4, 5, 6
    assert.equal(r.at(-1), 6);
    assert.equal(r.at(-4), 3);
    assert.equal(r.at(-5), undefined);
    assert.equal(r.at(4), undefined);
    assert.equal(r.at(NaN), undefined);
  });
  it('capacity 1 always holds the newest element', () => {
    const r = new Ring<number>(1);
    r.push(1);
    r.push(2);
    assert.deepEqual(r.toArray(), [2]);
    assert.equal(r.last(), 2);
  });
  it('toArray() returns a copy', () => {
    const r = new Ring<number>(2);
    r.push(1);
    const a = r.toArray();
    a.push(99);
    assert.deepEqual(r.toArray(), [1]);
  });
  it('clear() empties the ring and it can be refilled', () => {
    const r = new Ring<number>(3);
    for (let i = 0; i < 5; i++) r.push(i);
    r.clear();
    assert.equal(r.length, 0);
    assert.equal(r.last(), undefined);
    assert.deepEqual(r.toArray(), []);
    r.push(10);
    r.push(11);
    assert.deepEqual(r.toArray(), [10, 11]);
  });
  it('iterates oldest first', () => {
    const r = new Ring<number>(3);
    for (let i = 1; i <= 4; i++) r.push(i);
    assert.deepEqual([...r], [2, 3, 4]);
  });
  it('matches a plain sliding window over many pushes', () => {
    const r = new Ring<number>(5);
    const ref: number[] = [];
    for (let i = 0; i < 23; i++) {
      r.push(i);
      ref.push(i);
      if (ref.length > 5) ref.shift();
      assert.deepEqual(r.toArray(), ref);
      assert.equal(r.last(), ref[ref.length - 1]);
    }
  });
});
