// What the fleet screen follows, whoever gathers the figures: the scraping FleetMonitor (one
// PeerMonitor per target) or the PrometheusFleetMonitor (one server's answers). Both publish the
// same FleetState, and each member's status through a StatusSource that a peer's dashboard can
// follow (Enter on a row) without owning it.

import type { FleetState } from './fleet-monitor.js';
import type { PeerMonitorState } from './peer-monitor.js';

/** A peer's published status that someone else keeps up to date (a PeerMonitor is one). */
export interface StatusSource {
  /** What is monitored, as shown beside the peer's name. */
  readonly target: string;
  /** The current state; a new object after each published change. */
  readonly getState: () => PeerMonitorState;
  /** Calls `listener` after each published change; returns the unsubscribe function. */
  readonly subscribe: (listener: () => void) => () => void;
  /** Lengthens (1) or shortens (−1) the interval by one step. */
  changeInterval(direction: 1 | -1): void;
}

/** A member of the fleet: its label and its status. */
export interface FleetSourceMember {
  readonly name: string;
  readonly monitor: StatusSource;
}

/** A fleet the fleet screen can follow. */
export interface FleetSource {
  /** The peers now (the server's fleet can grow). */
  readonly members: readonly FleetSourceMember[];
  readonly getState: () => FleetState;
  readonly subscribe: (listener: () => void) => () => void;
  /** Starts gathering (once; later calls do nothing). */
  start(): void;
  /** Stops for good. */
  stop(): void;
  /** Lengthens (1) or shortens (−1) the refresh interval by one step. */
  changeInterval(direction: 1 | -1): void;
  /** The quantile on screen now, for a source that asks for one at a time (a server's); others compute every one. */
  showQuantile?(quantile: number): void;
  /** Resolves once every peer has answered (or the first refresh is in), or after `ms`. */
  firstAnswers(ms: number): Promise<void>;
}
