// A peer's status that its owner moves along (a status-only monitor): the server's fleet
// monitor feeds each peer's share of every refresh into one of these, and a peer's dashboard
// (Enter on its row) follows it as it would follow a PeerMonitor — the same ScrapeStatus through
// the same reducer, its trend gathered by the fleet — without polling anything itself.

import { initialScrapeStatus, scrapeStatusReducer, type ScrapeAction } from '../model/scrape-status.js';
import type { StatusSource } from './fleet-source.js';
import type { PeerMonitorState } from './peer-monitor.js';

/** One peer's published status, moved by dispatch(). */
export class PeerStatusFeed implements StatusSource {
  private state: PeerMonitorState;
  private readonly listeners = new Set<() => void>();

  /** `changeInterval` is the owner's (one interval for the whole fleet). */
  constructor(
    readonly target: string,
    intervalMs: number,
    nowMs: number,
    private readonly onChangeInterval: (direction: 1 | -1) => void,
  ) {
    this.state = { status: initialScrapeStatus(intervalMs, nowMs), crashed: null };
  }

  readonly getState = (): PeerMonitorState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  changeInterval(direction: 1 | -1): void {
    this.onChangeInterval(direction);
  }

  /** Applies `action`; listeners hear of it when the status changed. */
  dispatch(action: ScrapeAction): void {
    const next = scrapeStatusReducer(this.state.status, action);
    if (next === this.state.status) return;
    this.state = { ...this.state, status: next };
    for (const listener of this.listeners) listener();
  }

  /** Marks a bug of the owner (the dashboard rethrows it). */
  crash(error: unknown): void {
    this.state = { ...this.state, crashed: { error } };
    for (const listener of this.listeners) listener();
  }
}
