import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
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

/** The straightforward sparkline: a fresh downsampled array and ramp per call. */
function reference(values: readonly (number | null)[], width: number, options: { ramp: string; max?: number }): string {
  if (width <= 0) return '';
  const points = downsample(values, width);
  const ramp = [...options.ramp];
  let max = options.max ?? 0;
  if (options.max === undefined) for (const v of points) if (v !== null && v > max) max = v;
  let out = ' '.repeat(width - points.length);
  for (const v of points) {
    if (v === null || !Number.isFinite(v)) out += ' ';
    else if (v <= 0 || max <= 0) out += ramp[0];
    else out += ramp[Math.min(ramp.length - 1, Math.max(0, Math.ceil((v / max) * ramp.length) - 1))];
  }
  return out;
}

describe('sparkline, drawn again and again', () => {
  it('draws what a fresh computation draws, whatever was drawn before', () => {
    const value = fc.oneof(fc.constant(null), fc.constantFrom(0, -0, -1, NaN, Infinity, -Infinity), fc.double({ min: -10, max: 1e4, noNaN: true }));
    const call = fc.record({
      values: fc.array(value, { maxLength: 60 }),
      width: fc.integer({ min: -1, max: 30 }),
      ramp: fc.constantFrom(UNICODE_GLYPHS.ramp, ASCII_GLYPHS.ramp),
      max: fc.option(fc.double({ min: -1, max: 1e4, noNaN: true }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        for (const c of calls) {
          const options = c.max === undefined ? { ramp: c.ramp } : { ramp: c.ramp, max: c.max };
          assert.equal(sparkline(c.values, c.width, options), reference(c.values, c.width, options));
        }
      }),
      { seed: 20261125, numRuns: 500 },
    );
  });
});
