// The command line's durations and sizes, and that the settings formatters (src/model/units.ts)
// write what these parsers read back exactly.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatInterval, formatSize } from '../../src/model/units.js';
import { parseDuration, parseSize } from '../../src/util/parse-units.js';

describe('parse-units', () => {
  it('reads Go-style durations, fractions exactly to the millisecond', () => {
    assert.deepEqual(['500ms', '2s', '1m', '1m30s', '1h', '1.5s', '1.001s', '16.1s', '32.7s'].map(parseDuration), [500, 2000, 60_000, 90_000, 3_600_000, 1500, 1001, 16_100, 32_700]);
    assert.deepEqual(['', '2', 's', '2 s', '1d', '-1s'].map(parseDuration), [null, null, null, null, null, null]);
  });

  it('reads sizes in bytes, decimal and binary units', () => {
    assert.deepEqual(['1048576', '512k', '512KiB', '10MB', '64MiB', '1GiB', '10kB'].map(parseSize), [1_048_576, 512_000, 524_288, 10_000_000, 67_108_864, 2 ** 30, 10_000]);
    assert.equal(parseSize('64 parsecs'), null);
  });

  it('reads back every duration formatInterval writes, to the millisecond', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 30 * 86_400_000 }), (ms) => parseDuration(formatInterval(ms)) === ms));
  });

  it('reads back every size formatSize writes', () => {
    const sizes = fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 1, max: 2 ** 20 }).map((n) => n * 1024), fc.integer({ min: 1, max: 10 ** 6 }).map((n) => n * 1000));
    fc.assert(fc.property(sizes, (bytes) => parseSize(formatSize(bytes)) === bytes));
  });
});
