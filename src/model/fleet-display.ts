// What the keys change on the fleet screen, as a pure reducer: the selected peer (kept by name,
// so it stays on its peer when the order changes), the sort, the name filter, the quantile, which
// list has the focus and how far the latency list is scrolled, the help overlay, pause, and which
// peer's dashboard is open.

import { FLEET_SORTS } from './fleet-peers.js';
import type { FleetDisplay } from './fleet-view.js';

/** The fleet screen's state: the display settings and the peer opened with Enter. */
export interface FleetScreenState extends FleetDisplay {
  /** The peer whose dashboard is open; null on the fleet list. */
  readonly open: string | null;
}

/** A scrollable list as the keys see it: how many lines it has and how many it shows. */
export interface ScrollRange {
  readonly total: number;
  readonly rows: number;
}

/** How a scroll key moves a list. */
export type ScrollMove = 'next' | 'previous' | 'first' | 'last' | 'page-down' | 'page-up';

/** Everything the fleet keys do. `order` is the peer names in display order. */
export type FleetAction =
  | { readonly type: 'toggle-focus' | 'toggle-help' | 'toggle-pause' | 'toggle-errors' }
  | { readonly type: 'latency-scroll' | 'help-scroll'; readonly move: ScrollMove; readonly range: ScrollRange }
  | { readonly type: 'move'; readonly by: number; readonly order: readonly string[] }
  | { readonly type: 'move-to'; readonly end: 'first' | 'last'; readonly order: readonly string[] }
  | { readonly type: 'cycle-sort' }
  | { readonly type: 'filter-start' }
  | { readonly type: 'filter-type'; readonly text: string }
  | { readonly type: 'filter-backspace' }
  | { readonly type: 'filter-commit' }
  | { readonly type: 'filter-cancel' }
  | { readonly type: 'set-quantile'; readonly quantile: number }
  | { readonly type: 'open'; readonly order: readonly string[] }
  | { readonly type: 'back' };

/** The fleet screen before any key, at quantile q. */
export function initialFleetState(q: number): FleetScreenState {
  return { selected: null, sort: 'trouble', filter: '', filterEditing: false, quantile: q, focus: 'peers', latencyTop: 0, helpOpen: false, helpOffset: 0, errorsOpen: false, paused: false, open: null };
}

/** The next state; `state` itself when nothing changes. */
export function fleetReducer(state: FleetScreenState, action: FleetAction): FleetScreenState {
  switch (action.type) {
    case 'move': {
      if (action.order.length === 0) return state;
      const at = state.selected === null ? 0 : Math.max(0, action.order.indexOf(state.selected));
      const next = action.order[Math.max(0, Math.min(action.order.length - 1, at + action.by))];
      return next === state.selected ? state : { ...state, selected: next };
    }
    case 'move-to': {
      const next = action.end === 'first' ? action.order[0] : action.order[action.order.length - 1];
      return next === undefined || next === state.selected ? state : { ...state, selected: next };
    }
    case 'cycle-sort':
      return { ...state, sort: FLEET_SORTS[(FLEET_SORTS.indexOf(state.sort) + 1) % FLEET_SORTS.length] };
    case 'filter-start':
      return { ...state, filterEditing: true };
    case 'filter-type':
      return { ...state, filter: state.filter + action.text };
    case 'filter-backspace':
      return state.filter === '' ? state : { ...state, filter: [...state.filter].slice(0, -1).join('') };
    case 'filter-commit':
      return { ...state, filterEditing: false };
    case 'filter-cancel':
      return { ...state, filterEditing: false, filter: '' };
    case 'set-quantile':
      return action.quantile === state.quantile ? state : { ...state, quantile: action.quantile };
    case 'open': {
      const at = state.selected === null ? 0 : action.order.indexOf(state.selected);
      const name = action.order[at];
      return name === undefined ? state : { ...state, selected: name, open: name };
    }
    case 'back':
      return state.open === null ? state : { ...state, open: null };
    case 'toggle-focus':
      return { ...state, focus: state.focus === 'peers' ? 'latency' : 'peers' };
    case 'toggle-help':
      return { ...state, helpOpen: !state.helpOpen, errorsOpen: false, helpOffset: 0 };
    case 'toggle-errors':
      // The pins in error share the overlay (and its scroll) with the help.
      return { ...state, errorsOpen: !state.errorsOpen, helpOpen: false, helpOffset: 0 };
    case 'toggle-pause':
      return { ...state, paused: !state.paused };
    case 'latency-scroll': {
      const top = scrolled(state.latencyTop, action.move, action.range);
      return top === state.latencyTop ? state : { ...state, latencyTop: top };
    }
    case 'help-scroll': {
      const top = scrolled(state.helpOffset, action.move, action.range);
      return !(state.helpOpen || state.errorsOpen) || top === state.helpOffset ? state : { ...state, helpOffset: top };
    }
  }
}

/** The first line shown after `move`, from `top`, kept where a full page still fits. */
export function scrolled(top: number, move: ScrollMove, range: ScrollRange): number {
  const max = Math.max(0, range.total - range.rows);
  const page = Math.max(1, range.rows - 1);
  const from = Math.min(Math.max(0, top), max);
  const by = { next: 1, previous: -1, 'page-down': page, 'page-up': -page, first: -Infinity, last: Infinity }[move];
  return Math.max(0, Math.min(max, from + by));
}
