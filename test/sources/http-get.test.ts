// httpGet and its keep-alive connection against real loopback servers, Node's and raw TCP ones
// that write exact bytes: chunked and close-delimited bodies, 1xx answers, when a connection is
// reused and when not, requests waiting their turn, the request head, malformed answers, and an
// idle connection that does not keep the process alive.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { createConnection } from '../../src/sources/http-agent.js';
import { httpGet, type HttpGetResult } from '../../src/sources/http-get.js';
import type { Http1Connection } from '../../src/sources/http1-connection.js';
import { ONE_SHOT_GZIP_BYTES } from '../../src/sources/scrape-body.js';
import { startChunkFlood } from '../support/chunk-flood.js';
import { listenLoopback } from '../support/listen-loopback.js';

const BODY = 'ipfscluster_pins 48224\n';

interface Counted {
  readonly url: string;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Request heads received, as raw lines. */
  readonly requests: string[][];
}

/** A Node server with `handler`, counting connections and keeping each request's raw head lines. */
async function serveNode(t: TestContext, handler: http.RequestListener): Promise<Counted> {
  let connections = 0;
  const requests: string[][] = [];
  const server = http.createServer((req, res) => {
    const lines: string[] = [`${req.method} ${req.url}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    requests.push(lines);
    handler(req, res);
  });
  server.on('connection', () => connections++);
  const port = await listenLoopback(t, server);
  return { url: `http://127.0.0.1:${port}/metrics`, connections: () => connections, requests };
}

/** A TCP server that answers every request head it reads with `answer(n)` (n counts requests), as bytes. */
async function serveRaw(t: TestContext, answer: (n: number, socket: net.Socket) => void): Promise<{ url: string; connections(): number }> {
  let connections = 0;
  let requests = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      while (pending.includes('\r\n\r\n')) {
        pending = pending.slice(pending.indexOf('\r\n\r\n') + 4);
        answer(requests++, socket);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/metrics`, connections: () => connections };
}

/** A connection for `url`, closed when the test ends. */
function connect(t: TestContext, url: string): Http1Connection {
  const connection = createConnection(new URL(url), {});
  t.after(() => connection.close());
  return connection;
}

function get(connection: Http1Connection, url: string, headers: Record<string, string> = {}): Promise<HttpGetResult> {
  return httpGet({ url: new URL(url), connection, headers, timeoutMs: 5000, maxBytes: 1 << 20, errorBodyBytes: 1024 });
}

/** The body of a successful result. */
function bodyOf(result: HttpGetResult): string {
  assert.ok(result.ok, result.ok ? '' : `${result.failure}: ${'error' in result ? String(result.error) : ''}`);
  return result.body.toString();
}

describe('httpGet bodies', () => {
  it('reads a chunked body with trailers, over one reused connection', async (t) => {
    const srv = await serveNode(t, (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain', trailer: 'x-sum' });
      res.write(BODY.slice(0, 7));
      setImmediate(() => {
        res.addTrailers({ 'x-sum': '1' });
        res.end(BODY.slice(7));
      });
    });
    const connection = connect(t, srv.url);
    for (let i = 0; i < 3; i++) assert.equal(bodyOf(await get(connection, srv.url)), BODY);
    assert.equal(srv.connections(), 1);
  });

  it('skips 1xx answers', async (t) => {
    const srv = await serveNode(t, (_req, res) => {
      res.writeEarlyHints({ link: '</style.css>; rel=preload' });
      res.end(BODY);
    });
    assert.equal(bodyOf(await get(connect(t, srv.url), srv.url)), BODY);
  });

  it('reads a body delimited by the end of the connection, then opens a new one', async (t) => {
    const srv = await serveRaw(t, (_n, socket) => socket.end(`HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\n${BODY}`));
    const connection = connect(t, srv.url);
    assert.equal(bodyOf(await get(connection, srv.url)), BODY);
    assert.equal(bodyOf(await get(connection, srv.url)), BODY);
    assert.equal(srv.connections(), 2);
  });
  it('a gzip body still inflating when the server closes the connection is read whole', async (t) => {
    // An error page goes through the streaming inflater, which ends after the socket closes.
    const body = Buffer.from('<html><body><h1>502 Bad Gateway</h1></body></html>');
    for (const [status, framing] of [[502, 'close'], [503, 'length']] as const) {
      const gz = zlib.gzipSync(body);
      const head = `HTTP/1.1 ${status} X\r\nContent-Encoding: gzip\r\n${framing === 'length' ? `Content-Length: ${gz.length}\r\n` : ''}Connection: close\r\n\r\n`;
      const srv = await serveRaw(t, (_n, socket) => socket.end(Buffer.concat([Buffer.from(head), gz])));
      const result = await httpGet({ url: new URL(srv.url), connection: connect(t, srv.url), headers: {}, timeoutMs: 5000, maxBytes: 1 << 20, errorBodyBytes: 8192 });
      assert.ok(result.ok, `${status} ${framing}: ${JSON.stringify(result)}`);
      assert.equal(result.status, status);
      assert.ok(result.body.equals(body));
    }
  });
});

describe('httpGet body memory', () => {
  it('bodies of known length, read across many reads, are whole and each its own', async (t) => {
    // Different sizes and contents per answer; sent in pieces so that reads land at odd offsets.
    const bodies = [1, 2, 3].map((n) => Buffer.from(`${'x'.repeat(70_000 * n + n)}|${n}\n`));
    let next = 0;
    const srv = await serveNode(t, (_req, res) => {
      const body = bodies[next++ % bodies.length];
      res.writeHead(200, { 'content-length': body.length });
      let at = 0;
      const pump = (): void => {
        if (at >= body.length) return void res.end();
        res.write(body.subarray(at, at + 40_000 + (at % 7)));
        at += 40_000 + (at % 7);
        setImmediate(pump);
      };
      pump();
    });
    const connection = connect(t, srv.url);
    const results: Buffer[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await get(connection, srv.url.replace('/metrics', `/m${i}`), {});
      assert.ok(r.ok);
      results.push(r.body);
    }
    results.forEach((body, i) => assert.ok(body.equals(bodies[i % 3]), `body ${i} intact after the later ones were read`));
    assert.equal(srv.connections(), 1);
  });

  it('small bodies that arrive with their head are copied out of the read buffer', async (t) => {
    let n = 0;
    const srv = await serveNode(t, (_req, res) => {
      n++;
      const body = `answer ${n} `.repeat(n);
      if (n % 2 === 0) res.write(''); // no Content-Length: chunked
      res.end(body);
    });
    const connection = connect(t, srv.url);
    const results: HttpGetResult[] = [];
    for (let i = 0; i < 4; i++) results.push(await get(connection, srv.url));
    assert.deepEqual(results.map(bodyOf), [1, 2, 3, 4].map((k) => `answer ${k} `.repeat(k)));
  });
  it('a body in 1-byte chunks is whole, plain or gzip past the one-shot limit', async (t) => {
    const plain = Buffer.from(`${BODY}`.repeat(3000));
    const plainUrl = await startChunkFlood(t, { body: plain });
    assert.equal(bodyOf(await get(connect(t, plainUrl), plainUrl)), plain.toString());
    // Hex text gzips to about half: over the one-shot limit on the wire, so it streams.
    const text = Buffer.from(randomBytes(ONE_SHOT_GZIP_BYTES).toString('hex'));
    const gz = zlib.gzipSync(text);
    assert.ok(gz.length > ONE_SHOT_GZIP_BYTES);
    const url = await startChunkFlood(t, { body: gz, gzip: true });
    const r2 = await httpGet({ url: new URL(url), connection: connect(t, url), headers: {}, timeoutMs: 60_000, maxBytes: 4 * text.length, errorBodyBytes: 1024 });
    assert.ok(r2.ok, r2.ok ? '' : r2.failure);
    assert.equal(r2.wireBytes, gz.length);
    assert.ok(r2.body.equals(text));
  });

  it('chunked bodies are read into the buffer of an earlier one while they fit it', async (t) => {
    const bodies = [BODY.repeat(4000), BODY.repeat(4100), BODY.repeat(20_000), BODY.repeat(3)];
    let n = 0;
    const srv = await serveNode(t, (_req, res) => {
      const body = bodies[n++];
      res.write(body.slice(0, 100)); // no Content-Length: chunked
      res.end(body.slice(100));
    });
    const connection = connect(t, srv.url);
    let into: Buffer | null = null;
    const spares: Buffer[] = [];
    for (const body of bodies) {
      const r = await httpGet({ url: new URL(srv.url), connection, headers: {}, timeoutMs: 5000, maxBytes: 1 << 20, errorBodyBytes: 1024, into });
      assert.equal(bodyOf(r), body);
      assert.ok(r.ok && r.spare !== undefined && r.body.buffer === r.spare.buffer, 'the body lies in the spare');
      into = r.spare;
      spares.push(r.spare);
    }
    assert.equal(spares[1], spares[0], 'a slightly bigger body fits');
    assert.notEqual(spares[2], spares[1], 'a much bigger one grows out of it');
    assert.notEqual(spares[3], spares[2], 'a far smaller one does not keep the big buffer alive');
    assert.ok(spares[3].length < 2 * bodies[3].length);
  });
});

describe('httpGet connection reuse', () => {
  it('opens a new connection after Connection: close, a short Keep-Alive hint, or bytes after the body', async (t) => {
    const answers = [
      `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nConnection: close\r\n\r\n${BODY}`,
      `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nKeep-Alive: timeout=1\r\n\r\n${BODY}`,
      `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}surplus`,
    ];
    for (const answer of answers) {
      const srv = await serveRaw(t, (_n, socket) => socket.write(answer));
      const connection = connect(t, srv.url);
      assert.equal(bodyOf(await get(connection, srv.url)), BODY);
      assert.equal(bodyOf(await get(connection, srv.url)), BODY);
      assert.equal(srv.connections(), 2, answer);
    }
  });

  it('a kept connection the server closed, or closes as the request goes out, is replaced once', async (t) => {
    const answer = `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`;
    // Closed right after its answer (the close races the next request), or on the next request unanswered.
    const served = new WeakMap<net.Socket, number>();
    for (const close of ['after the answer', 'on the next request'] as const) {
      const srv = await serveRaw(t, (_n, socket) => {
        const n = served.get(socket) ?? 0;
        served.set(socket, n + 1);
        if (n > 0) return void socket.destroy();
        socket.write(answer);
        if (close === 'after the answer') socket.end();
      });
      const connection = connect(t, srv.url);
      for (let i = 0; i < 5; i++) assert.equal(bodyOf(await get(connection, srv.url)), BODY, `${close}, request ${i}`);
      assert.equal(srv.connections(), 5, close);
    }
    // A new connection that closes unanswered is not tried again.
    const srv = await serveRaw(t, (_n, socket) => socket.destroy());
    const result = await get(connect(t, srv.url), srv.url);
    assert.ok(!result.ok && result.failure === 'node-error' && /socket hang up/.test(String(result.error)));
    assert.equal(srv.connections(), 1);
  });

  it('runs overlapping requests one after the other on one connection, in call order', async (t) => {
    let n = 0;
    const srv = await serveNode(t, (_req, res) => {
      const mine = n++;
      setTimeout(() => res.end(`answer ${mine}`), 20);
    });
    const connection = connect(t, srv.url);
    const bodies = await Promise.all([0, 1, 2].map(() => get(connection, srv.url).then(bodyOf)));
    assert.deepEqual(bodies, ['answer 0', 'answer 1', 'answer 2']);
    assert.equal(srv.connections(), 1);
  });

  it('a request that times out while waiting its turn does not hold up the next one', async (t) => {
    const srv = await serveNode(t, (req, res) => {
      if (req.url === '/slow') return void setTimeout(() => res.end('slow'), 300);
      res.end(BODY);
    });
    const connection = connect(t, srv.url);
    const slow = get(connection, srv.url.replace('/metrics', '/slow'));
    const starved = httpGet({ url: new URL(srv.url), connection, headers: {}, timeoutMs: 50, maxBytes: 1024, errorBodyBytes: 1024 });
    assert.deepEqual(await starved, { ok: false, failure: 'timeout' });
    assert.equal(bodyOf(await slow), 'slow');
    assert.equal(bodyOf(await get(connection, srv.url)), BODY);
  });
});

describe('httpGet cancellation', () => {
  it('closing the connection aborts the request in flight and those waiting their turn', async (t) => {
    const srv = await serveNode(t, () => undefined); // never answers
    const connection = connect(t, srv.url);
    const requests = [0, 1, 2].map(() => get(connection, srv.url));
    await new Promise((resolve) => setTimeout(resolve, 50));
    connection.close();
    for (const result of await Promise.all(requests)) assert.deepEqual(result, { ok: false, failure: 'aborted' });
    assert.deepEqual(await get(connection, srv.url), { ok: false, failure: 'aborted' }, 'and any later one');
  });
});

describe('httpGet requests', () => {
  it('writes the caller’s fields, Host, Basic credentials from the URL, and keep-alive', async (t) => {
    const srv = await serveNode(t, (_req, res) => res.end(BODY));
    const url = srv.url.replace('http://', 'http://us%40er:p%3Ass@') + '?a=1&b=%20';
    assert.equal(bodyOf(await get(connect(t, url), url, { accept: 'text/plain', 'X-Extra': 'yes' })), BODY);
    const port = new URL(srv.url).port;
    assert.deepEqual(srv.requests[0], [
      'GET /metrics?a=1&b=%20',
      'accept: text/plain',
      'X-Extra: yes',
      `Host: 127.0.0.1:${port}`,
      `Authorization: Basic ${Buffer.from('us@er:p:ss').toString('base64')}`,
      'Connection: keep-alive',
    ]);
  });

  it('POSTs a form whole (a query too long for a URL), then GETs on the same connection', async (t) => {
    const bodies: string[] = [];
    const srv = await serveNode(t, (req, res) => {
      let body = '';
      req.setEncoding('latin1');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        bodies.push(body);
        res.end(BODY);
      });
    });
    const query = `histogram_quantile(0.95, sum by (le, instance) (rate(x_bucket{job=~"a|b", path!="/a b&c=d+é"}[5m])))${' or vector(0)'.repeat(1500)}`;
    const form = new URLSearchParams({ query, time: '1700000000.5' });
    const connection = connect(t, srv.url);
    const url = new URL(srv.url.replace('/metrics', '/api/v1/query'));
    const posted = await httpGet({ url, connection, headers: { accept: 'application/json' }, timeoutMs: 5000, maxBytes: 1 << 20, errorBodyBytes: 1024, form });
    assert.equal(bodyOf(posted), BODY);
    assert.equal(bodyOf(await get(connection, srv.url)), BODY);
    const sent = form.toString();
    assert.ok(sent.length > 16_000);
    assert.deepEqual(srv.requests[0], [
      'POST /api/v1/query',
      'accept: application/json',
      'Content-Type: application/x-www-form-urlencoded',
      `Content-Length: ${sent.length}`,
      `Host: ${url.host}`,
      'Connection: keep-alive',
    ]);
    assert.equal(bodies[0], sent);
    assert.equal(new URLSearchParams(bodies[0]).get('query'), query);
    assert.deepEqual(srv.requests[1], ['GET /metrics', `Host: ${url.host}`, 'Connection: keep-alive']);
    assert.equal(bodies[1], '');
    assert.equal(srv.connections(), 1);
  });

  it('refuses a field value with a line break, sending nothing', async (t) => {
    const srv = await serveNode(t, (_req, res) => res.end(BODY));
    const result = await get(connect(t, srv.url), srv.url, { authorization: 'Bearer a\r\nX-Evil: 1' });
    assert.ok(!result.ok && result.failure === 'node-error');
    assert.match(String((result as { error: unknown }).error), /Invalid character in header content \["authorization"\]/);
    assert.equal(srv.connections(), 0);
  });

  it('a malformed answer is an error that says what was wrong, and the connection is not reused', async (t) => {
    const srv = await serveRaw(t, (n, socket) => socket.write(n === 0 ? 'HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n' : `HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`));
    const connection = connect(t, srv.url);
    const bad = await get(connection, srv.url);
    assert.ok(!bad.ok && bad.failure === 'node-error');
    assert.match(String((bad as { error: unknown }).error), /invalid HTTP response: malformed or conflicting Content-Length/);
    assert.equal(bodyOf(await get(connection, srv.url)), BODY);
    assert.equal(srv.connections(), 2);
  });
});

describe('httpGet and the process', () => {
  it('an idle keep-alive connection does not keep the process alive', { timeout: 30_000 }, async (t) => {
    // The server never closes the connection: only an idle socket that is not ref'd lets the child exit.
    const srv = await serveRaw(t, (_n, socket) => socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\n\r\n${BODY}`));
    const module = fileURLToPath(new URL('../../src/sources/http-get.js', import.meta.url));
    const agent = fileURLToPath(new URL('../../src/sources/http-agent.js', import.meta.url));
    const script =
      `const { httpGet } = await import(${JSON.stringify(module)}); const { createConnection } = await import(${JSON.stringify(agent)});` +
      `const url = new URL(${JSON.stringify(srv.url)}); const connection = createConnection(url, {});` +
      `const r = await httpGet({ url, connection, headers: {}, timeoutMs: 5000, maxBytes: 1024, errorBodyBytes: 1024 });` +
      `process.stdout.write(r.ok ? r.body.toString() : 'failed');`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.equal(out, BODY);
    assert.equal(srv.connections(), 1);
  });
});
