// One request's turn on a keep-alive connection, shared by httpGet and httpStream: it waits until
// the connection is free, sends the head, feeds the answer's bytes to a fresh ResponseReader, and
// tries once more when a reused keep-alive socket turns out dead before any byte of the answer
// (the server closed it just as we reused it). What the bytes mean, the deadline and how the
// exchange settles stay with the caller.

import { ConnectionClosedError, type ExchangeEvents, type Http1Connection } from './http1-connection.js';
import { ResponseReader, type ResponseListener } from './http1-response.js';

/** What every request over a target's connection names (httpGet and httpStream add their own). */
export interface ExchangeRequest {
  /** Absolute http(s) URL. */
  readonly url: URL;
  /** The keep-alive connection of the target (see http-agent.ts); closing it aborts the request. */
  readonly connection: Http1Connection;
  /** Request headers. */
  readonly headers: Readonly<Record<string, string>>;
  /** Deadline for the whole exchange: waiting for the connection, connect, stalls, last byte. */
  readonly timeoutMs: number;
  /** Cap on a 2xx body's bytes. */
  readonly maxBytes: number;
  /** How much of a non-2xx body is kept (the rest is read and dropped). */
  readonly errorBodyBytes: number;
}

/** What an exchange asks of its caller. */
export interface ExchangeHooks {
  /** True once the caller has settled: later events are ignored. */
  settled(): boolean;
  /** The caller's turn on the connection came (it must release it when it settles). */
  onTurn(): void;
  /** The reader of this attempt, before any byte reaches it. */
  onReader(reader: ResponseReader): void;
  /** Feeds a chunk to the reader (`inReadBuffer`: it lies in the connection's read buffer). */
  push(reader: ResponseReader, chunk: Buffer, inReadBuffer: boolean): void;
  /** Where the next socket read may go, or null (see ExchangeEvents.readInto). */
  readInto(): Buffer | null;
  /** The connection was closed by our side (the request aborted). */
  aborted(): void;
  /** The connection failed for good; `error` says how. */
  lost(error: Error): void;
  /** A response head has been read (a reset after it cuts the body short). */
  hadHead(): boolean;
}

/** Sends `head` on `connection` when it is free and reads the answer through `listener`. */
export function runExchange(connection: Http1Connection, head: string, listener: ResponseListener, hooks: ExchangeHooks): void {
  const attempt = (mayRetry: boolean): void => {
    const r = new ResponseReader(listener);
    hooks.onReader(r);
    let reused = false;
    const lost = (err: NodeJS.ErrnoException): void => {
      if (err instanceof ConnectionClosedError) return hooks.aborted();
      // The whole answer arrived (its body may still be inflating): the socket is not needed any more.
      if (r.done) return;
      const stale = err.code === 'ECONNRESET' || err.code === 'EPIPE';
      if (mayRetry && reused && stale && !r.started) {
        connection.discard();
        return attempt(false);
      }
      const cutOff = hooks.hadHead() && err.code === 'ECONNRESET';
      hooks.lost(cutOff ? new Error('connection closed before the body was complete') : err);
    };
    const events: ExchangeEvents = {
      data(chunk, inReadBuffer) {
        if (!hooks.settled()) hooks.push(r, chunk, inReadBuffer);
      },
      readInto: () => (hooks.settled() ? null : hooks.readInto()),
      end() {
        if (hooks.settled() || r.eof()) return;
        lost(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      },
      error(err) {
        if (!hooks.settled()) lost(err);
      },
    };
    try {
      reused = connection.send(head, events);
    } catch (error) {
      lost(error as Error);
    }
  };
  connection.whenFree(() => {
    if (hooks.settled()) return connection.pass(); // timed out while waiting its turn
    hooks.onTurn();
    attempt(true);
  });
}
