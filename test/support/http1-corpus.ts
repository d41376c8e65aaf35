// Test support: a seeded corpus of raw HTTP/1.x answers for comparing HTTP clients. Each case is
// the bytes a server writes for the 1st, 2nd... request on one connection (valid and malformed
// heads, every framing, chunked variants, interim answers, bytes missing or in excess), whether it
// then closes the connection, and how the bytes are cut into TCP writes with small delays.

import zlib from 'node:zlib';

/** One answer of a case: its bytes, and whether the server closes the connection after it. */
export interface Answer {
  readonly bytes: Buffer;
  readonly close: boolean;
}

/** One scripted exchange: the answer to request k on a connection is answers[min(k, last)]. */
export interface Case {
  readonly name: string;
  readonly answers: readonly Answer[];
  /** Requests each client makes, one after the other. */
  readonly requests: number;
  /** Sizes of the TCP writes (cycled over the bytes) and the delay after each, ms (0: next turn). */
  readonly writes: readonly number[];
  readonly delays: readonly number[];
}

/** Mulberry32: a small seeded PRNG with values in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rand, items: readonly T[]): T => items[int(r, items.length)];
const chance = (r: Rand, p: number): boolean => r() < p;

/** A response as parts, so that a mutation can change one of them. */
interface Parts {
  interim: string;
  status: string;
  fields: string[];
  /** The body as framed on the wire (chunked, or as is). */
  wire: Buffer;
  close: boolean;
}

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

/** A chunked encoding of `body` in random pieces, with random size spellings, extensions and trailers. */
function chunked(r: Rand, body: Buffer): Buffer {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length; ) {
    const n = Math.min(body.length - at, 1 + int(r, chance(r, 0.3) ? 5000 : 40));
    let size = n.toString(16);
    if (chance(r, 0.2)) size = size.toUpperCase();
    if (chance(r, 0.1)) size = `0${size}`;
    const ext = chance(r, 0.15) ? pick(r, [';a=b', ';x', ';name="quoted;value"', ';a=1;b=2']) : '';
    out.push(bytes(`${size}${ext}\r\n`), body.subarray(at, at + n), bytes('\r\n'));
    at += n;
  }
  const trailer = chance(r, 0.2) ? `X-Sum: ${int(r, 1000)}\r\n` : '';
  out.push(bytes(`0\r\n${trailer}\r\n`));
  return Buffer.concat(out);
}

/** A random body: text or binary, sometimes empty, sometimes large. */
function randomBody(r: Rand, tag: string): Buffer {
  const size = pick(r, [0, 1, 5, 30, 200, 1500, 9000, 70_000]);
  if (chance(r, 0.3)) return Buffer.from(Array.from({ length: size }, () => int(r, 256)));
  return Buffer.from(`${tag} `.repeat(Math.ceil(size / (tag.length + 1))).slice(0, Math.max(size, tag.length)));
}

/** A well-formed response, described by parts. */
function wellFormed(r: Rand, tag: string): Parts {
  const version = chance(r, 0.85) ? '1.1' : '1.0';
  const code = pick(r, [200, 200, 200, 200, 201, 204, 299, 302, 304, 404, 500, 503]);
  const reason = pick(r, ['OK', '', 'Whatever', 'Bad Thing Happened', 'caf\xe9']);
  const status = reason === '' && chance(r, 0.5) ? `HTTP/${version} ${code}` : `HTTP/${version} ${code} ${reason}`;
  const fields: string[] = [];
  if (chance(r, 0.7)) fields.push(`Content-Type: ${pick(r, ['text/plain; version=0.0.4', 'application/json', 'text/html'])}`);
  if (chance(r, 0.2)) fields.push('Content-Type: second/ignored');
  if (chance(r, 0.3)) fields.push(`Server: corpus/${int(r, 9)}`, 'X-Empty:', 'X-Tabs:\t spaced \t');
  const keepAlive = version === '1.0' ? chance(r, 0.5) : !chance(r, 0.2);
  if (version === '1.0' && keepAlive) fields.push(pick(r, ['Connection: keep-alive', 'Connection: Keep-Alive']));
  if (version === '1.1' && !keepAlive) fields.push(pick(r, ['Connection: close', 'Connection: foo, close']));
  if (chance(r, 0.15)) fields.push(`Keep-Alive: timeout=${pick(r, [1, 5, 30])}, max=100`);
  const body = code === 204 || code === 304 ? Buffer.alloc(0) : randomBody(r, tag);
  const encoded = body.length > 0 && chance(r, 0.1);
  if (encoded) fields.push(`Content-Encoding: ${pick(r, ['gzip', 'x-gzip', 'GZIP'])}`);
  let wire = encoded ? zlib.gzipSync(body) : body;
  let close = !keepAlive;
  const framing = code === 204 || code === 304 ? 'none' : pick(r, ['length', 'length', 'chunked', 'chunked', 'close']);
  if (framing === 'length') fields.push(`${pick(r, ['Content-Length', 'content-length', 'CONTENT-LENGTH'])}: ${wire.length}`);
  if (framing === 'chunked') {
    // A transfer coding other than chunked is not undone by either client: the body is its bytes.
    const te = pick(r, ['Transfer-Encoding: chunked', 'transfer-encoding: Chunked', 'Transfer-Encoding: gzip, chunked']);
    fields.push(te);
    wire = chunked(r, te.includes('gzip') ? zlib.gzipSync(wire) : wire);
  }
  if (framing === 'close') close = true;
  if (chance(r, 0.1)) {
    for (let i = fields.length - 1; i > 0; i--) {
      const j = int(r, i + 1);
      [fields[i], fields[j]] = [fields[j], fields[i]];
    }
  }
  const interim = chance(r, 0.15) ? pick(r, ['HTTP/1.1 100 Continue\r\n\r\n', 'HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n', 'HTTP/1.1 102 Processing\r\n\r\nHTTP/1.1 100 Continue\r\n\r\n']) : '';
  return { interim, status, fields, wire, close };
}

