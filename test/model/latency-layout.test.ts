// The latency layout: a column is found by its series id (binary search over the ids' order),
// whatever order the ids come in and however large they grow.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { columnOf, latencyLayout } from '../../src/model/latency-layout.js';

test('columnOf finds every column by its series id, and -1 for an id the layout lacks', () => {
  const ids = fc.uniqueArray(fc.oneof(fc.nat(5000), fc.integer({ min: 2 ** 31 - 10, max: 2 ** 33 })), { maxLength: 300 });
  fc.assert(
    fc.property(ids, fc.array(fc.nat(2 ** 34), { maxLength: 20 }), (seriesIds, probes) => {
      const layout = latencyLayout('f', seriesIds.map((seriesId, i) => ({ seriesId, method: `M.${i % 7}`, le: i })));
      seriesIds.forEach((id, c) => assert.equal(columnOf(layout, id), c));
      for (const id of probes) assert.equal(columnOf(layout, id), seriesIds.indexOf(id));
    }),
  );
});

test('a layout keeps each column in the order given, with its bound and method', () => {
  const layout = latencyLayout('f', [
    { seriesId: 9, method: 'B', le: 1 },
    { seriesId: 3, method: 'A', le: Infinity },
    { seriesId: 5, method: 'B', le: Infinity },
  ]);
  assert.deepEqual([...layout.seriesIds], [9, 3, 5]);
  assert.deepEqual([...layout.les], [1, Infinity, Infinity]);
  assert.deepEqual([0, 1, 2].map((c) => layout.plan.methods[layout.plan.methodOf[c]]), ['B', 'A', 'B']);
});
