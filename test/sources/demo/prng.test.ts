// The demo peer's seeded PRNG and distributions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createPrng, lognormal, normalCdf, poisson } from '../../../src/sources/demo/prng.js';

test('same seed, same sequence; different seeds differ', () => {
  const a = createPrng(42);
  const b = createPrng(42);
  const c = createPrng(43);
  const xs = Array.from({ length: 100 }, () => a.next());
  assert.deepEqual(Array.from({ length: 100 }, () => b.next()), xs);
  assert.notDeepEqual(Array.from({ length: 100 }, () => c.next()), xs);
  assert.ok(xs.every((x) => x >= 0 && x < 1));
});

test('poisson and lognormal have the expected centre', () => {
  const rng = createPrng(7);
  const n = 20000;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += poisson(rng, 0.3);
  assert.ok(Math.abs(sum / n - 0.3) < 0.02, `poisson mean ${sum / n}`);
  let big = 0;
  for (let i = 0; i < 2000; i++) big += poisson(rng, 50);
  assert.ok(Math.abs(big / 2000 - 50) < 1);
  assert.equal(poisson(rng, 0), 0);
  const xs = Array.from({ length: n }, () => lognormal(rng, 1800, 1.4)).sort((x, y) => x - y);
  const median = xs[n / 2]!;
  assert.ok(median > 1650 && median < 1950, `median ${median}`);
});

test('normalCdf', () => {
  assert.ok(Math.abs(normalCdf(0) - 0.5) < 1e-7);
  assert.ok(Math.abs(normalCdf(1.959964) - 0.975) < 1e-6);
  assert.ok(Math.abs(normalCdf(-1) - 0.158655) < 1e-6);
  assert.equal(normalCdf(-Infinity), 0);
  assert.equal(normalCdf(Infinity), 1);
});
