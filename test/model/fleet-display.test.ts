// The fleet screen's reducer: selection kept by name across orders, paging and the ends, sorts,
// the filter, quantile, opening and leaving a peer, the focus, the latency and help scrolls, pause.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetReducer, initialFleetState, scrolled } from '../../src/model/fleet-display.js';

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

  it('scrolls a list by lines and pages, never past a full last page', () => {
    const range = { total: 18, rows: 5 };
    assert.equal(scrolled(0, 'next', range), 1);
    assert.equal(scrolled(0, 'previous', range), 0);
    assert.equal(scrolled(0, 'page-down', range), 4, 'a page keeps one line of context');
    assert.equal(scrolled(12, 'page-down', range), 13);
    assert.equal(scrolled(5, 'last', range), 13);
    assert.equal(scrolled(5, 'first', range), 0);
    assert.equal(scrolled(40, 'previous', range), 12, 'a top past the end (the list shrank) comes back into range');
    assert.equal(scrolled(0, 'last', { total: 3, rows: 5 }), 0, 'a list that fits does not scroll');
  });

  it('Tab moves the focus to the latency and back; the latency list scrolls; help opens, scrolls and closes; pause toggles', () => {
    let s = fleetReducer(initialFleetState(0.95), { type: 'toggle-focus' });
    assert.equal(s.focus, 'latency');
    s = fleetReducer(s, { type: 'latency-scroll', move: 'page-down', range: { total: 18, rows: 6 } });
    assert.equal(s.latencyTop, 5);
    assert.equal(fleetReducer(s, { type: 'latency-scroll', move: 'next', range: { total: 11, rows: 6 } }).latencyTop, 5, 'at the end already');
    assert.equal(fleetReducer(s, { type: 'toggle-focus' }).focus, 'peers');
    assert.equal(fleetReducer(s, { type: 'help-scroll', move: 'next', range: { total: 16, rows: 4 } }), s, 'help closed: nothing to scroll');
    s = fleetReducer(s, { type: 'toggle-help' });
    s = fleetReducer(s, { type: 'help-scroll', move: 'last', range: { total: 16, rows: 4 } });
    assert.deepEqual([s.helpOpen, s.helpOffset], [true, 12]);
    s = fleetReducer(s, { type: 'toggle-help' });
    assert.deepEqual([s.helpOpen, s.helpOffset], [false, 0]);
    s = fleetReducer(s, { type: 'toggle-pause' });
    assert.equal(s.paused, true);
    assert.equal(fleetReducer(s, { type: 'toggle-pause' }).paused, false);
  });
});
