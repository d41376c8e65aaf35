// Binds a key handler whose actions go through a pure reducer, for the peer view and the fleet:
// keys that arrive together (typed ahead over a slow ssh link, or pasted) are handled one by one,
// each seeing the state the keys before it made. The handler is memoised and reads the current
// bindings through a ref, so Ink 6.8's useInput subscribes only once.

import { useCallback, useRef } from 'react';
import { useInput, type Key } from 'ink';

/** What a reduced key handler is given: the state its keys act on and where actions go. */
export interface ReducedBindings<S, A> {
  readonly state: S;
  readonly dispatch: (action: A) => void;
}

/** Binds `handle` while mounted and `active`; `reducer` is the one the dispatched actions go through in React. */
export function useReducedKeys<S, A, B extends ReducedBindings<S, A>>(bindings: B, reducer: (state: S, action: A) => S, handle: (input: string, key: Key, bindings: B) => void, active = true): void {
  const current = useRef(bindings);
  current.current = bindings;
  // The state after the keys handled so far. Ink may deliver several input events before React
  // renders again, so each key must see what the keys before it did; a render resets it.
  const state = useRef(bindings.state);
  state.current = bindings.state;
  const onInput = useCallback((input: string, key: Key) => {
    const bound = current.current;
    const dispatch = (action: A) => {
      state.current = reducer(state.current, action); // pure, so this is what React will render
      bound.dispatch(action);
    };
    for (const [one, oneKey] of splitKeys(input, key)) handle(one, oneKey, { ...bound, state: state.current, dispatch });
  }, [reducer, handle]);
  useInput(onInput, { isActive: active });
}

/** No modifier, no special key. */
const PLAIN: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false,
  end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false,
  meta: false, super: false, hyper: false, capsLock: false, numLock: false,
};

/** One Ink input event as single key presses: plain text of several characters is split. */
export function splitKeys(input: string, key: Key): [string, Key][] {
  const chars = [...input];
  if (chars.length <= 1 || key.ctrl || key.meta) return [[input, key]];
  return chars.map((ch): [string, Key] => {
    if (ch === '\r' || ch === '\n') return ['', { ...PLAIN, return: true }];
    if (ch === '\t') return ['', { ...PLAIN, tab: true }];
    if (ch === '\u007f' || ch === '\b') return ['', { ...PLAIN, backspace: true }];
    if (ch === '\u0003') return ['c', { ...PLAIN, ctrl: true }];
    return [ch, { ...PLAIN, shift: /[A-Z]/.test(ch) }];
  });
}
