// methodFigures: the methods of a snapshot at the settings asked for — each quantile read from
// the rates the trend kept, equal to computing it from their buckets; filtered and sorted — and
// any question gets the figures a fresh computation gives, whatever was asked before.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { methodFigures, type SortMode } from '../../src/model/latency-view.js';
import { histogramQuantile } from '../../src/model/quantile.js';
import { syntheticState } from '../ui/support.js';

describe('methodFigures', () => {
  const a = syntheticState(6).snapshot;
  const b = syntheticState(8).snapshot;
  const settings = { quantile: 0.95, sort: 'latency' as SortMode, filter: '' };

  it("gives each method's quantile as computed from its buckets, for every quantile key and another", () => {
    for (const quantile of [0.5, 0.9, 0.95, 0.99, 0.999]) {
      const figures = methodFigures(a, { ...settings, quantile });
      assert.equal(figures.length, a!.methodRates.length);
      for (const f of figures) {
        const rates = a!.methodRates.find((r) => r.method === f.method)!;
        const expected = histogramQuantile(quantile, rates.buckets);
        assert.equal(f.latencyMs, Number.isFinite(expected) ? expected : null, `${f.method} at ${quantile}`);
      }
    }
  });

  it('recomputes when the snapshot or any setting changes, as if asked first', () => {
    const questions = [
      [b, settings],
      [b, { ...settings, quantile: 0.5 }],
      [b, { ...settings, sort: 'name' as SortMode }],
      [b, { ...settings, sort: 'calls' as SortMode }],
      [b, { ...settings, filter: 'pin' }],
      [a, { ...settings, filter: 'pin' }],
    ] as const;
    // Each question asked after every other one, compared with the answer it got when asked first.
    const fresh = questions.map(([snapshot, s]) => {
      methodFigures({ ...snapshot }, { quantile: 0.99, sort: 'name', filter: 'x' });
      return methodFigures(snapshot, s);
    });
    for (const [i, [snapshot, s]] of questions.entries()) {
      for (const [other, o] of questions) {
        methodFigures(other, o);
        assert.deepEqual(methodFigures(snapshot, s), fresh[i], `question ${i}`);
      }
    }
    // And the answers differ where the questions do: sorted by name, by latency; filtered.
    const names = fresh[2].map((f) => f.method);
    assert.deepEqual(names, [...names].sort());
    assert.notDeepEqual(fresh[0].map((f) => f.method), names);
    assert.ok(fresh[4].length < fresh[0].length && fresh[4].every((f) => f.method.toLowerCase().includes('pin')));
  });
});
