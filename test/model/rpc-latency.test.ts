// windowedMethodRates takes a short cut when every sample in the window has the same layout and no
// bucket count went down (each increase is then last − first): its results must be those of the
// general path, to the bit. The reference below is the general path written out: one list of
// points per bucket series, Prometheus' extrapolatedRate, sums by (method, le).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { counterIncrease, extrapolatedRate, type Point, type RateVariant } from '../../src/model/counter.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import { windowedMethodRates, type MethodRates } from '../../src/model/rpc-latency.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

/** Rates as plain objects, whatever class holds them (packed rates rebuild their buckets on read). */
function plain(rates: readonly MethodRates[]): MethodRates[] {
  return rates.map((r) => ({ method: r.method, buckets: r.buckets.map((b) => ({ upperBound: b.upperBound, count: b.count })), callsPerSecond: r.callsPerSecond }));
}

function reference(samples: readonly PeerSample[], evalMs: number, windowMs: number, variant: RateVariant): MethodRates[] {
  const layout = samples[samples.length - 1].latency!;
  const rangeStart = evalMs - windowMs;
  const inWindow = samples.filter((s) => s.tMs >= rangeStart && s.tMs <= evalMs);
  const byMethod = new Map<string, { rates: Map<number, number>; calls: number }>();
  layout.seriesIds.forEach((seriesId, index) => {
    const column = { method: layout.plan.methods[layout.plan.methodOf[index]], le: layout.les[index] };
    const points: Point[] = [];
    for (const s of inWindow) {
      // A plain search of the sample's layout: independent of columnOf's binary search.
      const j = s.latency === layout ? index : s.latency === null ? -1 : s.latency.seriesIds.indexOf(seriesId);
      if (j >= 0) points.push({ t: s.tMs, v: s.latencyValues[j] });
    }
    const rate = extrapolatedRate(points, rangeStart, evalMs, { isCounter: true, isRate: true, variant });
    let entry = byMethod.get(column.method);
    if (entry === undefined) byMethod.set(column.method, (entry = { rates: new Map(), calls: NaN }));
    if (!Number.isNaN(rate)) entry.rates.set(column.le, (entry.rates.get(column.le) ?? 0) + rate);
    if (column.le === Infinity) {
      const inside = points.filter((p) => p.t > rangeStart);
      const calls = inside.length < 2 ? NaN : counterIncrease(inside) / ((inside[inside.length - 1].t - inside[0].t) / 1000);
      entry.calls = Number.isNaN(entry.calls) ? calls : Number.isNaN(calls) ? entry.calls : entry.calls + calls;
    }
  });
  return [...byMethod].map(([method, e]) => ({
    method,
    buckets: [...e.rates].map(([upperBound, count]) => ({ upperBound, count })).sort((a, b) => a.upperBound - b.upperBound),
    callsPerSecond: e.calls,
  }));
}

const METHODS = ['Cluster.Pin', 'PinTracker.Track'];
const BOUNDS = [1, 5, 25];
const LAYOUT = latencyLayout(METHODS, BOUNDS);

/** Samples one scrape every `stepMs` (± jitter): each count grows by its step, or drops to it when the step is negative (a reset). */
function history(steps: readonly (readonly number[])[], stepMs: number, jitter: readonly number[]): PeerSample[] {
  const width = BOUNDS.length + 1;
  const counts = new Array<number>(METHODS.length * width).fill(0);
  return steps.map((step, i) => {
    step.forEach((inc, j) => (counts[j] = inc < 0 ? -inc : counts[j] + inc));
    const perMethod = METHODS.map((_, m) => counts.slice(m * width, (m + 1) * width));
    return sampleAt(1_000_000 + i * stepMs + (jitter[i % jitter.length] ?? 0), LAYOUT, perMethod);
  });
}

describe('windowedMethodRates', () => {
  it('gives the general path’s results to the bit, with and without counter resets, in both variants', () => {
    const width = METHODS.length * (BOUNDS.length + 1);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -3, max: 40 }), { minLength: width, maxLength: width }), { minLength: 2, maxLength: 40 }),
        fc.array(fc.integer({ min: -400, max: 400 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom<RateVariant>('prom3', 'prom242'),
        fc.integer({ min: 2_000, max: 30_000 }),
        (steps, jitter, variant, windowMs) => {
          const samples = history(steps, 1000, jitter).sort((a, b) => a.tMs - b.tMs);
          for (let n = 1; n <= samples.length; n++) {
            const upto = samples.slice(0, n);
            const evalMs = upto[n - 1].tMs;
            assert.deepEqual(plain(windowedMethodRates(upto, evalMs, windowMs, variant)), reference(upto, evalMs, windowMs, variant));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is not fooled by a sample seen before after another predecessor (the no-reset check is per pair)', () => {
    const a = sampleAt(1000, LAYOUT, METHODS.map(() => [1, 2, 3, 4]));
    const b = sampleAt(2000, LAYOUT, METHODS.map(() => [2, 3, 4, 5]));
    const c = sampleAt(3000, LAYOUT, METHODS.map(() => [1, 1, 1, 1])); // a reset from b's counts
    const d = sampleAt(500, LAYOUT, METHODS.map(() => [0, 0, 0, 0]));
    // c after b is a reset; c after d is not. Both orders must match the reference.
    assert.deepEqual(plain(windowedMethodRates([a, b, c], 3000, 10_000, 'prom3')), reference([a, b, c], 3000, 10_000, 'prom3'));
    assert.deepEqual(plain(windowedMethodRates([d, c], 3000, 10_000, 'prom3')), reference([d, c], 3000, 10_000, 'prom3'));
    assert.deepEqual(plain(windowedMethodRates([a, b, c], 3000, 10_000, 'prom3')), reference([a, b, c], 3000, 10_000, 'prom3'));
  });

  it('handles a change of series set inside the window like the general path', () => {
    const other = latencyLayout(['Cluster.Pin'], BOUNDS);
    const samples = [
      sampleAt(1000, other, [[1, 2, 3, 4]]),
      sampleAt(2000, LAYOUT, METHODS.map(() => [2, 4, 6, 8])),
      sampleAt(3000, LAYOUT, METHODS.map(() => [3, 6, 9, 12])),
    ];
    assert.deepEqual(plain(windowedMethodRates(samples, 3000, 60_000, 'prom3')), reference(samples, 3000, 60_000, 'prom3'));
  });
});
