// The Jaeger query API of the demo peer, served beside /metrics on the same loopback origin:
// the v1 JSON API of Jaeger 1.9 – v2.20 (`/api/services`, `/api/services/{s}/operations`,
// `/api/operations`, `/api/traces?service=…`, `/api/traces/{id}`) and the v3 API
// (`/api/v3/services`, `/api/v3/operations`, `/api/v3/traces`, `/api/v3/traces/{id}`,
// `/api/v3/trace-summaries`), with Jaeger's parameters, envelopes and error bodies
// (docs/jaeger-api.md §1). With `v1: false` it answers like jaeger main after v2.20, where
// the v1 search is gone (a plain-text 404), so clients must fall back to v3.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { toJaegerJson, toOtlpJson, toTraceSummary } from './demo-jaeger-json.js';
import type { DemoTraceQuery, DemoTraceStore } from './demo-traces.js';

/** An HTTP answer. */
export interface ApiReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/** Which API generations are served. */
export interface DemoJaegerOptions {
  /** Serve the v1 search and services routes (default true); `/api/traces/{id}` stays either way. */
  readonly v1?: boolean;
}

const JSON_TYPE = 'application/json';
const DAY_US = 2 * 24 * 3_600_000_000;

/** The Jaeger API of one demo peer: its traces and the generations served. */
export interface DemoJaeger {
  readonly store: DemoTraceStore;
  readonly options: DemoJaegerOptions;
  /**
   * The other peers' traces, served beside its own (a demo cluster's peers report to one Jaeger,
   * as real peers do, so any peer's origin answers for every `cluster-daemon-demo-K`).
   */
  others?: () => readonly DemoTraceStore[];
}

