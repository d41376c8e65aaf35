// The head of an HTTP/1.x response, read as Node's parser reads it: the status line, header
// fields (no control characters, no folded lines, names that are tokens), and from those how the
// body is delimited and whether the connection may carry another request. Only the fields a
// reader needs are kept.

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
  /** Content-Type ('' when absent; the first when repeated, as Node keeps it). */
  readonly contentType: string;
  /** Content-Encoding; repeated fields joined with ', '. */
  readonly contentEncoding: string | undefined;
  /** Location (the first when repeated). */
  readonly location: string | undefined;
  readonly framing: BodyFraming;
  /** Body length for 'length' framing. */
  readonly contentLength: number;
  /** Whether the server keeps the connection open for another request. */
  readonly keepAlive: boolean;
  /** How long the server keeps an idle connection (Keep-Alive: timeout=N), ms; undefined when not said. */
  readonly keepAliveMs: number | undefined;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters no head may hold: controls other than HT, CR and LF, and DEL. */
const HEAD_CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
const STRAY_CR = /\r(?!\n)/;
const STATUS_LINE = /^HTTP\/1\.([01]) ([1-9]\d\d)(?: ([^\r\n]*))?$/;
const KEEP_ALIVE_TIMEOUT = /(?:^|[,;\s])timeout=(\d{1,9})(?:$|[,;\s])/i;

/** Parses a head (ending with its empty line); null for an interim 1xx answer. */
export function parseHead(text: string): ResponseHead | null {
  if (HEAD_CONTROL.test(text)) throw new HttpResponseError('control character in the head');
  if (STRAY_CR.test(text)) throw new HttpResponseError('stray CR in the head');
  let lf = text.indexOf('\n');
  const status = STATUS_LINE.exec(text.slice(0, lineEnd(text, lf)));
  if (status === null) throw new HttpResponseError(`not an HTTP/1.x status line: "${text.slice(0, Math.min(40, lineEnd(text, lf)))}"`);
  const fields: Fields = { contentType: undefined, contentEncoding: undefined, location: undefined, connection: '', transferEncoding: undefined, contentLength: undefined, keepAlive: '' };
  for (let start = lf + 1; ; start = lf + 1) {
    lf = text.indexOf('\n', start);
    const end = lineEnd(text, lf);
    if (end === start) break; // the empty line that ends the head
    const first = text.charCodeAt(start);
    if (first === 0x20 || first === 0x09) throw new HttpResponseError('folded header line');
    const colon = text.indexOf(':', start);
    const name = colon < 0 || colon > end ? '' : text.slice(start, colon).toLowerCase();
    if (!TOKEN.test(name)) throw new HttpResponseError('malformed header field');
    let from = colon + 1;
    let to = end;
    while (from < to && (text.charCodeAt(from) === 0x20 || text.charCodeAt(from) === 0x09)) from++;
    while (to > from && (text.charCodeAt(to - 1) === 0x20 || text.charCodeAt(to - 1) === 0x09)) to--;
    keepField(fields, name, text.slice(from, to));
  }
  // The framing fields are checked whatever the status: a Content-Length beside a Transfer-Encoding,
  // or lengths that disagree, mark a broken or hostile peer even where no body follows.
  let framing: BodyFraming;
  let contentLength = 0;
  if (fields.transferEncoding !== undefined) {
    if (fields.contentLength !== undefined) throw new HttpResponseError('both Content-Length and Transfer-Encoding');
    framing = tokens(fields.transferEncoding).at(-1) === 'chunked' ? 'chunked' : 'close';
  } else if (fields.contentLength !== undefined) {
    // Leading zeros are fine (1*DIGIT); more than 15 digits after them is more than any body we take.
    const lengths = fields.contentLength.split(',').map((v) => v.trim().replace(/^0+(?=\d)/, ''));
    if (!lengths.every((v) => /^\d{1,15}$/.test(v) && v === lengths[0])) throw new HttpResponseError('malformed or conflicting Content-Length');
    framing = 'length';
    contentLength = Number(lengths[0]);
  } else {
    framing = 'close';
  }
  const code = Number(status[2]);
  if (code < 200) {
    if (code === 101) throw new HttpResponseError('unexpected 101 Switching Protocols');
    return null;
  }
  if (code === 204 || code === 304) {
    framing = 'none';
    contentLength = 0;
  }
  const connection = tokens(fields.connection);
  // RFC 9112 §9.3: "close" ends the connection whatever the version; HTTP/1.0 keeps it only when asked.
  let keepAlive = !connection.includes('close') && (status[1] === '1' || connection.includes('keep-alive'));
  if (framing === 'close') keepAlive = false;
  const hint = KEEP_ALIVE_TIMEOUT.exec(fields.keepAlive);
  return {
    status: code,
    statusText: status[3] ?? '',
    contentType: fields.contentType ?? '',
    contentEncoding: fields.contentEncoding,
    location: fields.location,
    framing,
    contentLength,
    keepAlive,
    keepAliveMs: hint === null ? undefined : Number(hint[1]) * 1000,
  };
}

/** The header fields a response is read by. */
interface Fields {
  contentType: string | undefined;
  contentEncoding: string | undefined;
  location: string | undefined;
  connection: string;
  transferEncoding: string | undefined;
  contentLength: string | undefined;
  keepAlive: string;
}

/** Keeps a field the reader needs: the first Content-Type and Location (as Node does), the others joined. */
function keepField(fields: Fields, name: string, value: string): void {
  switch (name) {
    case 'content-type': fields.contentType ??= value; break;
    case 'location': fields.location ??= value; break;
    case 'content-encoding': fields.contentEncoding = joined(fields.contentEncoding, value); break;
    case 'connection': fields.connection = joined(fields.connection, value); break;
    case 'transfer-encoding': fields.transferEncoding = joined(fields.transferEncoding, value); break;
    case 'content-length': fields.contentLength = joined(fields.contentLength, value); break;
    case 'keep-alive': fields.keepAlive = joined(fields.keepAlive, value); break;
  }
}

function joined(seen: string | undefined, value: string): string {
  return seen === undefined || seen === '' ? value : `${seen}, ${value}`;
}

/** Where the line ending at the `\n` at `lf` ends, without its `\r`. */
function lineEnd(text: string, lf: number): number {
  return text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
}

/** Lower-case, comma-separated tokens of a field value. */
function tokens(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.toLowerCase().split(',').map((t) => t.trim()).filter((t) => t !== '');
}
