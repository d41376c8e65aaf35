// A wall clock that ticks only while something on screen depends on it (the spinner, the data
// age with a slow poll interval), so an idle dashboard does not re-render; and one that ticks only
// when the data shown stops bringing its own time (useDataClock).

import { useEffect, useState } from 'react';

/** Current time (unix ms), refreshed every `periodMs`; frozen while `periodMs` is null. */
export function useClock(periodMs: number | null, now: () => number = Date.now): number {
  return useDataClock(periodMs, undefined, now);
}

/**
 * The time a view of timed data is shown at: the data's own time (`dataAtMs`, unix ms) while new
 * data keeps coming, and the clock's, read every `periodMs`, once none has come for 1.5 periods
 * (frozen while `periodMs` is null); without a data time, every period. A view rebuilt for each
 * new state (the fleet's, about once a second) is then not rebuilt again by a tick between two
 * states: that doubled the fleet's frames.
 */
export function useDataClock(periodMs: number | null, dataAtMs: number | undefined, now: () => number = Date.now): number {
  const [tick, setTick] = useState(now);
  useEffect(() => {
    if (periodMs !== null) setTick(now());
  }, [periodMs, now]);
  useEffect(() => {
    if (periodMs === null) return undefined;
    let timer = setTimeout(function step() {
      setTick(now());
      timer = setTimeout(step, periodMs);
    }, dataAtMs === undefined ? periodMs : periodMs * 1.5);
    return () => clearTimeout(timer);
  }, [periodMs, dataAtMs, now]);
  return dataAtMs === undefined ? tick : Math.max(tick, dataAtMs);
}
