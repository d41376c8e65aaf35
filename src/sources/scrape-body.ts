// Reads an HTTP response body into one Buffer under a byte cap that holds both on the wire
// and after gunzip: a gzip bomb is stopped as soon as the inflated count passes the cap,
// so at most `maxBytes` of inflated bytes plus one zlib output chunk (64 KiB when streaming,
// at most the cap in the one-shot call below) is ever held in memory. Bytes are gathered in
// contiguous buffers (http-body-buffer.ts), never kept piece by piece: a body sent as a flood of
// 1-byte chunks costs what its bytes do (twice the cap at worst, while a buffer grows).
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
import { GrowingBuffer } from './http-body-buffer.js';

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
   * is one. A buffer allocated then gets 1/8 of headroom, as a body's size moves with its values
   * (a body of unknown length starts in it and grows out of it as need be).
   */
  readonly into?: Buffer | null;
}

/** Compressed bodies up to this size are inflated in one call at the end (see the header). */
export const ONE_SHOT_GZIP_BYTES = 1024 * 1024;

/** Output chunk of the streaming inflater, and most compressed bytes gathered before one write to it. */
const STREAM_CHUNK_BYTES = 64 * 1024;

/** Deflate never inflates by more than ~1032×; a trailer claiming more is not believed. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * Takes a response body piece by piece as it comes off the connection, gunzipping when the
 * Content-Encoding says gzip, and calls `done` once: with the body, with BodyTooBigError, or
 * with a zlib error. After a truncated result or an error the rest of the body is unread: the
 * caller must drop the connection. An uncompressed body of known length within the cap goes into
 * one buffer (the caller's spare when it fits, see ReadBodyOptions.into), which the connection
 * can read the rest of the body straight into (`readTarget`); any other is copied, piece by
 * piece, into one that grows (starting in the caller's spare).
 */
export class BodyReader {
  private readonly gzip: boolean;
  private readonly maxBytes: number;
  private readonly truncate: boolean;
  /** The whole body (at its start), when its length is known in advance; `decoded` bytes of it are filled. */
  private readonly whole: Buffer | null;
  /** The body's announced length, or -1. */
  private readonly length: number;
  /** Decoded bytes, when the length is not known in advance (or the body is gzipped). */
  private readonly out: GrowingBuffer | null;
  /** With `into`: the body's buffer is offered for reuse (see ReadBodyOptions.into). */
  private readonly reuse: boolean;
  /** A gzip body's compressed bytes: all of them until it is inflated in one call, or those not yet written to the streaming inflater. */
  private compressed: GrowingBuffer | null = null;
  /** A small gzip body's decoded bytes, inflated in one call. */
  private inflated: Buffer | null = null;
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
    // An error page's excerpt leaves the spare alone: it would shrink it for the next good body.
    const into = this.truncate ? undefined : options.into;
    this.reuse = into !== undefined;
    if (!known) this.whole = null;
    else if (into === undefined) this.whole = Buffer.allocUnsafe(length);
    else this.whole = into !== null && fitsForReuse(into.length, length) ? into : Buffer.allocUnsafe(length + (length >> 3));
    this.out = known ? null : new GrowingBuffer(this.maxBytes, into);
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
    this.wireBytes += piece.length;
    if (this.wireBytes > this.maxBytes) {
      if (!this.truncate) return this.fail(new BodyTooBigError(false));
      if (this.gzip) return this.finish(true);
    }
    // Every piece is copied into a buffer of the body (a borrowed one must be anyway).
    if (!this.gzip) return this.take(piece, false);
    if (this.inflater === undefined && this.wireBytes <= ONE_SHOT_GZIP_BYTES && !this.truncate) {
      this.compressed ??= new GrowingBuffer(Math.min(this.maxBytes, ONE_SHOT_GZIP_BYTES));
      this.compressed.append(piece);
      return true;
    }
    this.inflater ??= this.startInflater();
    // An error page's excerpt (a few KiB on the wire at most) goes to the inflater piece by piece,
    // so that what it inflates to is there when the cap on the wire cuts it.
    if (this.truncate) return this.inflater.write(borrowed ? Buffer.from(piece) : piece);
    // Small pieces are gathered into writes of up to 64 KiB (the inflater's queue holds an object
    // per write), and zlib's backpressure is respected: compressed input waits in the socket.
    const gathered = this.compressed;
    if (gathered !== null && gathered.length + piece.length <= STREAM_CHUNK_BYTES) {
      gathered.append(piece);
      return true;
    }
    const more = this.flush();
    if (piece.length >= STREAM_CHUNK_BYTES) return this.inflater.write(borrowed ? Buffer.from(piece) : piece) && more;
    this.compressed = new GrowingBuffer(STREAM_CHUNK_BYTES);
    this.compressed.append(piece);
    return more;
  }

  /** The body is complete. */
  end(): void {
    if (this.settled) return;
    if (this.inflater !== undefined) {
      this.flush();
      return void this.inflater.end();
    }
    if (!this.gzip) return void this.finish(false);
    const compressed = this.compressed?.bytes() ?? Buffer.alloc(0);
    this.compressed = null;
    try {
      this.inflated = gunzipWhole(compressed, this.maxBytes);
    } catch (err) {
      const tooBig = err instanceof RangeError && (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      return void this.fail(tooBig ? new BodyTooBigError(true) : (err as Error));
    }
    this.decoded = this.inflated.length;
    this.finish(false);
  }

  /** Stops without a result (the exchange failed elsewhere). */
  destroy(): void {
    this.settled = true;
    this.inflater?.destroy();
    this.compressed = null;
  }

  /** Keeps a decoded piece, or stops at the cap; false once finished. */
  private take(piece: Buffer, decompressed: boolean): boolean {
    if (this.settled) return false;
    const out = this.out as GrowingBuffer;
    if (this.decoded + piece.length > this.maxBytes) {
      if (!this.truncate) return this.fail(new BodyTooBigError(decompressed));
      out.append(piece.subarray(0, this.maxBytes - this.decoded));
      this.decoded = this.maxBytes;
      return this.finish(true);
    }
    out.append(piece);
    this.decoded += piece.length;
    return true;
  }

  /** Switches a gzip body to the streaming inflater, handing it what was gathered so far. */
  private startInflater(): zlib.Gunzip {
    const z = zlib.createGunzip({ chunkSize: STREAM_CHUNK_BYTES });
    z.on('drain', () => {
      if (!this.settled) this.drain();
    });
    z.on('data', (chunk: Buffer) => this.take(chunk, true));
    z.on('error', (err) => this.fail(err));
    z.on('end', () => this.finish(false));
    return z;
  }

  /** Writes the gathered compressed bytes to the inflater; false when it asks to wait. */
  private flush(): boolean {
    const compressed = this.compressed;
    this.compressed = null;
    if (compressed === null || compressed.length === 0) return true;
    return this.inflater!.write(compressed.bytes());
  }

  private finish(truncated: boolean): false {
    if (this.settled) return false;
    this.settled = true;
    if (truncated) this.inflater?.destroy();
    const { decoded, whole, out, inflated } = this;
    this.compressed = null;
    this.inflated = null;
    if (whole !== null) {
      this.done({ body: whole.subarray(0, decoded), wireBytes: this.wireBytes, truncated, spare: whole });
    } else if (inflated !== null) {
      this.done({ body: inflated, wireBytes: this.wireBytes, truncated });
    } else if (this.reuse) {
      const { body, spare } = out!.settle();
      this.done({ body, wireBytes: this.wireBytes, truncated, spare });
    } else {
      this.done({ body: out!.bytes(), wireBytes: this.wireBytes, truncated });
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
