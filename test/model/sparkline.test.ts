import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/model/glyphs.js';
import { downsample, sparkline } from '../../src/model/sparkline.js';

const blocks = { ramp: UNICODE_GLYPHS.ramp };

describe('downsample', () => {
  it('keeps a series that fits', () => {
    assert.deepEqual(downsample([1, null, 3], 5), [1, null, 3]);
  });

  it('keeps the maximum of each group, cut from the newest end', () => {
    assert.deepEqual(downsample([1, 5, 2, 2, 9, 3, 4], 3), [5, 9, 4]);
  });

  it('gives null only for a group without data', () => {
    assert.deepEqual(downsample([null, null, 1, null, null, null], 3), [null, 1, null]);
  });
});

describe('sparkline', () => {
  it('maps 0..max onto the eight blocks, newest at the right', () => {
    assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8], 9, blocks), '▁▁▂▃▄▅▆▇█');
  });

  it('leaves gaps and missing history blank', () => {
    assert.equal(sparkline([4, null, 8], 6, blocks), '   ▄ █');
  });

  it('downsamples to the width', () => {
    assert.equal(sparkline([1, 8, 1, 1, 8, 8], 3, blocks), '█▁█');
  });

  it('draws an ASCII ramp and honours a fixed maximum', () => {
    assert.equal(sparkline([1, 2, 4, 8, 16], 5, { ramp: ASCII_GLYPHS.ramp, max: 8 }), '_.:##');
  });

  it('draws the bottom level for all-zero data and nothing at zero width', () => {
    assert.equal(sparkline([0, 0], 2, blocks), '▁▁');
    assert.equal(sparkline([1], 0, blocks), '');
  });
});
