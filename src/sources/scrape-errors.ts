// Turns what can go wrong during a scrape into one escaped line that says what happened and
// names the target (host:port), e.g. `connection refused by 127.0.0.1:9`. Secrets (the
// values of extra request headers, URL passwords) are cut out of everything shown.

import type { HttpFailureKind } from '../model/failure-kinds.js';
import { oneLine } from '../util/escape-control.js';
import { ProxyError } from './http-proxy-tunnel.js';

/** Why a scrape failed (model/failure-kinds.ts); parse errors are not the scraper's business. */
export type ScrapeErrorKind = HttpFailureKind;

/** A failed scrape: a kind to branch on and a one-line, terminal-safe message to show. */
export interface ScrapeError {
  /** What went wrong. */
  readonly kind: ScrapeErrorKind;
  /** One escaped line naming the target host:port; never contains a header value. */
  readonly message: string;
  /** HTTP status, for kind 'http-status'. */
  readonly status?: number;
}

/** Longest message handed out; the body excerpt of an HTTP error is cut shorter. */
const MAX_MESSAGE = 400;
/** How much of an error body is shown, in code points after tags are stripped. */
const SNIPPET_CHARS = 120;

/** Builds ScrapeErrors for one target, scrubbing the given secrets from every message. */
export class ErrorReporter {
  /** Secret strings that must never be shown, longest first. */
  private readonly secrets: readonly string[];

  constructor(
    /** `host:port` of the target, already escaped. */
    readonly target: string,
    secrets: readonly string[],
  ) {
    this.secrets = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length);
  }

  /** Replaces every secret occurring in `text` by `***`. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join('***');
    return out;
  }

  make(kind: ScrapeErrorKind, message: string, status?: number): ScrapeError {
    const line = oneLine(this.redact(message), MAX_MESSAGE);
    return status === undefined ? { kind, message: line } : { kind, message: line, status };
  }

  timeout(timeoutMs: number): ScrapeError {
    return this.make('timeout', `no complete answer from ${this.target} within ${formatDuration(timeoutMs)}`);
  }

  tooBig(maxBytes: number, decompressed: boolean): ScrapeError {
    const how = decompressed ? ' once decompressed' : '';
    return this.make('too-big', `response from ${this.target} exceeds ${formatBytes(maxBytes)}${how} (--max-body)`);
  }

  /**
   * A non-200 answer to a GET of `url`; `body` is the start of the (decompressed) body. A 404 for
   * the root of a host says where a peer serves its metrics (a URL given without its path).
   */
  httpStatus(url: URL, status: number, statusText: string, contentType: string, body: Buffer, location?: string): ScrapeError {
    const reason = statusText === '' ? '' : ` ${statusText}`;
    const where =
      location !== undefined ? ` (Location: ${oneLine(location, 100)})`
      : status === 404 && url.pathname === '/' ? ` (is the path /metrics? try ${url.protocol}//${url.host}/metrics)`
      : '';
    const text = bodyExcerpt(this.redact(body.toString('utf8')), contentType);
    const excerpt = text === '' ? '' : `: ${oneLine(this.redact(text), SNIPPET_CHARS)}`;
    return this.make('http-status', `HTTP ${status}${reason} from ${this.target}${where}${excerpt}`, status);
  }

  /** A socket, DNS, TLS or zlib error raised by Node, or a proxy's refusal. */
  fromNodeError(err: unknown): ScrapeError {
    if (err instanceof ProxyError) {
      const through = err.proxyName === null ? '' : ` through ${err.proxyName}`;
      return this.make('network', `cannot reach ${this.target}${through}: ${err.detail}`);
    }
    const e = err as NodeJS.ErrnoException;
    const code = typeof e?.code === 'string' ? e.code : '';
    const detail = typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
    if (code === 'ECONNREFUSED') return this.make('refused', `connection refused by ${this.target}`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
      const why = code === 'EAI_AGAIN' ? ' (temporary DNS failure)' : '';
      return this.make('dns', `cannot resolve host ${this.target}${why}`);
    }
    if (isTlsError(code, detail)) {
      // OpenSSL read an HTTP answer as a TLS record: no certificate setting helps, the scheme is wrong.
      if (NOT_TLS.test(detail)) return this.make('tls', `TLS with ${this.target} failed: the server answered without TLS; is it http:// rather than https://?`);
      // The server's alerts about our (missing) client certificate: OpenSSL's own text says nothing useful.
      if (code === 'ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED') {
        return this.make('tls', `TLS with ${this.target} failed: the server requires a client certificate: give one with --cert FILE --key FILE (${code})`);
      }
      if (CLIENT_CERT_REFUSED.has(code)) return this.make('tls', `TLS with ${this.target} failed: the server did not accept the client certificate (${code})`);
      return this.make('tls', `TLS with ${this.target} failed: ${detail}${code === '' ? '' : ` (${code})`}`);
    }
    if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
      return this.make('network', `invalid gzip body from ${this.target}: ${detail}`);
    }
    const suffix = code !== '' && !detail.includes(code) ? ` (${code})` : '';
    return this.make('network', `connection to ${this.target} failed: ${detail}${suffix}`);
  }
}

/** Alerts a server sends about the client certificate it was given (or not given, before TLS 1.3). */
const CLIENT_CERT_REFUSED: ReadonlySet<string> = new Set([
  'ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_UNKNOWN',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED',
  'ERR_SSL_SSLV3_ALERT_CERTIFICATE_REVOKED',
  'ERR_SSL_SSLV3_ALERT_UNSUPPORTED_CERTIFICATE',
  'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA',
  'ERR_SSL_TLSV1_ALERT_ACCESS_DENIED',
]);

/** What OpenSSL says when the first bytes from the server are not a TLS record (a plain-HTTP answer). */
const NOT_TLS = /wrong version number|packet length too long|http request|record layer failure/i;

/** TLS failures: certificate verification codes and OpenSSL protocol errors. */
function isTlsError(code: string, message: string): boolean {
  if (/CERT|SSL|TLS|ALTNAME|HOSTNAME_MISMATCH|UNABLE_TO_(GET|VERIFY)/.test(code)) return true;
  return code === 'EPROTO' && /SSL|TLS/i.test(message);
}

/**
 * The readable text of an error body: for HTML, the text without head, scripts, styles
 * and tags; whitespace runs become one space.
 */
export function bodyExcerpt(body: string, contentType: string): string {
  let text = body;
  if (/html/i.test(contentType) || /^\s*<(!doctype|html|head|body)\b/i.test(text)) {
    const noHead = stripTags(text.replace(/<head\b[\s\S]*?(<\/head\s*>|$)/gi, ' '));
    text = noHead.trim() === '' ? stripTags(text) : noHead;
  }
  return text.replace(/[ \t\r\n\f\v]+/g, ' ').trim();
}

function stripTags(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?(-->|$)/g, ' ')
      .replace(/<(script|style)\b[\s\S]*?(<\/\1\s*>|$)/gi, ' ')
      .replace(/<\/?(a|abbr|b|code|em|i|kbd|small|span|strong|sub|sup|tt|u)\b[^>]*>/gi, '') // inline: no gap
      .replace(/<[^>]*(>|$)/g, ' '),
  );
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** `2s`, `1.5s`, `300ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  return `${Number((ms / 1000).toFixed(3))}s`;
}

/** `64 MiB`, `1.5 KiB`, `100 bytes`. */
export function formatBytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) if (n >= size) return `${Number((n / size).toFixed(2))} ${unit}`;
  return `${n} bytes`;
}
