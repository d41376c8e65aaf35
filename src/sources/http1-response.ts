// Reads one HTTP/1.x response from the bytes of a connection, as they arrive: the head (status
// line and header fields, at most 16 KiB like Node's parser), then the body as delimited by
// Content-Length, chunked transfer coding or the end of the connection. Interim 1xx answers, and
// empty lines before a status line, are skipped. Anything malformed is an HttpResponseError that
// says what was wrong (the head itself is read by http1-head.ts). Body pieces are views into the
// pushed chunks, never copies; the fields of a chunked body's trailer go to the listener too.

import { HttpResponseError, parseHead, type ResponseHead } from './http1-head.js';

export { HttpResponseError, type BodyFraming, type ResponseHead } from './http1-head.js';

/** Where a reader delivers what it read. */
export interface ResponseListener {
  /** The head of the final response. */
  head(head: ResponseHead): void;
  /** A piece of the (de-chunked) body; a view into a pushed chunk. */
  body(piece: Buffer): void;
  /** The body is complete. */
  end(): void;
  /**
   * A field of a chunked body's trailer section (name lower-cased, value trimmed), before end();
   * the section is bounded by MAX_HEAD_BYTES, so fields kept here are too.
   */
  trailer?(name: string, value: string): void;
}

/** Most bytes of a head (status line and fields) or of a chunked body's trailer section. */
export const MAX_HEAD_BYTES = 16 * 1024;
/** Most bytes of a chunk-size line (size and extensions). */
const MAX_CHUNK_LINE_BYTES = 4096;

const HEAD = 0;
const LENGTH = 1;
const CHUNK_SIZE = 2;
const CHUNK_DATA = 3;
const CHUNK_END = 4;
const TRAILER = 5;
const CLOSE = 6;
const DONE = 7;

const HTTP_SLASH = Buffer.from('HTTP/');
/** A chunk-size line: leading zeros, at most 12 significant hex digits (256 TiB), extensions (blanks only before one). */
const CHUNK_LINE = /^0*([0-9A-Fa-f]{1,12})(?:[ \t]*;[\t\x20-\x7e\x80-\xff]*)?$/;
/** A trailer field: a token name, a colon, a value without control characters (passed to ResponseListener.trailer). */
const TRAILER_FIELD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:[\t\x20-\x7e\x80-\xff]*$/;

/** Reads one response from successive chunks of a connection. */
export class ResponseReader {
  private state = HEAD;
  /** Bytes of an unfinished line or head, kept across chunks. */
  private pending: Buffer | null = null;
  private remaining = 0;
  /** Bytes of the trailer section so far. */
  private trailerBytes = 0;
  /** Bytes seen after the end of the response (then the connection cannot be reused). */
  private trailing = false;
  private gotBytes = false;

  constructor(private readonly listener: ResponseListener) {}

  /** True once the body is complete. */
  get done(): boolean {
    return this.state === DONE;
  }

  /** True once any byte of the response arrived. */
  get started(): boolean {
    return this.gotBytes;
  }

  /** True when bytes followed the response (the connection then carries garbage). */
  get hadTrailingBytes(): boolean {
    return this.trailing;
  }

  /** Consumes the next chunk of the connection; throws HttpResponseError on a malformed response. */
  push(chunk: Buffer): void {
    if (chunk.length > 0) this.gotBytes = true;
    let at = 0;
    while (at < chunk.length) {
      switch (this.state) {
        case HEAD: at = this.readHead(chunk, at); break;
        case LENGTH: at = this.readCounted(chunk, at, DONE); break;
        case CHUNK_DATA: at = this.readCounted(chunk, at, CHUNK_END); break;
        case CHUNK_SIZE:
        case CHUNK_END:
        case TRAILER: at = this.readChunkLine(chunk, at); break;
        case CLOSE:
          this.listener.body(at === 0 ? chunk : chunk.subarray(at));
          return;
        default:
          this.trailing = true;
          return;
      }
    }
  }

  /** The connection ended; true when that completes the response (a body delimited by the close). */
  eof(): boolean {
    if (this.state === CLOSE) this.finish();
    return this.state === DONE;
  }

  private finish(): void {
    this.state = DONE;
    this.listener.end();
  }

  /**
   * The line from `at` through the next `\n` (with what an earlier chunk left), or null (kept) when
   * it is not complete yet; `used` bytes of the `limit` went to earlier lines of the same section.
   */
  private takeLine(chunk: Buffer, at: number, used: number, limit: number, what: string): { line: string; next: number; size: number } | null {
    const lf = chunk.indexOf(0x0a, at);
    const end = lf < 0 ? chunk.length : lf + 1;
    const kept = this.pending === null ? 0 : this.pending.length;
    if (used + kept + end - at > limit) throw new HttpResponseError(`${what} longer than ${limit} bytes`);
    if (lf < 0) {
      this.pending = kept === 0 ? Buffer.from(chunk.subarray(at)) : Buffer.concat([this.pending!, chunk.subarray(at)]);
      return null;
    }
    const bytes = kept === 0 ? chunk.subarray(at, end) : Buffer.concat([this.pending!, chunk.subarray(at, end)]);
    this.pending = null;
    return { line: stripLineEnd(bytes.toString('latin1'), what), next: end, size: bytes.length };
  }

