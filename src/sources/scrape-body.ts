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

import { constants as bufferConstants } from 'node:buffer';
import zlib from 'node:zlib';
import { fitsForReuse } from '../util/buffer-reuse.js';

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
  /** The buffer the body lies in, when it is one of this reader's (see ReadBodyOptions.into). */
  readonly spare?: Buffer;
}

/** How to read a body. */
export interface ReadBodyOptions {
  /** Cap on wire bytes and on decoded bytes. */
  readonly maxBytes: number;
  /** At the cap, resolve with what was read instead of failing (for error-page excerpts). */
  readonly truncate?: boolean;
  /** The body's length when the response says it (Content-Length): an uncompressed one is then read into one buffer. */
  readonly length?: number;
  /**
   * For a caller that reads body after body and is done with each before the next: the `spare`
   * of an earlier body, which this one may be read into (overwriting it), or null before there
   * is one. A buffer allocated then gets 1/8 of headroom, as a body's size moves with its values.
   */
  readonly into?: Buffer | null;
}

/** Compressed bodies up to this size are inflated in one call at the end (see the header). */
export const ONE_SHOT_GZIP_BYTES = 1024 * 1024;

/** Output chunk of the streaming inflater. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/** Deflate never inflates by more than ~1032×; a trailer claiming more is not believed. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Takes a response body piece by piece as it comes off the connection, gunzipping when the
 * Content-Encoding says gzip, and calls `done` once: with the body, with BodyTooBigError, or
 * with a zlib error. After a truncated result or an error the rest of the body is unread: the
 * caller must drop the connection. An uncompressed body of known length within the cap goes into
 * one buffer (the caller's spare when it fits, see ReadBodyOptions.into), which the connection
 * can read the rest of the body straight into (`readTarget`).
 */
export class BodyReader {
  private readonly gzip: boolean;
  private readonly maxBytes: number;
  private readonly truncate: boolean;
  /** The whole body (at its start), when its length is known in advance; `decoded` bytes of it are filled. */
  private readonly whole: Buffer | null;
  /** The body's announced length, or -1. */
  private readonly length: number;
  /** Decoded chunks (or, for gzip before any inflater exists, the compressed ones). */
  private chunks: Buffer[] = [];
  private decoded = 0;
  private wireBytes = 0;
  private settled = false;
  private inflater: zlib.Gunzip | undefined;

  /**
   * `contentEncoding` is the header's value (undefined when absent): throws UnsupportedEncodingError
   * for one this reader cannot undo. `drain` is called when reading may go on after write() said stop.
   */
  constructor(
    contentEncoding: string | undefined,
    options: ReadBodyOptions,
    private readonly done: (result: ReadBody | Error) => void,
    private readonly drain: () => void,
  ) {
    const encoding = (contentEncoding ?? 'identity').trim().toLowerCase();
    this.gzip = encoding === 'gzip' || encoding === 'x-gzip';
    if (!this.gzip && encoding !== 'identity' && encoding !== '') throw new UnsupportedEncodingError(encoding);
    this.maxBytes = options.maxBytes;
    this.truncate = options.truncate ?? false;
    const length = options.length;
    this.length = length ?? -1;
    const known = !this.gzip && !this.truncate && length !== undefined && length > 0 && length <= this.maxBytes;
    const into = options.into;
    if (!known) this.whole = null;
    else if (into === undefined) this.whole = Buffer.allocUnsafe(length);
    else this.whole = into !== null && fitsForReuse(into.length, length) ? into : Buffer.allocUnsafe(length + (length >> 3));
  }

  /** Where the next bytes of the body can be read straight into, if anywhere (never past its length). */
  readTarget(): Buffer | null {
    const whole = this.whole;
    return whole === null || this.settled || this.decoded >= this.length ? null : whole.subarray(this.decoded, this.length);
  }

  /** True once `done` was called. */
  get finished(): boolean {
    return this.settled;
  }

  /**
   * Takes the next piece as received; false asks the caller to stop reading until `drain`. A
   * `borrowed` piece is valid during this call only: what is kept of it is copied.
   */
  write(piece: Buffer, borrowed = false): boolean {
    if (this.settled) return true;
    const whole = this.whole;
    if (whole !== null) {
      // The response reader never hands over more than the Content-Length.
      const inPlace = piece.buffer === whole.buffer && piece.byteOffset === whole.byteOffset + this.decoded;
      if (!inPlace) piece.copy(whole, this.decoded);
      this.decoded += piece.length;
      this.wireBytes += piece.length;
      return true;
    }
    if (borrowed) piece = Buffer.from(piece);
    this.wireBytes += piece.length;
    if (this.wireBytes > this.maxBytes) {
      if (!this.truncate) return this.fail(new BodyTooBigError(false));
      if (this.gzip) return this.finish(true);
    }
    if (!this.gzip) return this.take(piece, false);
    if (this.inflater === undefined && this.wireBytes <= ONE_SHOT_GZIP_BYTES && !this.truncate) {
      this.chunks.push(piece);
      return true;
    }
    this.inflater ??= this.startInflater();
    // Respect zlib's backpressure: compressed input waits in the socket, not in memory.
    return this.inflater.write(piece);
  }

  /** The body is complete. */
  end(): void {
    if (this.settled) return;
    if (this.inflater !== undefined) return void this.inflater.end();
    if (!this.gzip) return void this.finish(false);
    const compressed = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.wireBytes);
    this.chunks = [];
    let body: Buffer;
    try {
      body = gunzipWhole(compressed, this.maxBytes);
    } catch (err) {
      const tooBig = err instanceof RangeError && (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return void this.fail(tooBig ? new BodyTooBigError(true) : (err as Error));
    }
    if (this.take(body, true)) this.finish(false);
  }

  /** Stops without a result (the exchange failed elsewhere). */
  destroy(): void {
    this.settled = true;
    this.inflater?.destroy();
    this.chunks = [];
  }

  /** Keeps a decoded chunk, or stops at the cap; false once finished. */
  private take(chunk: Buffer, decompressed: boolean): boolean {
    if (this.settled) return false;
    if (this.decoded + chunk.length > this.maxBytes) {
      if (!this.truncate) return this.fail(new BodyTooBigError(decompressed));
      this.chunks.push(chunk.subarray(0, this.maxBytes - this.decoded));
      this.decoded = this.maxBytes;
      return this.finish(true);
    }
    this.chunks.push(chunk);
    this.decoded += chunk.length;
    return true;
  }

  /** Switches a gzip body to the streaming inflater, handing it what was kept so far. */
  private startInflater(): zlib.Gunzip {
    const z = zlib.createGunzip({ chunkSize: STREAM_CHUNK_BYTES });
    const kept = this.chunks;
    this.chunks = [];
    z.on('drain', () => {
      if (!this.settled) this.drain();
    });
    z.on('data', (chunk: Buffer) => this.take(chunk, true));
    z.on('error', (err) => this.fail(err));
    z.on('end', () => this.finish(false));
    for (const chunk of kept) z.write(chunk);
    return z;
  }

  private finish(truncated: boolean): false {
    if (this.settled) return false;
    this.settled = true;
    if (truncated) this.inflater?.destroy();
    const { chunks, decoded, whole } = this;
    this.chunks = [];
    if (whole !== null) {
      this.done({ body: whole.subarray(0, decoded), wireBytes: this.wireBytes, truncated, spare: whole });
    } else {
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, decoded);
      this.done({ body, wireBytes: this.wireBytes, truncated });
    }
    return false;
  }

  private fail(error: Error): false {
    if (this.settled) return false;
    this.destroy();
    this.done(error);
    return false;
  }
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