/** Makes a response chunked with `wire` as its framed body (a 204 or 304 becomes a 200, which has one). */
function chunkedWire(p: Parts, wire: string): void {
  p.status = p.status.replace(/^(HTTP\/1\.[01]) (204|304)/, '$1 200');
  p.fields = p.fields.filter((f) => !/^(content-length|transfer-encoding):/i.test(f));
  p.fields.push('Transfer-Encoding: chunked');
  p.wire = bytes(wire);
}

/**
 * Ways of breaking a response: each changes its parts. Left out (hand-written cases instead) are
 * those on which Node legitimately differs: bytes after the answer, 101, HTTP/2.0 and 0.9.
 */
const MUTATIONS: Record<string, (r: Rand, p: Parts) => void> = {
  'body cut short, then close': (r, p) => {
    // An answer with nothing to cut is complete: a close after it would race the next request, which
    // this client retries once and node:http does not (see http-get.test.ts), so it says it closes.
    if (p.wire.length === 0) p.fields = [...p.fields.filter((f) => !/^connection:/i.test(f)), 'Connection: close'];
    p.wire = p.wire.subarray(0, int(r, p.wire.length));
    p.close = true;
  },
  'Content-Length and Transfer-Encoding': (_r, p) => void p.fields.push(`Content-Length: ${p.wire.length}`, 'Transfer-Encoding: chunked'),
  'obs-fold': (_r, p) => void p.fields.push('X-Folded: a', ' b'),
  'control character in a value': (r, p) => void p.fields.push(`X-Bad: a${pick(r, ['\x00', '\x01', '\x1b', '\x7f', '\x0b'])}b`),
  'no colon': (_r, p) => void p.fields.push('NoColonHere'),
  'space before the colon': (_r, p) => void p.fields.push('X-Space : v'),
  'empty field name': (_r, p) => void p.fields.push(': v'),
  'head over 16 KiB': (_r, p) => void p.fields.push(`X-Big: ${'b'.repeat(17 * 1024)}`),
  'bad version': (r, p) => void (p.status = p.status.replace(/^HTTP\/1\.[01]/, pick(r, ['HTTP/1.2', 'HTTP/3.0', 'http/1.1', 'HTTP/1', 'HTTP/1.1.1']))),
  'bad status code': (r, p) => void (p.status = p.status.replace(/^(HTTP\/1\.[01]) \d+/, `$1 ${pick(r, ['20', '2000', 'abc', '', '-200', '2 00'])}`)),
  'conflicting Content-Lengths': (_r, p) => void p.fields.push(`Content-Length: ${p.wire.length}`, `Content-Length: ${p.wire.length + 1}`),
  'Content-Length not a number': (r, p) => void p.fields.push(`Content-Length: ${pick(r, ['x', '-1', '1e3', '0x10', '', '+5', '1 2'])}`),
  'stray CR in the head': (_r, p) => void p.fields.push('X-CR: a\rb'),
  'chunk size not hex': (r, p) => chunkedWire(p, `${pick(r, ['zz', '0x5', '-5', '', ' 5', '5 5', '5  ', '1234567890abcdef0'])}\r\nhello\r\n0\r\n\r\n`),
  'chunk data longer than its size': (_r, p) => chunkedWire(p, '3\r\nhello\r\n0\r\n\r\n'),
  'bad trailer': (r, p) => chunkedWire(p, `5\r\nhello\r\n0\r\n${pick(r, ['no colon', ' folded: x', 'X: a\x01b'])}\r\n\r\n`),
  'not HTTP at all': (r, p) => {
    p.interim = '';
    p.status = pick(r, ['SSH-2.0-OpenSSH_9.6', 'ICY 200 OK', '<html>']);
  },
};

