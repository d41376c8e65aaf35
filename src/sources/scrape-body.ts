// Reads an HTTP response body into one Buffer under a byte cap that holds both on the wire
// and after gunzip: a gzip bomb is stopped as soon as the inflated count passes the cap,
// so at most `maxBytes` of inflated bytes plus one zlib output chunk (64 KiB when streaming,
// at most the cap in the one-shot call below) is ever held in memory.
//
// A gzip body is inflated in one of two ways. While its compressed bytes stay within
// ONE_SHOT_GZIP_BYTES (a peer's /metrics is ~15 KB gzipped), they are kept and inflated in one
// synchronous call once the body is complete, into an output buffer sized from the gzip trailer:
// measured on a 200 KB payload, that costs ~0.1 ms of CPU against ~0.5 ms for the streaming
// inflater (a hand-off to the thread pool and a stream event per 64 KiB). A longer body, and an
// error page read for an excerpt, go through the streaming inflater, which stops a bomb while it
// is still arriving; the one-shot call stops at the cap too (zlib's maxOutputLength).

import type { IncomingMessage } from 'node:http';
import { constants as bufferConstants } from 'node:buffer';
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

/** Compressed bodies up to this size are inflated in one call at the end (see the header). */
export const ONE_SHOT_GZIP_BYTES = 1024 * 1024;

/** Output chunk of the streaming inflater. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/** Deflate never inflates by more than ~1032×; a trailer claiming more is not believed. */
const MAX_DEFLATE_RATIO = 1032;

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
    /** Decoded chunks (or, for gzip before any inflater exists, the compressed ones). */
    let chunks: Buffer[] = [];
    let decoded = 0;
    let wireBytes = 0;
    let settled = false;
    let inflater: zlib.Gunzip | undefined;

    const finish = (error: Error | undefined, truncated = false): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (error !== undefined || truncated) {
        inflater?.destroy();
        res.destroy();
      }
      if (error !== undefined) reject(error);
      else resolve({ body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, decoded), wireBytes, truncated });
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

    /** Switches a gzip body to the streaming inflater, handing it what was kept so far. */
    const startInflater = (): zlib.Gunzip => {
      const z = zlib.createGunzip({ chunkSize: STREAM_CHUNK_BYTES });
      const kept = chunks;
      chunks = [];
      z.on('drain', () => res.resume());
      z.on('data', (chunk: Buffer) => take(chunk, true));
      z.on('error', (err) => finish(err));
      z.on('end', () => finish(undefined));
      for (const chunk of kept) z.write(chunk);
      return z;
    };

    res.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (!gzip) {
        if (wireBytes > maxBytes && !truncate) return finish(new BodyTooBigError(false));
        return take(chunk, false);
      }
      if (wireBytes > maxBytes) return truncate ? finish(undefined, true) : finish(new BodyTooBigError(false));
      if (inflater === undefined && wireBytes <= ONE_SHOT_GZIP_BYTES && !truncate) return void chunks.push(chunk);
      inflater ??= startInflater();
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
    res.on('end', () => {
      if (settled) return;
      if (inflater !== undefined) return void inflater.end();
      if (!gzip) return finish(undefined);
      const compressed = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, wireBytes);
      chunks = [];
      try {
        take(gunzipWhole(compressed, maxBytes), true);
      } catch (err) {
        return finish(err instanceof RangeError && (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? new BodyTooBigError(true) : (err as Error));
      }
      finish(undefined);
    });
  });
}

/**
 * Inflates a complete gzip body in one call, at most `maxBytes` of output (more throws
 * ERR_BUFFER_TOO_LARGE). The output buffer is sized from the trailer's ISIZE (the last member's
 * length mod 2³², so only a hint: a wrong one costs extra chunks, never a wrong result), bounded
 * by the cap and by what the compressed size can inflate to.
 */
function gunzipWhole(compressed: Buffer, maxBytes: number): Buffer {
  const limit = Math.max(1, Math.min(maxBytes, bufferConstants.MAX_LENGTH));
  const hinted = compressed.length >= 4 ? compressed.readUInt32LE(compressed.length - 4) : 0;
  const plausible = Math.min(hinted, compressed.length * MAX_DEFLATE_RATIO, limit);
  // One byte of slack: zlib allocates a further chunk when the output fills the current one exactly.
  const chunkSize = Math.max(zlib.constants.Z_MIN_CHUNK, plausible + 1);
  return zlib.gunzipSync(compressed, { chunkSize, maxOutputLength: limit });
}
