// The display state the keys move: focus, selected method, sort order, quantile, open chart,
// help overlay, pause, the method filter and the traces pane's own state (use-traces-state.ts).
// A pure reducer with a typed action union; actions that depend on what is on screen (visible
// panes, methods in display order) carry it along.

import { useReducer } from 'react';
import { effectiveFocus, takesFocus } from '../model/dashboard-layout.js';
import type { DisplayInput } from '../model/dashboard-view.js';
import { SORT_MODES } from '../model/latency-view.js';
import type { PaneId } from '../model/pane-view.js';
import { INITIAL_TRACES_DISPLAY, type TraceJump, type TracesDisplay, type TracesScreen } from '../model/traces-display.js';
import { tracesReducer, type TracesAction } from './use-traces-state.js';

/** The display state; exactly what the view-model reads. */
export type DashboardState = DisplayInput & {
  /** The traces pane's page, filters and selections. */
  readonly traces: TracesDisplay;
};

export { QUANTILE_KEYS } from '../model/quantile-keys.js';

/** Everything the keys can do to the display. */
export type DashboardAction =
  | { readonly type: 'focus-next' | 'focus-previous'; readonly panes: readonly PaneId[] }
  | { readonly type: 'select-next' | 'select-previous' | 'select-first' | 'select-last' | 'select-page-down' | 'select-page-up' | 'open-chart'; readonly screen: Screen }
  /** Scrolls the open help overlay. */
  | { readonly type: 'help-scroll'; readonly move: 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up'; readonly screen: Screen }
  | { readonly type: 'escape' }
  | { readonly type: 'toggle-help' | 'toggle-pause' | 'cycle-sort' }
  | { readonly type: 'set-quantile'; readonly quantile: number }
  | { readonly type: 'filter-start' | 'filter-backspace' | 'filter-commit' | 'filter-cancel' }
  | { readonly type: 'filter-type'; readonly text: string }
  | { readonly type: 'traces'; readonly action: TracesAction }
  /** `t` in the latency pane: the traces of an operation, at least this long (µs), in the focused traces pane. */
  | { readonly type: 'jump-to-traces'; readonly operation: string; readonly minDurationUs: number | null };

/** What is on screen when a key is pressed: visible panes and methods in display order. */
export interface Screen {
  readonly panes: readonly PaneId[];
  readonly methods: readonly string[];
  /** The traces pane's page, when the pane is shown. */
  readonly traces?: TracesScreen | null;
  /** Where `t` jumps: the selected method's operation and current quantile (µs), when traces are shown. */
  readonly jump?: TraceJump | null;
  /** Method rows the latency list shows at once, for PgUp/PgDn (default 1). */
  readonly page?: number;
  /** The open help overlay's scroll range, for its scroll keys. */
  readonly help?: HelpScreen | null;
}

/** What the help overlay's scroll keys need: how many lines it has and how many it shows. */
export interface HelpScreen {
  readonly lines: number;
  readonly rows: number;
}


/** The state at start: latency list focused, first row selected, sorted by latency. */
export function initialDashboardState(quantile: number): DashboardState {
  return {
    focus: 'latency',
    selected: null,
    sort: 'latency',
    quantile,
    chartOpen: false,
    helpOpen: false,
    helpOffset: 0,
    paused: false,
    filter: '',
    filterEditing: false,
    traces: INITIAL_TRACES_DISPLAY,
  };
}

/** The next display state. */
export function dashboardReducer(state: DashboardState, action: DashboardAction): DashboardState {
  switch (action.type) {
    case 'focus-next':
    case 'focus-previous': {
      // Only panes with keys of their own take the focus (not the cluster gauges).
      const order = action.panes.filter(takesFocus);
      if (order.length === 0) return state;
      const at = order.indexOf(effectiveFocus(state.focus, action.panes));
      const step = action.type === 'focus-next' ? 1 : -1;
      const next = at < 0 ? (step > 0 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
      return order[next] === state.focus ? state : { ...state, focus: order[next] };
    }
    case 'select-next':
    case 'select-previous':
    case 'select-first':
    case 'select-last':
    case 'select-page-down':
    case 'select-page-up':
      return onList(state, action.screen) ? select(state, action.type, action.screen.methods, action.screen.page ?? 1) : state;
    case 'help-scroll': {
      const help = action.screen.help;
      if (!state.helpOpen || help == null) return state;
      const max = Math.max(0, help.lines - help.rows);
      const page = Math.max(1, help.rows - 1);
      const from = Math.min(state.helpOffset, max);
      const m = action.move;
      const to = m === 'first' ? 0 : m === 'last' ? max : Math.min(max, Math.max(0, from + (m === 'next' ? 1 : m === 'previous' ? -1 : m === 'page-down' ? page : -page)));
      return to === state.helpOffset ? state : { ...state, helpOffset: to };
    }
    case 'open-chart':
      if (action.screen.methods.length === 0 || !onList(state, action.screen)) return state;
      return { ...state, chartOpen: true, focus: 'chart', selected: state.selected ?? action.screen.methods[0] };
    case 'escape':
      if (state.helpOpen) return { ...state, helpOpen: false, helpOffset: 0 };
      if (state.chartOpen) return { ...state, chartOpen: false, focus: 'latency' };
      if (state.filter !== '') return { ...state, filter: '' };
      return state;
    case 'toggle-help':
      return { ...state, helpOpen: !state.helpOpen, helpOffset: 0 };
    case 'toggle-pause':
      return { ...state, paused: !state.paused };
    case 'cycle-sort':
      return { ...state, sort: SORT_MODES[(SORT_MODES.indexOf(state.sort) + 1) % SORT_MODES.length] };
    case 'set-quantile':
      return state.quantile === action.quantile ? state : { ...state, quantile: action.quantile };
    case 'filter-start':
      return { ...state, filterEditing: true, helpOpen: false };
    case 'filter-type':
      return { ...state, filter: state.filter + action.text };
    case 'filter-backspace':
      return { ...state, filter: [...state.filter].slice(0, -1).join('') };
    case 'filter-commit':
      return { ...state, filterEditing: false };
    case 'filter-cancel':
      return { ...state, filterEditing: false, filter: '' };
    case 'traces': {
      const traces = tracesReducer(state.traces, action.action);
      return traces === state.traces ? state : { ...state, traces };
    }
    case 'jump-to-traces':
      return {
        ...state,
        focus: 'traces',
        helpOpen: false,
        traces: tracesReducer(state.traces, { type: 'jump', operation: action.operation, minDurationUs: action.minDurationUs }),
      };
  }
}

/** Selection keys work only while the latency list or the chart has the focus. */
function onList(state: DashboardState, screen: Screen): boolean {
  const focus = effectiveFocus(state.focus, screen.panes);
  return focus === 'latency' || focus === 'chart';
}

type SelectHow = 'select-next' | 'select-previous' | 'select-first' | 'select-last' | 'select-page-down' | 'select-page-up';

function select(state: DashboardState, how: SelectHow, methods: readonly string[], page: number): DashboardState {
  if (methods.length === 0) return state;
  const current = Math.max(0, state.selected === null ? 0 : methods.indexOf(state.selected));
  const step = how === 'select-next' ? 1 : how === 'select-previous' ? -1 : how === 'select-page-down' ? Math.max(1, page) : -Math.max(1, page);
  const index = how === 'select-first' ? 0 : how === 'select-last' ? methods.length - 1 : Math.min(methods.length - 1, Math.max(0, current + step));
  return methods[index] === state.selected ? state : { ...state, selected: methods[index] };
}

/** The display state and its dispatcher. */
export function useDashboardState(quantile: number): [DashboardState, (action: DashboardAction) => void] {
  return useReducer(dashboardReducer, quantile, initialDashboardState);
}
