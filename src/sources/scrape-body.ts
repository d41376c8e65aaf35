// Reads an HTTP response body into one Buffer under a byte cap that holds both on the wire
// and after gunzip: a gzip bomb is stopped as soon as the inflated count passes the cap,
// so at most `maxBytes` (plus one zlib chunk) is ever held in memory.

import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';

/** The body exceeded the cap; `decompressed` tells which count crossed it. */
export class BodyTooBigError extends Error {
  constructor(readonly decompressed: boolean) {
    super(decompressed ? 'body too big once decompressed' : 'body too big');
  }
}

/** The response carried a Content-Encoding this reader cannot undo. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported Content-Encoding "${encoding}"`);
  }
}

/** A body read to its end (or cut at the cap, when asked to truncate). */
export interface ReadBody {
  /** Decoded body bytes. */
  readonly body: Buffer;
  /** Bytes received on the wire, i.e. before gunzip. */
  readonly wireBytes: number;
  /** True when reading stopped at the cap (only with `truncate`). */
  readonly truncated: boolean;
}

/** How to read a body. */
export interface ReadBodyOptions {
  /** Cap on wire bytes and on decoded bytes. */
  readonly maxBytes: number;
  /** At the cap, resolve with what was read instead of failing (for error-page excerpts). */
  readonly truncate?: boolean;
  /** Stops reading (rejecting, and destroying the response and the gunzip stream). */
  readonly signal?: AbortSignal;
}

/**
 * Reads `res` to its end, gunzipping when Content-Encoding says gzip. Rejects with
 * BodyTooBigError (after destroying the response and the gunzip stream), with the
 * socket or zlib error, or when the response is cut off before its end.
 */
export function readBody(res: IncomingMessage, options: ReadBodyOptions): Promise<ReadBody> {
  const encoding = String(res.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  const gzip = encoding === 'gzip' || encoding === 'x-gzip';
  if (!gzip && encoding !== 'identity' && encoding !== '') {
    res.destroy();
    return Promise.reject(new UnsupportedEncodingError(encoding));
  }
  const { maxBytes, truncate = false } = options;

  return new Promise<ReadBody>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let decoded = 0;
    let wireBytes = 0;
    let settled = false;
    const inflater = gzip ? zlib.createGunzip({ chunkSize: 64 * 1024 }) : undefined;

    const finish = (error: Error | undefined, truncated = false): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (error !== undefined || truncated) {
        inflater?.destroy();
        res.destroy();
      }
      if (error !== undefined) reject(error);
      else resolve({ body: Buffer.concat(chunks, decoded), wireBytes, truncated });
    };

    /** Keeps a decoded chunk, or stops at the cap. */
    const take = (chunk: Buffer, decompressed: boolean): void => {
      if (settled) return;
      if (decoded + chunk.length > maxBytes) {
        if (!truncate) return finish(new BodyTooBigError(decompressed));
        chunks.push(chunk.subarray(0, maxBytes - decoded));
        decoded = maxBytes;
        return finish(undefined, true);
      }
      chunks.push(chunk);
      decoded += chunk.length;
    };

    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (inflater === undefined) {
        if (wireBytes > maxBytes && !truncate) return finish(new BodyTooBigError(false));
        return take(chunk, false);
      }
      if (wireBytes > maxBytes) return truncate ? finish(undefined, true) : finish(new BodyTooBigError(false));
      // Respect zlib's backpressure: compressed input waits in the socket, not in memory.
      if (!inflater.write(chunk)) res.pause();
    });
    res.on('error', (err: NodeJS.ErrnoException) => {
      // Node reports a body cut off mid-way as "aborted" (ECONNRESET): say what happened.
      finish(err.code === 'ECONNRESET' && !res.complete ? new Error('connection closed before the body was complete') : err);
    });
    const onAbort = (): void => finish(new Error('body read aborted'));
    if (options.signal?.aborted === true) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    res.on('close', () => {
      if (!res.complete) finish(new Error('connection closed before the body was complete'));
    });

    if (inflater === undefined) {
      res.on('end', () => finish(undefined));
      return;
    }
    inflater.on('drain', () => res.resume());
    inflater.on('data', (chunk: Buffer) => take(chunk, true));
    inflater.on('error', (err) => finish(err));
    inflater.on('end', () => finish(undefined));
    res.on('end', () => inflater.end());
  });
}
