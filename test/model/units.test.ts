import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatInterval,
  formatMs,
  formatPercent,
  formatRate,
  formatSize,
  quantileName,
} from '../../src/model/units.js';

describe('units', () => {
  it('formats bytes in binary units with three significant digits', () => {
    assert.deepEqual([0, 512, 1536, 367 * 2 ** 20, 1.44e12, -5e9].map((b) => formatBytes(b)), ['0 B', '512 B', '1.50 KiB', '367 MiB', '1.31 TiB', '-4.66 GiB']);
  });

  it('formats latencies from sub-millisecond to minutes', () => {
    assert.deepEqual([0.0512, 4.2, 42, 412.4, 999.6, 4650, 59_000, 123_000].map((ms) => formatMs(ms)), [
      '0.05 ms',
      '4.20 ms',
      '42.0 ms',
      '412 ms',
      '1.00 s',
      '4.65 s',
      '59.0 s',
      '2.05 min',
    ]);
  });

  it('formats rates, counts and percentages', () => {
    assert.deepEqual([0, 0.001, 0.4, 12.34, 4500, 2e6].map((r) => formatRate(r)), ['0', '<0.01', '0.40', '12.3', '4.50k', '2.00M']);
    assert.deepEqual([42509, 999_999, 1_234_567, 2.5e9].map((n) => formatCount(n)), ['42509', '999999', '1.23M', '2.50G']);
    assert.deepEqual([0.25, 12.5, 105].map((p) => formatPercent(p)), ['0.3%', '12.5%', '105%']);
  });

  it('prints a dash for missing values', () => {
    for (const f of [formatBytes, formatMs, formatRate, formatCount, formatPercent, formatDuration]) {
      assert.equal(f(null), '-');
      assert.equal(f(NaN), '-');
      assert.equal(f(undefined, '?'), '?');
    }
  });

  it('formats durations with two units at most, leaving out a zero minor unit', () => {
    assert.deepEqual([0, 42.9, 60, 185, 3600, 7380, 86_400 * 2 + 3600 * 14].map((s) => formatDuration(s)), ['0s', '42s', '1m', '3m05s', '1h', '2h03m', '2d14h']);
  });

  it('names intervals and quantiles', () => {
    assert.deepEqual([250, 1000, 2500, 60_000].map(formatInterval), ['250ms', '1s', '2.5s', '1m']);
    assert.deepEqual([0, 90_000, 3_600_000, 5_400_000, 3_605_000, 61_001, 86_400_000].map(formatInterval), ['0ms', '1m30s', '1h', '1h30m', '1h5s', '1m1.001s', '24h']);
    assert.deepEqual([0, 512, 524_288, 67_108_864, 2 ** 30, 10_000_000, 1_000_001, 1536].map(formatSize), ['0', '512', '512KiB', '64MiB', '1GiB', '10MB', '1000001', '1536']);
    assert.deepEqual([0.5, 0.9, 0.95, 0.99, 0.999].map(quantileName), ['p50', 'p90', 'p95', 'p99', 'p99.9']);
  });
});
