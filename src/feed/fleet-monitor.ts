// A fleet of peers, outside React: one PeerMonitor per target (its own feed, connection, history
// and schedule), their scrapes sharing one cap on how many are in flight (16 by default), so a
// slow, stalled or refusing peer holds one place and never delays the others' schedules. It
// publishes an immutable FleetState — every peer's status, and the fleet latency evaluated at the
// newest scrape of any peer — at most once per minUpdateMs.

import { fleetLatency, type FleetLatency } from '../model/fleet-latency.js';
import { DEFAULT_TREND_CAPACITY } from '../model/latency-trend.js';
import { pinsetSpeed, type FleetPeerInput } from '../model/fleet-peers.js';
import type { PeerSample } from '../model/peer-sample.js';
import type { PollOutcome } from '../model/poll-outcome.js';
import type { RateVariant } from '../model/rpc-latency.js';
import type { FleetServerStatus } from '../model/fleet-server.js';
import type { FleetSource } from './fleet-source.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { PeerMonitor } from './peer-monitor.js';
import { PublishThrottle } from './publish-throttle.js';

/** One target of the fleet. */
export interface FleetTarget {
  /** Unique label shown for the peer. */
  readonly name: string;
  /** The scraped URL or replayed folder. */
  readonly target: string;
  /** Fetches the peer's next outcome. */
  readonly poll: () => Promise<PollOutcome>;
}

/** How a fleet is polled and kept. */
export interface FleetMonitorOptions {
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly maxSamples: number;
  readonly quantile: number;
  readonly variant: RateVariant;
  /** Scrapes in flight at most, across peers (default 16). */
  readonly maxInFlight?: number;
  /** At most one published state per this many ms (default 0: one per change). */
  readonly minUpdateMs?: number;
  /**
   * The fleet latency is evaluated again at most once per this many ms (default 0: at every
   * publish). It re-reads every peer's window at one instant, the dearest step of a publish with
   * many peers; the live view refreshes it once per poll interval.
   */
  readonly latencyEveryMs?: number;
  /** Keep each peer's rates at the fleet's instant (FleetLatency.perPeer; default true): the one-shot report reads them, the live view does not. */
  readonly perPeerLatency?: boolean;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** A member of the fleet: its label and its monitor. */
export interface FleetMember {
  readonly name: string;
  readonly monitor: PeerMonitor;
}

/** What a fleet monitor publishes. */
export interface FleetState {
  /** Every peer's newest status, in the order the targets were given. */
  readonly peers: readonly FleetPeerInput[];
  /** Every peer's bucket rates at the newest scrape of any peer, and their sum. */
  readonly latency: FleetLatency;
  /** A bug a peer's monitor met while taking an outcome in (the live view rethrows it), or null. */
  readonly crashed: { readonly error: unknown } | null;
  /** The server the figures come from (`--prometheus`); absent or null when the peers are scraped. */
  readonly server?: FleetServerStatus | null;
  /** When it was built (unix ms, by the monitor's clock): the time its ages are shown at; absent: the screen's clock. */
  readonly atMs?: number;
}

/** Scrapes in flight at most, by default. */
export const DEFAULT_MAX_IN_FLIGHT = 16;

/**
 * Trend points the whole fleet keeps, shared out between its peers (between 32 and 512 each): a
 * point holds a scrape's quantiles (~1 KB for a v1.1 peer, ~2 KB of RSS measured), so the full
 * trends add ~17 MiB whatever the number of peers, where 200 peers keeping 512 each would add
 * ~200 MB. With 100 peers each keeps ~2.7 minutes at 2 s.
 */
export const FLEET_TREND_POINTS = 8192;

/** Trend points each of `peers` peers keeps: FLEET_TREND_POINTS shared out, between 32 and DEFAULT_TREND_CAPACITY. */
export function fleetTrendCapacity(peers: number): number {
  return Math.max(32, Math.min(DEFAULT_TREND_CAPACITY, Math.floor(FLEET_TREND_POINTS / Math.max(1, peers))));
}

/** Many peers' monitors, published together. */
export class FleetMonitor implements FleetSource {
  /** The peers, in the order the targets were given. */
  readonly members: readonly FleetMember[];
  private readonly limit: ConcurrencyLimit;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribes: (() => void)[] = [];
  private readonly throttle: PublishThrottle;
  private state!: FleetState;
  private stopped = false;
  /** When start() was called (unix ms, as `now`), or null before. */
  private startedAt: number | null = null;
  private latencyAt = -Infinity;
  /** Which peers have answered once, and how many. */
  private readonly answered: boolean[];
  private answeredCount = 0;

