import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dashboardReducer, initialDashboardState, type DashboardAction, type DashboardState, type Screen } from '../../src/ui/use-dashboard-state.js';

const screen: Screen = { panes: ['cluster', 'latency', 'traces'], methods: ['A', 'B', 'C'] };
const run = (actions: DashboardAction[], state: DashboardState = initialDashboardState(0.95)) => actions.reduce(dashboardReducer, state);

describe('dashboardReducer', () => {
  it('cycles the focus through the visible panes both ways', () => {
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }]).focus, 'traces');
    assert.equal(run([{ type: 'focus-next', panes: screen.panes }, { type: 'focus-next', panes: screen.panes }]).focus, 'cluster');
    assert.equal(run([{ type: 'focus-previous', panes: screen.panes }]).focus, 'cluster');
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
