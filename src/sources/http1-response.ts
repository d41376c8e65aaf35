// Reads one HTTP/1.x response from the bytes of a connection, as they arrive: the head (status
// line and header fields, at most 16 KiB like Node's parser), then the body as delimited by
// Content-Length, chunked transfer coding or the end of the connection. Interim 1xx answers are
// skipped. Anything malformed is an HttpResponseError that says what was wrong. Body pieces are
// views into the pushed chunks, never copies.

/** What was wrong with a response. */
export class HttpResponseError extends Error {
  constructor(what: string) {
    super(`invalid HTTP response: ${what}`);
  }
}

/** How a body is delimited. */
export type BodyFraming = 'none' | 'length' | 'chunked' | 'close';

/** Status line and header fields of a final response. */
export interface ResponseHead {
  readonly status: number;
  /** Reason phrase ('' when none). */
  readonly statusText: string;
  /** Field values by lower-case name; repeated fields joined with ', ' (Content-Type and Location: the first). */
  readonly headers: ReadonlyMap<string, string>;
  readonly framing: BodyFraming;
  /** Body length for 'length' framing. */
  readonly contentLength: number;
  /** Whether the server keeps the connection open for another request. */
  readonly keepAlive: boolean;
  /** How long the server keeps an idle connection (Keep-Alive: timeout=N), ms; undefined when not said. */
  readonly keepAliveMs: number | undefined;
}

/** Where a reader delivers what it read. */
export interface ResponseListener {
  /** The head of the final response. */
  head(head: ResponseHead): void;
  /** A piece of the (de-chunked) body; a view into a pushed chunk. */
  body(piece: Buffer): void;
  /** The body is complete. */
  end(): void;
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

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: ([\t\x20-\x7e\x80-\xff]*))?$/;
const CHUNK_LINE = /^([0-9A-Fa-f]{1,12})[ \t]*(;[\t\x20-\x7e\x80-\xff]*)?$/;
/** Fields of which only the first is kept, as Node does. */
const FIRST_ONLY = new Set(['content-type', 'location']);

/** Reads one response from successive chunks of a connection. */
export class ResponseReader {
  private state = HEAD;
  /** Bytes of an unfinished line or head, kept across chunks. */
  private pending: Buffer | null = null;
  private remaining = 0;
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

  /** The line from `at` through the next `\n` (with what an earlier chunk left), or null (kept) when it is not complete yet. */
  private takeLine(chunk: Buffer, at: number, limit: number, what: string): { line: string; next: number } | null {
    const lf = chunk.indexOf(0x0a, at);
    const end = lf < 0 ? chunk.length : lf + 1;
    const kept = this.pending === null ? 0 : this.pending.length;
    if (kept + end - at > limit) throw new HttpResponseError(`${what} longer than ${limit} bytes`);
    if (lf < 0) {
      this.pending = kept === 0 ? Buffer.from(chunk.subarray(at)) : Buffer.concat([this.pending!, chunk.subarray(at)]);
      return null;
    }
    const bytes = kept === 0 ? chunk.subarray(at, end) : Buffer.concat([this.pending!, chunk.subarray(at, end)]);
    this.pending = null;
    return { line: stripLineEnd(bytes.toString('latin1'), what), next: end };
  }

  private readHead(chunk: Buffer, at: number): number {
    // The head ends at the first empty line: find it, across chunks if need be.
    const kept = this.pending;
    const bytes = kept === null ? chunk : Buffer.concat([kept, chunk.subarray(at)]);
    const start = kept === null ? at : 0;
    const end = headEnd(bytes, start);
    if (end < 0 ? bytes.length - start > MAX_HEAD_BYTES : end - start > MAX_HEAD_BYTES) {
      throw new HttpResponseError(`head longer than ${MAX_HEAD_BYTES} bytes`);
    }
    if (end < 0) {
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
    const taken = this.takeLine(chunk, at, state === TRAILER ? MAX_HEAD_BYTES : MAX_CHUNK_LINE_BYTES, state === TRAILER ? 'trailer field' : 'chunk-size line');
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
    } else if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+:/.test(line)) {
      throw new HttpResponseError('malformed trailer field');
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

/** Parses a head (ending with its empty line); null for an interim 1xx answer. */
export function parseHead(text: string): ResponseHead | null {
  const lines = text.split('\n');
  lines.length -= 2; // the empty line, and what follows its LF
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const cr = line.indexOf('\r');
    if (cr >= 0 && cr !== line.length - 1) throw new HttpResponseError('stray CR in the head');
    if (cr >= 0) lines[i] = line.slice(0, -1);
  }
  const status = STATUS_LINE.exec(lines[0]);
  if (status === null) throw new HttpResponseError(`not an HTTP/1.x status line: "${lines[0].slice(0, 40)}"`);
  const code = Number(status[2]);
  const headers = new Map<string, string>();
  const lengths: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line[0] === ' ' || line[0] === '\t') throw new HttpResponseError('folded header line');
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : line.slice(0, colon).toLowerCase();
    if (!TOKEN.test(name)) throw new HttpResponseError('malformed header field');
    const value = line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (!FIELD_VALUE.test(value)) throw new HttpResponseError(`control character in header field ${name}`);
    if (name === 'content-length') lengths.push(...value.split(',').map((v) => v.trim()));
    const seen = headers.get(name);
    if (seen === undefined) headers.set(name, value);
    else if (!FIRST_ONLY.has(name)) headers.set(name, `${seen}, ${value}`);
  }
  if (code < 200) {
    if (code === 101) throw new HttpResponseError('unexpected 101 Switching Protocols');
    return null;
  }
  const http11 = status[1] === '1';
  const connection = tokens(headers.get('connection'));
  let keepAlive = http11 ? !connection.includes('close') : connection.includes('keep-alive');
  let framing: BodyFraming;
  let contentLength = 0;
  const te = headers.get('transfer-encoding');
  if (code === 204 || code === 304) {
    framing = 'none';
  } else if (te !== undefined) {
    if (lengths.length > 0) throw new HttpResponseError('both Content-Length and Transfer-Encoding');
    framing = tokens(te).at(-1) === 'chunked' ? 'chunked' : 'close';
  } else if (lengths.length > 0) {
    if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) throw new HttpResponseError('malformed or conflicting Content-Length');
    framing = 'length';
    contentLength = Number(lengths[0]);
  } else {
    framing = 'close';
  }
  if (framing === 'close') keepAlive = false;
  const hint = /(?:^|[,;\s])timeout=(\d{1,9})(?:$|[,;\s])/i.exec(headers.get('keep-alive') ?? '');
  return {
    status: code,
    statusText: status[3] ?? '',
    headers,
    framing,
    contentLength,
    keepAlive,
    keepAliveMs: hint === null ? undefined : Number(hint[1]) * 1000,
  };
}

/** Lower-case, comma-separated tokens of a field value. */
function tokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.toLowerCase().split(',').map((t) => t.trim()).filter((t) => t !== '');
}
