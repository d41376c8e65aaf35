// The traces pane's display state machine: a pure reducer over TracesDisplay with a typed action
// union. It moves the selection of the current page, opens a trace, a span or a picker, goes back
// with Esc, cycles the order and the minimum duration, toggles errors only, folds spans, takes
// the `t` jump from the latency pane, and notes when `v` has a single service to offer. Actions
// that depend on the screen carry it along.

import { indexOf, type TracesDisplay, type TracesScreen } from '../model/traces-display.js';
import { TRACE_ORDERS } from '../model/traces/sort.js';

/** How a selection moves. */
export type SelectMove = 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up';

/** Everything the keys can do to the traces pane. */
export type TracesAction =
  | { readonly type: 'select'; readonly move: SelectMove; readonly screen: TracesScreen }
  | { readonly type: 'enter'; readonly screen: TracesScreen }
  | { readonly type: 'back' }
  | { readonly type: 'cycle-order' | 'toggle-errors' | 'cycle-min-duration' | 'clear-filter' }
  | { readonly type: 'open-operations' }
  | { readonly type: 'open-services'; readonly screen: TracesScreen }
  | { readonly type: 'fold'; readonly open: boolean; readonly screen: TracesScreen }
  | { readonly type: 'fold-all'; readonly screen: TracesScreen }
  | { readonly type: 'jump'; readonly operation: string; readonly minDurationUs: number | null };

/** Minimum durations `m` steps through, µs (0 = none). */
export const MIN_DURATION_STEPS: readonly number[] = [0, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

/** The next traces display state (the same object when nothing changes); a notice lasts until the next action. */
export function tracesReducer(state: TracesDisplay, action: TracesAction): TracesDisplay {
  const next = reduce(state, action);
  return next.notice !== null && action.type !== 'open-services' ? { ...next, notice: null } : next;
}

function reduce(state: TracesDisplay, action: TracesAction): TracesDisplay {
  switch (action.type) {
    case 'select':
      return select(state, action.move, action.screen);
    case 'enter':
      return enter(state, action.screen);
    case 'back':
      return back(state);
    case 'cycle-order':
      return { ...state, order: TRACE_ORDERS[(TRACE_ORDERS.indexOf(state.order) + 1) % TRACE_ORDERS.length] };
    case 'toggle-errors':
      return { ...state, filter: { ...state.filter, errorsOnly: state.filter.errorsOnly !== true } };
    case 'cycle-min-duration': {
      const now = state.filter.minDurationUs ?? 0;
      const next = MIN_DURATION_STEPS.find((step) => step > now) ?? 0;
      return { ...state, filter: { ...state.filter, minDurationUs: next > 0 ? next : undefined } };
    }
    case 'clear-filter':
      return hasFilter(state) ? { ...state, filter: {}, selectedTrace: null } : state;
    case 'open-operations':
      return state.mode === 'list' ? { ...state, mode: 'operations', pick: state.filter.operation ?? '' } : state;
    case 'open-services':
      if (state.mode !== 'list') return state;
      // With a single service there is nothing to pick: say so rather than ignore the key.
      if (!action.screen.canPickService) return state.notice === 'single-service' ? state : { ...state, notice: 'single-service' };
      return { ...state, mode: 'services', pick: action.screen.service, notice: null };
    case 'fold':
      return fold(state, action.open, action.screen);
    case 'fold-all':
      if (state.mode !== 'trace') return state;
      return { ...state, collapsed: state.collapsed.size > 0 ? new Set() : new Set(action.screen.parents) };
    case 'jump':
      return {
        ...state,
        mode: 'list',
        filter: { operation: action.operation, ...(action.minDurationUs !== null && action.minDurationUs > 0 ? { minDurationUs: action.minDurationUs } : {}) },
        selectedTrace: null,
        openTrace: null,
        pick: null,
      };
  }
}

function select(state: TracesDisplay, move: SelectMove, screen: TracesScreen): TracesDisplay {
  if (state.mode === 'span') {
    const step = move === 'next' ? 1 : move === 'previous' ? -1 : move === 'page-down' ? screen.page : move === 'page-up' ? -screen.page : 0;
    const offset = move === 'first' ? 0 : move === 'last' ? screen.maxOffset : Math.min(screen.maxOffset, Math.max(0, state.detailOffset + step));
    return offset === state.detailOffset ? state : { ...state, detailOffset: offset };
  }
  const items = screen.items;
  if (items.length === 0) return state;
  const current = state.mode === 'list' ? state.selectedTrace : state.mode === 'trace' ? state.selectedSpan : state.pick;
  const at = indexOf(items, current);
  const step = move === 'next' ? 1 : move === 'previous' ? -1 : move === 'page-down' ? screen.page : move === 'page-up' ? -screen.page : 0;
  const index = move === 'first' ? 0 : move === 'last' ? items.length - 1 : Math.min(items.length - 1, Math.max(0, at + step));
  const chosen = items[index];
  if (chosen === current) return state;
  if (state.mode === 'list') return { ...state, selectedTrace: chosen };
  if (state.mode === 'trace') return { ...state, selectedSpan: chosen };
  return { ...state, pick: chosen };
}

function enter(state: TracesDisplay, screen: TracesScreen): TracesDisplay {
  const items = screen.items;
  switch (state.mode) {
    case 'list': {
      if (items.length === 0) return state;
      const id = items[indexOf(items, state.selectedTrace)];
      return { ...state, mode: 'trace', selectedTrace: id, openTrace: id, selectedSpan: null, collapsed: new Set(), detailOffset: 0 };
    }
    case 'trace':
      if (items.length === 0) return state;
      return { ...state, mode: 'span', selectedSpan: items[indexOf(items, state.selectedSpan)], detailOffset: 0 };
    case 'span':
      return { ...state, mode: 'trace' };
    case 'operations': {
      const key = items[indexOf(items, state.pick)] ?? '';
      return { ...state, mode: 'list', filter: { ...state.filter, operation: key === '' ? undefined : key }, selectedTrace: null, pick: null };
    }
    case 'services': {
      const service = items[indexOf(items, state.pick)];
      if (service === undefined) return { ...state, mode: 'list', pick: null };
      return { ...state, mode: 'list', service, selectedTrace: null, pick: null };
    }
  }
}

function back(state: TracesDisplay): TracesDisplay {
  switch (state.mode) {
    case 'span':
      return { ...state, mode: 'trace' };
    case 'trace':
      return { ...state, mode: 'list', openTrace: null, selectedSpan: null, collapsed: new Set(), detailOffset: 0 };
    case 'operations':
    case 'services':
      return { ...state, mode: 'list', pick: null };
    case 'list':
      return hasFilter(state) ? { ...state, filter: {}, selectedTrace: null } : state;
  }
}

function fold(state: TracesDisplay, open: boolean, screen: TracesScreen): TracesDisplay {
  if (state.mode !== 'trace' || screen.items.length === 0) return state;
  const id = screen.items[indexOf(screen.items, state.selectedSpan)];
  if (!screen.parents.includes(id) || state.collapsed.has(id) === !open) return state;
  const collapsed = new Set(state.collapsed);
  if (open) collapsed.delete(id);
  else collapsed.add(id);
  return { ...state, collapsed, selectedSpan: id };
}

function hasFilter(state: TracesDisplay): boolean {
  const f = state.filter;
  return (f.operation !== undefined && f.operation !== '') || (f.minDurationUs ?? 0) > 0 || f.errorsOnly === true;
}