  constructor(targets: readonly FleetTarget[], private readonly options: FleetMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.throttle = new PublishThrottle(options.minUpdateMs ?? 0, this.now, () => this.flush());
    this.limit = new ConcurrencyLimit(options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT);
    this.members = targets.map((t) => ({
      name: t.name,
      monitor: new PeerMonitor({
        target: t.target,
        poll: () => this.limit.run(t.poll),
        intervalMs: options.intervalMs,
        windowMs: options.windowMs,
        maxSamples: options.maxSamples,
        quantile: options.quantile,
        variant: options.variant,
        now: options.now,
        trendCapacity: fleetTrendCapacity(targets.length),
      }),
    }));
    this.answered = targets.map(() => false);
    this.state = this.build();
  }

  /** The current state; a new object after each published change, never mutated. */
  readonly getState = (): FleetState => this.state;

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts every peer's schedule (once; later calls do nothing); changes are published as they come (throttled). */
  start(): void {
    if (this.startedAt !== null || this.stopped) return;
    this.startedAt = this.now();
    this.members.forEach(({ monitor }, i) => {
      this.unsubscribes.push(monitor.subscribe(() => this.changed(i)));
      monitor.start();
    });
  }

  /** Stops every peer for good. */
  stop(): void {
    this.stopped = true;
    this.throttle.cancel();
    this.unsubscribes.splice(0).forEach((unsubscribe) => unsubscribe());
    for (const { monitor } of this.members) monitor.stop();
  }

  /** Resolves once every peer has answered (well or not), or after `ms`, whichever comes first. */
  firstAnswers(ms: number): Promise<void> {
    const all = () => this.state.peers.every((p) => p.status.answered > 0);
    if (all()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        resolve();
      };
      const timer = setTimeout(done, ms);
      const unsubscribe = this.subscribe(() => {
        if (all()) done();
      });
    });
  }

  /** Lengthens (1) or shortens (−1) every peer's interval by one step. */
  changeInterval(direction: 1 | -1): void {
    for (const { monitor } of this.members) monitor.changeInterval(direction);
  }

  /**
   * Polls every peer once, outside the schedules (the one-shot modes), at most maxInFlight at a
   * time; resolves to each peer's outcome. Nothing is published until publish().
   */
  step(): Promise<PollOutcome[]> {
    return Promise.all(this.members.map(({ monitor }) => monitor.step()));
  }

  /** Publishes what step() took in, now. */
  publish(): void {
    for (const { monitor } of this.members) monitor.publish();
    this.throttle.fireNow();
  }

  /**
   * A peer's state changed: published within the throttle's gap, except the last peer's first
   * answer, which is published at once (the first frame with every peer waits for no gap).
   */
  private changed(i: number): void {
    if (this.stopped) return;
    if (!this.answered[i] && this.members[i].monitor.getState().status.answered > 0) {
      this.answered[i] = true;
      if (++this.answeredCount === this.members.length) return this.throttle.fireNow();
    }
    this.throttle.request();
  }

  /** Builds and publishes the state (the throttle calls it). */
  private flush(): void {
    this.state = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): FleetState {
    const nowMs = this.now();
    // Every latencyEveryMs, and at every publish of the first two: the first answers come then,
    // and a rate needs two scrapes of a peer.
    const every = this.options.latencyEveryMs ?? 0;
    const warmingUp = this.startedAt === null || nowMs - this.startedAt < 2 * every;
    const fresh = this.state === undefined || warmingUp || nowMs - this.latencyAt >= every;
    if (fresh) this.latencyAt = nowMs;
    // A loop, not closures made at each publish: V8 keeps a closure's optimized code only while
    // one of its instances lives, so those are optimized again after every full collection.
    const n = this.members.length;
    const peers = new Array<FleetPeerInput>(n);
    const samples = new Array<readonly PeerSample[]>(n);
    const steadyFrom = new Array<number>(n);
    let crashed: { readonly error: unknown } | null = null;
    for (let i = 0; i < n; i++) {
      const { name, monitor } = this.members[i];
      const state = monitor.getState();
      crashed ??= state.crashed;
      samples[i] = monitor.samples();
      steadyFrom[i] = monitor.steadyFrom();
      peers[i] = { name, target: monitor.target, status: state.status, pinsPerSecond: pinsetSpeed(samples[i]) };
    }
    return {
      peers,
      latency: fresh ? fleetLatency(samples, this.options.windowMs, this.options.variant, { steadyFrom, perPeer: this.options.perPeerLatency ?? true }) : this.state.latency,
      crashed,
      atMs: nowMs,
    };
  }

}
