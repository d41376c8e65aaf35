// One GET (or a POST of a form) over a target's keep-alive connection with a deadline on the whole exchange (waiting
// for the connection, connect, last byte), a byte cap that also holds after gunzip, one retry
// when a reused keep-alive socket turns out dead, and cancellation (closing the connection).
// Shared by the metrics scraper and the Jaeger client, which interpret status and body
// themselves. Never rejects.
//
// Why not node:http: a monitor polls forever, so CPU per poll counts, and node:http's request
// and response objects, streams and agent bookkeeping cost more than the rest of a poll: against
// the demo peer (194 KB) ~0.4 ms of CPU per request over what the bytes themselves cost.
// http1-connection.ts keeps the socket as Node's Agent did, http1-response.ts reads the answer.

import { ProxyError, proxyStatusDetail } from './http-proxy-tunnel.js';
import { runExchange, type ExchangeRequest } from './http1-exchange.js';
import { asksToClose, requestHead } from './http1-request.js';
import type { ResponseHead, ResponseReader } from './http1-response.js';
import { BodyReader, BodyTooBigError, UnsupportedEncodingError, type ReadBody } from './scrape-body.js';

/** One request; its maxBytes holds on the wire and after gunzip. */
export interface HttpGetRequest extends ExchangeRequest {
  /** A buffer of an earlier answer to read this body into, for a caller done with that one (see ReadBodyOptions.into). */
  readonly into?: Buffer | null;
  /** Send a POST with this application/x-www-form-urlencoded body instead of a GET (for queries too long for a URL). */
  readonly form?: URLSearchParams;
}

/** The answer, or why there is none. */
export type HttpGetResult =
  | {
      readonly ok: true;
      /** HTTP status. */
      readonly status: number;
      /** Reason phrase ('' when none). */
      readonly statusText: string;
      /** Content-Type as sent ('' when absent). */
      readonly contentType: string;
      /** Decompressed body (for a non-2xx status, at most errorBodyBytes of it). */
      readonly body: Buffer;
      /** Bytes received on the wire (before gunzip). */
      readonly wireBytes: number;
      /** Time from the response headers to the end of the body (how fast the link delivers). */
      readonly bodyMs: number;
      /** The Location header of a redirect, if any. */
      readonly location: string | undefined;
      /** The buffer the body lies in, reusable as `into` once the body is no longer needed (when `into` was given). */
      readonly spare?: Buffer;
    }
  | { readonly ok: false; readonly failure: 'timeout' }
  | { readonly ok: false; readonly failure: 'aborted' }
  | { readonly ok: false; readonly failure: 'too-big'; readonly decompressed: boolean }
  | { readonly ok: false; readonly failure: 'encoding'; readonly encoding: string }
  | { readonly ok: false; readonly failure: 'node-error'; readonly error: unknown };

type Failure = Extract<HttpGetResult, { ok: false }>;

/** Sends one GET (or POST of `form`); resolves with the answer or the failure, never rejects. */
export function httpGet(request: HttpGetRequest): Promise<HttpGetResult> {
  const { connection, url } = request;
  // The head is written anew for each request: a few hundred bytes of string, microseconds.
  let head: string;
  let closeAfter: boolean;
  try {
    const body = request.form?.toString(); // %-encoded: ASCII only, so one byte a character
    const written = requestHead(url, request.headers, { formBytes: body?.length, proxy: connection.forwardProxy });
    head = body === undefined ? written : written + body;
    closeAfter = asksToClose(request.headers);
  } catch (error) {
    return Promise.resolve({ ok: false, failure: 'node-error', error });
  }
  return new Promise<HttpGetResult>((resolve) => {
    let settled = false;
    let hasTurn = false;
    let response: ResponseHead | undefined;
    let reader: ResponseReader | undefined;
    let body: BodyReader | undefined;
    let bodyStart = 0;
    /** A body that completed while its chunk was still being read, settled once the chunk is done. */
    let pushing = false;
    /** The chunk being read lies in the connection's read buffer (see ExchangeEvents.data). */
    let borrowed = false;
    let completed: ReadBody | undefined;

    const settle = (result: HttpGetResult, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (!result.ok) body?.destroy();
      // An exchange cut short leaves bytes unread: its socket is dropped rather than reused.
      if (hasTurn) connection.release(reusable && !closeAfter, response?.keepAliveMs);
      resolve(result);
    };
    const fail = (failure: Failure): void => settle(failure, false);
    const succeed = (read: ReadBody): void => {
      const h = response as ResponseHead;
      const reusable = h.keepAlive && !read.truncated && reader!.done && !reader!.hadTrailingBytes;
      settle({
        ok: true,
        status: h.status,
        statusText: h.statusText,
        contentType: h.contentType,
        body: read.body,
        wireBytes: read.wireBytes,
        bodyMs: performance.now() - bodyStart,
        location: h.location,
        spare: read.spare,
      }, reusable);
    };
    const onBody = (result: ReadBody | Error): void => {
      if (result instanceof BodyTooBigError) return fail({ ok: false, failure: 'too-big', decompressed: result.decompressed });
      if (result instanceof Error) return fail({ ok: false, failure: 'node-error', error: result });
      if (pushing) completed = result;
      else succeed(result);
    };

    const timer = setTimeout(() => fail({ ok: false, failure: 'timeout' }), Math.max(1, request.timeoutMs));

    const onHead = (h: ResponseHead): void => {
      response = h;
      bodyStart = performance.now();
      const proxy = connection.forwardProxy;
      if (h.status === 407 && proxy !== null) return fail({ ok: false, failure: 'node-error', error: new ProxyError(proxy.name, proxyStatusDetail(proxy, 407, h.statusText, '')) });
      const success = h.status >= 200 && h.status < 300;
      const maxBytes = Math.max(0, request.maxBytes);
      if (success && h.framing === 'length' && h.contentLength > maxBytes) return fail({ ok: false, failure: 'too-big', decompressed: false });
      const cap = success ? maxBytes : Math.max(1, Math.min(maxBytes, request.errorBodyBytes));
      try {
        const length = h.framing === 'length' ? h.contentLength : undefined;
        const options = { maxBytes: cap, truncate: !success, length, into: request.into };
        body = new BodyReader(h.contentEncoding, options, onBody, () => connection.resume());
      } catch (err) {
        if (err instanceof UnsupportedEncodingError) return fail({ ok: false, failure: 'encoding', encoding: err.encoding });
        throw err;
      }
    };
    const listener = {
      head: onHead,
      body: (piece: Buffer): void => {
        if (body !== undefined && !body.finished && !body.write(piece, borrowed)) connection.pause();
      },
      end: (): void => body?.end(),
    };

    runExchange(connection, head, listener, {
      settled: () => settled,
      onTurn: () => void (hasTurn = true),
      onReader: (r) => void (reader = r),
      push(r, chunk, inReadBuffer) {
        pushing = true;
        borrowed = inReadBuffer;
        try {
          r.push(chunk);
        } catch (error) {
          return fail({ ok: false, failure: 'node-error', error });
        } finally {
          pushing = false;
        }
        if (completed !== undefined) succeed(completed);
      },
      readInto: () => body?.readTarget() ?? null,
      aborted: () => fail({ ok: false, failure: 'aborted' }),
      lost: (error) => fail({ ok: false, failure: 'node-error', error }),
      hadHead: () => response !== undefined,
    });
  });
}
