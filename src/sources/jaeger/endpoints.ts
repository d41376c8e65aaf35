// One function per Jaeger endpoint the client uses, each turning a classified answer into a
// value, 'missing' (the route is not served, so try the next API generation) or a failure.
// Bodies are read with the pure readers of model/traces.

import { traceFromJaegerJson } from '../../model/traces/from-jaeger-json.js';
import { tracesFromOtlpJson } from '../../model/traces/from-otlp-json.js';
import { summariesFromV3Json } from '../../model/traces/from-trace-summaries.js';
import { normalizeTraceId } from '../../model/traces/ids.js';
import { summarizeTrace, type TraceSummary } from '../../model/traces/summary.js';
import type { RowRules } from '../../model/traces/trace-name.js';
import type { Trace } from '../../model/traces/types.js';
import type { JaegerError } from './errors.js';
import { v1SearchParams, v3SummaryParams, v3TraceParams, type SearchWindow } from './query-params.js';
import type { ApiAnswer, JaegerTransport } from './transport.js';

/** The outcome of one endpoint. */
export type Step<T> =
  | { readonly kind: 'ok'; readonly value: T }
  | { readonly kind: 'missing'; readonly how: string }
  | { readonly kind: 'failed'; readonly error: JaegerError };

/** The rows of one search, and the full traces when the API sent them. */
export interface SearchPage {
  /** One row per trace, in server order (unordered: sort on the client). */
  readonly summaries: readonly TraceSummary[];
  /** The traces themselves (v1 and `/api/v3/traces`); null from trace summaries. */
  readonly traces: readonly Trace[] | null;
  /** Per-trace problems the server reported inside a successful answer. */
  readonly warnings: readonly string[];
}

/** `GET /api/services` → `{data: string[] | null}`. */
export async function servicesV1(t: JaegerTransport): Promise<Step<string[]>> {
  const path = '/api/services';
  return expectJson(t, path, await t.get(path), (json) => {
    const data = (json as { data?: unknown }).data;
    if (data === null) return [];
    return Array.isArray(data) ? data.filter((s): s is string => typeof s === 'string') : undefined;
  });
}

/** `GET /api/v3/services` → `{services?: string[]}` (`{}` when empty). */
export async function servicesV3(t: JaegerTransport): Promise<Step<string[]>> {
  const path = '/api/v3/services';
  return expectJson(t, path, await t.get(path), (json) => {
    const services = (json as { services?: unknown }).services;
    if (services === undefined) return [];
    return Array.isArray(services) ? services.filter((s): s is string => typeof s === 'string') : undefined;
  });
}

/** `GET /api/traces?service=…` (Jaeger 1.9 – v2.20), rows derived by `rules`. */
export async function searchV1(t: JaegerTransport, w: SearchWindow, rules: RowRules): Promise<Step<SearchPage>> {
  const path = '/api/traces';
  return expectJson(t, path, await t.get(path, v1SearchParams(w)), (json) => {
    const body = json as { data?: unknown; errors?: unknown };
    if (body.data !== null && !Array.isArray(body.data)) return undefined;
    const traces = (body.data ?? []).map(traceFromJaegerJson).filter((x): x is Trace => x !== null);
    return { summaries: traces.map((tr) => summarizeTrace(tr, rules)), traces, warnings: envelopeWarnings(body.errors) };
  });
}

/** `GET /api/v3/trace-summaries` (v2.19+): rows computed by the server. */
export async function searchV3Summaries(t: JaegerTransport, w: SearchWindow): Promise<Step<SearchPage>> {
  const path = '/api/v3/trace-summaries';
  return expectJson(t, path, await t.get(path, v3SummaryParams(w)), (json) => ({ summaries: summariesFromV3Json(json), traces: null, warnings: [] }), true);
}

/** `GET /api/v3/traces` (OTLP-JSON, every v3 version), rows derived by `rules`. */
export async function searchV3Traces(t: JaegerTransport, w: SearchWindow, rules: RowRules): Promise<Step<SearchPage>> {
  const path = '/api/v3/traces';
  return expectJson(t, path, await t.get(path, v3TraceParams(w)), (json) => {
    const traces = tracesFromOtlpJson(otlpResults(json)).slice(0, Math.max(0, w.limit));
    return { summaries: traces.map((tr) => summarizeTrace(tr, rules)), traces, warnings: [] };
  }, true);
}

