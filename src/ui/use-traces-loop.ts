// The traces loop: finds the peer's service in Jaeger, then searches at once and every refresh
// interval on a PollScheduler, never two at a time (a slow Jaeger delays the next search instead
// of piling them up); a change of the query (service picked, operation or minimum duration
// filtered) searches again as soon as the search in flight ends. A failure is reported as one line and retried at
// the next interval. Opening a trace uses the copy the search brought, or fetches it.

import { useEffect, useReducer, useRef } from 'react';
import { PollScheduler } from '../feed/poll-scheduler.js';
import { INITIAL_TRACES_STATUS, tracesStatusReducer, type TracesQuery, type TracesStatus } from '../model/traces-status.js';
import type { JaegerClient, JaegerError } from '../sources/jaeger/client.js';
import { oneLine } from '../util/escape-control.js';

/** The Jaeger calls the loop makes (a JaegerClient, or a stand-in in tests). */
export type TracesClient = Pick<JaegerClient, 'resolveService' | 'search' | 'getTrace' | 'noServiceError'>;

/** Where and how the loop searches. */
export interface TracesLoopOptions {
  readonly client: TracesClient;
  /** `--service`: search it without listing the services. */
  readonly service: string | null;
  /** The peer's `tracing.service_name` (default `cluster-daemon`). */
  readonly servicePrefix?: string;
  readonly lookbackMs: number;
  readonly limit: number;
  /** Time between search starts, ms. */
  readonly refreshMs: number;
  /** This host's name, to put its peer's service first (default: os.hostname()). */
  readonly hostname?: string;
  /** Rewords a failure for the user (e.g. which credential a 401 refused). */
  readonly explain?: (error: JaegerError) => string;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** Runs the traces loop while mounted (nothing when `options` is null); returns what it knows. */
export function useTracesLoop(options: TracesLoopOptions | null, query: TracesQuery, openTraceID: string | null): TracesStatus {
  const [status, dispatch] = useReducer(tracesStatusReducer, INITIAL_TRACES_STATUS);
  const latest = useRef(options);
  latest.current = options;
  const queryRef = useRef(query);
  queryRef.current = query;
  const statusRef = useRef(status);
  statusRef.current = status;
  const kick = useRef<() => void>(() => undefined);
  const enabled = options !== null;

  useEffect(() => {
    const o = latest.current;
    if (o === null) return undefined;
    const now = o.now ?? Date.now;
    const say = (error: JaegerError) => (o.explain ?? ((e: JaegerError) => e.message))(error);
    let stopped = false;
    let found: string | null = null; // the service the listing gave

    const search = async (): Promise<void> => {
      const q = queryRef.current;
      let service = q.service ?? o.service;
      if (service === null) {
        if (found === null) {
          const listed = await o.client.resolveService({ servicePrefix: o.servicePrefix, hostname: o.hostname });
          if (stopped) return;
          if (!listed.ok) return dispatch({ type: 'failed', message: say(listed.error), atMs: now() });
          const choice = listed.value;
          if (choice.kind === 'none') return dispatch({ type: 'failed', message: say(o.client.noServiceError(choice.available, o.servicePrefix)), atMs: now(), service: null });
          found = choice.kind === 'one' ? choice.service : choice.services[0];
          dispatch({ type: 'services', services: choice.kind === 'several' ? choice.services : [found] });
        }
        service = found;
      }
      const fetchedAtMs = now();
      const answer = await o.client.search({ service, lookbackMs: o.lookbackMs, limit: o.limit, operation: q.operation, minDurationUs: q.minDurationUs });
      if (stopped) return;
      if (!answer.ok) return dispatch({ type: 'failed', message: say(answer.error), atMs: now(), service });
      const traces = answer.value.traces === null ? null : new Map(answer.value.traces.map((t) => [t.traceID, t]));
      dispatch({
        type: 'searched',
        search: { service, summaries: answer.value.summaries, traces, operation: q.operation, minDurationUs: q.minDurationUs, fetchedAtMs },
      });
    };
    const scheduler = new PollScheduler({
      intervalMs: o.refreshMs,
      now,
      run: async () => {
        dispatch({ type: 'searching' });
        try {
          await search();
        } catch (error) {
          if (!stopped) dispatch({ type: 'failed', message: oneLine(error instanceof Error ? error.message : String(error)), atMs: now() });
        }
      },
    });
    kick.current = () => scheduler.kick();
    scheduler.start();
    return () => {
      stopped = true;
      scheduler.stop();
      kick.current = () => undefined;
    };
  }, [enabled]);

  // A new query searches again at once (after the search in flight); the first one is the mount's.
  const key = `${query.service ?? ''}\u0000${query.operation ?? ''}\u0000${query.minDurationUs ?? ''}`;
  const lastKey = useRef(key);
  useEffect(() => {
    if (lastKey.current === key) return;
    lastKey.current = key;
    kick.current();
  }, [key]);

  useEffect(() => {
    const o = latest.current;
    if (openTraceID === null || o === null) {
      dispatch({ type: 'trace-closed' });
      return undefined;
    }
    dispatch({ type: 'trace-opening', traceID: openTraceID });
    const known = statusRef.current.search?.traces?.get(openTraceID);
    if (known !== undefined) {
      dispatch({ type: 'trace-opened', traceID: openTraceID, trace: known });
      return undefined;
    }
    let cancelled = false;
    void o.client.getTrace(openTraceID).then(
      (got) => {
        if (cancelled) return;
        if (got.ok) dispatch({ type: 'trace-opened', traceID: openTraceID, trace: got.value });
        else dispatch({ type: 'trace-failed', traceID: openTraceID, message: (o.explain ?? ((e: JaegerError) => e.message))(got.error) });
      },
      (error: unknown) => {
        if (!cancelled) dispatch({ type: 'trace-failed', traceID: openTraceID, message: oneLine(error instanceof Error ? error.message : String(error)) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [openTraceID]);

  return status;
}
