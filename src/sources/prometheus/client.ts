// A client of the Prometheus HTTP API, for every engine that speaks it (Prometheus, Thanos,
// Mimir/Cortex, VictoriaMetrics): a base URL whose path prefix is kept (`http://mimir:8080/prometheus`,
// `http://vmselect:8481/select/0/prometheus`), extra request headers (a tenant's X-Scope-OrgID,
// credentials; never shown), instant and range queries over the project's keep-alive HTTP/1.1
// client — three connections: instant queries on one, range queries on another, so that a
// history's range query runs beside the refresh's instant queries instead of behind them, and a
// third for an instant query that is a pass over every bucket series (the fleet's buckets), so
// that the server's two dear passes of a refresh run on two cores at once — with
// a deadline and a body cap (--max-body), and every answer classified: the decoded
// data with the engine's warnings and infos, or one escaped line saying what went wrong (the
// engine's errorType and error are also kept raw). Never rejects.

import { createConnection, USER_AGENT, type TlsSettings } from '../http-agent.js';
import type { Http1Connection } from '../http1-connection.js';
import { httpGet } from '../http-get.js';
import { hostPort, parseHttpUrl, secretsOf } from '../http-target.js';
import { ErrorReporter } from '../scrape-errors.js';
import type { HttpFailureKind, PollFailureKind } from '../../model/failure-kinds.js';
import { rangeStep } from '../../model/prometheus-queries.js';
import { oneLine } from '../../util/escape-control.js';
import { decodeEnvelope, DEFAULT_ENVELOPE_LIMITS, EnvelopeError, type EnvelopeLimits, type QueryData } from './envelope.js';

/** How to reach the server. */
export interface PrometheusClientOptions extends TlsSettings {
  /** Base URL, path prefix included (the API is under `<prefix>/api/v1/`). */
  readonly url: string;
  /** Extra request headers (X-Scope-OrgID, Authorization); their values never appear in messages. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Deadline of one request. */
  readonly timeoutMs: number;
  /** Cap on an answer's body, on the wire and after gunzip (--max-body). */
  readonly maxBodyBytes: number;
  /** Caps on what is kept of a decoded answer. */
  readonly limits?: EnvelopeLimits;
}

/** Why a query has no data. */
export type PrometheusFailureKind = HttpFailureKind | 'engine-error' | 'bad-answer' | 'closed';

/** A server's failure kind as a poll's: the engine's own error is an HTTP answer, an answer that is not the API's a parse failure. */
export function asPollFailureKind(kind: PrometheusFailureKind): PollFailureKind {
  switch (kind) {
    case 'engine-error':
      return 'http-status';
    case 'bad-answer':
      return 'parse';
    case 'closed':
      return 'network';
    default:
      return kind;
  }
}

/** A failed query: a kind, one escaped line, and the engine's own words kept raw. */
export interface PrometheusFailure {
  readonly kind: PrometheusFailureKind;
  /** One escaped line naming the server; never holds a header value. */
  readonly message: string;
  /** HTTP status when there was an answer. */
  readonly status?: number;
  /** The engine's errorType and error (`status: "error"`), raw: escape before showing. */
  readonly errorType?: string;
  readonly error?: string;
  /** Warnings that came with the error, raw. */
  readonly warnings?: readonly string[];
}

/** The answer to one query. */
export type QueryAnswer =
  | {
      readonly ok: true;
      readonly data: QueryData;
      /** The engine's warnings and infos, raw (escape before showing); never dropped. */
      readonly warnings: readonly string[];
      readonly infos: readonly string[];
      /** Series or points left out over the caps. */
      readonly dropped: number;
    }
  | { readonly ok: false; readonly failure: PrometheusFailure };

/** Query parameters beyond the expression. */
export type QueryParams = Readonly<Record<string, string>>;

/** Longest message handed out. */
const MAX_MESSAGE = 400;
/** How much of a non-2xx body is read (an error envelope is small). */
const ERROR_BODY_BYTES = 64 * 1024;

