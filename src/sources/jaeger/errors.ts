// Everything that can go wrong talking to Jaeger, each as a kind to branch on and one
// escaped line that says what happened and where (`Jaeger at 127.0.0.1:16686/jaeger`).
// The values of extra request headers and URL passwords are cut out of every message.

import type { JaegerErrorKind } from '../../model/failure-kinds.js';
import { oneLine } from '../../util/escape-control.js';
import { bodyExcerpt, ErrorReporter, formatBytes, formatDuration } from '../scrape-errors.js';

export type { JaegerErrorKind } from '../../model/failure-kinds.js';

/** A failure: a kind and a one-line, terminal-safe message with no secret in it. */
export interface JaegerError {
  /** What went wrong. */
  readonly kind: JaegerErrorKind;
  /** One escaped line naming the Jaeger address. */
  readonly message: string;
  /** HTTP status, for kinds 'http-status' and 'not-found'. */
  readonly status?: number;
}

/** A value or the reason there is none. */
export type JaegerResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: JaegerError };

/** Longest message handed out. */
const MAX_MESSAGE = 300;
/** Longest quote of a server's own error text. */
const QUOTE = 160;

/** Builds the JaegerErrors of one Jaeger address. */
export class JaegerErrors {
  private readonly reporter: ErrorReporter;

  constructor(
    /** `host:port` plus the base path, escaped. */
    readonly where: string,
    secrets: readonly string[],
  ) {
    this.reporter = new ErrorReporter(`Jaeger at ${where}`, secrets);
  }

  /** A JaegerError with `message` redacted, escaped and cut to one line. */
  make(kind: JaegerErrorKind, message: string, status?: number): JaegerError {
    const line = oneLine(this.reporter.redact(message), MAX_MESSAGE);
    return status === undefined ? { kind, message: line } : { kind, message: line, status };
  }

  /** Redacts secrets and escapes remote text for quoting inside a message. */
  quote(text: string): string {
    return oneLine(this.reporter.redact(text), QUOTE);
  }

  timeout(path: string, timeoutMs: number): JaegerError {
    return this.make('timeout', `Jaeger at ${this.where} did not answer ${path} within ${formatDuration(timeoutMs)}`);
  }

  tooBig(path: string, maxBytes: number, decompressed: boolean): JaegerError {
    const how = decompressed ? ' once decompressed' : '';
    return this.make('too-big', `answer of Jaeger at ${this.where} to ${path} exceeds ${formatBytes(maxBytes)}${how}; ask for fewer traces`);
  }

  encoding(path: string, encoding: string): JaegerError {
    return this.make('network', `Jaeger at ${this.where} sent ${path} with unsupported Content-Encoding "${this.quote(encoding)}"`);
  }

  /** A socket, DNS or TLS error raised by Node. */
  node(err: unknown): JaegerError {
    const code = (err as NodeJS.ErrnoException | undefined)?.code ?? '';
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
      const why = code === 'EAI_AGAIN' ? ' (temporary DNS failure)' : '';
      return this.make('dns', `cannot resolve the host of Jaeger at ${this.where}${why}`);
    }
    const scrape = this.reporter.fromNodeError(err);
    const kind: JaegerErrorKind = scrape.kind === 'refused' || scrape.kind === 'tls' ? scrape.kind : 'network';
    return this.make(kind, scrape.message);
  }

  /** A non-2xx answer: the server's own message when the body is Jaeger's JSON, else an excerpt; a redirect's Location (not followed). */
  httpStatus(path: string, status: number, statusText: string, json: unknown, rawBody: string, contentType: string, location?: string): JaegerError {
    const reason = statusText === '' ? '' : ` ${statusText}`;
    const where = location === undefined ? '' : ` (Location: ${oneLine(location, 100)})`;
    const said = json !== undefined ? serverMessage(json, status) : bodyExcerpt(rawBody, contentType);
    const text = said === '' ? '' : `: ${this.quote(said)}`;
    return this.make('http-status', `Jaeger at ${this.where} answered HTTP ${status}${reason} to ${path}${where}${text}`, status);
  }

  badJson(path: string, detail: string): JaegerError {
    return this.make('bad-json', `Jaeger at ${this.where} sent invalid JSON for ${path}: ${this.quote(detail)}`);
  }

  badResponse(path: string, what: string): JaegerError {
    return this.make('bad-response', `Jaeger at ${this.where} sent an unexpected answer to ${path}: ${what}`);
  }

  noApi(paths: readonly string[], how: readonly string[]): JaegerError {
    const tried = paths.map((p, i) => `${p} ${how[i] ?? ''}`.trim()).join(', ');
    return this.make('no-api', `no Jaeger query API at ${this.where} (${tried}): is it the Jaeger UI address, with its base path?`);
  }

  /** No listed service matches the prefix; names a few of those listed. */
  noService(prefix: string, available: readonly string[]): JaegerError {
    const shown = available.slice(0, 5).map((s) => this.quote(s)).join(', ');
    const more = available.length > 5 ? `, … ${available.length} in all` : '';
    const listed = available.length === 0 ? 'it lists no services yet' : `it lists ${shown}${more}`;
    return this.make('no-service', `no service of Jaeger at ${this.where} matches "${prefix}" (${listed}); use --service`);
  }

  closed(): JaegerError {
    return this.make('closed', `Jaeger client for ${this.where} closed`);
  }
}

/**
 * The text of a Jaeger error body: v1 `{errors:[{code,msg}]}` (shown as `code - msg` when the
 * code differs from the HTTP status, as Jaeger UI does) or v3 `{error:{httpCode,message}}`.
 */
export function serverMessage(json: unknown, status: number): string {
  if (typeof json === 'object' && json !== null) {
    const body = json as { errors?: unknown; error?: unknown };
    if (Array.isArray(body.errors) && body.errors.length > 0) {
      const first = body.errors[0] as { code?: unknown; msg?: unknown };
      const msg = typeof first?.msg === 'string' ? first.msg : '';
      return typeof first?.code === 'number' && first.code !== 0 && first.code !== status ? `${first.code} - ${msg}` : msg;
    }
    if (typeof body.error === 'object' && body.error !== null) {
      const err = body.error as { message?: unknown };
      if (typeof err.message === 'string') return err.message;
    }
  }
  return JSON.stringify(json);
}
