// Scrapes one peer's /metrics over HTTP(S), the way Prometheus does: its Accept header, gzip
// (except from a loopback peer that delivers fast, see gzip-policy.ts), a deadline on the whole
// exchange (connect to last byte) and a byte cap that also holds after decompression. Every
// failure becomes a ScrapeOutcome with one safe line.
//
// Not the built-in fetch, nor node:http: a monitor polls forever, so CPU per poll counts, and
// both cost more than the rest of a poll (see http-get.ts). Polls reuse one keep-alive
// connection per target (http1-connection.ts); a request that times out or is cut short
// destroys its socket, so the next poll starts on a fresh one instead of a half-read answer.
//
// scrape() never overlaps itself: called while a scrape is in flight, it returns that
// same in-flight promise (one request, two callers).

import { oneLine } from '../util/escape-control.js';
import { GzipPolicy } from './gzip-policy.js';
import { createConnection, requestHeaders, type ClientCertificate } from './http-agent.js';
import type { BodyBufferPool } from './body-buffer-pool.js';
import type { ProxyEnvironment } from './proxy-env.js';
import { httpGet } from './http-get.js';
import { hostPort, parseHttpUrl, secretsOf } from './http-target.js';
import { ErrorReporter, type ScrapeError } from './scrape-errors.js';

export type { ScrapeError, ScrapeErrorKind } from './scrape-errors.js';

/** Where and how to scrape. */
export interface ScraperOptions {
  /** Full URL of the metrics endpoint, http:// or https://. */
  url: string;
  /** Deadline for one scrape, from connect to the last body byte. */
  timeoutMs: number;
  /** Cap on the body, both as received and after gunzip. */
  maxBodyBytes: number;
  /** Extra request headers (e.g. Authorization); their values never appear in messages. */
  headers?: Record<string, string>;
  /** PEM CA bundle replacing the default trust store (https only). */
  ca?: string | Buffer;
  /** Accept any certificate (https only). */
  insecure?: boolean;
  /** Client certificate for an https endpoint that asks for one (mTLS). */
  clientCert?: ClientCertificate;
  /** Proxy variables to follow (default: the process's; see proxy-env.ts). */
  proxy?: ProxyEnvironment;
  /**
   * Whether gzip may be asked for (default true). false: never, for a target in this very process
   * (the embedded demo peer), where gzip costs CPU twice and saves nothing. true: always from a
   * remote target, and from a loopback one once it turns out to be a slow link (gzip-policy.ts).
   */
  gzip?: boolean;
  /**
   * Buffers to read bodies into, for a caller that gives each body's buffer back (the outcome's
   * release()) once it is done with it (the feed parses it at once); without one, every body
   * gets a buffer of its own.
   */
  bodyPool?: BodyBufferPool;
}

/** The result of one scrape; never a rejected promise. */
export type ScrapeOutcome =
  | {
      ok: true;
      /** The decompressed body (with a bodyPool, valid until release()). */
      body: Buffer;
      /** Gives the body's buffer back to the bodyPool (once; a no-op without one). */
      release: () => void;
      /** Grammar to parse it with, from the Content-Type. */
      format: 'text' | 'openmetrics';
      /** Content-Type as sent ('' when absent). */
      contentType: string;
      /** HTTP status (always 200). */
      status: number;
      /** Wall-clock start, Unix ms. */
      startedMs: number;
      /** Time from start to the last byte. */
      durationMs: number;
      /** Bytes on the wire (equal to body.length when not gzipped). */
      compressedBytes: number;
    }
  | { ok: false; error: ScrapeError; startedMs: number; durationMs: number };

/** A poller's handle on one target. */
export interface Scraper {
  /** Scrapes once; while a scrape is in flight, returns that scrape's promise. */
  scrape(): Promise<ScrapeOutcome>;
  /** Aborts any scrape in flight and closes the connection; later scrapes fail at once. */
  close(): void;
}

/** How much of a non-200 body is read to quote it. */
const ERROR_BODY_BYTES = 8 * 1024;

