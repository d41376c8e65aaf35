import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboardReducer, initialDashboardState, type DashboardAction, type DashboardState, type Screen } from '../../src/ui/use-dashboard-state.js';

const screen: Screen = { panes: ['cluster', 'latency', 'traces'], methods: ['A', 'B', 'C'] };
const run = (actions: DashboardAction[], state: DashboardState = initialDashboardState(0.95)) => actions.reduce(dashboardReducer, state);

describe('dashboardReducer', () => {
  it('cycles the focus through the visible panes with keys both ways, skipping the cluster gauges', () => {
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }]).focus, 'traces');
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }, { type: 'focus-next', panes: screen.panes }]).focus, 'latency');
    assert.equal(run([{ type: 'focus-previous', panes: screen.panes }]).focus, 'traces');
    const chart: DashboardState = { ...initialDashboardState(0.95), chartOpen: true, focus: 'chart' };
    const panes = ['cluster', 'latency', 'chart', 'traces'] as const;
    assert.deepEqual(
      [1, 2, 3].map((n) => run(Array.from({ length: n }, () => ({ type: 'focus-next', panes }) as const), chart).focus),
      ['traces', 'latency', 'chart'],
    );
    // Only the gauges shown: Tab has nowhere to go.
    const alone = initialDashboardState(0.95);
    assert.equal(dashboardReducer(alone, { type: 'focus-next', panes: ['cluster'] }), alone);
  });

  it('moves the selection a page at a time with PgDn/PgUp, stopping at the ends', () => {
    const ten: Screen = { ...screen, methods: 'ABCDEFGHIJ'.split(''), page: 4 };
    assert.equal(run([{ type: 'select-page-down', screen: ten }]).selected, 'E');
    assert.equal(run([{ type: 'select-page-down', screen: ten }, { type: 'select-page-down', screen: ten }]).selected, 'I');
    assert.equal(run([{ type: 'select-page-down', screen: ten }, { type: 'select-page-down', screen: ten }, { type: 'select-page-down', screen: ten }]).selected, 'J');
    assert.equal(run([{ type: 'select-last', screen: ten }, { type: 'select-page-up', screen: ten }]).selected, 'F');
    assert.equal(run([{ type: 'select-page-up', screen: ten }]).selected, 'A', 'already at the top');
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }, { type: 'select-page-down', screen: ten }]).selected, null, 'not while the traces pane has the focus');
  });

  it('scrolls the open help by lines and pages within its lines, and starts it at the top each time', () => {
    const help: Screen = { ...screen, help: { lines: 16, rows: 12 } };
    const open = run([{ type: 'toggle-help' }]);
    const move = (state: DashboardState, ...moves: ('next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up')[]) =>
      moves.reduce((s, m) => dashboardReducer(s, { type: 'help-scroll', move: m, screen: help }), state).helpOffset;
    assert.equal(move(open, 'next', 'next'), 2);
    assert.equal(move(open, 'page-down'), 4, 'at most the last line');
    assert.equal(move(open, 'last', 'next'), 4);
    assert.equal(move(open, 'last', 'previous'), 3);
    assert.equal(move(open, 'last', 'page-up'), 0);
    assert.equal(move(open, 'previous'), 0);
    assert.equal(move(initialDashboardState(0.95), 'next'), 0, 'nothing to scroll while the help is closed');
    const scrolled = dashboardReducer(open, { type: 'help-scroll', move: 'last', screen: help });
    assert.equal(run([{ type: 'toggle-help' }, { type: 'toggle-help' }], scrolled).helpOffset, 0);
    assert.equal(run([{ type: 'escape' }, { type: 'toggle-help' }], scrolled).helpOffset, 0);
  });

  it('moves the selection within the methods, by name, only while the list has the focus', () => {
    assert.equal(run([{ type: 'select-next', screen }]).selected, 'B');
    assert.equal(run([{ type: 'select-last', screen }, { type: 'select-next', screen }]).selected, 'C');
    assert.equal(run([{ type: 'select-previous', screen }]).selected, 'A');
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }, { type: 'select-next', screen }]).selected, null);
    const unchanged = run([{ type: 'select-first', screen }]);
    assert.equal(dashboardReducer(unchanged, { type: 'select-first', screen }), unchanged);
  });

  it('opens the chart on the selection and closes overlays one Esc at a time', () => {
    const open = run([{ type: 'open-chart', screen }]);
    assert.deepEqual([open.chartOpen, open.focus, open.selected], [true, 'chart', 'A']);
    const layered = run([{ type: 'filter-start' }, { type: 'filter-type', text: 'b' }, { type: 'filter-commit' }, { type: 'toggle-help' }], open);
    const once = dashboardReducer(layered, { type: 'escape' });
    assert.deepEqual([once.helpOpen, once.chartOpen, once.filter], [false, true, 'b']);
    const twice = dashboardReducer(once, { type: 'escape' });
    assert.deepEqual([twice.chartOpen, twice.focus, twice.filter], [false, 'latency', 'b']);
    assert.equal(dashboardReducer(twice, { type: 'escape' }).filter, '');
    assert.equal(run([{ type: 'open-chart', screen: { ...screen, methods: [] } }]).chartOpen, false);
  });

  it('edits the filter: typing, backspace, commit keeps it, cancel clears it', () => {
    const typed = run([{ type: 'filter-start' }, { type: 'filter-type', text: 'pi' }, { type: 'filter-type', text: 'nn' }, { type: 'filter-backspace' }]);
    assert.deepEqual([typed.filter, typed.filterEditing], ['pin', true]);
    assert.deepEqual([dashboardReducer(typed, { type: 'filter-commit' }).filter, dashboardReducer(typed, { type: 'filter-cancel' }).filter], ['pin', '']);
  });

  it('toggles pause and help, cycles the sort and sets the quantile', () => {
    const s = run([{ type: 'toggle-pause' }, { type: 'toggle-help' }, { type: 'cycle-sort' }, { type: 'cycle-sort' }, { type: 'set-quantile', quantile: 0.9 }]);
    assert.deepEqual([s.paused, s.helpOpen, s.sort, s.quantile], [true, true, 'name', 0.9]);
    assert.equal(run([{ type: 'cycle-sort' }, { type: 'cycle-sort' }, { type: 'cycle-sort' }]).sort, 'latency');
  });
});
