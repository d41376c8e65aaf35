// A client of one IPFS Cluster peer's REST API, for a monitor: `GET /id`, the streamed `/peers`
// and `/pins?filter=…`, `/health/alerts` and `/monitor/metrics/{name}`. Streams are read line by
// line as they arrive (ndjson.ts over http-stream.ts) under the body cap; 204 is an empty list;
// an error after the first items (the `X-Stream-Error` trailer, a malformed line, a stall) gives
// the items read so far plus that error; a 401 says which credentials to give. The expensive
// /pins request has a connection of its own, so it never holds up the membership requests.
// Every answer is decoded into the model's bounded records; nothing here throws or rejects.

import { decodeAlert, decodeId, decodeList, decodeMetric, asObject, boundedString, MAX_TEXT_CHARS, type ApiAlert, type ApiId, type ApiMetric } from '../../model/cluster-api/shapes.js';
import { ERROR_FILTER, MAX_PIN_ERROR_ROWS, PinErrorCollector, type PinErrors } from '../../model/cluster-api/pin-errors.js';
import { createConnection, USER_AGENT, type TlsSettings } from '../http-agent.js';
import { GrowingBuffer } from '../http-body-buffer.js';
import { httpStream, type HttpStreamResult } from '../http-stream.js';
import type { Http1Connection } from '../http1-connection.js';
import { hostPort, parseHttpUrl, secretsOf } from '../http-target.js';
import { oneLine } from '../../util/escape-control.js';
import { ApiErrors, type ApiFailure } from './errors.js';
import { NdjsonReader } from './ndjson.js';

export type { ApiFailure } from './errors.js';

/** How to reach the REST API. */
export interface ClusterApiOptions extends TlsSettings {
  /** Base URL, e.g. `http://127.0.0.1:9094` (a path is a prefix, for an API behind a proxy). */
  readonly url: string;
  /** Deadline per request (GET /peers asks every peer, waiting up to 15 s for each slow one). */
  readonly timeoutMs: number;
  /** Deadline of GET /pins (default timeoutMs); it gathers every peer's status before its first byte. */
  readonly pinsTimeoutMs?: number;
  /** Cap on an answer's body (--max-body). */
  readonly maxBodyBytes: number;
  /** Cap on one line of a stream (default 4 MiB, at most maxBodyBytes). */
  readonly maxLineBytes?: number;
  /** Most items kept from one list (default 10,000); the rest are counted as skipped. */
  readonly maxItems?: number;
  /** Extra request headers (the Authorization); their values never appear in messages. */
  readonly headers?: Readonly<Record<string, string>>;
  /** What the credential sent is, for the 401 message (`basic auth from …`), or null. */
  readonly credential?: string | null;
  /** More strings never to show (Credential.secrets: the password itself, …). */
  readonly secrets?: readonly string[];
}

/** An answer: the value (with the error met after the first items, if any), or the failure. */
export type ApiAnswer<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** One line: what cut a stream short (X-Stream-Error, a bad line, a stall), or null. */
      readonly error: string | null;
      /** Items that were not of the expected shape, or past the item cap. */
      readonly skipped: number;
    }
  | { readonly ok: false; readonly failure: ApiFailure };

/** The monitor's metrics. */
export type ApiMetricName = 'ping' | 'freespace' | 'pinqueue';

const DEFAULT_MAX_LINE = 4 * 1024 * 1024;
const DEFAULT_MAX_ITEMS = 10_000;
const ERROR_BODY_BYTES = 4096;

/** One peer's REST API. */
export class ClusterApiClient {
  /** `host:port` (and base path) of the API, escaped: what messages name. */
  readonly target: string;
  private readonly errors: ApiErrors;
  private readonly base: URL | null;
  private readonly badUrl: ApiFailure | null;
  private readonly headers: Readonly<Record<string, string>>;
  private readonly connection: Http1Connection | null;
  private readonly pinsConnection: Http1Connection | null;
  private closed = false;