/** Serves `req` when it is a Jaeger API request (true), else leaves it alone (false). */
export function serveJaegerRequest(api: DemoJaeger, nowMs: number, req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://demo');
  const uiTrace = /^\/trace\/([0-9a-f]{1,32})$/i.exec(url.pathname);
  if (uiTrace !== null) {
    // The waterfall links a trace to Jaeger UI's page for it; the demo has no UI, so say where its JSON is.
    const body = `The cluster-top demo peer serves Jaeger's query API, not Jaeger UI.\nThis trace as JSON: /api/traces/${uiTrace[1].toLowerCase()}\n`;
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  if (!url.pathname.startsWith('/api/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return true;
  }
  const reply = answerJaeger([api.store, ...(api.others?.() ?? [])], url.pathname, url.searchParams, nowMs, api.options) ?? { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}

/** Answers one GET under `/api/` from the traces of `stores` (one per service); null when the path is not a Jaeger route at all. */
export function answerJaeger(stores: readonly DemoTraceStore[], path: string, query: URLSearchParams, nowMs: number, options: DemoJaegerOptions = {}): ApiReply | null {
  if (!path.startsWith('/api/')) return null;
  const v1 = options.v1 !== false;
  const processOf = (store: DemoTraceStore) => ({ service: store.service, peerId: store.peerId });
  const storeOf = (service: string | null) => stores.find((s) => s.service === service) ?? null;
  const services = stores.map((s) => s.service);
  const traceById = (raw: string) => {
    const id = decoded(raw).padStart(32, '0');
    for (const store of stores) {
      const trace = store.get(id, nowMs);
      if (trace !== null) return { trace, process: processOf(store) };
    }
    return null;
  };
  const id = /^\/api\/traces\/([^/]+)$/.exec(path);
  if (id !== null) {
    const found = traceById(id[1]);
    return found === null ? v1Error(404, 'trace not found') : v1Data([toJaegerJson(found.trace, found.process)], 0);
  }
  const v3id = /^\/api\/v3\/traces\/([^/]+)$/.exec(path);
  if (v3id !== null) {
    const found = traceById(v3id[1]);
    return found === null ? v3Error(404, 'trace not found') : json({ result: toOtlpJson([found.trace], found.process) });
  }
  if (path === '/api/v3/services') return json({ services });
  if (path === '/api/v3/operations') {
    const store = storeOf(query.get('service'));
    return json(store !== null ? { operations: store.operations(nowMs).map((name) => ({ name })) } : {});
  }
  if (path === '/api/v3/traces' || path === '/api/v3/trace-summaries') {
    const parsed = v3Query(query);
    if ('error' in parsed) return v3Error(400, parsed.error);
    const store = storeOf(parsed.service);
    const found = store === null ? [] : store.search(parsed.query, nowMs);
    if (path === '/api/v3/trace-summaries') return json(found.length === 0 || store === null ? {} : { summaries: found.map((t) => toTraceSummary(t, processOf(store))) });
    return found.length === 0 || store === null ? v3Error(404, 'No traces found') : json({ result: toOtlpJson(found, processOf(store)) });
  }
  if (!v1) return notFound();
  if (path === '/api/services') return v1Data(services);
  const ops = /^\/api\/services\/([^/]+)\/operations$/.exec(path);
  if (ops !== null) return v1Data(storeOf(decoded(ops[1]))?.operations(nowMs) ?? []);
  if (path === '/api/operations') {
    const service = query.get('service') ?? '';
    if (service === '') return v1Error(400, "parameter 'service' is required");
    return v1Data(storeOf(service)?.operations(nowMs).map((name) => ({ name, spanKind: '' })) ?? []);
  }
  if (path === '/api/traces') {
    const parsed = v1Query(query, nowMs);
    if ('error' in parsed) return v1Error(400, parsed.error);
    const store = storeOf(parsed.service);
    const found = store === null ? [] : store.search(parsed.query, nowMs);
    return v1Data(store === null ? [] : found.map((t) => toJaegerJson(t, processOf(store))), 0);
  }
  return notFound();
}

/** `/api/traces` parameters: µs times (defaults: the last 2 days), Go durations, JSON tags. */
function v1Query(q: URLSearchParams, nowMs: number): { service: string; query: DemoTraceQuery } | { error: string } {
  const service = q.get('service') ?? '';
  if (service === '') return { error: "parameter 'service' is required" };
  const endUs = integer(q.get('end')) ?? nowMs * 1000;
  const startUs = integer(q.get('start')) ?? endUs - DAY_US;
  const limit = integer(q.get('limit')) ?? 100;
  const min = goDuration(q.get('minDuration'));
  const max = goDuration(q.get('maxDuration'));
  if (min === null || max === null) return { error: 'cannot parse minDuration or maxDuration: invalid duration' };
  if (min !== undefined && max !== undefined && max < min) return { error: 'maxDuration should be greater than minDuration' };
  const tags = tagMap(q.get('tags'));
  if (tags === null) return { error: 'malformed tags parameter' };
  const operation = q.get('operation') ?? '';
  return { service, query: { startUs, endUs, limit, operation: operation === '' ? undefined : operation, minDurationUs: min, maxDurationUs: max, tags } };
}

/** v3 search parameters, camelCase (v2.19+) or snake_case (before); both start times are required. */
function v3Query(q: URLSearchParams): { service: string; query: DemoTraceQuery } | { error: string } {
  const get = (camel: string, snake: string): string => q.get(`query.${camel}`) ?? q.get(`query.${snake}`) ?? '';
  const service = get('serviceName', 'service_name');
  const start = Date.parse(get('startTimeMin', 'start_time_min'));
  const end = Date.parse(get('startTimeMax', 'start_time_max'));
  if (Number.isNaN(start) || Number.isNaN(end)) return { error: 'query.startTimeMin and query.startTimeMax are required' };
  const min = goDuration(get('durationMin', 'duration_min') || null);
  const max = goDuration(get('durationMax', 'duration_max') || null);
  if (min === null || max === null) return { error: 'malformed duration' };
  const depth = integer(get('searchDepth', 'num_traces') || null) ?? 100;
  const operation = get('operationName', 'operation_name');
  const tags = tagMap(q.get('query.attributes'));
  if (tags === null) return { error: 'malformed query.attributes' };
  return { service, query: { startUs: start * 1000, endUs: end * 1000 + 999, limit: depth, operation: operation === '' ? undefined : operation, minDurationUs: min, maxDurationUs: max, tags } };
}

function integer(text: string | null): number | undefined {
  return text !== null && /^\d+$/.test(text) ? Number(text) : undefined;
}

const UNIT_US: Readonly<Record<string, number>> = { ns: 0.001, us: 1, µs: 1, μs: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };

/** Go's time.ParseDuration (a sequence of decimal+unit), in µs; undefined when absent, null when malformed. */
export function goDuration(text: string | null): number | undefined | null {
  if (text === null || text === '') return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/gu)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return null;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_US[p[2]], 0);
}

function tagMap(text: string | null): Record<string, string> | undefined | null {
  if (text === null || text === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    return null;
  }
}

function json(value: unknown, status = 200): ApiReply {
  return { status, contentType: JSON_TYPE, body: JSON.stringify(value) };
}

/** The v1 envelope; `total` is the list length, except for traces where Jaeger always sends 0. */
function v1Data(data: unknown[], total = data.length): ApiReply {
  return json({ data, total, limit: 0, offset: 0, errors: null });
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Jaeger's handleError: the envelope sent through Go's http.Error, so as text/plain. */
function v1Error(status: number, msg: string): ApiReply {
  return { status, contentType: 'text/plain; charset=utf-8', body: JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code: status, msg }] }) + '\n' };
}

function v3Error(status: number, message: string): ApiReply {
  return json({ error: { httpCode: status, message } }, status);
}

/** An unknown route on Jaeger ≥ v2.16. */
function notFound(): ApiReply {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
}
