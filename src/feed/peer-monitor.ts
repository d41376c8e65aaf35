// One monitored peer, outside React: it owns the peer's poll (its feed), one scheduler, the
// history, the latency trend and the scrape status, takes each outcome in once, and publishes an
// immutable ScrapeStatus that the UI reads with useSyncExternalStore. `--once`, `record`, the
// live view (and, next, the fleet) all drive a monitor: started, it polls on its own schedule;
// step() polls once by hand.

import { PeerHistory } from '../model/history.js';
import { LatencyTrend } from '../model/latency-trend.js';
import { keptQuantiles } from '../model/quantile-keys.js';
import type { PeerSample } from '../model/peer-sample.js';
import type { PollOutcome } from '../model/poll-outcome.js';
import { isPinQueueGrowing } from '../model/queue-growth.js';
import { windowedMethodRates, type MethodRates, type RateVariant } from '../model/rpc-latency.js';
import { initialScrapeStatus, scrapeStatusReducer, stepInterval, type ScrapeAction, type ScrapeStatus } from '../model/scrape-status.js';
import { buildSnapshot } from '../model/snapshot.js';
import { oneLine } from '../util/escape-control.js';
import { PollScheduler } from './poll-scheduler.js';
import { PublishThrottle } from './publish-throttle.js';

/** What a monitor polls and how it keeps the results. */
export interface PeerMonitorOptions {
  /** Target shown in snapshots. */
  readonly target: string;
  /** Fetches one outcome; may reject (counted as a failed poll). */
  readonly poll: () => Promise<PollOutcome>;
  /** First interval between poll starts, ms. */
  readonly intervalMs: number;
  /** Window of rates and quantiles, ms. */
  readonly windowMs: number;
  /** Cap on kept samples. */
  readonly maxSamples: number;
  /** Quantile the snapshot sorts by (the view recomputes any other one). */
  readonly quantile: number;
  readonly variant: RateVariant;
  /** Wall clock, for tests. */
  readonly now?: () => number;
  /** Scrapes the latency trend keeps (default DEFAULT_TREND_CAPACITY, ~17 minutes at 2 s). */
  readonly trendCapacity?: number;
  /**
   * At most one published status per this many ms (default 0: one per outcome). Outcomes that
   * come faster are kept in the history and the trend at once, and the newest is published at the
   * end of the gap; the live view passes its frame interval, since faster updates could never be
   * seen.
   */
  readonly minUpdateMs?: number;
  /**
   * An outcome already in hand when the monitor is made, and when its poll started (unix ms, as
   * `now`): the first status shows it, and the next poll starts one interval after it. (The CLI
   * asks for the first scrape while the live view's modules load.)
   */
  readonly initial?: { readonly outcome: PollOutcome; readonly startedMs: number };
}

/** What a monitor publishes: its status, and a bug that stopped it (the live view rethrows it). */
export interface PeerMonitorState {
  readonly status: ScrapeStatus;
  readonly crashed: { readonly error: unknown } | null;
}

/** A peer's poll loop and everything it keeps; subscribe() to hear of each new status. */
export class PeerMonitor {
  private readonly history: PeerHistory;
  private readonly trend: LatencyTrend;
  private readonly scheduler: PollScheduler;
  private readonly now: () => number;
  private readonly listeners = new Set<() => void>();
  private state: PeerMonitorState;
  // Publishing: the newest update not yet applied (built only when applied), whether a restart
  // was noticed by any outcome merged into it, and when the last one was applied.
  private pending: TakenOutcome | null = null;
  private pendingRestart = false;
  private pendingOk = false;
  private readonly throttle: PublishThrottle;

  constructor(private readonly options: PeerMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.throttle = new PublishThrottle(options.minUpdateMs ?? 0, this.now, () => this.flush());
    this.history = new PeerHistory({ windowMs: options.windowMs, maxSamples: options.maxSamples });
    this.trend = new LatencyTrend(options.trendCapacity, keptQuantiles(options.quantile));
    let status = initialScrapeStatus(options.intervalMs, this.now());
    if (options.initial !== undefined) {
      const taken = this.takeIn(options.initial.outcome);
      if (taken !== null) status = scrapeStatusReducer(status, this.actionOf(taken, taken.restarted));
    }
    this.state = { status, crashed: null };
    this.scheduler = new PollScheduler({
      intervalMs: options.intervalMs,
      now: this.now,
      run: () => this.pollAndPublish(),
      // A bug while taking an outcome in: kept for the UI to rethrow, and polling stops.
      onError: (error) => {
        this.crash(error);
        return false;
      },
    });
  }

  /** What is monitored. */
  get target(): string {
    return this.options.target;
  }

  /** The kept samples, oldest first (read-only: the fleet evaluates every peer at one instant). */
  samples(): readonly PeerSample[] {
    return this.history.samples();
  }

  /** From which index of samples() on no latency count was reset (PeerHistory.steadyFrom). */
  steadyFrom(): number {
    return this.history.steadyFrom;
  }

