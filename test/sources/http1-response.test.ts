// ResponseReader on response bytes: every framing gives the same body however the bytes are cut
// into chunks, interim 1xx answers are skipped, the connection's reuse is read from the head, and
// each malformed response fails with a message that says what was wrong.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HttpResponseError, MAX_HEAD_BYTES, ResponseReader, type ResponseHead } from '../../src/sources/http1-response.js';

interface Read {
  head: ResponseHead | undefined;
  body: Buffer;
  ended: boolean;
  reader: ResponseReader;
}

/** Pushes `chunks` through a reader (then an end of stream when `eof`) and collects what it delivers. */
function read(chunks: readonly (string | Buffer)[], eof = false): Read {
  const out: Read = { head: undefined, body: Buffer.alloc(0), ended: false, reader: undefined as unknown as ResponseReader };
  const pieces: Buffer[] = [];
  out.reader = new ResponseReader({
    head: (h) => (out.head = h),
    body: (piece) => pieces.push(Buffer.from(piece)),
    end: () => (out.ended = true),
  });
  for (const c of chunks) out.reader.push(typeof c === 'string' ? Buffer.from(c, 'latin1') : c);
  if (eof) out.reader.eof();
  out.body = Buffer.concat(pieces);
  return out;
}

/** Every way of cutting `text` in two, and byte by byte. */
function cuts(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

const BODY = 'up 1\nipfscluster_pins 48224\n';
const CHUNKED = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';

describe('ResponseReader framings', () => {
  it('Content-Length, cut anywhere', () => {
    const text = `HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`;
    for (const chunks of cuts(text)) {
      const r = read(chunks);
      assert.equal(r.body.toString(), BODY, JSON.stringify(chunks.slice(0, 2)));
      assert.ok(r.ended && r.reader.done && !r.reader.hadTrailingBytes);
      assert.equal(r.head?.status, 200);
      assert.equal(r.head?.statusText, 'OK');
      assert.equal(r.head?.contentType, 'text/plain; version=0.0.4');
      assert.equal(r.head?.keepAlive, true);
    }
  });

  it('chunked, with extensions and trailer fields, cut anywhere', () => {
    const text = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;name=value\r\nup 1\n\r\n17 \t;x\r\nipfscluster_pins 48224\n\r\n0\r\nX-Checksum: abc\r\n\r\n';
    for (const chunks of cuts(text)) {
      const r = read(chunks);
      assert.equal(r.body.toString(), BODY, JSON.stringify(chunks.slice(0, 2)));
      assert.ok(r.ended && r.head?.framing === 'chunked' && r.head.keepAlive);
    }
  });

  it('hands each trailer field to the listener, name lower-cased and value trimmed, before the end, cut anywhere', () => {
    const text = `${CHUNKED}2\r\n{}\r\n0\r\nX-Stream-Error:  peer gone \t\r\nX-Empty:\r\n\r\n`;
    for (const chunks of cuts(text)) {
      const fields: string[] = [];
      let endedFirst = false;
      const reader = new ResponseReader({
        head: () => undefined,
        body: () => undefined,
        end: () => (endedFirst = fields.length === 0),
        trailer: (name, value) => fields.push(`${name}=${value}`),
      });
      for (const c of chunks) reader.push(Buffer.from(c, 'latin1'));
      assert.deepEqual(fields, ['x-stream-error=peer gone', 'x-empty='], JSON.stringify(chunks.slice(0, 2)));
      assert.ok(reader.done && !endedFirst);
    }
  });

  it('chunk sizes and Content-Length may have any number of leading zeros', () => {
    const chunked = read([`${CHUNKED}0000000000000005\r\nhello\r\n00000000000000000000\r\n\r\n`]);
    assert.ok(chunked.ended);
    assert.equal(chunked.body.toString(), 'hello');
    const counted = read(['HTTP/1.1 200 OK\r\nContent-Length: 0000000000000000005\r\n\r\nhello']);
    assert.equal(counted.head?.contentLength, 5);
    assert.ok(counted.ended);
    assert.throws(() => read([`${CHUNKED}0001234567890abc\r\n`]), /malformed chunk size/, 'still at most 12 significant digits');
  });

  it('empty lines before a status line are skipped, as Node does', () => {
    for (const chunks of cuts(`\r\n\n\r\nHTTP/1.1 100 Continue\r\n\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`)) {
      const r = read(chunks);
      assert.equal(r.body.toString(), BODY, JSON.stringify(chunks.slice(0, 2)));
      assert.ok(r.ended);
    }
  });

  it('bare LF line ends are read like CRLF', () => {
    const r = read([`HTTP/1.1 200 OK\nContent-Length: ${BODY.length}\n\n${BODY}`]);
    assert.equal(r.body.toString(), BODY);
  });

  it('a body delimited by the end of the connection, which the connection cannot outlive', () => {
    const r = read(['HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n', BODY.slice(0, 5), BODY.slice(5)]);
    assert.equal(r.ended, false, 'not complete before the end of stream');
    assert.equal(r.reader.eof(), true);
    assert.equal(r.body.toString(), BODY);
    assert.equal(r.head?.keepAlive, false);
  });

  it('an end of stream before a counted body is complete is not a complete response', () => {
    const r = read([`HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n${BODY}`]);
    assert.equal(r.reader.eof(), false);
    assert.equal(r.ended, false);
  });

  it('no body for 204 and 304; interim 1xx answers are skipped', () => {
    assert.ok(read(['HTTP/1.1 204 No Content\r\n\r\n']).ended);
    assert.ok(read(['HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n']).ended);
    const r = read([`HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`]);
    assert.equal(r.head?.status, 200);
    assert.equal(r.body.toString(), BODY);
  });

  it('bytes after the response are noted, so the connection is not reused', () => {
    const r = read([`HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nup 1extra`]);
    assert.equal(r.body.toString(), 'up 1');
    assert.ok(r.ended && r.reader.hadTrailingBytes);
  });
});

describe('ResponseReader heads', () => {
  const head = (text: string): ResponseHead => read([`${text}\r\n\r\n`]).head as ResponseHead;

  it('reads reuse from the version, Connection and Keep-Alive', () => {
    assert.equal(head('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close').keepAlive, false);
    assert.equal(head('HTTP/1.0 200 OK\r\nContent-Length: 0').keepAlive, false);
    assert.equal(head('HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive').keepAlive, true);
    assert.equal(head('HTTP/1.0 200 OK\r\nContent-Length: 0\r\nConnection: Keep-Alive\r\nConnection: close').keepAlive, false, 'close wins');
    const hinted = head('HTTP/1.1 200 OK\r\nContent-Length: 0\r\nKeep-Alive: timeout=5, max=100');
    assert.equal(hinted.keepAlive, true);
    assert.equal(hinted.keepAliveMs, 5000);
    assert.equal(head('HTTP/1.1 200 OK\r\nContent-Length: 0').keepAliveMs, undefined);
  });

  it('joins repeated fields, keeps the first Content-Type and Location, trims blanks; no reason phrase is fine', () => {
    const h = head('HTTP/1.1 302\r\nLocation: /a\r\nLocation: /b\r\nContent-Encoding: gzip\r\ncontent-encoding:  br \r\nContent-Type: a\r\nContent-Type: b\r\nContent-Length: 0, 0\r\nX-Other:\t\tx y\t');
    assert.equal(h.status, 302);
    assert.equal(h.statusText, '');
    assert.equal(h.location, '/a');
    assert.equal(h.contentEncoding, 'gzip, br');
    assert.equal(h.contentType, 'a');
    assert.equal(h.contentLength, 0);
    assert.equal(head('HTTP/1.1 200 OK\r\nContent-Length: 0').contentType, '');
  });

  it('Transfer-Encoding not ending in chunked is read to the end of the connection', () => {
    assert.equal(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip').framing, 'close');
    assert.equal(head('HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked').framing, 'chunked');
  });

  it('refuses malformed responses, saying what is wrong', () => {
    const bad: [string, RegExp][] = [
      ['garbage\r\n\r\n', /not an HTTP\/1\.x status line: "g(arbage)?"/], // byte by byte, it is refused at the g
      ['HTTP/2 200 OK\r\n\r\n', /not an HTTP\/1\.x status line/],
      ['HTTP/1.1 200 OK\r\nX-A: 1\r\n folded\r\n\r\n', /folded header line/],
      ['HTTP/1.1 200 OK\r\nno colon\r\n\r\n', /malformed header field/],
      ['HTTP/1.1 200 OK\r\nX-A: a\x01b\r\n\r\n', /control character in the head/],
      ['HTTP/1.1 200 O\x00K\r\n\r\n', /control character in the head/],
      ['HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n', /stray CR/],
      ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n', /both Content-Length and Transfer-Encoding/],
      ['HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', /conflicting Content-Length/],
      ['HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n', /both Content-Length and Transfer-Encoding/],
      ['HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n', /conflicting Content-Length/],
      ['HTTP/1.1 100 Continue\r\nContent-Length: x\r\n\r\n', /malformed or conflicting Content-Length/],
      ['HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n', /malformed or conflicting Content-Length/],
      ['HTTP/1.1 101 Switching Protocols\r\n\r\n', /unexpected 101/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /malformed chunk size/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n', /chunk data longer than its size/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1234567890abc\r\n', /malformed chunk size/],
      ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5 \t\r\nhello\r\n0\r\n\r\n', /malformed chunk size/],
      [`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BYTES)}\r\n\r\n`, /head longer than 16384 bytes/],
    ];
    for (const [text, message] of bad) {
      for (const chunks of [[text], [...text]]) {
        assert.throws(() => read(chunks), (err: unknown) => err instanceof HttpResponseError && message.test(err.message) && /^invalid HTTP response: /.test(err.message), text.slice(0, 60));
      }
    }
  });

  it('caps the whole trailer section, not each of its lines, and refuses a control character in it', () => {
    const field = `X-T: ${'a'.repeat(50)}\r\n`;
    const fields = field.repeat(400); // 22 KB in short lines
    for (const chunks of [[`${CHUNKED}0\r\n${fields}\r\n`], [CHUNKED, '0\r\n', ...fields.match(/[^]{1,700}/g)!, '\r\n']]) {
      assert.throws(() => read(chunks), /trailer section longer than 16384 bytes/);
    }
    assert.ok(read([`${CHUNKED}0\r\n${field.repeat(250)}\r\n`]).ended, 'a trailer section within the cap');
    assert.throws(() => read([`${CHUNKED}0\r\nX-A: a\x01b\r\n\r\n`]), /malformed trailer field/);
  });

  it('refuses an answer that is not HTTP as soon as its first bytes show it', () => {
    const reader = new ResponseReader({ head: () => undefined, body: () => undefined, end: () => undefined });
    assert.throws(() => reader.push(Buffer.from('SSH-2.0-OpenSSH_9.6\r\n')), /not an HTTP\/1\.x status line: "SSH-2\.0-OpenSSH_9\.6"/);
    const slow = new ResponseReader({ head: () => undefined, body: () => undefined, end: () => undefined });
    slow.push(Buffer.from('HT'));
    slow.push(Buffer.from('TP/1.1 2'));
    assert.throws(() => new ResponseReader({ head: () => undefined, body: () => undefined, end: () => undefined }).push(Buffer.from('HTX')), /not an HTTP\/1\.x status line: "HTX"/);
  });

  it('refuses a head that never ends once it passes the limit', () => {
    const reader = new ResponseReader({ head: () => undefined, body: () => undefined, end: () => undefined });
    reader.push(Buffer.from('HTTP/1.1 200 OK\r\n'));
    const line = Buffer.from(`X-A: ${'a'.repeat(1000)}\r\n`);
    assert.throws(() => {
      for (let i = 0; i < 20; i++) reader.push(line);
    }, /head longer than 16384 bytes/);
  });
});
