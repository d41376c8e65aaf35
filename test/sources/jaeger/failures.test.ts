// Everything that goes wrong with Jaeger becomes one distinct, escaped line with no secret in
// it: the UI's HTML page with status 200, Jaeger's JSON errors sent as text/plain (400, 404,
// 500), plain 404s, invalid JSON, timeouts, the size cap, refused connections, bad URLs; and
// refreshes never overlap.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { createJaegerClient, type JaegerClientOptions, type JaegerError, type JaegerResult } from '../../../src/sources/jaeger/client.js';
import { fixture, json, NOT_FOUND, serveJaeger, SPA_HTML, v1Error, type Reply } from './loopback-jaeger.js';
import { listenLoopback } from '../../support/listen-loopback.js';

const QUERY = { service: 'cluster-daemon-peer0', lookbackMs: 3_600_000, limit: 20 };
const SECRET = 'Bearer s3cr3t-t0ken-value';

function client(t: TestContext, options: Partial<JaegerClientOptions> & { url: string }) {
  const c = createJaegerClient({ timeoutMs: 5000, ...options });
  t.after(() => c.close());
  return c;
}

function failure(result: JaegerResult<unknown>): JaegerError {
  assert.equal(result.ok, false, 'expected a failure');
  return (result as { ok: false; error: JaegerError }).error;
}

/** No C0/C1 control, DEL or bidi control reaches a message raw. */
function assertSafe(message: string): void {
  assert.doesNotMatch(message, /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(message));
  assert.ok(!message.includes('s3cr3t'), `secret in ${message}`);
}

/** Runs one search against a server that always answers `reply`. */
async function searchAgainst(t: TestContext, reply: Reply, options: Partial<JaegerClientOptions> = {}): Promise<JaegerError> {
  const server = await serveJaeger(t, () => reply);
  return failure(await client(t, { url: server.origin, ...options }).search(QUERY));
}

test('the UI HTML page with status 200 everywhere (a wrong base path) is "no query API", not a parse error', async (t) => {
  const server = await serveJaeger(t, () => SPA_HTML);
  const c = client(t, { url: server.origin });
  const error = failure(await c.search(QUERY));
  assert.equal(error.kind, 'no-api');
  assert.match(error.message, /^no Jaeger query API at 127\.0\.0\.1:\d+ \(\/api\/traces answered HTTP 200 with an HTML page, \/api\/v3\/trace-summaries answered HTTP 200 with an HTML page, \/api\/v3\/traces answered HTTP 200 with an HTML page\): is it the Jaeger UI address, with its base path\?$/);
  assert.equal(c.api, null);
  assert.equal(failure(await c.listServices()).kind, 'no-api');
  assert.equal(failure(await c.getTrace('1')).kind, 'no-api');
});

