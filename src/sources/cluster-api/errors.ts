// What can go wrong with a request to the cluster's REST API, as one escaped line that names the
// API (`REST API at 127.0.0.1:9094`), the request, and, where there is one, the fix: credentials
// for a 401, the address or `--no-api` for a refused connection. The server's own message of a
// 500 (`{"code","message"}`) is shown. Secrets (the Authorization value, passwords) are cut out.

import type { ApiFailureKind } from '../../model/failure-kinds.js';
import { credentialNames } from '../credentials.js';
import { ErrorReporter, formatBytes, formatDuration } from '../scrape-errors.js';
import { oneLine } from '../../util/escape-control.js';

/** A failed REST API request: a kind to branch on and a one-line, terminal-safe message. */
export interface ApiFailure {
  readonly kind: ApiFailureKind;
  /** One escaped line naming the API; never holds a secret. */
  readonly message: string;
  /** The HTTP status, when there was an answer. */
  readonly status?: number;
}

/** How to give the REST API credentials, for messages. */
export function apiCredentialHelp(): string {
  const n = credentialNames('api');
  return `--${n.basicFlag} FILE (user:password), --${n.tokenFlag} FILE, ${n.basicVar}(_FILE) or ${n.tokenVar}(_FILE)`;
}

/** Builds ApiFailures for one REST API address. */
export class ApiErrors {
  private readonly reporter: ErrorReporter;
  /** `REST API at host:port` (escaped). */
  readonly where: string;

  constructor(
    /** `host:port` plus base path, escaped. */
    target: string,
    secrets: readonly string[],
    /** What the credential sent is (`basic auth from --api-basic-auth-file /p`), or null when none is. */
    private readonly credential: string | null,
  ) {
    this.reporter = new ErrorReporter(target, secrets);
    this.where = `REST API at ${target}`;
  }

  /** Cuts every secret out of `text`. */
  redact(text: string): string {
    return this.reporter.redact(text);
  }

  make(kind: ApiFailureKind, message: string, status?: number): ApiFailure {
    const made = this.reporter.make('network', message);
    return status === undefined ? { kind, message: made.message } : { kind, message: made.message, status };
  }

  /** 401 or 403: what to give, or that what was given was refused. */
  unauthorized(status: number): ApiFailure {
    if (this.credential === null) return this.make('unauthorized', `${this.where} needs credentials (HTTP ${status}): give them with ${apiCredentialHelp()}`, status);
    return this.make('unauthorized', `${this.where} refused ${this.credential} (HTTP ${status}): check it, or give others with ${apiCredentialHelp()}`, status);
  }

  /** A JSON error answer (`{"code","message"}`), the server's message shown. */
  apiError(path: string, status: number, message: string): ApiFailure {
    return this.make('api-error', `${this.where}: GET ${path}: HTTP ${status}: ${oneLine(this.redact(message), 200)}`, status);
  }

  /** Another non-2xx answer, with the start of its body. */
  httpStatus(path: string, status: number, statusText: string, excerpt: string): ApiFailure {
    const reason = statusText === '' ? '' : ` ${statusText}`;
    const text = excerpt.replace(/\s+/g, ' ').trim();
    const tail = text === '' ? '' : `: ${oneLine(this.redact(text), 120)}`;
    const hint = status === 404 ? ' (is this an IPFS Cluster REST API, v1.0 or newer?)' : '';
    return this.make('http-status', `${this.where}: GET ${path}: HTTP ${status}${reason}${hint}${tail}`, status);
  }

  /** An answer that is not what the API sends (not JSON, wrong shape). */
  badJson(path: string, why: string): ApiFailure {
    return this.make('bad-json', `${this.where}: GET ${path}: ${why}`);
  }

  timeout(path: string, timeoutMs: number): ApiFailure {
    return this.make('timeout', `${this.where}: GET ${path}: no complete answer within ${formatDuration(timeoutMs)}`);
  }

  tooBig(path: string, maxBytes: number): ApiFailure {
    return this.make('too-big', `${this.where}: GET ${path}: answer exceeds ${formatBytes(maxBytes)} (--max-body)`);
  }

  closed(): ApiFailure {
    return this.make('closed', `${this.where}: client closed`);
  }

  /** A socket, DNS or TLS error; a refused connection says what to check. */
  fromNodeError(err: unknown): ApiFailure {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'ECONNREFUSED') {
      return this.make('refused', `${this.where} refused the connection: is the peer running with its REST API there? (--api URL sets the address, --no-api turns it off)`);
    }
    const made = this.reporter.fromNodeError(err);
    return this.make(made.kind, `${this.where}: ${made.message}`);
  }

  /** An error met after the first items (the X-Stream-Error trailer, a cut-off or malformed stream). */
  streamError(path: string, why: string): string {
    return this.make('api-error', `${this.where}: GET ${path}: ${oneLine(this.redact(why), 200)}`).message;
  }
}