/** The wire bytes of a response. */
function render(p: Parts): Buffer {
  const head = [p.status, ...p.fields].map((line) => `${line}\r\n`).join('') + '\r\n';
  return Buffer.concat([bytes(p.interim), bytes(head), p.wire]);
}

/** `count` generated cases from `seed`: well-formed answers, some with one mutation. */
export function generatedCases(seed: number, count: number): Case[] {
  const r = prng(seed);
  const out: Case[] = [];
  const names = Object.keys(MUTATIONS);
  for (let i = 0; i < count; i++) {
    const requests = chance(r, 0.3) ? 2 : 1;
    const answers: Answer[] = [];
    const labels: string[] = [];
    for (let k = 0; k < requests; k++) {
      const parts = wellFormed(r, `case${i}-answer${k}`);
      const mutation = chance(r, 0.4) ? pick(r, names) : undefined;
      if (mutation !== undefined) MUTATIONS[mutation](r, parts);
      const framing = parts.fields.find((f) => /^(content-length|transfer-encoding):/i.test(f)) ?? 'no framing';
      labels.push(`${parts.status.slice(0, 12)} ${framing}${mutation === undefined ? '' : ` + ${mutation}`}`);
      answers.push({ bytes: render(parts), close: parts.close });
    }
    out.push({ name: `#${i} ${labels.join(' / ')}`, answers, requests, ...splits(r) });
  }
  return out;
}

/** A random way of cutting bytes into writes: few large ones, many small ones, or one byte each. */
export function splits(r: Rand): Pick<Case, 'writes' | 'delays'> {
  const style = int(r, 4);
  const count = 1 + int(r, 8);
  const writes = Array.from({ length: count }, () => (style === 0 ? 1 : style === 1 ? 1 + int(r, 16) : 1 + int(r, 4000)));
  const delays = Array.from({ length: count }, () => (chance(r, 0.5) ? 0 : 1 + int(r, 2)));
  return { writes, delays };
}

const OK = 'HTTP/1.1 200 OK\r\n';
const CHUNKED = `${OK}Transfer-Encoding: chunked\r\n\r\n`;
const length = (body: string, fields = ''): string => `${OK}${fields}Content-Length: ${body.length}\r\n\r\n${body}`;
const second = length('second answer');
const GZ = zlib.gzipSync('hello, gzip');