test("400, 404 and 500 with Jaeger's JSON sent as text/plain: the server's own message", async (t) => {
  const bad = await searchAgainst(t, v1Error(400, "parameter 'service' is required"));
  assert.equal(bad.kind, 'http-status');
  assert.equal(bad.status, 400);
  assert.match(bad.message, /^Jaeger at 127\.0\.0\.1:\d+ answered HTTP 400 Bad Request to \/api\/traces: parameter 'service' is required$/);

  const storage = await searchAgainst(t, v1Error(500, 'elasticsearch: connection refused'));
  assert.match(storage.message, /answered HTTP 500 Internal Server Error to \/api\/traces: elasticsearch: connection refused$/);

  const differs = await searchAgainst(t, v1Error(503, 'overloaded', 429));
  assert.match(differs.message, /HTTP 503 Service Unavailable to \/api\/traces: 429 - overloaded$/, 'code - msg, as Jaeger UI shows it');

  const plain = await searchAgainst(t, { status: 502, type: 'text/html', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
  assert.match(plain.message, /answered HTTP 502 Bad Gateway to \/api\/traces: 502 Bad Gateway$/);

  const server = await serveJaeger(t, (path) => (path.startsWith('/api/traces/') ? v1Error(404, 'trace not found') : NOT_FOUND));
  const missing = failure(await client(t, { url: server.origin }).getTrace('ABC'));
  assert.deepEqual([missing.kind, missing.status], ['not-found', 404]);
  assert.match(missing.message, /^trace 0000000000000abc not found in Jaeger at 127\.0\.0\.1:\d+$/);
});

test('a plain 404 on every route (v2.16+ without any query API)', async (t) => {
  const error = await searchAgainst(t, NOT_FOUND);
  assert.equal(error.kind, 'no-api');
  assert.match(error.message, /\(\/api\/traces answered HTTP 404, \/api\/v3\/trace-summaries answered HTTP 404, \/api\/v3\/traces answered HTTP 404\)/);
});

test('invalid JSON, a JSON value of the wrong shape, an empty body', async (t) => {
  const garbage = await searchAgainst(t, { type: 'application/json', body: '{"data": [' });
  assert.equal(garbage.kind, 'bad-json');
  assert.match(garbage.message, /^Jaeger at 127\.0\.0\.1:\d+ sent invalid JSON for \/api\/traces: /);
  const shape = await searchAgainst(t, json({ data: 'nope' }));
  assert.equal(shape.kind, 'bad-response');
  assert.match(shape.message, /sent an unexpected answer to \/api\/traces: no list where one was expected$/);
  const empty = await searchAgainst(t, { type: 'application/json', body: '' });
  assert.match(empty.message, /invalid JSON for \/api\/traces: empty body$/);
});

test('a server that never answers times out; one too big is cut at the cap', async (t) => {
  const slow = await searchAgainst(t, 'hang', { timeoutMs: 150 });
  assert.equal(slow.kind, 'timeout');
  assert.match(slow.message, /^Jaeger at 127\.0\.0\.1:\d+ did not answer \/api\/traces within 150ms$/);
  const big = await searchAgainst(t, json(fixture('search-cluster-daemon-peer0.json')), { maxBodyBytes: 4096 });
  assert.equal(big.kind, 'too-big');
  assert.match(big.message, /^answer of Jaeger at 127\.0\.0\.1:\d+ to \/api\/traces exceeds 4 KiB; ask for fewer traces$/);
});

test('connection refused, unknown host and bad URLs', async (t) => {
  const port = await closedPort();
  const refused = failure(await client(t, { url: `http://127.0.0.1:${port}` }).search(QUERY));
  assert.equal(refused.kind, 'refused');
  assert.equal(refused.message, `connection refused by Jaeger at 127.0.0.1:${port}`);
  const dns = failure(await client(t, { url: 'http://no-such-host.invalid:16686' }).search(QUERY));
  assert.equal(dns.kind, 'dns');
  assert.match(dns.message, /^cannot resolve the host of Jaeger at no-such-host\.invalid:16686( \(temporary DNS failure\))?$/);
  const bad = failure(await client(t, { url: 'ftp://user:pw@host/' }).search(QUERY));
  assert.equal(bad.kind, 'bad-url');
  assert.equal(bad.message, '--jaeger: unsupported URL scheme "ftp:" in "ftp://***@host/": use http:// or https://');
});

test('credentials are sent, never shown: extra headers, and user:password of the URL as Basic auth', async (t) => {
  const server = await serveJaeger(t, () => ({ status: 500, type: 'text/plain', body: `denied for ${SECRET} and hunter2x` }));
  const withHeader = failure(await client(t, { url: server.origin, headers: { Authorization: SECRET } }).search(QUERY));
  assert.equal(server.seen[0].headers.authorization, SECRET);
  assert.match(withHeader.message, /: denied for \*\*\* and hunter2x$/);
  assertSafe(withHeader.message);
  const withUrl = failure(await client(t, { url: server.origin.replace('//', '//admin:hunter2x@') }).search(QUERY));
  assert.equal(server.seen[1].headers.authorization, `Basic ${Buffer.from('admin:hunter2x').toString('base64')}`);
  assert.ok(!withUrl.message.includes('hunter2x'), withUrl.message);
  assert.ok(!withUrl.message.includes('admin'), withUrl.message);
});

test('one-line messages escape control and bidi characters sent by the server', async (t) => {
  const evil = 'boom\x1b[2J\x1b]8;;http://evil\x07click\u202emsg\r\nnext line\x9b';
  const error = await searchAgainst(t, v1Error(500, evil));
  assertSafe(error.message);
  assert.ok(error.message.includes('boom\\x1b[2J\\x1b]8;;http://evil\\x07click\\u202emsg\\r\\nnext line\\x9b'), error.message);
  const server = await serveJaeger(t, () => json({ data: ['svc\x1b[31mred', 'other'] }));
  const none = client(t, { url: server.origin });
  const listed = await none.listServices();
  assert.ok(listed.ok);
  const message = none.noServiceError(listed.value, 'cluster-daemon').message;
  assertSafe(message);
  assert.ok(message.includes('svc\\x1b[31mred'), message);
});

test('a redirect is a failure naming its Location, escaped and not followed', async (t) => {
  // Raw bytes: a C1 CSI (0x9b) and a UTF-8 RLO, which Node's own server would refuse to send.
  const location = Buffer.concat([Buffer.from('https://sso.example/login?next=/search'), Buffer.from([0x9b]), Buffer.from('31m\u202e', 'utf8')]);
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n')[0]);
      socket.end(Buffer.concat([Buffer.from('HTTP/1.1 302 Found\r\nLocation: '), location, Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n')]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  const error = failure(await client(t, { url: `http://127.0.0.1:${port}` }).listServices());
  assert.equal(error.kind, 'http-status');
  assert.equal(error.status, 302);
  assertSafe(error.message);
  assert.equal(error.message, `Jaeger at 127.0.0.1:${port} answered HTTP 302 Found to /api/services (Location: https://sso.example/login?next=/search\\x9b31m\u00e2\\x80\u00ae)`);
  assert.deepEqual(requests, ['GET /api/services HTTP/1.1']);
});

test('every kind of failure has its own message', async (t) => {
  const port = await closedPort();
  const messages = [
    (await searchAgainst(t, SPA_HTML)).message,
    (await searchAgainst(t, NOT_FOUND)).message,
    (await searchAgainst(t, v1Error(400, 'bad'))).message,
    (await searchAgainst(t, v1Error(500, 'bad'))).message,
    (await searchAgainst(t, { type: 'application/json', body: 'x' })).message,
    (await searchAgainst(t, json([]))).message,
    (await searchAgainst(t, 'hang', { timeoutMs: 100 })).message,
    (await searchAgainst(t, json({ data: [] }), { maxBodyBytes: 4 })).message,
    failure(await client(t, { url: `http://127.0.0.1:${port}` }).search(QUERY)).message,
    failure(await client(t, { url: 'nope' }).search(QUERY)).message,
  ];
  assert.equal(new Set(messages.map((m) => m.replace(/\d+/g, 'N'))).size, messages.length, messages.join('\n'));
  messages.forEach(assertSafe);
});

test('refreshes never overlap: a search in flight is shared; close() ends it', async (t) => {
  const pending: http.ServerResponse[] = [];
  const server = http.createServer((_req, res) => void pending.push(res));
  const origin = `http://127.0.0.1:${await listenLoopback(t, server)}`;
  const c = createJaegerClient({ url: origin, timeoutMs: 10_000 });
  const first = c.search(QUERY);
  const second = c.search({ ...QUERY, limit: 5 });
  assert.equal(first, second);
  while (pending.length === 0) await new Promise((r) => setTimeout(r, 5));
  pending[0].writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
  const result = await first;
  assert.ok(result.ok && result.value.query.limit === 20, 'the answer says which query it answers');
  assert.equal(pending.length, 1);

  const third = c.search(QUERY);
  assert.notEqual(third, first);
  while (pending.length === 1) await new Promise((r) => setTimeout(r, 5));
  c.close();
  assert.equal(failure(await third).kind, 'closed');
  assert.equal(failure(await c.search(QUERY)).message.startsWith('Jaeger client for 127.0.0.1:'), true);
});

/** A port on 127.0.0.1 that nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = http.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