  constructor(private readonly options: ClusterApiOptions) {
    const parsed = parseHttpUrl(options.url);
    if ('error' in parsed) {
      this.target = '(invalid URL)';
      this.errors = new ApiErrors(this.target, secretsOf(options.headers, undefined), options.credential ?? null);
      this.badUrl = this.errors.make('bad-url', `--api: ${parsed.error}`);
      this.base = null;
      this.headers = {};
      this.connection = this.pinsConnection = null;
      return;
    }
    const url = parsed.url;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    if (url.username !== '' && headers.authorization === undefined) {
      headers.authorization = `Basic ${Buffer.from(`${decoded(url.username)}:${decoded(url.password)}`).toString('base64')}`;
    }
    const secrets = [...secretsOf(headers.authorization === undefined ? undefined : { authorization: headers.authorization }, url), ...(options.secrets ?? [])];
    this.target = `${hostPort(url)}${oneLine(url.pathname.replace(/\/+$/, ''), 80)}`;
    this.errors = new ApiErrors(this.target, secrets, options.credential ?? (url.username !== '' ? 'the user:password in the URL' : null));
    this.badUrl = null;
    this.base = url;
    this.headers = headers;
    this.connection = createConnection(url, options);
    this.pinsConnection = createConnection(url, options);
  }

  /** `GET /id`: the peer itself. */
  async id(): Promise<ApiAnswer<ApiId>> {
    const answer = await this.document('/id');
    if (!answer.ok) return answer;
    const id = decodeId(answer.value);
    if (id === null) return { ok: false, failure: this.errors.badJson('/id', 'not a peer ID object') };
    return { ok: true, value: id, error: null, skipped: 0 };
  }

  /** `GET /peers`: every peer the cluster lists (a dead one is missing; an unreachable one has an error). */
  async peers(): Promise<ApiAnswer<readonly ApiId[]>> {
    const items: ApiId[] = [];
    let skipped = 0;
    const max = this.options.maxItems ?? DEFAULT_MAX_ITEMS;
    return this.stream('/peers', this.connection, this.options.timeoutMs, (value) => {
      const id = items.length < max ? decodeId(value) : null;
      if (id === null) skipped++;
      else items.push(id);
    }, () => ({ value: items, skipped }));
  }

  /** `GET /health/alerts`: expired metrics, newest first. */
  async alerts(): Promise<ApiAnswer<readonly ApiAlert[]>> {
    return this.list('/health/alerts', decodeAlert);
  }

  /** `GET /monitor/metrics/{name}`: the latest valid metric of each peer that sent one. */
  async metric(name: ApiMetricName): Promise<ApiAnswer<readonly ApiMetric[]>> {
    return this.list(`/monitor/metrics/${name}`, decodeMetric);
  }

  /** `GET /pins?filter=pin_error,unpin_error,cluster_error`: one row per CID and peer in error. */
  async pinErrors(maxRows = MAX_PIN_ERROR_ROWS): Promise<ApiAnswer<PinErrors>> {
    const collector = new PinErrorCollector(maxRows);
    const timeoutMs = this.options.pinsTimeoutMs ?? this.options.timeoutMs;
    return this.stream(`/pins?filter=${ERROR_FILTER}`, this.pinsConnection, timeoutMs, (value) => collector.add(value), () => {
      const result = collector.result();
      return { value: result, skipped: result.skipped };
    });
  }

  /** Aborts requests in flight and closes the connections; later requests fail with 'closed'. */
  close(): void {
    this.closed = true;
    this.connection?.close();
    this.pinsConnection?.close();
  }

  /** A JSON array answer decoded item by item (204: empty). */
  private async list<T>(path: string, decode: (item: unknown) => T | null): Promise<ApiAnswer<readonly T[]>> {
    const answer = await this.document(path);
    if (!answer.ok) return answer;
    if (answer.value !== null && !Array.isArray(answer.value)) return { ok: false, failure: this.errors.badJson(path, 'not a JSON array') };
    const { items, skipped } = decodeList(answer.value, decode, this.options.maxItems ?? DEFAULT_MAX_ITEMS);
    return { ok: true, value: items, error: null, skipped };
  }

