// The fleet screen's keyboard: selection (↑↓ jk, g G, PgUp PgDn) in the peers or, after Tab, in
// the fleet latency list; Enter to open a peer's dashboard, `s` to cycle the order, `/` to filter
// by name, 1–4 for the quantile, +/- for the interval, p/space to pause, `?` for help (its own
// scroll keys while open), q to quit. While the filter is typed, printable keys go into it. Keys
// that arrive together are handled one by one, each seeing the state the keys before it made.

import type { Key } from 'ink';
import { handleFilterKey } from './filter-keys.js';
import { fleetReducer, type FleetAction, type FleetScreenState, type ScrollMove, type ScrollRange } from '../model/fleet-display.js';
import { QUANTILE_KEYS } from './use-dashboard-state.js';
import { useReducedKeys } from './use-reduced-keys.js';

/** What the fleet key handler needs. */
export interface FleetKeyBindings {
  readonly state: FleetScreenState;
  /** Peer names in display order. */
  readonly order: readonly string[];
  /** Peer rows a page key moves by. */
  readonly pageRows: number;
  /** The fleet latency list's rows and how many show. */
  readonly latencyRange: ScrollRange;
  /** The open overlay's lines (help or pins in error) and how many show; null when closed. */
  readonly helpRange: ScrollRange | null;
  /** Asks the REST API for the pins in error again; null when the API is off. */
  readonly refreshErrors: (() => void) | null;
  readonly dispatch: (action: FleetAction) => void;
  readonly changeInterval: (direction: 1 | -1) => void;
  readonly quit: () => void;
}

/** Maps one key press on the fleet list to what it does. */
export function handleFleetKey(input: string, key: Key, b: FleetKeyBindings): void {
  if (key.ctrl && input === 'c') return b.quit();
  // A peer is open, but its dashboard does not hear keys yet: Ink subscribes it after the frame
  // that shows it, and until then keys still come here (an Esc pressed at once, or typed ahead
  // with the Enter, was lost). Esc goes back, as the dashboard's would with nothing open.
  if (b.state.open !== null) {
    if (key.escape) b.dispatch({ type: 'back' });
    return;
  }
  if (b.state.filterEditing) return handleFilterKey(input, key, b.dispatch);
  if (input === 'q') return b.quit();
  const scroll = scrollMove(input, key);
  if (b.state.helpOpen || b.state.errorsOpen) {
    if (b.state.helpOpen && (input === '?' || key.escape)) b.dispatch({ type: 'toggle-help' });
    else if (b.state.errorsOpen && (input === 'e' || key.escape)) b.dispatch({ type: 'toggle-errors' });
    else if (b.state.errorsOpen && input === 'r') b.refreshErrors?.();
    else if (scroll !== null && b.helpRange !== null) b.dispatch({ type: 'help-scroll', move: scroll, range: b.helpRange });
    return;
  }
  if (input === '?') return b.dispatch({ type: 'toggle-help' });
  if (input === 'e') {
    // Opening the list asks the REST API afresh (the /pins filter is dear: only on demand and every --errors-interval).
    b.refreshErrors?.();
    return b.dispatch({ type: 'toggle-errors' });
  }
  if (input === 'p' || input === ' ') return b.dispatch({ type: 'toggle-pause' });
  if (key.tab) return b.dispatch({ type: 'toggle-focus' });
  if (b.state.focus === 'latency' && scroll !== null) return b.dispatch({ type: 'latency-scroll', move: scroll, range: b.latencyRange });
  const order = b.order;
  if (key.downArrow || input === 'j') b.dispatch({ type: 'move', by: 1, order });
  else if (key.upArrow || input === 'k') b.dispatch({ type: 'move', by: -1, order });
  else if (key.pageDown) b.dispatch({ type: 'move', by: Math.max(1, b.pageRows), order });
  else if (key.pageUp) b.dispatch({ type: 'move', by: -Math.max(1, b.pageRows), order });
  else if (key.home || input === 'g') b.dispatch({ type: 'move-to', end: 'first', order });
  else if (key.end || input === 'G') b.dispatch({ type: 'move-to', end: 'last', order });
  else if (key.return) b.dispatch({ type: 'open', order });
  else if (key.escape && b.state.filter !== '') b.dispatch({ type: 'filter-cancel' });
  else if (input === 's') b.dispatch({ type: 'cycle-sort' });
  else if (input === '/') b.dispatch({ type: 'filter-start' });
  else if (input === '+' || input === '=') b.changeInterval(1);
  else if (input === '-' || input === '_') b.changeInterval(-1);
  else if (input.length === 1 && input >= '1' && input <= '4') b.dispatch({ type: 'set-quantile', quantile: QUANTILE_KEYS[Number(input) - 1] });
}

/** The scroll a movement key asks for, or null for another key. */
function scrollMove(input: string, key: Key): ScrollMove | null {
  if (key.downArrow || input === 'j') return 'next';
  if (key.upArrow || input === 'k') return 'previous';
  if (key.pageDown) return 'page-down';
  if (key.pageUp) return 'page-up';
  if (key.home || input === 'g') return 'first';
  if (key.end || input === 'G') return 'last';
  return null;
}

/** Binds the fleet keys while mounted and `active` (the open peer's dashboard has its own). */
export function useFleetKeys(bindings: FleetKeyBindings, active: boolean): void {
  useReducedKeys(bindings, fleetReducer, handleFleetKey, active);
}
