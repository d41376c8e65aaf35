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
import type { RateVariant } from '../model/rpc-latency.js';
import { initialScrapeStatus, scrapeStatusReducer, stepInterval, type ScrapeStatus } from '../model/scrape-status.js';
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
  const [status, dispatch] = useReducer(scrapeStatusReducer, options.intervalMs, (ms) => initialScrapeStatus(ms, now()));
  const intervalRef = useRef(options.intervalMs);
  // A bug while handling an outcome is rethrown during render, so it ends the app like any crash.
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const reschedule = useRef<() => void>(() => undefined);

  useEffect(() => {
    const { target, windowMs, maxSamples, quantile, variant } = latest.current;
    const history = new PeerHistory({ windowMs, maxSamples });
    const trend = new LatencyTrend();
    let stopped = false;
    let running = false;
    let startedAt = 0;
    let timer: NodeJS.Timeout | undefined;

    const apply = (outcome: PollOutcome) => {
      if (!outcome.ok) {
        trend.pushGap(outcome.atMs);
        dispatch({ type: 'poll-failed', atMs: now(), kind: outcome.kind, message: outcome.message, trend: trend.points() });
        return;
      }
      const pushed = history.push(outcome.sample);
      if (pushed.outOfOrder) return;
      const samples = history.samples();
      const snapshot = buildSnapshot(samples, { target, quantile, windowMs, variant });
      trend.push(outcome.sample.tMs, snapshot.methodRates);
      dispatch({
        type: 'poll-succeeded',
        atMs: now(),
        snapshot,
        trend: trend.points(),
        queueGrowing: isQueueGrowing(samples.map((s) => s.gauges.pinQueued)),
        durationMs: outcome.durationMs,
        restarted: pushed.restarted,
      });
    };
    const run = async () => {
      running = true;
      startedAt = now();
      dispatch({ type: 'poll-started', atMs: startedAt });
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
      clearTimeout(timer);
      timer = setTimeout(() => void run(), Math.max(0, startedAt + intervalRef.current - now()));
    };
    reschedule.current = () => {
      if (!running && !stopped) schedule();
    };
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      reschedule.current = () => undefined;
    };
  }, [now]);

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
