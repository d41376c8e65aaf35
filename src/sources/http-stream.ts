// One streamed GET over a target's keep-alive connection: each piece of a 2xx body goes to the
// caller as it comes off the socket (nothing is gathered here, so memory is what the caller
// keeps), under a byte cap on the whole body and a deadline on the whole exchange, as httpGet
// has. The trailer fields the caller names are kept (the REST API reports an error met after the
// first item in an `X-Stream-Error` trailer). The body is asked for uncompressed. The caller can
// stop the body early by returning an Error from onPiece (a line too long, a malformed item).
// Like httpGet: one retry when a reused keep-alive socket turns out dead, never rejects.

import { runExchange, type ExchangeRequest } from './http1-exchange.js';
import { asksToClose, requestHead } from './http1-request.js';
import type { ResponseHead, ResponseReader } from './http1-response.js';

/** One streamed request (its Accept-Encoding is set to identity). */
export interface HttpStreamRequest extends ExchangeRequest {
  /** Lower-case names of the trailer fields to keep. */
  readonly trailers: readonly string[];
  /** Takes one piece of a 2xx body (valid during the call only); an Error returned stops the exchange. */
  readonly onPiece: (piece: Buffer) => Error | undefined;
}

/** The answer, or why there is none. */
export type HttpStreamResult =
  | {
      readonly ok: true;
      readonly status: number;
      /** Reason phrase ('' when none). */
      readonly statusText: string;
      /** Content-Type as sent ('' when absent). */
      readonly contentType: string;
      /** The start of a non-2xx body (empty for a 2xx one, which went to onPiece). */
      readonly errorBody: Buffer;
      /** The kept trailer fields that were sent, by lower-case name. */
      readonly trailers: Readonly<Record<string, string>>;
      /** Body bytes received. */
      readonly bodyBytes: number;
    }
  | { readonly ok: false; readonly failure: 'timeout' }
  | { readonly ok: false; readonly failure: 'aborted' }
  | { readonly ok: false; readonly failure: 'too-big' }
  | { readonly ok: false; readonly failure: 'encoding'; readonly encoding: string }
  | { readonly ok: false; readonly failure: 'rejected'; readonly error: Error }
  | { readonly ok: false; readonly failure: 'node-error'; readonly error: unknown };

type Failure = Extract<HttpStreamResult, { ok: false }>;

/** Sends one GET and streams the body to onPiece; resolves with the answer or the failure, never rejects. */
export function httpStream(request: HttpStreamRequest): Promise<HttpStreamResult> {
  const { connection, url } = request;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (name.toLowerCase() !== 'accept-encoding') headers[name] = value;
  headers['accept-encoding'] = 'identity';
  let head: string;
  try {
    head = requestHead(url, headers, { proxy: connection.forwardProxy });
  } catch (error) {
    return Promise.resolve({ ok: false, failure: 'node-error', error });
  }
  const closeAfter = asksToClose(headers);
  const keep = new Set(request.trailers);
  const maxBytes = Math.max(0, request.maxBytes);

  return new Promise<HttpStreamResult>((resolve) => {
    let settled = false;
    let hasTurn = false;
    let response: ResponseHead | undefined;
    let reader: ResponseReader | undefined;
    let bodyBytes = 0;
    let success = false;
    const excerpt: Buffer[] = [];
    let excerptBytes = 0;
    let trailers: Record<string, string> = {};

    const settle = (result: HttpStreamResult, reusable: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (hasTurn) connection.release(reusable && !closeAfter, response?.keepAliveMs);
      resolve(result);
    };
    const fail = (failure: Failure): void => settle(failure, false);
    const timer = setTimeout(() => fail({ ok: false, failure: 'timeout' }), Math.max(1, request.timeoutMs));

    const listener = {
      head(h: ResponseHead): void {
        response = h;
        success = h.status >= 200 && h.status < 300;
        const encoding = (h.contentEncoding ?? '').trim().toLowerCase();
        if (encoding !== '' && encoding !== 'identity') return fail({ ok: false, failure: 'encoding', encoding: h.contentEncoding ?? '' });
        if (h.framing === 'length' && h.contentLength > maxBytes) fail({ ok: false, failure: 'too-big' });
      },
      body(piece: Buffer): void {
        if (settled) return;
        const room = maxBytes - bodyBytes;
        bodyBytes += piece.length;
        if (bodyBytes > maxBytes) {
          // What fits under the cap is still handed on: a stream's items before the cut stand.
          if (success && room > 0) request.onPiece(piece.subarray(0, room));
          return fail({ ok: false, failure: 'too-big' });
        }
        if (success) {
          const error = request.onPiece(piece);
          if (error !== undefined) fail({ ok: false, failure: 'rejected', error });
        } else if (excerptBytes < request.errorBodyBytes) {
          const part = piece.subarray(0, request.errorBodyBytes - excerptBytes);
          excerpt.push(Buffer.from(part));
          excerptBytes += part.length;
        }
      },
      trailer(name: string, value: string): void {
        if (keep.has(name)) trailers = { ...trailers, [name]: value };
      },
      end(): void {
        if (settled) return;
        const h = response as ResponseHead;
        const result: HttpStreamResult = {
          ok: true,
          status: h.status,
          statusText: h.statusText,
          contentType: h.contentType,
          errorBody: Buffer.concat(excerpt),
          trailers,
          bodyBytes,
        };
        // end() is called from within push(): whether bytes trail the answer is known only after it.
        queueMicrotask(() => settle(result, h.keepAlive && reader !== undefined && !reader.hadTrailingBytes));
      },
    };

    runExchange(connection, head, listener, {
      settled: () => settled,
      onTurn: () => void (hasTurn = true),
      onReader: (r) => void (reader = r),
      push(r, chunk) {
        try {
          r.push(chunk);
        } catch (error) {
          fail({ ok: false, failure: 'node-error', error });
        }
      },
      readInto: () => null,
      aborted: () => fail({ ok: false, failure: 'aborted' }),
      lost: (error) => fail({ ok: false, failure: 'node-error', error }),
      hadHead: () => response !== undefined,
    });
  });
}