/** Hand-written cases for the edge cases named in the review; answers ending in '|' are followed by a close. */
const FIXED: Record<string, readonly (string | Buffer)[]> = {
  'chunk extensions and a trailer': [`${CHUNKED}5;a=b;c="d;e"\r\nhello\r\n6;x\r\n world\r\n0;end\r\nX-Sum: 1\r\nX-Other: 2\r\n\r\n`, second],
  'chunk sizes with leading zeros': [`${CHUNKED}0000000000000005\r\nhello\r\n00000000000000000\r\n\r\n`, second],
  'uppercase hex chunk size': [`${CHUNKED}A\r\n0123456789\r\n0\r\n\r\n`],
  'huge chunk size, then close': [`${CHUNKED}ffffffffffff\r\nabc|`],
  'chunk size beyond 2^64': [`${CHUNKED}1ffffffffffffffff\r\nabc\r\n0\r\n\r\n|`],
  'chunk size with blanks after it': [`${CHUNKED}5  \r\nhello\r\n0\r\n\r\n`],
  'chunk size with a blank before an extension': [`${CHUNKED}5 ;a=b\r\nhello\r\n0\r\n\r\n`],
  'last chunk without the final empty line, then close': [`${CHUNKED}5\r\nhello\r\n0\r\n|`],
  'chunk data without its CRLF, then close': [`${CHUNKED}5\r\nhello|`],
  'trailer section over 16 KiB': [`${CHUNKED}5\r\nhello\r\n0\r\n${'X-T: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(400)}\r\n`],
  'Content-Length: fewer bytes, then close': [`${OK}Content-Length: 20\r\n\r\nonly ten b|`],
  'Content-Length: more bytes than announced': [`${OK}Content-Length: 5\r\n\r\nhello${length('smuggled')}`, second],
  'Content-Length with leading zeros': [`${OK}Content-Length: 0000000000000000005\r\n\r\nhello`],
  'Content-Length beyond 2^53': [`${OK}Content-Length: 99999999999999999999\r\n\r\nhello|`],
  'Content-Length repeated and listed with equal values': [`${OK}Content-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello`],
  'Content-Length and Transfer-Encoding together': [`${OK}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n`],
  'Transfer-Encoding: identity': [`${OK}Transfer-Encoding: identity\r\n\r\nread to the close|`],
  'Transfer-Encoding: chunked, gzip (chunked not last)': [`${OK}Transfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello\r\n0\r\n\r\n|`],
  'HTTP/1.0 with chunked framing': [`HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n|`],
  'obs-fold in a field': [`${OK}X-Folded: a\r\n  b\r\nContent-Length: 5\r\n\r\nhello`],
  'obs-fold of Content-Length': [`${OK}Content-Length:\r\n 5\r\n\r\nhello`],
  'bare LF line ends, in a head and in chunked framing': ['HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 5\n\nhello', 'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n6\nsecond\n0\n\n'],
  'empty lines before the status line': [`\r\n\n\r\n${length('hello')}`, `\r\n${second}`],
  '100 Continue, then the answer': [`HTTP/1.1 100 Continue\r\n\r\n${length('hello')}`, second],
  '103 with fields, then the answer': [`HTTP/1.1 103 Early Hints\r\nLink: </a>\r\nLink: </b>\r\n\r\n${length('hello')}`],
  'many 1xx answers': ['HTTP/1.1 100 Continue\r\n\r\n'.repeat(50) + length('hello')],
  '101 Switching Protocols': ['HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n|'],
  '204 with a Content-Length': ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n', second],
  '304 with chunked framing': ['HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n', second],
  '204 followed by a body': ['HTTP/1.1 204 No Content\r\n\r\nhello', second],
  'HTTP/1.0 keep-alive': [`HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 5\r\n\r\nhello`, second],
  'HTTP/1.0 without keep-alive': [`HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello`, second],
  'HTTP/1.1 close-delimited body': [`${OK}Content-Type: text/plain\r\n\r\nuntil the close|`, second],
  'Connection: close with a length': [`${OK}Connection: close\r\nContent-Length: 5\r\n\r\nhello`, second],
  'Keep-Alive: timeout=1': [`${OK}Keep-Alive: timeout=1\r\nContent-Length: 5\r\n\r\nhello`, second],
  'Content-Length: 0, reused': [`${OK}Content-Length: 0\r\n\r\n`, second],
  'close without a byte': ['|'],
  'head only, then close': [`${OK}Content-Type: text/plain\r\n\r\n|`],
  'status line without a reason': [`HTTP/1.1 404\r\nContent-Length: 5\r\n\r\nhello`],
  'reason phrase with obs-text and a tab': [`HTTP/1.1 500 Sch\xf6n\tkaputt\r\nContent-Length: 5\r\n\r\nhello`],
  '101 without Upgrade fields': ['HTTP/1.1 101 Switching Protocols\r\nContent-Length: 5\r\n\r\nhello'],
  'HTTP/2.0 status line': ['HTTP/2.0 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
  'HTTP/0.9 status line': ['HTTP/0.9 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
  'HTTP/1.2 status line': ['HTTP/1.2 200 OK\r\nContent-Length: 5\r\n\r\nhello'],
  'status 600': [`HTTP/1.1 600 Odd\r\nContent-Length: 5\r\n\r\nhello`],
  'status 099': [`HTTP/1.1 099 Odd\r\nContent-Length: 5\r\n\r\nhello`],
  'field value with obs-text': [`${OK}X-Name: caf\xe9\r\nContent-Length: 5\r\n\r\nhello`],
  'gzip body': [Buffer.concat([bytes(`${OK}Content-Encoding: gzip\r\nContent-Length: ${GZ.length}\r\n\r\n`), GZ])],
  'gzip body that is not gzip': [`${OK}Content-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello`],
};

/** Cases written in one piece, so that Node's parser sees the bytes after an answer in the same read as its end. */
const ONE_WRITE = new Set(['Content-Length: more bytes than announced', '204 followed by a body']);

/** The hand-written cases, cut into writes from `seed`. */
export function fixedCases(seed: number): Case[] {
  const r = prng(seed);
  return Object.entries(FIXED).map(([name, texts]) => {
    const answers = texts.map((t) => {
      const buffer = typeof t === 'string' ? bytes(t) : t;
      const close = buffer.at(-1) === 0x7c; // '|'
      return { bytes: close ? buffer.subarray(0, -1) : buffer, close };
    });
    const cut = splits(r);
    return { name, answers, requests: texts.length, ...(ONE_WRITE.has(name) ? { writes: [1 << 20], delays: [0] } : cut) };
  });
}
