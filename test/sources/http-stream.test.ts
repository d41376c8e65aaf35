// httpStream against real loopback servers: pieces handed on while the body is still arriving,
// trailer fields kept (empty and not), 204, an error body excerpt, the byte cap, a stalled body
// timing out and leaving the connection usable, the caller stopping the body, a refused port,
// keep-alive reuse, and a compressed answer it did not ask for.

import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { createConnection } from '../../src/sources/http-agent.js';
import { httpStream, type HttpStreamRequest, type HttpStreamResult } from '../../src/sources/http-stream.js';
import type { Http1Connection } from '../../src/sources/http1-connection.js';
import { listenLoopback } from '../support/listen-loopback.js';

interface Served {
  readonly url: string;
  connections(): number;
  readonly heads: http.IncomingHttpHeaders[];
}

async function serve(t: TestContext, handler: http.RequestListener): Promise<Served> {
  let connections = 0;
  const heads: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    heads.push(req.headers);
    handler(req, res);
  });
  server.on('connection', () => connections++);
  const port = await listenLoopback(t, server);
  return { url: `http://127.0.0.1:${port}/peers`, connections: () => connections, heads };
}

function connect(t: TestContext, url: string): Http1Connection {
  const connection = createConnection(new URL(url), {});
  t.after(() => connection.close());
  return connection;
}

function stream(connection: Http1Connection, url: string, extra: Partial<HttpStreamRequest> = {}): { pieces: string[]; done: Promise<HttpStreamResult> } {
  const pieces: string[] = [];
  const done = httpStream({
    url: new URL(url), connection, headers: { accept: 'application/json', 'accept-encoding': 'gzip' }, timeoutMs: 5000, maxBytes: 1 << 20,
    errorBodyBytes: 64, trailers: ['x-stream-error'], onPiece: (p) => void pieces.push(p.toString()), ...extra,
  });
  return { pieces, done };
}

function okResult(result: HttpStreamResult) {
  assert.ok(result.ok, result.ok ? '' : `${result.failure}: ${'error' in result ? String(result.error) : ''}`);
  return result;
}

describe('httpStream', () => {
  it('hands each piece on while the body is still arriving, and keeps an X-Stream-Error trailer', async (t) => {
    let respond: (() => void) | undefined;
    const srv = await serve(t, (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', trailer: 'X-Stream-Error' });
      res.write('{"id":"A"}\n');
      respond = () => {
        res.addTrailers({ 'X-Stream-Error': 'peer B: context deadline exceeded', 'X-Other': 'dropped' });
        res.end('{"id":"B"}\n');
      };
    });
    const connection = connect(t, srv.url);
    const pieces: string[] = [];
    const result = okResult(await stream(connection, srv.url, {
      // The server sends the second line only once the first was handed on: no waiting for the end.
      onPiece: (p) => {
        pieces.push(p.toString());
        if (pieces.length === 1) respond!();
        return undefined;
      },
    }).done);
    assert.equal(pieces.join(''), '{"id":"A"}\n{"id":"B"}\n');
    assert.equal(pieces[0], '{"id":"A"}\n');
    assert.equal(result.status, 200);
    assert.deepEqual(result.trailers, { 'x-stream-error': 'peer B: context deadline exceeded' });
    assert.equal(result.bodyBytes, 22);
    assert.equal(srv.heads[0]['accept-encoding'], 'identity', 'the body is asked for uncompressed');
  });

  it('an empty trailer is kept as empty; a reused connection serves the next request', async (t) => {
    const srv = await serve(t, (_req, res) => {
      res.writeHead(200, { trailer: 'X-Stream-Error' });
      res.addTrailers({ 'X-Stream-Error': '' });
      res.end('{"id":"A"}\n');
    });
    const connection = connect(t, srv.url);
    for (let i = 0; i < 3; i++) {
      const s = stream(connection, srv.url);
      assert.deepEqual(okResult(await s.done).trailers, { 'x-stream-error': '' });
      assert.equal(s.pieces.join(''), '{"id":"A"}\n');
    }
    assert.equal(srv.connections(), 1);
  });

  it('204 gives no piece; a 500 gives the start of its body, not to onPiece', async (t) => {
    const srv = await serve(t, (req, res) => {
      if (req.url === '/empty') {
        res.writeHead(204);
        return res.end();
      }
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: `no pins: ${'z'.repeat(500)}` }));
    });
    const connection = connect(t, srv.url);
    const empty = stream(connection, new URL('/empty', srv.url).href);
    const r204 = okResult(await empty.done);
    assert.equal(r204.status, 204);
    assert.deepEqual(empty.pieces, []);
    const failed = stream(connection, srv.url);
    const r500 = okResult(await failed.done);
    assert.equal(r500.status, 500);
    assert.deepEqual(failed.pieces, []);
    assert.equal(r500.errorBody.toString(), '{"code":500,"message":"no pins: zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz'.slice(0, 64));
    assert.equal(srv.connections(), 1, 'the error body was read to its end: the socket is reused');
  });

  it('a body over the cap fails as too big, chunked or with a Content-Length', async (t) => {
    const srv = await serve(t, (req, res) => {
      const body = 'x'.repeat(5000);
      if (req.url === '/length') res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    for (const path of ['/chunked', '/length']) {
      const url = new URL(path, srv.url).href;
      const s = stream(connect(t, url), url, { maxBytes: 4096 });
      const result = await s.done;
      assert.deepEqual(result, { ok: false, failure: 'too-big' }, path);
      assert.ok(s.pieces.join('').length <= 4096);
    }
  });

  it('a stalled body times out at the deadline, and the next request on the connection goes through', async (t) => {
    let calls = 0;
    const srv = await serve(t, (_req, res) => {
      if (calls++ > 0) return res.end('{"ok":true}\n');
      res.writeHead(200, { trailer: 'X-Stream-Error' });
      res.write('{"id":"A"}\n'); // ...and never more
    });
    const connection = connect(t, srv.url);
    const stalled = stream(connection, srv.url, { timeoutMs: 150 });
    const next = stream(connection, srv.url); // waits its turn behind the stalled one
    assert.deepEqual(await stalled.done, { ok: false, failure: 'timeout' });
    assert.deepEqual(stalled.pieces, ['{"id":"A"}\n']);
    assert.equal(okResult(await next.done).status, 200);
    assert.equal(next.pieces.join(''), '{"ok":true}\n');
  });

  it('stops when onPiece returns an error, dropping the socket', async (t) => {
    const srv = await serve(t, (_req, res) => res.end('{"id":"A"}\nnot json\n'));
    const connection = connect(t, srv.url);
    const result = await stream(connection, srv.url, { onPiece: () => new Error('line 2 is not JSON') }).done;
    assert.ok(!result.ok && result.failure === 'rejected' && result.error.message === 'line 2 is not JSON');
    okResult(await stream(connection, srv.url).done);
    assert.equal(srv.connections(), 2);
  });

  it('a refused port is a node error with ECONNREFUSED', async (t) => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/peers`;
    const result = await stream(connect(t, url), url).done;
    assert.ok(!result.ok && result.failure === 'node-error');
    assert.equal((result.error as NodeJS.ErrnoException).code, 'ECONNREFUSED');
  });

  it('a compressed answer it did not ask for is refused', async (t) => {
    const srv = await serve(t, (_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(Buffer.from([0x1f, 0x8b, 0, 0]));
    });
    const s = stream(connect(t, srv.url), srv.url);
    assert.deepEqual(await s.done, { ok: false, failure: 'encoding', encoding: 'gzip' });
    assert.deepEqual(s.pieces, []);
  });
});
