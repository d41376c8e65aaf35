// The HTTP side of the Jaeger client: one keep-alive connection per Jaeger address, URLs under the
// base path (`--query.base-path`), JSON request headers plus the caller's (credentials), a
// deadline and a size cap per request, and the classification of every answer. An endpoint
// is judged by status AND Content-Type: up to v2.15 an unknown route answers 200 with the UI's
// index.html, from v2.16 a plain-text 404; Jaeger's real errors are JSON sent as text/plain.

import { createConnection, USER_AGENT, type ClientCertificate } from '../http-agent.js';
import type { ProxyEnvironment } from '../proxy-env.js';
import { httpGet } from '../http-get.js';
import { hostPort, parseHttpUrl, secretsOf } from '../http-target.js';
import { oneLine } from '../../util/escape-control.js';
import { JaegerErrors, type JaegerError } from './errors.js';

/** How to reach Jaeger. */
export interface TransportOptions {
  /** Base URL of the Jaeger UI/query service, e.g. `http://127.0.0.1:16686` or `https://host/jaeger`. */
  readonly url: string;
  /** Deadline per request. */
  readonly timeoutMs: number;
  /** Cap on a response body (default 16 MiB). */
  readonly maxBodyBytes?: number;
  /** Extra request headers (e.g. Authorization); their values never appear in messages. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM CA bundle replacing the default trust store (https only). */
  readonly ca?: string | Buffer;
  /** Accept any certificate (https only). */
  readonly insecure?: boolean;
  /** Client certificate for an https Jaeger that asks for one (mTLS). */
  readonly clientCert?: ClientCertificate;
  /** Proxy variables to follow (default: the process's; see proxy-env.ts). */
  readonly proxy?: ProxyEnvironment;
}

/** The classified answer to one GET. */
export type ApiAnswer =
  /** A JSON body (any status; Jaeger's error bodies are JSON too). */
  | { readonly kind: 'json'; readonly status: number; readonly statusText: string; readonly json: unknown; readonly body: string }
  /** The route is not served: the UI's HTML page, or a 404/405 that is not JSON. `how` says which. */
  | { readonly kind: 'missing'; readonly how: string }
  /** No usable answer. */
  | { readonly kind: 'failed'; readonly error: JaegerError };

/** Query parameters; undefined values are left out. */
export type Params = Readonly<Record<string, string | number | undefined>>;

/** GETs under one Jaeger address. */
export interface JaegerTransport {
  /** Message builder for this address. */
  readonly errors: JaegerErrors;
  /** GETs `path` (relative to the base path) with `params`. */
  get(path: string, params?: Params): Promise<ApiAnswer>;
  /** Aborts requests in flight and closes the connection; later requests fail with 'closed'. */
  close(): void;
}

/** Default cap on a response body. */
export const DEFAULT_MAX_BODY = 16 * 1024 * 1024;
/** How much of a non-2xx body is read. */
const ERROR_BODY_BYTES = 16 * 1024;

/** Creates the transport; a bad URL makes every request fail with 'bad-url'. */
export function createTransport(options: TransportOptions): JaegerTransport {
  const parsed = parseHttpUrl(options.url);
  if ('error' in parsed) {
    const errors = new JaegerErrors('(invalid URL)', secretsOf(options.headers, undefined));
    const error = errors.make('bad-url', `--jaeger: ${parsed.error}`);
    return { errors, get: async () => ({ kind: 'failed', error }), close() {} };
  }
  const base = parsed.url;
  const basePath = base.pathname.replace(/\/+$/, '');
  const errors = new JaegerErrors(`${hostPort(base)}${oneLine(basePath, 80)}`, secretsOf(options.headers, base));
  const connection = createConnection(base, options);
  const headers: Record<string, string> = { accept: 'application/json', 'accept-encoding': 'gzip', 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
  if (base.username !== '' && headers.authorization === undefined) {
    headers.authorization = `Basic ${Buffer.from(`${decoded(base.username)}:${decoded(base.password)}`).toString('base64')}`;
  }
  let closed = false;
  const maxBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;

  async function get(path: string, params: Params = {}): Promise<ApiAnswer> {
    if (closed) return { kind: 'failed', error: errors.closed() };
    const url = new URL(base.href);
    url.username = '';
    url.password = '';
    url.hash = '';
    url.pathname = `${basePath}${path}`;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) if (value !== undefined) query.append(name, String(value));
    url.search = query.toString();
    const result = await httpGet({
      url,
      connection,
      headers,
      timeoutMs: options.timeoutMs,
      maxBytes,
      errorBodyBytes: ERROR_BODY_BYTES,
    });
    if (!result.ok) {
      switch (result.failure) {
        case 'timeout':
          return { kind: 'failed', error: errors.timeout(path, options.timeoutMs) };
        case 'aborted':
          return { kind: 'failed', error: errors.closed() };
        case 'too-big':
          return { kind: 'failed', error: errors.tooBig(path, maxBytes, result.decompressed) };
        case 'encoding':
          return { kind: 'failed', error: errors.encoding(path, result.encoding) };
        case 'node-error':
          return { kind: 'failed', error: errors.node(result.error) };
      }
    }
    return classifyAnswer(errors, path, result.status, result.statusText, result.contentType, result.body.toString('utf8'), result.location);
  }

  return {
    errors,
    get,
    close(): void {
      closed = true;
      connection.close();
    },
  };
}

/** Sorts an HTTP answer into JSON, a missing route, or a failure (pure; exported for tests). A redirect is a failure naming its Location: it is not followed. */
export function classifyAnswer(
  errors: JaegerErrors,
  path: string,
  status: number,
  statusText: string,
  contentType: string,
  body: string,
  location?: string,
): ApiAnswer {
  if (status >= 300 && status < 400) return { kind: 'failed', error: errors.httpStatus(path, status, statusText, undefined, body, contentType, location) };
  const html = /html/i.test(contentType) || /^\uFEFF?\s*</.test(body);
  if (status >= 200 && status < 300) {
    if (html) return { kind: 'missing', how: `answered HTTP ${status} with an HTML page` };
    const parsed = parseJson(body);
    if ('error' in parsed) return { kind: 'failed', error: errors.badJson(path, parsed.error) };
    return { kind: 'json', status, statusText, json: parsed.json, body };
  }
  const parsed = html ? { error: 'html' } : parseJson(body);
  if (!('error' in parsed) && typeof parsed.json === 'object' && parsed.json !== null) {
    return { kind: 'json', status, statusText, json: parsed.json, body };
  }
  if (status === 404 || status === 405) return { kind: 'missing', how: `answered HTTP ${status}` };
  return { kind: 'failed', error: errors.httpStatus(path, status, statusText, undefined, body, contentType) };
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * JSON.parse, also accepting newline-delimited objects (the streamed v3 gateway of
 * 1.25–1.52), which come back as an array.
 */
function parseJson(body: string): { json: unknown } | { error: string } {
  try {
    return { json: JSON.parse(body) as unknown };
  } catch (err) {
    const lines = body.split('\n').filter((l) => l.trim() !== '');
    if (lines.length > 1) {
      try {
        return { json: lines.map((l) => JSON.parse(l) as unknown) };
      } catch {
        // fall through to the first error
      }
    }
    return { error: body.trim() === '' ? 'empty body' : err instanceof Error ? err.message : String(err) };
  }
}
