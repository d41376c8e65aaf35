// The live view's hold on its peer monitor: the monitor (src/feed/peer-monitor.ts) polls, keeps
// the history, the trend and the status outside React; this hook starts it while the component
// is mounted, reads its status with useSyncExternalStore, and rethrows a bug the monitor met
// while taking an outcome in, so that it ends the app like any crash.

import { useEffect, useState, useSyncExternalStore } from 'react';
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

/** Runs a monitor made once from `options` while the component is mounted. */
export function useScrapeLoop(options: ScrapeLoopOptions): ScrapeLoop {
  const [monitor] = useState(() => new PeerMonitor(options));
  useEffect(() => {
    monitor.start();
    return () => monitor.stop();
  }, [monitor]);
  const { status, crashed } = useSyncExternalStore(monitor.subscribe, monitor.getState);
  const [changeInterval] = useState(() => (direction: 1 | -1) => monitor.changeInterval(direction));
  if (crashed !== null) throw crashed.error;
  return { status, changeInterval };
}
