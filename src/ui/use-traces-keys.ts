// The keys of the traces pane, tried before the dashboard's own keys while the pane has the
// focus: selection and paging, Enter and Esc through list → waterfall → span, order, filters,
// pickers and folding. A key the pane does not use (Tab, p, 1-4, +/-, ?, …) is left to the
// dashboard, and so is Esc on a list with nothing to clear.

import type { Key } from 'ink';
import type { TracesDisplay, TracesScreen } from '../model/traces-display.js';
import { tracesReducer, type TracesAction } from './use-traces-state.js';

/** What the traces keys act on. */
export interface TracesKeyBindings {
  readonly state: TracesDisplay;
  readonly screen: TracesScreen;
  readonly dispatch: (action: TracesAction) => void;
}

/** Handles one key press in the traces pane; false when the pane does not use it. */
export function handleTracesKey(input: string, key: Key, b: TracesKeyBindings): boolean {
  const { screen, state } = b;
  const act = (action: TracesAction): boolean => {
    b.dispatch(action);
    return true;
  };
  if (key.downArrow || input === 'j') return act({ type: 'select', move: 'next', screen });
  if (key.upArrow || input === 'k') return act({ type: 'select', move: 'previous', screen });
  if (key.home || input === 'g') return act({ type: 'select', move: 'first', screen });
  if (key.end || input === 'G') return act({ type: 'select', move: 'last', screen });
  if (key.pageDown) return act({ type: 'select', move: 'page-down', screen });
  if (key.pageUp) return act({ type: 'select', move: 'page-up', screen });
  if (key.return) return act({ type: 'enter', screen });
  if (key.escape) {
    // Esc on the bare list is the dashboard's (it closes nothing here).
    if (tracesReducer(state, { type: 'back' }) === state) return false;
    return act({ type: 'back' });
  }
  if (state.mode === 'list') {
    if (input === 's') return act({ type: 'cycle-order' });
    if (input === 'e') return act({ type: 'toggle-errors' });
    if (input === 'm') return act({ type: 'cycle-min-duration' });
    if (input === 'o') return act({ type: 'open-operations' });
    if (input === 'x') return act({ type: 'clear-filter' });
    if (input === 'v') return act({ type: 'open-services', screen });
  }
  if (state.mode === 'trace') {
    if (key.leftArrow || input === 'h') return act({ type: 'fold', open: false, screen });
    if (key.rightArrow || input === 'l') return act({ type: 'fold', open: true, screen });
    if (input === 'c') return act({ type: 'fold-all', screen });
  }
  return false;
}