  /** The current state; a new object after each published change, never mutated. */
  readonly getState = (): PeerMonitorState => this.state;

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts polling on the schedule (at once, or one interval after the initial outcome's poll). */
  start(): void {
    this.scheduler.start(this.options.initial?.startedMs);
  }

  /** Stops polling for good. */
  stop(): void {
    this.scheduler.stop();
    this.throttle.cancel();
    this.pending = null;
  }

  /** Lengthens (1) or shortens (−1) the interval by one step; the pending poll is rescheduled. */
  changeInterval(direction: 1 | -1): void {
    const next = stepInterval(this.scheduler.intervalMs, direction);
    if (next === this.scheduler.intervalMs) return;
    this.scheduler.setInterval(next);
    this.dispatch({ type: 'interval-set', intervalMs: next, atMs: this.now() });
  }

  /**
   * Polls once, outside the schedule (the one-shot modes), and takes the outcome in; the status
   * is published by publish(), so that a long replay builds one snapshot, not one per file.
   * Resolves to the outcome.
   */
  async step(): Promise<PollOutcome> {
    const outcome = await this.pollSafely();
    this.keep(this.takeIn(outcome));
    return outcome;
  }

  /** Publishes what step() took in, now. */
  publish(): void {
    this.throttle.fireNow();
  }

  private async pollAndPublish(): Promise<void> {
    if (this.state.status.answered === 0) this.dispatch({ type: 'poll-started', atMs: this.now() });
    const outcome = await this.pollSafely();
    if (this.scheduler.isStopped) return;
    if (this.keep(this.takeIn(outcome))) this.throttle.request();
  }

  /** Makes `taken` the one to publish next (merging restarts); false when there is none. */
  private keep(taken: TakenOutcome | null): boolean {
    if (taken === null) return false;
    // A failure after a good scrape not yet published would lose that scrape's snapshot (a
    // failure keeps the snapshot before it): the good one is published first.
    if (!taken.outcome.ok && this.pendingOk) this.throttle.fireNow();
    this.pendingRestart ||= taken.restarted;
    this.pending = taken;
    this.pendingOk = taken.outcome.ok;
    return true;
  }

  /** The poll's outcome; a rejection is a failed poll. */
  private async pollSafely(): Promise<PollOutcome> {
    try {
      return await this.options.poll();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, kind: 'io', message: oneLine(message), atMs: this.now() };
    }
  }

  /** Applies the update kept for publishing, if any (the throttle calls it). */
  private flush(): void {
    const taken = this.pending;
    this.pending = null;
    this.pendingOk = false;
    if (taken === null) return;
    const restarted = this.pendingRestart;
    this.pendingRestart = false;
    try {
      this.dispatch(this.actionOf(taken, restarted));
    } catch (error) {
      this.crash(error);
    }
  }

  private dispatch(action: ScrapeAction): void {
    const next = scrapeStatusReducer(this.state.status, action);
    if (next === this.state.status) return;
    this.state = { status: next, crashed: this.state.crashed };
    for (const listener of this.listeners) listener();
  }

  private crash(error: unknown): void {
    this.state = { ...this.state, crashed: { error } };
    this.stop();
    for (const listener of this.listeners) listener();
  }

  /**
   * Takes one outcome into the history and the trend: what its status update is made from (the
   * snapshot is only computed when the update is applied, by actionOf), and whether it noticed a
   * restart; null when it was out of order and ignored. (Data, not a closure per scrape: V8
   * drops a closure's optimized code once none of its instances lives, at every full collection.)
   */
  private takeIn(outcome: PollOutcome): TakenOutcome | null {
    const { history, trend } = this;
    const atMs = this.now();
    if (!outcome.ok) {
      trend.pushGap(outcome.atMs);
      return { outcome, atMs, restarted: false, methodRates: null };
    }
    const pushed = history.push(outcome.sample);
    if (pushed.outOfOrder) return null;
    // The trend's packed copies serve the snapshot too: each quantile is then computed once per
    // scrape, for the snapshot, the rows and the sparklines' newest point alike.
    const { windowMs, variant } = this.options;
    const methodRates = trend.push(outcome.sample.tMs, windowedMethodRates(history.samples(), outcome.sample.tMs, windowMs, variant, history.steadyFrom));
    return { outcome, atMs, restarted: pushed.restarted, methodRates };
  }

  /** The status update of the newest outcome taken in (`restarted`: any merged into it noticed one). */
  private actionOf(taken: TakenOutcome, restarted: boolean): ScrapeAction {
    const { outcome, atMs } = taken;
    if (!outcome.ok) return { type: 'poll-failed', atMs, kind: outcome.kind, message: outcome.message, trend: this.trend.points() };
    const { target, quantile, windowMs, variant } = this.options;
    const samples = this.history.samples();
    return {
      type: 'poll-succeeded',
      atMs,
      snapshot: buildSnapshot(samples, { target, quantile, windowMs, variant, countersSteadyFrom: this.history.countersSteadyFrom }, taken.methodRates ?? undefined),
      trend: this.trend.points(),
      queueGrowing: isPinQueueGrowing(samples),
      durationMs: outcome.durationMs,
      restarted,
      notice: outcome.notice,
    };
  }
}

/** An outcome taken into the history and the trend, waiting to be published. */
interface TakenOutcome {
  readonly outcome: PollOutcome;
  /** When it was taken in, unix ms (as `now`). */
  readonly atMs: number;
  readonly restarted: boolean;
  /** A good scrape's windowed rates as the trend kept them; null for a failure. */
  readonly methodRates: readonly MethodRates[] | null;
}