  private readHead(chunk: Buffer, at: number): number {
    const kept = this.pending;
    if (kept === null) {
      // Empty lines before a status line are skipped, as Node's parser skips them.
      while (at < chunk.length && (chunk[at] === 0x0d || chunk[at] === 0x0a)) at++;
      if (at === chunk.length) return at;
    }
    // The head ends at the first empty line: find it, across chunks if need be.
    const bytes = kept === null ? chunk : Buffer.concat([kept, chunk.subarray(at)]);
    const start = kept === null ? at : 0;
    const end = headEnd(bytes, start);
    if (end < 0 ? bytes.length - start > MAX_HEAD_BYTES : end - start > MAX_HEAD_BYTES) {
      throw new HttpResponseError(`head longer than ${MAX_HEAD_BYTES} bytes`);
    }
    if (end < 0) {
      // Something else than HTTP on the port (SSH, a database) is named at once, not at the timeout.
      const seen = Math.min(bytes.length - start, 5);
      if (bytes.compare(HTTP_SLASH, 0, seen, start, start + seen) !== 0) {
        const line = bytes.toString('latin1', start, Math.min(bytes.length, start + 40)).split(/[\r\n]/)[0];
        throw new HttpResponseError(`not an HTTP/1.x status line: "${line}"`);
      }
      this.pending = Buffer.from(bytes.subarray(start));
      return chunk.length;
    }
    this.pending = null;
    const head = parseHead(bytes.toString('latin1', start, end));
    if (head !== null) this.begin(head); // null: an interim 1xx answer, read on
    return kept === null ? end : at + end - kept.length;
  }

  private begin(head: ResponseHead): void {
    this.listener.head(head);
    if (head.framing === 'none' || (head.framing === 'length' && head.contentLength === 0)) return this.finish();
    this.state = head.framing === 'length' ? LENGTH : head.framing === 'chunked' ? CHUNK_SIZE : CLOSE;
    this.remaining = head.contentLength;
  }

  /** Passes on up to `remaining` body bytes, then moves to `next`. */
  private readCounted(chunk: Buffer, at: number, next: number): number {
    const take = Math.min(this.remaining, chunk.length - at);
    this.listener.body(at === 0 && take === chunk.length ? chunk : chunk.subarray(at, at + take));
    this.remaining -= take;
    if (this.remaining === 0) {
      if (next === DONE) this.finish();
      else this.state = next;
    }
    return at + take;
  }

  private readChunkLine(chunk: Buffer, at: number): number {
    const state = this.state;
    const taken =
      state === TRAILER
        ? this.takeLine(chunk, at, this.trailerBytes, MAX_HEAD_BYTES, 'trailer section')
        : this.takeLine(chunk, at, 0, MAX_CHUNK_LINE_BYTES, 'chunk-size line');
    if (taken === null) return chunk.length;
    const { line } = taken;
    if (state === CHUNK_END) {
      if (line !== '') throw new HttpResponseError('chunk data longer than its size');
      this.state = CHUNK_SIZE;
    } else if (state === CHUNK_SIZE) {
      const m = CHUNK_LINE.exec(line);
      if (m === null) throw new HttpResponseError('malformed chunk size');
      this.remaining = parseInt(m[1], 16);
      this.state = this.remaining === 0 ? TRAILER : CHUNK_DATA;
    } else if (line === '') {
      this.finish();
    } else if (!TRAILER_FIELD.test(line)) {
      throw new HttpResponseError('malformed trailer field');
    } else {
      this.trailerBytes += taken.size;
      const colon = line.indexOf(':');
      this.listener.trailer?.(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
    }
    return taken.next;
  }
}

/** Offset just past the empty line that ends a head starting at `from`, or -1. */
function headEnd(bytes: Buffer, from: number): number {
  let lf = bytes.indexOf(0x0a, from);
  while (lf >= 0) {
    const next = bytes[lf + 1];
    if (next === 0x0a) return lf + 2;
    if (next === 0x0d && bytes[lf + 2] === 0x0a) return lf + 3;
    if (next === undefined || (next === 0x0d && lf + 2 >= bytes.length)) return -1;
    lf = bytes.indexOf(0x0a, lf + 1);
  }
  return -1;
}

/** A line without its `\n` or `\r\n`; a CR anywhere else is refused. */
function stripLineEnd(line: string, what: string): string {
  const body = line.endsWith('\r\n') ? line.slice(0, -2) : line.slice(0, -1);
  if (body.includes('\r')) throw new HttpResponseError(`stray CR in a ${what}`);
  return body;
}

