// The keys of a filter being typed, shared by the peer view and the fleet: printable keys go
// into the filter, Backspace erases, Enter keeps it, Esc clears it.

import type { Key } from 'ink';

/** What typing a filter does, in the action names both screens' reducers share. */
export type FilterAction =
  | { readonly type: 'filter-cancel' | 'filter-commit' | 'filter-backspace' }
  | { readonly type: 'filter-type'; readonly text: string };

/** Printable text only: no control characters. */
const PRINTABLE = /^[^\u0000-\u001f\u007f-\u009f]+$/u;

/** Handles one key while the filter is typed. */
export function handleFilterKey(input: string, key: Key, dispatch: (action: FilterAction) => void): void {
  if (key.escape) dispatch({ type: 'filter-cancel' });
  else if (key.return) dispatch({ type: 'filter-commit' });
  else if (key.backspace || key.delete) dispatch({ type: 'filter-backspace' });
  else if (!key.ctrl && !key.meta && PRINTABLE.test(input)) dispatch({ type: 'filter-type', text: input });
}
