// methodFigures remembers its last answer: asked again with the same snapshot and settings (the
// dashboard and its latency pane do, each frame) it hands back the same figures, and any other
// question gets the figures a fresh computation gives.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { methodFigures, type SortMode } from '../../src/model/latency-view.js';
import { syntheticState } from '../ui/support.js';

describe('methodFigures', () => {
  const a = syntheticState(6).snapshot;
  const b = syntheticState(8).snapshot;
  const settings = { quantile: 0.95, sort: 'latency' as SortMode, filter: '' };

  it('hands back the same figures for the same snapshot and settings', () => {
    const first = methodFigures(a, settings);
    assert.equal(methodFigures(a, { ...settings }), first);
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
