// A wall clock that ticks only while something on screen depends on it (the spinner, the data
// age with a slow poll interval), so an idle dashboard does not re-render.

import { useEffect, useState } from 'react';

/** Current time (unix ms), refreshed every `periodMs`; frozen while `periodMs` is null. */
export function useClock(periodMs: number | null, now: () => number = Date.now): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    if (periodMs === null) return undefined;
    setTime(now());
    const timer = setInterval(() => setTime(now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs, now]);
  return time;
}
