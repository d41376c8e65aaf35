// The keyboard: turns key presses into dashboard actions, interval changes and quit. While the
// filter is being typed, printable keys go into the filter; the open help takes its scroll keys;
// while the traces pane has the focus, its own keys (use-traces-keys.ts) come first; `t` on a
// method jumps to its traces. Keys that arrive together are handled one by one, each seeing the
// state the keys before it made (use-reduced-keys.ts).

import type { Key } from 'ink';
import { handleFilterKey } from './filter-keys.js';
import { useReducedKeys } from './use-reduced-keys.js';
import { effectiveFocus } from '../model/dashboard-layout.js';
import { handleTracesKey } from './use-traces-keys.js';
import { dashboardReducer, QUANTILE_KEYS, type DashboardAction, type DashboardState, type Screen } from './use-dashboard-state.js';

/** What the key handler needs to know and to call. */
export interface KeyBindings {
  /** Visible panes and methods in display order. */
  readonly screen: Screen;
  /** The display state the keys act on (the filter and help take keys first). */
  readonly state: DashboardState;
  readonly dispatch: (action: DashboardAction) => void;
  readonly changeInterval: (direction: 1 | -1) => void;
  readonly quit: () => void;
  /** Esc with nothing left to close: back to where the dashboard was opened from (the fleet). */
  readonly back?: () => void;
}

/** Maps one key press to what it does. */
export function handleKey(input: string, key: Key, b: KeyBindings): void {
  if (key.ctrl && input === 'c') return b.quit();
  if (b.state.filterEditing) return handleFilterKey(input, key, b.dispatch);
  if (input === 'q') return b.quit();
  const { screen } = b;
  if (b.state.helpOpen) {
    if (input === '?' || key.escape || key.return) b.dispatch({ type: 'toggle-help' });
    else if (key.downArrow || input === 'j') b.dispatch({ type: 'help-scroll', move: 'next', screen });
    else if (key.upArrow || input === 'k') b.dispatch({ type: 'help-scroll', move: 'previous', screen });
    else if (key.pageDown) b.dispatch({ type: 'help-scroll', move: 'page-down', screen });
    else if (key.pageUp) b.dispatch({ type: 'help-scroll', move: 'page-up', screen });
    else if (key.home || input === 'g') b.dispatch({ type: 'help-scroll', move: 'first', screen });
    else if (key.end || input === 'G') b.dispatch({ type: 'help-scroll', move: 'last', screen });
    return;
  }
  const focus = effectiveFocus(b.state.focus, screen.panes);
  if (focus === 'traces' && screen.traces) {
    const dispatch = b.dispatch;
    if (handleTracesKey(input, key, { state: b.state.traces, screen: screen.traces, dispatch: (action) => dispatch({ type: 'traces', action }) })) return;
  }
  if (input === 't' && screen.jump && (focus === 'latency' || focus === 'chart')) return b.dispatch({ type: 'jump-to-traces', ...screen.jump });
  if (key.tab) b.dispatch({ type: key.shift ? 'focus-previous' : 'focus-next', panes: screen.panes });
  else if (key.escape) {
    if (b.back !== undefined && dashboardReducer(b.state, { type: 'escape' }) === b.state) b.back();
    else b.dispatch({ type: 'escape' });
  }
  else if (input === '?') b.dispatch({ type: 'toggle-help' });
  else if (key.downArrow || input === 'j') b.dispatch({ type: 'select-next', screen });
  else if (key.upArrow || input === 'k') b.dispatch({ type: 'select-previous', screen });
  else if (key.home || input === 'g') b.dispatch({ type: 'select-first', screen });
  else if (key.end || input === 'G') b.dispatch({ type: 'select-last', screen });
  else if (key.pageDown) b.dispatch({ type: 'select-page-down', screen });
  else if (key.pageUp) b.dispatch({ type: 'select-page-up', screen });
  else if (key.return) b.dispatch({ type: 'open-chart', screen });
  else if (input === 'p' || input === ' ') b.dispatch({ type: 'toggle-pause' });
  else if (input === 's') b.dispatch({ type: 'cycle-sort' });
  else if (input === '/') b.dispatch({ type: 'filter-start' });
  else if (input === '+' || input === '=') b.changeInterval(1);
  else if (input === '-' || input === '_') b.changeInterval(-1);
  else if (input.length === 1 && input >= '1' && input <= '4') b.dispatch({ type: 'set-quantile', quantile: QUANTILE_KEYS[Number(input) - 1] });
}

/** Binds the keyboard for as long as the component is mounted. */
export function useKeys(bindings: KeyBindings): void {
  useReducedKeys(bindings, dashboardReducer, handleKey);
}
