// The fleet screen's reducer: selection kept by name across orders, paging and the ends, sorts,
// the filter, quantile, and opening and leaving a peer.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetReducer, initialFleetState } from '../../src/model/fleet-display.js';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('fleet display reducer', () => {
  it('moves the selection by rows and pages, stopping at the ends', () => {
    let s = initialFleetState(0.95);
    s = fleetReducer(s, { type: 'move', by: 1, order });
    assert.equal(s.selected, 'b');
    s = fleetReducer(s, { type: 'move', by: 10, order });
    assert.equal(s.selected, 'e');
    s = fleetReducer(s, { type: 'move', by: -3, order });
    assert.equal(s.selected, 'b');
    s = fleetReducer(s, { type: 'move-to', end: 'last', order });
    assert.equal(s.selected, 'e');
    s = fleetReducer(s, { type: 'move-to', end: 'first', order });
    assert.equal(s.selected, 'a');
    assert.equal(fleetReducer(s, { type: 'move', by: -1, order }), s, 'nothing changes at the top');
  });

  it('keeps the selected peer when the order changes', () => {
    const s = fleetReducer(initialFleetState(0.95), { type: 'move', by: 2, order });
    assert.equal(s.selected, 'c');
    const next = fleetReducer(s, { type: 'move', by: 1, order: ['c', 'a', 'e'] });
    assert.equal(next.selected, 'a', 'one down from c in the new order');
  });

  it('cycles the sorts and back', () => {
    let s = initialFleetState(0.5);
    const seen = [s.sort];
    for (let i = 0; i < 5; i++) seen.push((s = fleetReducer(s, { type: 'cycle-sort' })).sort);
    assert.deepEqual(seen, ['trouble', 'name', 'queued', 'errors', 'latency', 'trouble']);
  });

  it('types, erases, keeps and clears the filter', () => {
    let s = fleetReducer(initialFleetState(0.95), { type: 'filter-start' });
    for (const ch of 'demé') s = fleetReducer(s, { type: 'filter-type', text: ch });
    s = fleetReducer(s, { type: 'filter-backspace' });
    assert.equal(s.filter, 'dem');
    s = fleetReducer(s, { type: 'filter-commit' });
    assert.equal(s.filterEditing, false);
    assert.equal(s.filter, 'dem');
    s = fleetReducer(s, { type: 'filter-cancel' });
    assert.equal(s.filter, '');
  });

  it('opens the selected peer (the first when none is) and goes back', () => {
    let s = fleetReducer(initialFleetState(0.95), { type: 'open', order });
    assert.equal(s.open, 'a');
    s = fleetReducer(s, { type: 'back' });
    assert.equal(s.open, null);
    assert.equal(s.selected, 'a', 'back on the row it came from');
    assert.equal(fleetReducer(s, { type: 'open', order: [] }), s, 'nothing to open in an empty list');
    assert.equal(fleetReducer(s, { type: 'set-quantile', quantile: 0.99 }).quantile, 0.99);
  });
});