/** Creates a scraper; it never throws: a bad URL makes every scrape fail with 'bad-url'. */
export function createScraper(options: ScraperOptions): Scraper {
  const parsed = parseHttpUrl(options.url);
  if ('error' in parsed) {
    const reporter = new ErrorReporter('(invalid URL)', secretsOf(options.headers, undefined));
    const error = reporter.make('bad-url', parsed.error);
    return { scrape: async () => ({ ok: false, error, startedMs: Date.now(), durationMs: 0 }), close() {} };
  }
  const { url } = parsed;
  const reporter = new ErrorReporter(hostPort(url), secretsOf(options.headers, url));
  const connection = createConnection(url, options);
  const gzipPolicy = new GzipPolicy(url.hostname, options.gzip ?? true);
  const gzipHeaders = requestHeaders(options.headers, true);
  const identityHeaders = requestHeaders(options.headers, false);
  const timeoutMs = Math.max(1, options.timeoutMs);
  const maxBytes = Math.max(0, options.maxBodyBytes);

  let inFlight: Promise<ScrapeOutcome> | undefined;
  let closed = false;
  const pool = options.bodyPool;
  const closedError = (): ScrapeError => reporter.make('network', `scrape of ${reporter.target} cancelled: scraper closed`);

  async function scrapeOnce(): Promise<ScrapeOutcome> {
    const startedMs = Date.now();
    const t0 = performance.now();
    const finish = (error: ScrapeError): ScrapeOutcome => ({ ok: false, error, startedMs, durationMs: performance.now() - t0 });
    if (closed) return finish(closedError());
    const headers = gzipPolicy.asksGzip ? gzipHeaders : identityHeaders;
    // With a pool: a free buffer to read into (null: httpGet makes one), given back with the body.
    const into = pool === undefined ? undefined : pool.take();
    const result = await httpGet({ url, connection, headers, timeoutMs, maxBytes, errorBodyBytes: ERROR_BODY_BYTES, into });
    if (!result.ok && into != null) pool!.give(into);
    if (!result.ok) {
      switch (result.failure) {
        case 'timeout':
          gzipPolicy.timedOut();
          return finish(reporter.timeout(timeoutMs));
        case 'aborted': return finish(closedError());
        case 'too-big': return finish(reporter.tooBig(maxBytes, result.decompressed));
        case 'encoding': return finish(reporter.make('network', `unsupported Content-Encoding "${oneLine(result.encoding, 40)}" from ${reporter.target}`));
        case 'node-error': return finish(reporter.fromNodeError(result.error));
      }
    }
    gzipPolicy.bodyArrived(result.wireBytes, result.bodyMs);
    // The buffer the body lies in; an error answer's body is read apart, and the buffer taken goes back untouched.
    const held = pool === undefined ? undefined : (result.spare ?? into ?? undefined);
    let release = (): void => undefined;
    if (held !== undefined) release = () => {
      release = () => undefined;
      pool!.give(held);
    };
    if (result.status !== 200) {
      const location = result.status >= 300 && result.status < 400 ? result.location : undefined;
      const failed = finish(reporter.httpStatus(url, result.status, result.statusText, result.contentType, result.body, location));
      release();
      return failed;
    }
    return {
      ok: true,
      body: result.body,
      release: () => release(),
      format: /^\s*application\/openmetrics-text\s*(;|$)/i.test(result.contentType) ? 'openmetrics' : 'text',
      contentType: result.contentType,
      status: 200,
      startedMs,
      durationMs: performance.now() - t0,
      compressedBytes: result.wireBytes,
    };
  }

  return {
    scrape(): Promise<ScrapeOutcome> {
      if (inFlight !== undefined) return inFlight;
      const promise = scrapeOnce();
      inFlight = promise;
      void promise.finally(() => {
        if (inFlight === promise) inFlight = undefined;
      });
      return promise;
    },
    close(): void {
      closed = true;
      connection.close();
    },
  };
}
