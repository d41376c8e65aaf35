// The Jaeger client the traces pane and `--once` use: list and choose the service, search
// across API generations (v1 `/api/traces`, then v3 trace summaries, then v3 traces, keeping
// the one that answered for the next refresh), and fetch one trace. A search never overlaps
// the previous one: while one is in flight, search() returns that same promise. Nothing here
// throws or rejects; every failure is a JaegerError with one safe line.

import os from 'node:os';
import type { RowRules } from '../../model/traces/trace-name.js';
import type { Trace } from '../../model/traces/types.js';
import { servicesV1, servicesV3, searchV1, searchV3Summaries, searchV3Traces, traceV1, traceV3, type SearchPage, type Step } from './endpoints.js';
import type { JaegerError, JaegerResult } from './errors.js';
import { chooseService, DEFAULT_SERVICE_PREFIX, type ChooseOptions, type ServiceChoice } from './service-choice.js';
import { createTransport, type TransportOptions } from './transport.js';

export type { JaegerError, JaegerErrorKind, JaegerResult } from './errors.js';
export type { ServiceChoice } from './service-choice.js';

/** The search API that answered: v1 JSON, v3 trace summaries, or v3 OTLP traces. */
export type SearchApi = 'v1' | 'v3-summaries' | 'v3-traces';

const SEARCH_APIS: readonly SearchApi[] = ['v1', 'v3-summaries', 'v3-traces'];
const SEARCH_PATHS: Readonly<Record<SearchApi, string>> = {
  v1: '/api/traces',
  'v3-summaries': '/api/v3/trace-summaries',
  'v3-traces': '/api/v3/traces',
};

/** Settings of a client. */
export type JaegerClientOptions = TransportOptions;

/** One search. */
export interface SearchQuery {
  /** The service (see chooseService). */
  readonly service: string;
  /** How far back from `endMs`. */
  readonly lookbackMs: number;
  /** Window end, unix ms (default: now). */
  readonly endMs?: number;
  /** Maximum number of traces. */
  readonly limit: number;
  /** Minimum duration of a span, µs (server-side). */
  readonly minDurationUs?: number;
  /** Exact operation name (server-side). */
  readonly operation?: string;
  /** Which Jaeger UI generation derives the rows (default 'C'; v3 summaries are always 'C'). */
  readonly rules?: RowRules;
}

/** What a search found. */
export interface SearchResult extends SearchPage {
  /** The query it answers (a coalesced caller may have asked for another). */
  readonly query: SearchQuery;
  /** The API that answered. */
  readonly api: SearchApi;
  /** When the request was made, unix ms. */
  readonly fetchedAtMs: number;
}

/** The client of one Jaeger address. */
export interface JaegerClient {
  /** Every service Jaeger knows (`/api/services`, else `/api/v3/services`). */
  listServices(): Promise<JaegerResult<string[]>>;
  /** Lists the services and chooses (an explicit service skips the listing). Hostname defaults to os.hostname(). */
  resolveService(options: ChooseOptions): Promise<JaegerResult<ServiceChoice>>;
  /** Searches; while a search is in flight, returns its promise. */
  search(query: SearchQuery): Promise<JaegerResult<SearchResult>>;
  /** Fetches one trace by ID (any padding or case). */
  getTrace(traceID: string): Promise<JaegerResult<Trace>>;
  /** The 'no-service' error for a choice of kind 'none' under `prefix`. */
  noServiceError(available: readonly string[], prefix?: string): JaegerError;
  /** The search API found to work so far, or null before the first successful search. */
  readonly api: SearchApi | null;
  /** Aborts requests in flight; later calls fail with 'closed'. */
  close(): void;
}

/** Creates a client; it never throws (a bad URL fails every call with 'bad-url'). */
export function createJaegerClient(options: JaegerClientOptions): JaegerClient {
  const t = createTransport(options);
  let api: SearchApi | null = null;
  let inFlight: Promise<JaegerResult<SearchResult>> | undefined;

  async function listServices(): Promise<JaegerResult<string[]>> {
    const v1 = await servicesV1(t);
    if (v1.kind !== 'missing') return toResult(v1);
    const v3 = await servicesV3(t);
    if (v3.kind !== 'missing') return toResult(v3);
    return { ok: false, error: t.errors.noApi(['/api/services', '/api/v3/services'], [v1.how, v3.how]) };
  }

  async function resolveService(choose: ChooseOptions): Promise<JaegerResult<ServiceChoice>> {
    if (choose.service !== undefined && choose.service !== '') return { ok: true, value: { kind: 'one', service: choose.service } };
    const listed = await listServices();
    if (!listed.ok) return listed;
    return { ok: true, value: chooseService(listed.value, { ...choose, hostname: choose.hostname ?? os.hostname() }) };
  }

  async function searchOnce(query: SearchQuery): Promise<JaegerResult<SearchResult>> {
    const fetchedAtMs = Date.now();
    const endMs = query.endMs ?? fetchedAtMs;
    const window = {
      service: query.service,
      startUs: Math.floor((endMs - Math.max(0, query.lookbackMs)) * 1000),
      endUs: Math.floor(endMs * 1000),
      limit: query.limit,
      minDurationUs: query.minDurationUs,
      operation: query.operation,
    };
    const rules = query.rules ?? 'C';
    const order = api === null ? SEARCH_APIS : [api, ...SEARCH_APIS.filter((a) => a !== api)];
    const how: string[] = [];
    for (const candidate of order) {
      const step =
        candidate === 'v1'
          ? await searchV1(t, window, rules)
          : candidate === 'v3-summaries'
            ? await searchV3Summaries(t, window)
            : await searchV3Traces(t, window, rules);
      if (step.kind === 'missing') {
        how.push(step.how);
        continue;
      }
      if (step.kind === 'failed') return { ok: false, error: step.error };
      api = candidate;
      return { ok: true, value: { ...step.value, query, api: candidate, fetchedAtMs } };
    }
    api = null;
    return { ok: false, error: t.errors.noApi(order.map((a) => SEARCH_PATHS[a]), how) };
  }

  async function getTrace(traceID: string): Promise<JaegerResult<Trace>> {
    const v1 = await traceV1(t, traceID);
    if (v1.kind !== 'missing') return toResult(v1);
    const v3 = await traceV3(t, traceID);
    if (v3.kind !== 'missing') return toResult(v3);
    return { ok: false, error: t.errors.noApi(['/api/traces/{id}', '/api/v3/traces/{id}'], [v1.how, v3.how]) };
  }

  return {
    listServices,
    resolveService,
    search(query: SearchQuery): Promise<JaegerResult<SearchResult>> {
      if (inFlight !== undefined) return inFlight;
      const promise = searchOnce(query);
      inFlight = promise;
      void promise.finally(() => {
        if (inFlight === promise) inFlight = undefined;
      });
      return promise;
    },
    getTrace,
    noServiceError: (available, prefix) => t.errors.noService(prefix ?? DEFAULT_SERVICE_PREFIX, available),
    get api(): SearchApi | null {
      return api;
    },
    close(): void {
      t.close();
    },
  };
}

function toResult<T>(step: Exclude<Step<T>, { kind: 'missing' }>): JaegerResult<T> {
  return step.kind === 'ok' ? { ok: true, value: step.value } : { ok: false, error: step.error };
}
