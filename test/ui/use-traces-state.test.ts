// The traces pane's reducer: selection on every page, Enter/Esc through list → waterfall →
// span, order and filter keys, pickers, folding, and the `t` jump; through the dashboard reducer
// too (focus moves to the traces pane).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INITIAL_TRACES_DISPLAY, type TracesDisplay, type TracesScreen } from '../../src/model/traces-display.js';
import { dashboardReducer, initialDashboardState } from '../../src/ui/use-dashboard-state.js';
import { tracesReducer, type TracesAction } from '../../src/ui/use-traces-state.js';

const list: TracesScreen = { mode: 'list', items: ['t1', 't2', 't3'], parents: [], maxOffset: 0, page: 2, canPickService: true, service: 'svc-a' };
const spans: TracesScreen = { ...list, mode: 'trace', items: ['s1', 's2', 's3'], parents: ['s1', 's2'] };
const run = (actions: TracesAction[], state: TracesDisplay = INITIAL_TRACES_DISPLAY) => actions.reduce(tracesReducer, state);

describe('tracesReducer', () => {
  it('moves the list selection by trace ID, by one, by a page and to the ends', () => {
    assert.equal(run([{ type: 'select', move: 'next', screen: list }]).selectedTrace, 't2');
    assert.equal(run([{ type: 'select', move: 'page-down', screen: list }, { type: 'select', move: 'next', screen: list }]).selectedTrace, 't3');
    assert.equal(run([{ type: 'select', move: 'last', screen: list }, { type: 'select', move: 'previous', screen: list }]).selectedTrace, 't2');
    const first = run([{ type: 'select', move: 'first', screen: list }]);
    assert.equal(first.selectedTrace, 't1');
    assert.equal(tracesReducer(first, { type: 'select', move: 'first', screen: list }), first, 'no change, same state');
    assert.equal(run([{ type: 'select', move: 'next', screen: { ...list, items: [] } }]), INITIAL_TRACES_DISPLAY);
  });

  it('opens the selected trace, then a span, and goes back one page per Esc', () => {
    const opened = run([{ type: 'select', move: 'next', screen: list }, { type: 'enter', screen: list }]);
    assert.deepEqual([opened.mode, opened.openTrace, opened.selectedSpan], ['trace', 't2', null]);
    const span = run([{ type: 'select', move: 'next', screen: spans }, { type: 'enter', screen: spans }], opened);
    assert.deepEqual([span.mode, span.selectedSpan, span.detailOffset], ['span', 's2', 0]);
    const scrolled = run([{ type: 'select', move: 'next', screen: { ...spans, maxOffset: 5 } }, { type: 'select', move: 'last', screen: { ...spans, maxOffset: 5 } }], span);
    assert.equal(scrolled.detailOffset, 5);
    const back = run([{ type: 'back' }], scrolled);
    assert.deepEqual([back.mode, back.selectedSpan], ['trace', 's2']);
    const list2 = run([{ type: 'back' }], back);
    assert.deepEqual([list2.mode, list2.openTrace, list2.selectedTrace], ['list', null, 't2']);
    assert.equal(run([{ type: 'back' }], list2), list2, 'Esc on a bare list changes nothing');
  });

  it('folds the selected span, unfolds it, and folds or unfolds them all', () => {
    const open = { ...INITIAL_TRACES_DISPLAY, mode: 'trace' as const, openTrace: 't1' };
    const folded = run([{ type: 'select', move: 'next', screen: spans }, { type: 'fold', open: false, screen: spans }], open);
    assert.deepEqual([...folded.collapsed], ['s2']);
    assert.equal(run([{ type: 'fold', open: false, screen: spans }], folded), folded, 'already folded');
    assert.deepEqual([...run([{ type: 'fold', open: true, screen: spans }], folded).collapsed], []);
    const leaf = run([{ type: 'select', move: 'last', screen: spans }], open);
    assert.equal(run([{ type: 'fold', open: false, screen: spans }], leaf), leaf, 'a leaf does not fold');
    const all = run([{ type: 'fold-all', screen: spans }], open);
    assert.deepEqual([...all.collapsed].sort(), ['s1', 's2']);
    assert.equal(run([{ type: 'fold-all', screen: spans }], all).collapsed.size, 0);
  });

  it('cycles the order and the minimum duration, toggles errors only, clears the filter (Esc too)', () => {
    const s = run([{ type: 'cycle-order' }, { type: 'cycle-order' }, { type: 'toggle-errors' }, { type: 'cycle-min-duration' }, { type: 'cycle-min-duration' }]);
    assert.deepEqual([s.order, s.filter], ['most-spans', { errorsOnly: true, minDurationUs: 10_000 }]);
    assert.equal(run([{ type: 'cycle-order' }, { type: 'cycle-order' }], s).order, 'most-recent');
    const custom = { ...INITIAL_TRACES_DISPLAY, filter: { minDurationUs: 4_300 } };
    assert.equal(run([{ type: 'cycle-min-duration' }], custom).filter.minDurationUs, 10_000, 'to the next step up');
    assert.equal(run([{ type: 'cycle-min-duration' }], { ...custom, filter: { minDurationUs: 10_000_000 } }).filter.minDurationUs, undefined);
    assert.deepEqual(run([{ type: 'clear-filter' }], s).filter, {});
    assert.deepEqual(run([{ type: 'back' }], s).filter, {});
  });

  it('picks an operation group or all operations, and a peer service', () => {
    const ops: TracesScreen = { ...list, mode: 'operations', items: ['', 'GET /pins/{cid}', 'cluster/Pin'] };
    const picked = run([{ type: 'open-operations' }, { type: 'select', move: 'next', screen: ops }, { type: 'enter', screen: ops }]);
    assert.deepEqual([picked.mode, picked.filter.operation], ['list', 'GET /pins/{cid}']);
    const all = run([{ type: 'open-operations' }, { type: 'select', move: 'previous', screen: ops }, { type: 'enter', screen: ops }], picked);
    assert.equal(all.filter.operation, undefined);
    const services: TracesScreen = { ...list, mode: 'services', items: ['svc-a', 'svc-b'] };
    const service = run([{ type: 'open-services', screen: list }, { type: 'select', move: 'next', screen: services }, { type: 'enter', screen: services }]);
    assert.deepEqual([service.mode, service.service], ['list', 'svc-b']);
    const single = run([{ type: 'open-services', screen: { ...list, canPickService: false } }]);
    assert.deepEqual([single.mode, single.notice], ['list', 'single-service'], 'no picker for one service: a notice says so');
    assert.equal(run([{ type: 'select', move: 'next', screen: list }], single).notice, null, 'the notice lasts until the next key');
    assert.equal(run([{ type: 'open-services', screen: list }], single).notice, null);
    assert.equal(run([{ type: 'open-services', screen: list }, { type: 'back' }]).mode, 'list');
  });

  it('takes the t jump: the operation and the quantile as minimum, the list shown', () => {
    const deep = { ...INITIAL_TRACES_DISPLAY, mode: 'span' as const, openTrace: 't1', filter: { errorsOnly: true } };
    const jumped = run([{ type: 'jump', operation: 'Recv.Cluster.Pin', minDurationUs: 43_000 }], deep);
    assert.deepEqual([jumped.mode, jumped.openTrace, jumped.filter], ['list', null, { operation: 'Recv.Cluster.Pin', minDurationUs: 43_000 }]);
    assert.deepEqual(run([{ type: 'jump', operation: 'Recv.Cluster.Unpin', minDurationUs: null }]).filter, { operation: 'Recv.Cluster.Unpin' });
    const dashboard = dashboardReducer(initialDashboardState(0.95), { type: 'jump-to-traces', operation: 'Recv.Cluster.Pin', minDurationUs: 43_000 });
    assert.deepEqual([dashboard.focus, dashboard.traces.filter.operation], ['traces', 'Recv.Cluster.Pin']);
    const unchanged = initialDashboardState(0.95);
    assert.equal(dashboardReducer(unchanged, { type: 'traces', action: { type: 'back' } }), unchanged);
  });
});
