// OpenCensus distribution data: strict bucketing and analytic history.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GORPC_LATENCY_BOUNDS_MS } from '../../../src/sources/demo/catalogue.js';
import { addHistory, apportion, bucketIndex, createDistribution, recordSample } from '../../../src/sources/demo/distribution.js';
import { createPrng } from '../../../src/sources/demo/prng.js';

test('a sample goes to the first bucket with v < bound (strict)', () => {
  const bounds = [1, 2, 5];
  assert.equal(bucketIndex(bounds, 0), 0);
  assert.equal(bucketIndex(bounds, 0.999), 0);
  assert.equal(bucketIndex(bounds, 1), 1);
  assert.equal(bucketIndex(bounds, 4.9), 2);
  assert.equal(bucketIndex(bounds, 5), 3);
  assert.equal(bucketIndex(bounds, 1e9), 3);
  const d = createDistribution(bounds);
  for (const v of [0, 1, 1, 2, 7]) recordSample(d, v);
  assert.deepEqual(d.counts, [1, 2, 1, 1]);
  assert.equal(d.count, 5);
  assert.equal(d.sum, 11);
});

test('a history adds an exact count and a sum the buckets allow', () => {
  const rng = createPrng(1);
  const d = createDistribution(GORPC_LATENCY_BOUNDS_MS);
  addHistory(d, { count: 3530, median: 1800, sigma: 1.4 }, rng);
  assert.equal(d.count, 3530);
  assert.equal(d.counts.reduce((a, b) => a + b, 0), 3530);
  let lo = 0;
  let hi = 0;
  d.counts.forEach((c, i) => {
    lo += c * (i === 0 ? 0 : GORPC_LATENCY_BOUNDS_MS[i - 1]!);
    hi += c * (i < GORPC_LATENCY_BOUNDS_MS.length ? GORPC_LATENCY_BOUNDS_MS[i]! : Infinity);
  });
  assert.ok(d.sum >= lo && d.sum <= hi, `${lo} <= ${d.sum} <= ${hi}`);
  const mean = d.sum / d.count; // lognormal mean = median · e^(σ²/2) ≈ 4795
  assert.ok(mean > 3500 && mean < 6500, `mean ${mean}`);
  const below = d.counts.slice(0, GORPC_LATENCY_BOUNDS_MS.indexOf(2000) + 1).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(below / 3530 - 0.53) < 0.05, `share below 2000 ms: ${below / 3530}`);
});

test('a point-mass history lands in one bucket', () => {
  const d = createDistribution([1024, 2048]);
  addHistory(d, { count: 10, median: 232, sigma: 0 }, createPrng(1));
  addHistory(d, { count: 5, median: 0, sigma: 0 }, createPrng(1));
  addHistory(d, { count: 0, median: 5000, sigma: 0 }, createPrng(1));
  assert.deepEqual(d.counts, [15, 0, 0]);
  assert.equal(d.sum, 2320);
});

test('apportion keeps the total', () => {
  assert.deepEqual(apportion([1, 1, 1], 10), [4, 3, 3]);
  assert.deepEqual(apportion([0, 0], 3), [3, 0]);
  assert.equal(apportion([0.1, 0.7, 0.2, 1e-9], 1001).reduce((a, b) => a + b, 0), 1001);
});