  /** A whole JSON answer, parsed (204: null). */
  private async document(path: string): Promise<ApiAnswer<unknown>> {
    const body = new GrowingBuffer(this.options.maxBodyBytes);
    const sent = await this.send(path, this.connection, this.options.timeoutMs, (piece) => {
      body.append(piece);
      return undefined;
    });
    if ('failure' in sent) return { ok: false, failure: sent.failure };
    if (sent.status === 204) return { ok: true, value: null, error: null, skipped: 0 };
    try {
      return { ok: true, value: JSON.parse(body.bytes().toString('utf8')), error: null, skipped: 0 };
    } catch {
      return { ok: false, failure: this.errors.badJson(path, 'the answer is not JSON') };
    }
  }

  /** A streamed answer: each NDJSON value to `take`; the items and any error met after the first. */
  private async stream<T>(
    path: string,
    connection: Http1Connection | null,
    timeoutMs: number,
    take: (value: unknown) => void,
    result: () => { value: T; skipped: number },
  ): Promise<ApiAnswer<T>> {
    const maxLine = Math.min(this.options.maxLineBytes ?? DEFAULT_MAX_LINE, this.options.maxBodyBytes);
    const reader = new NdjsonReader(maxLine, take);
    const sent = await this.send(path, connection, timeoutMs, (piece) => reader.push(piece));
    let error: string | null = null;
    if ('failure' in sent) {
      // Nothing read yet: the request failed. Items read: they stand, with what cut them short.
      if (reader.lines === 0 || sent.failure.kind === 'closed') return { ok: false, failure: sent.failure };
      error = sent.failure.message;
    } else {
      const last = sent.status === 204 ? undefined : reader.end();
      const trailer = sent.trailers['x-stream-error'];
      if (last !== undefined) error = this.errors.streamError(path, last.message);
      else if (trailer !== undefined && trailer !== '') error = this.errors.streamError(path, boundedString(trailer, MAX_TEXT_CHARS));
    }
    const { value, skipped } = result();
    return { ok: true, value, error, skipped };
  }

  /** Sends GET `path`; a 2xx body goes to onPiece; a non-2xx answer or a failure is returned as one. */
  private async send(
    path: string,
    connection: Http1Connection | null,
    timeoutMs: number,
    onPiece: (piece: Buffer) => Error | undefined,
  ): Promise<{ status: number; trailers: Readonly<Record<string, string>> } | { failure: ApiFailure }> {
    if (this.badUrl !== null) return { failure: this.badUrl };
    if (this.closed || connection === null) return { failure: this.errors.closed() };
    const base = this.base!;
    const url = new URL(`${base.pathname.replace(/\/+$/, '')}${path}`, base);
    url.username = '';
    url.password = '';
    const result = await httpStream({
      url, connection, headers: this.headers, timeoutMs, maxBytes: this.options.maxBodyBytes,
      errorBodyBytes: ERROR_BODY_BYTES, trailers: ['x-stream-error'], onPiece,
    });
    if (!result.ok) return { failure: this.failed(path, result, timeoutMs) };
    if (result.status >= 200 && result.status < 300) return { status: result.status, trailers: result.trailers };
    return { failure: this.statusFailure(path, result.status, result.statusText, result.errorBody.toString('utf8')) };
  }

  /** A non-2xx answer as a failure: 401/403 say what credentials to give, a JSON error shows its message. */
  private statusFailure(path: string, status: number, statusText: string, body: string): ApiFailure {
    if (status === 401 || status === 403) return this.errors.unauthorized(status);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const message = asObject(json)?.message;
    if (typeof message === 'string' && message !== '') return this.errors.apiError(path, status, message);
    return this.errors.httpStatus(path, status, statusText, body);
  }

  /** The failure of an exchange, as an ApiFailure. */
  private failed(path: string, failure: Extract<HttpStreamResult, { ok: false }>, timeoutMs: number): ApiFailure {
    switch (failure.failure) {
      case 'timeout': return this.errors.timeout(path, timeoutMs);
      case 'aborted': return this.errors.closed();
      case 'too-big': return this.errors.tooBig(path, this.options.maxBodyBytes);
      case 'encoding': return this.errors.badJson(path, `answered with Content-Encoding ${oneLine(failure.encoding, 40)}, which was not asked for`);
      case 'rejected': return this.errors.badJson(path, failure.error.message);
      case 'node-error': return this.errors.fromNodeError(failure.error);
    }
  }
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
