// Freezes a value while the display is paused: the scrape loop keeps running and its state
// keeps moving, but the screen goes on showing what it showed when `p` was pressed.

import { useRef } from 'react';

/** `value`, or the value it had when `paused` turned true. */
export function usePausedValue<T>(value: T, paused: boolean): T {
  const shown = useRef(value);
  if (!paused) shown.current = value;
  return shown.current;
}
