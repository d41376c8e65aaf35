// The scrape loop: calls poll() at once and then every interval, never two at a time (a slow
// poll delays the next one instead of overlapping it), keeps the peer's history and latency
// trend, and turns each outcome into a ScrapeStatus update. `+`/`-` change the interval, which
// reschedules the pending poll. A poll that rejects counts as a failed poll; an error while
// handling an outcome is a bug and crashes the app.

import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { PeerHistory } from '../model/history.js';
import { LatencyTrend } from '../model/latency-trend.js';
import type { PollOutcome } from '../model/poll-outcome.js';
import { isQueueGrowing } from '../model/queue-growth.js';
import { windowedMethodRates, type RateVariant } from '../model/rpc-latency.js';
import { initialScrapeStatus, scrapeStatusReducer, stepInterval, type ScrapeAction, type ScrapeStatus } from '../model/scrape-status.js';
import { buildSnapshot } from '../model/snapshot.js';
import { oneLine } from '../util/escape-control.js';

/** What the loop polls and how it keeps the results. */
export interface ScrapeLoopOptions {
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
  /**
   * At most one status update per this many ms (default 0: one per outcome). Outcomes that come
   * faster are kept in the history and the trend at once, and the newest is shown at the end of
   * the gap; the dashboard passes its frame interval, since faster updates could never be seen.
   */
  readonly minUpdateMs?: number;
  /**
   * An outcome already in hand when the loop starts, and when its poll started (unix ms, as
   * `now`): the first frame shows it, and the next poll starts one interval after it. (The CLI
   * asks for the first scrape while the live view's modules load.)
   */
  readonly initial?: { readonly outcome: PollOutcome; readonly startedMs: number };
}

/** The loop's state and its one control. */
export interface ScrapeLoop {
  readonly status: ScrapeStatus;
  /** Lengthens (1) or shortens (−1) the interval by one step. */
  readonly changeInterval: (direction: 1 | -1) => void;
}

