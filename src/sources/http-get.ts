// One GET over a keep-alive agent with a deadline on the whole exchange (connect to last
// byte), a byte cap that also holds after gunzip, one retry when a reused keep-alive socket
// turns out dead, and cancellation. Shared by the metrics scraper and the Jaeger client, which
// interpret status and body themselves. Never rejects.

import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { BodyTooBigError, readBody, UnsupportedEncodingError } from './scrape-body.js';

/** One request. */
export interface HttpGetRequest {
  /** Absolute http(s) URL. */
  readonly url: URL;
  /** The keep-alive agent of the target (see http-agent.ts). */
  readonly agent: http.Agent;
  /** Request headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** Deadline for the whole exchange. */
  readonly timeoutMs: number;
  /** Cap on a 2xx body, on the wire and after gunzip. */
  readonly maxBytes: number;
  /** How much of a non-2xx body is kept (read, then cut). */
  readonly errorBodyBytes: number;
  /** Aborts the request. */
  readonly signal?: AbortSignal;
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
    }
  | { readonly ok: false; readonly failure: 'timeout' }
  | { readonly ok: false; readonly failure: 'aborted' }
  | { readonly ok: false; readonly failure: 'too-big'; readonly decompressed: boolean }
  | { readonly ok: false; readonly failure: 'encoding'; readonly encoding: string }
  | { readonly ok: false; readonly failure: 'node-error'; readonly error: unknown };

type Failure = Extract<HttpGetResult, { ok: false }>;

/** Sends one GET; resolves with the answer or the failure, never rejects. */
export function httpGet(request: HttpGetRequest): Promise<HttpGetResult> {
  const isHttps = request.url.protocol === 'https:';
  const options: http.RequestOptions = { ...urlToHttpOptions(request.url), method: 'GET', agent: request.agent, headers: { ...request.headers } };
  return new Promise<HttpGetResult>((resolve) => {
    let settled = false;
    let current: http.ClientRequest | undefined;
    let response: http.IncomingMessage | undefined;
    const bodyAbort = new AbortController();
    const settle = (result: HttpGetResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.signal?.removeEventListener('abort', onAbort);
      if (!result.ok) {
        bodyAbort.abort();
        // An exchange cut short leaves bytes unread: drop its socket rather than reuse it.
        if (response === undefined || !response.complete) current?.destroy();
      }
      resolve(result);
    };
    const fail = (failure: Failure): void => settle(failure);
    const timer = setTimeout(() => fail({ ok: false, failure: 'timeout' }), Math.max(1, request.timeoutMs));
    const onAbort = (): void => fail({ ok: false, failure: 'aborted' });
    if (request.signal?.aborted === true) return onAbort();
    request.signal?.addEventListener('abort', onAbort, { once: true });

    const send = (mayRetry: boolean): void => {
      let gotResponse = false;
      let req: http.ClientRequest;
      try {
        req = (isHttps ? https : http).request(options);
      } catch (error) {
        return fail({ ok: false, failure: 'node-error', error });
      }
      current = req;
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (settled || req !== current) return;
        // The server closed an idle keep-alive socket just as we reused it: try once more.
        const stale = err.code === 'ECONNRESET' || err.code === 'EPIPE';
        if (mayRetry && stale && req.reusedSocket && !gotResponse) return send(false);
        fail({ ok: false, failure: 'node-error', error: err });
      });
      req.on('response', (res) => {
        gotResponse = true;
        response = res;
        if (settled) return void res.destroy();
        onResponse(res);
      });
      req.end();
    };

    const onResponse = (res: http.IncomingMessage): void => {
      const status = res.statusCode ?? 0;
      const contentType = String(res.headers['content-type'] ?? '');
      const success = status >= 200 && status < 300;
      const maxBytes = Math.max(0, request.maxBytes);
      if (success && Number(res.headers['content-length'] ?? NaN) > maxBytes) {
        res.destroy();
        return fail({ ok: false, failure: 'too-big', decompressed: false });
      }
      const cap = success ? maxBytes : Math.max(1, Math.min(maxBytes, request.errorBodyBytes));
      const bodyStart = performance.now();
      readBody(res, { maxBytes: cap, truncate: !success, signal: bodyAbort.signal }).then(
        (read) => settle({
          ok: true,
          status,
          statusText: res.statusMessage ?? '',
          contentType,
          body: read.body,
          wireBytes: read.wireBytes,
          bodyMs: performance.now() - bodyStart,
          location: res.headers.location,
        }),
        (err: unknown) => {
          if (err instanceof BodyTooBigError) return fail({ ok: false, failure: 'too-big', decompressed: err.decompressed });
          if (err instanceof UnsupportedEncodingError) return fail({ ok: false, failure: 'encoding', encoding: err.encoding });
          fail({ ok: false, failure: 'node-error', error: err });
        },
      );
    };
    send(true);
  });
}