/** `GET /api/traces/{id}` (every version). */
export async function traceV1(t: JaegerTransport, traceID: string): Promise<Step<Trace>> {
  const id = normalizeTraceId(traceID);
  const path = `/api/traces/${encodeURIComponent(id)}`;
  const answer = await t.get(path);
  if (answer.kind === 'json' && answer.status === 404) return notFound(t, id);
  return expectJson(t, path, answer, (json) => {
    const data = (json as { data?: unknown }).data;
    if (!Array.isArray(data)) return undefined;
    const traces = data.map(traceFromJaegerJson).filter((x): x is Trace => x !== null);
    return traces.find((tr) => tr.traceID === id) ?? traces[0] ?? null;
  }, false, () => notFound(t, id));
}

/** `GET /api/v3/traces/{id}` (OTLP-JSON), for servers without the v1 route. */
export async function traceV3(t: JaegerTransport, traceID: string): Promise<Step<Trace>> {
  const id = normalizeTraceId(traceID);
  const path = `/api/v3/traces/${encodeURIComponent(id)}`;
  const answer = await t.get(path);
  if (answer.kind === 'json' && answer.status === 404) return notFound(t, id);
  return expectJson(t, path, answer, (json) => {
    const traces = tracesFromOtlpJson(otlpResults(json));
    return traces.find((tr) => tr.traceID === id) ?? traces[0] ?? null;
  }, false, () => notFound(t, id));
}

/**
 * Applies `read` to a 2xx JSON body (undefined from `read` = wrong shape, null = nothing);
 * maps a JSON error status to a failure, except a v3 404 ("No traces found"), which is empty.
 */
function expectJson<T>(
  t: JaegerTransport,
  path: string,
  answer: ApiAnswer,
  read: (json: unknown) => T | undefined | null,
  v3NotFoundIsEmpty = false,
  onNull?: () => Step<T>,
): Step<T> {
  if (answer.kind !== 'json') return answer;
  if (answer.status === 404 && v3NotFoundIsEmpty) {
    const empty = read({});
    if (empty !== undefined && empty !== null) return { kind: 'ok', value: empty };
  }
  if (answer.status < 200 || answer.status >= 300) {
    return { kind: 'failed', error: t.errors.httpStatus(path, answer.status, answer.statusText, answer.json, answer.body, 'application/json') };
  }
  if (typeof answer.json !== 'object' || answer.json === null) return { kind: 'failed', error: t.errors.badResponse(path, 'not a JSON object') };
  const value = read(answer.json);
  if (value === undefined) return { kind: 'failed', error: t.errors.badResponse(path, 'no list where one was expected') };
  if (value === null) return onNull !== undefined ? onNull() : { kind: 'failed', error: t.errors.badResponse(path, 'empty') };
  return { kind: 'ok', value };
}

/** The `result` objects of a v3 answer (one object, or a list of streamed chunks). */
function otlpResults(json: unknown): unknown[] {
  const chunks = Array.isArray(json) ? json : [json];
  return chunks.map((c) => (typeof c === 'object' && c !== null ? (c as { result?: unknown }).result : undefined)).filter((r) => r !== undefined);
}

/** `errors[]` entries of a 200 v1 envelope as text: `msg (trace <id>)`. */
function envelopeWarnings(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const entry = (typeof e === 'object' && e !== null ? e : {}) as { msg?: unknown; traceID?: unknown };
    const msg = typeof entry.msg === 'string' ? entry.msg : JSON.stringify(e);
    return typeof entry.traceID === 'string' && entry.traceID !== '' ? `${msg} (trace ${entry.traceID})` : msg;
  });
}

function notFound<T>(t: JaegerTransport, id: string): Step<T> {
  return { kind: 'failed', error: t.errors.make('not-found', `trace ${id} not found in Jaeger at ${t.errors.where}`, 404) };
}
