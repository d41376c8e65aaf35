// What the traces loop knows, as a pure reducer: the peer services Jaeger lists (this host's
// first), the service searched, the last successful search and the last failure (one escaped
// line; the last rows stay on screen, marked stale), whether a search is in flight, and the
// trace opened in the waterfall. The loop (ui/use-traces-loop.ts) only dispatches these actions.

import type { TraceSummary } from './traces/summary.js';
import type { Trace } from './traces/types.js';

/** What one search asks Jaeger for. */
export interface TracesQuery {
  /** The service picked by the user; null = the one Jaeger's listing gives. */
  readonly service: string | null;
  /** Exact operation name sent to Jaeger (a group key such as `POST /pins/{cid}` is filtered here only). */
  readonly operation?: string;
  /** Minimum span duration sent to Jaeger, µs. */
  readonly minDurationUs?: number;
}

/** A search that answered. */
export interface TracesSearch {
  /** Service searched. */
  readonly service: string;
  /** One row per trace, in server order. */
  readonly summaries: readonly TraceSummary[];
  /** Full traces by ID when the API sent them (v1, v3 traces); null from v3 summaries. */
  readonly traces: ReadonlyMap<string, Trace> | null;
  /** The server-side part of the filter this answer applied. */
  readonly operation: string | undefined;
  readonly minDurationUs: number | undefined;
  /** When it was asked, unix ms. */
  readonly fetchedAtMs: number;
}

/** The trace shown in the waterfall. */
export interface OpenedTrace {
  readonly traceID: string;
  /** Null while loading or after a failure. */
  readonly trace: Trace | null;
  /** One escaped line when it could not be loaded. */
  readonly error: string | null;
}

/** Everything the traces loop reports. */
export interface TracesStatus {
  /** Peer services matching the prefix, this host's first; fewer than 2 means no picker. */
  readonly services: readonly string[];
  /** The service searched last (null before one is known). */
  readonly service: string | null;
  readonly search: TracesSearch | null;
  /** The last failure, one escaped line; null after a success. */
  readonly error: string | null;
  readonly errorAtMs: number;
  /** A search is in flight. */
  readonly searching: boolean;
  readonly opened: OpenedTrace | null;
}

/** What the loop tells the status. */
export type TracesStatusAction =
  | { readonly type: 'searching' }
  | { readonly type: 'services'; readonly services: readonly string[] }
  | { readonly type: 'searched'; readonly search: TracesSearch }
  | { readonly type: 'failed'; readonly message: string; readonly atMs: number; readonly service?: string | null }
  | { readonly type: 'trace-opening'; readonly traceID: string }
  | { readonly type: 'trace-opened'; readonly traceID: string; readonly trace: Trace }
  | { readonly type: 'trace-failed'; readonly traceID: string; readonly message: string }
  | { readonly type: 'trace-closed' };

/** Nothing known yet. */
export const INITIAL_TRACES_STATUS: TracesStatus = { services: [], service: null, search: null, error: null, errorAtMs: 0, searching: false, opened: null };

/** The next status. */
export function tracesStatusReducer(state: TracesStatus, action: TracesStatusAction): TracesStatus {
  switch (action.type) {
    case 'searching':
      return state.searching ? state : { ...state, searching: true };
    case 'services':
      return sameList(state.services, action.services) ? state : { ...state, services: action.services };
    case 'searched':
      return { ...state, searching: false, service: action.search.service, search: action.search, error: null };
    case 'failed':
      return { ...state, searching: false, error: action.message, errorAtMs: action.atMs, service: action.service === undefined ? state.service : action.service };
    case 'trace-opening':
      return { ...state, opened: { traceID: action.traceID, trace: null, error: null } };
    case 'trace-opened':
      return state.opened?.traceID === action.traceID ? { ...state, opened: { traceID: action.traceID, trace: action.trace, error: null } } : state;
    case 'trace-failed':
      return state.opened?.traceID === action.traceID ? { ...state, opened: { traceID: action.traceID, trace: null, error: action.message } } : state;
    case 'trace-closed':
      return state.opened === null ? state : { ...state, opened: null };
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
