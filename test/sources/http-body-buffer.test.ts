// GrowingBuffer: bytes appended piece by piece come out as one contiguous buffer, which doubles
// as it fills but never past the limit, starts in a buffer it is given, and hands back a buffer
// for reuse that is not far bigger than the bytes.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GrowingBuffer } from '../../src/sources/http-body-buffer.js';

const KiB = 1024;

describe('GrowingBuffer', () => {
  it('gathers 1-byte pieces from a reused scratch buffer into the same bytes', () => {
    const expected = Buffer.from('ipfscluster_pins 48224\n'.repeat(10_000));
    const g = new GrowingBuffer(expected.length);
    const scratch = Buffer.alloc(1);
    for (const byte of expected) {
      scratch[0] = byte;
      g.append(scratch);
    }
    assert.equal(g.length, expected.length);
    assert.ok(g.bytes().equals(expected));
  });

  it('doubles its buffer from 64 KiB, and at the limit grows only to the limit', () => {
    const g = new GrowingBuffer(300 * KiB);
    g.append(Buffer.alloc(10));
    assert.equal(g.settle().spare.length, 64 * KiB);
    g.append(Buffer.alloc(64 * KiB));
    assert.equal(g.settle().spare.length, 128 * KiB);
    g.append(Buffer.alloc(100 * KiB));
    assert.equal(g.settle().spare.length, 256 * KiB);
    g.append(Buffer.alloc(100 * KiB));
    assert.equal(g.settle().spare.length, 300 * KiB, 'not 512 KiB: the limit');
    assert.equal(g.length, 264 * KiB + 10);
  });

  it('a limit under 64 KiB is the first size; a big piece gets room for itself', () => {
    const small = new GrowingBuffer(8 * KiB);
    small.append(Buffer.alloc(1));
    assert.equal(small.settle().spare.length, 8 * KiB);
    const big = new GrowingBuffer(10 * 1024 * KiB);
    big.append(Buffer.alloc(200 * KiB));
    assert.equal(big.settle().spare.length, 200 * KiB);
  });

  it('starts in a buffer it is given and hands it back while the bytes fit it', () => {
    const into = Buffer.alloc(100 * KiB);
    const g = new GrowingBuffer(1024 * KiB, into);
    g.append(Buffer.alloc(90 * KiB, 1));
    const { body, spare } = g.settle();
    assert.equal(spare, into);
    assert.equal(body.buffer, into.buffer);
    assert.equal(body.length, 90 * KiB);
  });

  it('grows out of a given buffer that is too small, keeping what it held', () => {
    const g = new GrowingBuffer(1024 * KiB, Buffer.alloc(4));
    g.append(Buffer.from('abc'));
    g.append(Buffer.from('defgh'));
    assert.equal(g.bytes().toString(), 'abcdefgh');
    assert.equal(g.settle().spare.length, 64 * KiB);
  });

  it('hands back a buffer of the bytes’ size when the given one is far bigger, so it is not pinned', () => {
    const huge = Buffer.alloc(4096 * KiB);
    const g = new GrowingBuffer(8192 * KiB, huge);
    g.append(Buffer.from('small body\n'));
    const { body, spare } = g.settle();
    assert.equal(body.toString(), 'small body\n');
    assert.notEqual(spare, huge);
    assert.ok(spare.length < 2 * body.length, `${spare.length}`);
    assert.equal(body.buffer, spare.buffer);
  });
});
