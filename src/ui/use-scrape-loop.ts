// The live view's hold on its peer monitor: the monitor (src/feed/peer-monitor.ts) polls, keeps
// the history, the trend and the status outside React; this hook starts it while the component
// is mounted, reads its status with useSyncExternalStore, and rethrows a bug the monitor met
// while taking an outcome in, so that it ends the app like any crash.

import { useEffect, useState, useSyncExternalStore } from 'react';
import type { StatusSource } from '../feed/fleet-source.js';
import { PeerMonitor, type PeerMonitorOptions } from '../feed/peer-monitor.js';
import type { ScrapeStatus } from '../model/scrape-status.js';

/** What the loop polls and how it keeps the results (a monitor's settings). */
export type ScrapeLoopOptions = PeerMonitorOptions;

/** The loop's state and its one control. */
export interface ScrapeLoop {
  readonly status: ScrapeStatus;
  /** Lengthens (1) or shortens (−1) the interval by one step. */
  readonly changeInterval: (direction: 1 | -1) => void;
}

/**
 * Runs a monitor made once from `source` (its settings) while the component is mounted; or,
 * given a status source that runs on its own (a fleet's peer), only follows it: its owner starts and
 * stops it.
 */
export function useScrapeLoop(source: ScrapeLoopOptions | StatusSource): ScrapeLoop {
  const [monitor] = useState((): StatusSource | PeerMonitor => (isRunning(source) ? source : new PeerMonitor(source)));
  const owned = !isRunning(source);
  useEffect(() => {
    if (!owned || !(monitor instanceof PeerMonitor)) return undefined;
    monitor.start();
    return () => monitor.stop();
  }, [monitor, owned]);
  const { status, crashed } = useSyncExternalStore(monitor.subscribe, monitor.getState);
  const [changeInterval] = useState(() => (direction: 1 | -1) => monitor.changeInterval(direction));
  if (crashed !== null) throw crashed.error;
  return { status, changeInterval };
}

/** A source someone else runs (a fleet's peer), not settings to make a monitor from. */
function isRunning(source: ScrapeLoopOptions | StatusSource): source is StatusSource {
  return 'getState' in source;
}