/** Runs the scrape loop while the component is mounted. */
export function useScrapeLoop(options: ScrapeLoopOptions): ScrapeLoop {
  const latest = useRef(options);
  latest.current = options;
  const now = useCallback(() => (latest.current.now ?? Date.now)(), []);
  const [model] = useState(() => ({
    history: new PeerHistory({ windowMs: options.windowMs, maxSamples: options.maxSamples }),
    trend: new LatencyTrend(),
  }));
  const [status, dispatch] = useReducer(scrapeStatusReducer, options.intervalMs, (ms) => {
    const start = initialScrapeStatus(ms, now());
    const handled = options.initial === undefined ? null : handleOutcome(model, options, options.initial.outcome, now());
    return handled === null ? start : scrapeStatusReducer(start, handled.action(handled.restarted));
  });
  const intervalRef = useRef(options.intervalMs);
  // Whether the status has counted an answer (the first render's, i.e. the initial outcome's).
  const answeredAtStart = useRef(status.answered > 0);
  // A bug while handling an outcome is rethrown during render, so it ends the app like any crash.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const reschedule = useRef<() => void>(() => undefined);

  useEffect(() => {
    const { minUpdateMs = 0, initial } = latest.current;
    let stopped = false;
    let running = false;
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;
    const cancel = () => {
      clearTimeout(timer);
      clearImmediate(immediate);
    };
    // Status updates: the newest not yet dispatched (built only when dispatched), and whether a
    // restart was noticed by any outcome merged into it.
    let pending: (() => ScrapeAction) | null = null;
    let pendingRestart = false;
    let lastUpdateAt = -Infinity;
    let updateTimer: NodeJS.Timeout | undefined;
    // Once an outcome has been dispatched, the reducer ignores 'poll-started' (only the first
    // poll shows a spinner): it is no longer sent, which saves a render of the dashboard a poll.
    let answered = answeredAtStart.current;
    const flush = () => {
      updateTimer = undefined;
      const make = pending;
      pending = null;
      if (make === null || stopped) return;
      lastUpdateAt = now();
      try {
        dispatch(make());
        answered = true;
      } catch (error) {
        stopped = true;
        setFailure({ error });
      }
    };
    const update = (make: () => ScrapeAction) => {
      pending = make;
      if (updateTimer !== undefined) return;
      const wait = lastUpdateAt + minUpdateMs - now();
      if (wait <= 0) flush();
      else updateTimer = setTimeout(flush, wait);
    };

    const apply = (outcome: PollOutcome) => {
      const handled = handleOutcome(model, latest.current, outcome, now());
      if (handled === null) return;
      pendingRestart ||= handled.restarted;
      update(() => {
        const restarted = pendingRestart;
        pendingRestart = false;
        return handled.action(restarted);
      });
    };
    const run = async () => {
      running = true;
      startedAt = now();
      if (!answered) dispatch({ type: 'poll-started', atMs: startedAt });
      let outcome: PollOutcome;
      try {
        outcome = await latest.current.poll();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        outcome = { ok: false, kind: 'io', message: oneLine(message), atMs: now() };
      }
      running = false;
      if (stopped) return;
      try {
        apply(outcome);
      } catch (error) {
        stopped = true;
        setFailure({ error });
        return;
      }
      schedule();
    };
    const schedule = () => {
      cancel();
      const delayMs = startedAt + intervalRef.current - now();
      // A poll already due runs on the next turn of the event loop, not after setTimeout's 1 ms
      // minimum (an interval of 0 polls at full speed: the long-run memory bench does).
      if (delayMs <= 0) immediate = setImmediate(() => void run());
      else timer = setTimeout(() => void run(), delayMs);
    };
    reschedule.current = () => {
      if (!running && !stopped) schedule();
    };
    if (initial === undefined) void run();
    else {
      startedAt = initial.startedMs;
      schedule();
    }
    return () => {
      stopped = true;
      cancel();
      clearTimeout(updateTimer);
      reschedule.current = () => undefined;
    };
  }, [now, model]);

  const changeInterval = useCallback((direction: 1 | -1) => {
    const next = stepInterval(intervalRef.current, direction);
    if (next === intervalRef.current) return;
    intervalRef.current = next;
    dispatch({ type: 'interval-set', intervalMs: next, atMs: now() });
    reschedule.current();
  }, [now]);

  if (failure !== null) throw failure.error;
  return { status, changeInterval };
}

/** An outcome taken into the history and the trend: the status update it makes, and whether it noticed a restart. */
interface HandledOutcome {
  readonly restarted: boolean;
  /** Builds the update (the snapshot is only computed when it is dispatched); `restarted` merges skipped updates. */
  readonly action: (restarted: boolean) => ScrapeAction;
}

/** Takes one outcome into the history and the trend; null when it was out of order and ignored. */
function handleOutcome(
  model: { readonly history: PeerHistory; readonly trend: LatencyTrend },
  options: ScrapeLoopOptions,
  outcome: PollOutcome,
  atMs: number,
): HandledOutcome | null {
  const { history, trend } = model;
  const { target, quantile, windowMs, variant } = options;
  if (!outcome.ok) {
    trend.pushGap(outcome.atMs);
    return { restarted: false, action: () => ({ type: 'poll-failed', atMs, kind: outcome.kind, message: outcome.message, trend: trend.points() }) };
  }
  const pushed = history.push(outcome.sample);
  if (pushed.outOfOrder) return null;
  const samples = history.samples();
  // The trend's packed copies serve the snapshot too: each quantile is then computed once per
  // scrape, for the snapshot, the rows and the sparklines' newest point alike.
  const methodRates = trend.push(outcome.sample.tMs, windowedMethodRates(samples, outcome.sample.tMs, windowMs, variant));
  return {
    restarted: pushed.restarted,
    action: (restarted) => ({
      type: 'poll-succeeded',
      atMs,
      snapshot: buildSnapshot(samples, { target, quantile, windowMs, variant }, methodRates),
      trend: trend.points(),
      queueGrowing: isQueueGrowing(samples.map((s) => s.gauges.pinQueued)),
      durationMs: outcome.durationMs,
      restarted,
      notice: outcome.notice,
    }),
  };
}