/** A time for the API: unix seconds with millisecond precision, as text. */
export function apiTime(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/**
 * Which connection an instant query takes: `main`, the refresh's queries one after another, or
 * `beside`, a dear one that should neither wait behind them nor hold them up.
 */
export type InstantLane = 'main' | 'beside';

/** Where each kind of request goes in PrometheusClient's connections. */
const MAIN = 0;
const RANGE = 1;
const BESIDE = 2;

/** Queries against one server, over three keep-alive connections (instant, range, instant beside). */
export class PrometheusClient {
  /** The server as shown: host:port and path prefix, escaped. */
  readonly server: string;
  private readonly base: URL | null;
  private readonly basePath: string;
  private readonly badUrl: string | null;
  private readonly reporter: ErrorReporter;
  private readonly headers: Record<string, string>;
  /** Indexed by MAIN, RANGE and BESIDE. */
  private readonly connections: readonly Http1Connection[];
  private closed = false;

  constructor(private readonly options: PrometheusClientOptions) {
    const parsed = parseHttpUrl(options.url);
    if ('error' in parsed) {
      this.base = null;
      this.basePath = '';
      this.badUrl = `--prometheus: ${parsed.error}`;
      this.server = '(invalid URL)';
      this.reporter = new ErrorReporter(this.server, secretsOf(options.headers, undefined));
      this.headers = {};
      this.connections = [];
      return;
    }
    const base = parsed.url;
    this.base = base;
    this.badUrl = null;
    this.basePath = base.pathname.replace(/\/+$/, '');
    this.server = `${hostPort(base)}${oneLine(this.basePath, 80)}`;
    this.reporter = new ErrorReporter(this.server, secretsOf(options.headers, base));
    this.headers = { accept: 'application/json', 'accept-encoding': 'gzip', 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(options.headers ?? {})) this.headers[name.toLowerCase()] = value;
    if (base.username !== '' && this.headers.authorization === undefined) {
      this.headers.authorization = `Basic ${Buffer.from(`${decoded(base.username)}:${decoded(base.password)}`).toString('base64')}`;
    }
    this.connections = [MAIN, RANGE, BESIDE].map(() => createConnection(base, options));
  }

  /** An instant query evaluated at `timeMs` (unix ms), on the `main` connection unless `lane` says otherwise. */
  query(expr: string, timeMs: number, extra: QueryParams = {}, lane: InstantLane = 'main'): Promise<QueryAnswer> {
    return this.request('/api/v1/query', { query: expr, time: apiTime(timeMs), ...extra }, lane === 'main' ? MAIN : BESIDE);
  }

  /**
   * A range query from `startMs` to `endMs` (inclusive) every `stepMs`, or every longer step when
   * that would give a series more than the API's 11,000 points (rangeStep).
   */
  queryRange(expr: string, startMs: number, endMs: number, stepMs: number, extra: QueryParams = {}): Promise<QueryAnswer> {
    const step = rangeStep(startMs, endMs, stepMs);
    return this.request('/api/v1/query_range', { query: expr, start: apiTime(startMs), end: apiTime(endMs), step: `${step / 1000}`, ...extra }, RANGE);
  }

  /** Aborts requests in flight and closes the connections; later queries fail with 'closed'. */
  close(): void {
    this.closed = true;
    for (const c of this.connections) c.close();
  }

  /** Sends one API request on connection `lane` (MAIN, RANGE or BESIDE): a form-encoded POST of the parameters (every query endpoint takes one). */
  private async request(path: string, params: QueryParams, lane: number): Promise<QueryAnswer> {
    if (this.badUrl !== null || this.base === null || this.connections.length === 0) return this.fail('bad-url', this.badUrl ?? 'no URL');
    if (this.closed) return this.fail('closed', `the client of ${this.server} is closed`);
    const url = new URL(this.base.href);
    url.username = '';
    url.password = '';
    url.hash = '';
    url.pathname = `${this.basePath}${path}`;
    // A form POST, as the API allows for every query: a fleet's PromQL with a long selector
    // stays out of URL length limits (and out of proxies' request logs).
    const form = new URLSearchParams(params);
    const maxBytes = this.options.maxBodyBytes;
    const result = await httpGet({ url, connection: this.connections[lane], headers: this.headers, timeoutMs: this.options.timeoutMs, maxBytes, errorBodyBytes: ERROR_BODY_BYTES, form });
    if (!result.ok) {
      switch (result.failure) {
        case 'timeout':
          return { ok: false, failure: this.reporter.timeout(this.options.timeoutMs) };
        case 'too-big':
          return { ok: false, failure: this.reporter.tooBig(maxBytes, result.decompressed) };
        case 'aborted':
          return this.fail('closed', `the client of ${this.server} is closed`);
        case 'encoding':
          return this.fail('network', `unsupported Content-Encoding "${oneLine(result.encoding, 40)}" from ${this.server}`);
        case 'node-error':
          return { ok: false, failure: this.reporter.fromNodeError(result.error) };
      }
    }
    return this.classify(url, result.status, result.statusText, result.contentType, result.body, result.location);
  }

  /** An answer as data, the engine's error, or one line about a body that is not the API's. */
  private classify(url: URL, status: number, statusText: string, contentType: string, body: Buffer, location: string | undefined): QueryAnswer {
    // 400, 422 and 503 carry an error envelope; anything else that is not JSON is described by status.
    let envelope;
    try {
      envelope = decodeEnvelope(body.toString('utf8'), this.options.limits ?? DEFAULT_ENVELOPE_LIMITS);
    } catch (error) {
      if (!(error instanceof EnvelopeError)) throw error;
      if (status < 200 || status >= 300) return { ok: false, failure: this.reporter.httpStatus(url, status, statusText, contentType, body, location) };
      return this.fail('bad-answer', `${this.server}${oneLine(url.pathname.slice(this.basePath.length), 40)} answered HTTP ${status} with ${error.message}, not the Prometheus API's JSON`, status);
    }
    if (envelope.status === 'error') {
      const message = this.line(`${this.server} answered ${envelope.errorType || 'an error'}: ${envelope.error}`);
      return { ok: false, failure: { kind: 'engine-error', message, status, errorType: envelope.errorType, error: envelope.error, warnings: envelope.warnings } };
    }
    return { ok: true, data: envelope.data, warnings: envelope.warnings, infos: envelope.infos, dropped: envelope.dropped };
  }

  private fail(kind: PrometheusFailureKind, message: string, status?: number): QueryAnswer {
    return { ok: false, failure: status === undefined ? { kind, message: this.line(message) } : { kind, message: this.line(message), status } };
  }

  /** One escaped line with every secret cut out. */
  private line(message: string): string {
    return oneLine(this.reporter.redact(message), MAX_MESSAGE);
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
