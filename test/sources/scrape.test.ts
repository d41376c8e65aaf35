import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { createScraper, type ScrapeOutcome, type ScraperOptions } from '../../src/sources/scrape.js';
import { PROMETHEUS_ACCEPT } from '../../src/sources/http-agent.js';
import { listenLoopback } from '../support/listen-loopback.js';

const MiB = 1024 * 1024;
const PAYLOAD = '# TYPE up gauge\nup 1\n';

interface TestServer {
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Requests received so far. */
  requests(): number;
  /** Headers of the last request. */
  lastHeaders(): http.IncomingHttpHeaders;
}

/** Starts a server on 127.0.0.1 with an ephemeral port, closed when the test ends. */
async function serve(t: TestContext, handler: http.RequestListener): Promise<TestServer> {
  let connections = 0;
  let requests = 0;
  let lastHeaders: http.IncomingHttpHeaders = {};
  const server = http.createServer((req, res) => {
    requests++;
    lastHeaders = req.headers;
    handler(req, res);
  });
  server.on('connection', () => connections++);
  const port = await listenLoopback(t, server);
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    port,
    connections: () => connections,
    requests: () => requests,
    lastHeaders: () => lastHeaders,
  };
}

/** A scraper with test defaults, closed when the test ends. */
function scraper(t: TestContext, options: Partial<ScraperOptions> & { url: string }) {
  const s = createScraper({ timeoutMs: 5000, maxBodyBytes: 64 * MiB, ...options });
  t.after(() => s.close());
  return s;
}

function assertOk(outcome: ScrapeOutcome): asserts outcome is Extract<ScrapeOutcome, { ok: true }> {
  assert.equal(outcome.ok, true, outcome.ok ? '' : `expected success, got ${outcome.error.kind}: ${outcome.error.message}`);
}

function assertFailed(outcome: ScrapeOutcome): asserts outcome is Extract<ScrapeOutcome, { ok: false }> {
  assert.equal(outcome.ok, false, 'expected a failed scrape');
}

/** A port that was just bound and released, so nothing listens on it. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('plain 200 text: body, format, metadata and Prometheus-like request headers', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(PAYLOAD);
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertOk(outcome);
  assert.equal(outcome.body.toString(), PAYLOAD);
  assert.equal(outcome.format, 'text');
  assert.equal(outcome.contentType, 'text/plain; version=0.0.4; charset=utf-8');
  assert.equal(outcome.status, 200);
  assert.equal(outcome.compressedBytes, Buffer.byteLength(PAYLOAD));
  assert.ok(outcome.durationMs >= 0 && Number.isFinite(outcome.startedMs));
  const headers = srv.lastHeaders();
  assert.equal(headers.accept, PROMETHEUS_ACCEPT);
  assert.equal(
    headers.accept,
    'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1',
  );
  assert.equal(headers['accept-encoding'], 'identity', 'gzip only once a loopback peer turns out to be a slow link');
  assert.match(headers['user-agent'] ?? '', /^cluster-top\/\d+\.\d+\.\d+/);
});

test('extra headers are sent', async (t) => {
  const srv = await serve(t, (_req, res) => res.end(PAYLOAD));
  assertOk(await scraper(t, { url: srv.url, headers: { Authorization: 'Bearer abcd' } }).scrape());
  assert.equal(srv.lastHeaders().authorization, 'Bearer abcd');
});

test('an OpenMetrics content type selects the openmetrics format', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/openmetrics-text; version=1.0.0; charset=utf-8' });
    res.end(PAYLOAD + '# EOF\n');
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertOk(outcome);
  assert.equal(outcome.format, 'openmetrics');
});

test('a missing content type means text', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.removeHeader('content-type');
    res.end(PAYLOAD);
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertOk(outcome);
  assert.equal(outcome.format, 'text');
  assert.equal(outcome.contentType, '');
});

test('a gzip body is inflated; compressedBytes counts the wire bytes', async (t) => {
  const text = PAYLOAD.repeat(2000);
  const gz = zlib.gzipSync(text);
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-encoding': 'gzip' });
    res.end(gz);
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertOk(outcome);
  assert.equal(outcome.body.toString(), text);
  assert.equal(outcome.compressedBytes, gz.length);
});

test('a corrupt gzip body is a network error', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end('this is not gzip at all');
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'network');
  assert.match(outcome.error.message, new RegExp(`invalid gzip body from 127\\.0\\.0\\.1:${srv.port}`));
});

test('keep-alive: two scrapes are served over one connection', async (t) => {
  const srv = await serve(t, (_req, res) => res.end(PAYLOAD));
  const s = scraper(t, { url: srv.url });
  assertOk(await s.scrape());
  assertOk(await s.scrape());
  assert.equal(srv.requests(), 2);
  assert.equal(srv.connections(), 1);
});

test('a keep-alive socket the peer dropped while idle is retried once on a new connection', async (t) => {
  const srv = await serve(t, (req, res) => {
    // The second request on the first connection finds it dead, as after an idle timeout.
    if (srv.requests() === 2) return void req.socket.destroy();
    res.end(PAYLOAD);
  });
  const s = scraper(t, { url: srv.url });
  assertOk(await s.scrape());
  const outcome = await s.scrape();
  assertOk(outcome);
  assert.equal(outcome.body.toString(), PAYLOAD);
  assert.equal(srv.requests(), 3);
  assert.equal(srv.connections(), 2);
});

test('a connection reset on a fresh socket is not retried', async (t) => {
  const srv = await serve(t, (req) => req.socket.destroy());
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'network');
  assert.match(outcome.error.message, new RegExp(`^connection to 127\\.0\\.0\\.1:${srv.port} failed: socket hang up`));
  assert.equal(srv.requests(), 1);
});

test('a stall after the headers times out, and the next scrape uses a fresh socket', async (t) => {
  const srv = await serve(t, (_req, res) => {
    if (srv.requests() === 1) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.flushHeaders(); // headers sent, then nothing
      return;
    }
    res.end(PAYLOAD);
  });
  const s = scraper(t, { url: srv.url, timeoutMs: 300 });
  const first = await s.scrape();
  assertFailed(first);
  assert.equal(first.error.kind, 'timeout');
  assert.equal(first.error.message, `no complete answer from 127.0.0.1:${srv.port} within 300ms`);
  const second = await s.scrape();
  assertOk(second);
  assert.equal(second.body.toString(), PAYLOAD);
  assert.equal(srv.connections(), 2);
});

test('a slow drip longer than the timeout times out', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('#\n'), 40);
    res.on('close', () => clearInterval(timer));
  });
  const outcome = await scraper(t, { url: srv.url, timeoutMs: 400 }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'timeout');
  assert.match(outcome.error.message, /within 400ms$/);
});

test('the timeout message uses seconds for whole seconds', async (t) => {
  const srv = await serve(t, () => undefined); // never answers
  const outcome = await scraper(t, { url: srv.url, timeoutMs: 1000 }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.message, `no complete answer from 127.0.0.1:${srv.port} within 1s`);
});

test('size cap: a plain body over the cap fails, with or without Content-Length', async (t) => {
  const big = Buffer.alloc(100 * 1024, 'x');
  const srv = await serve(t, (req, res) => {
    if (req.url === '/chunked') {
      for (let i = 0; i < 100; i++) res.write(big.subarray(0, 1024));
      res.end();
    } else res.end(big);
  });
  for (const path of ['/metrics', '/chunked']) {
    const outcome = await scraper(t, { url: `http://127.0.0.1:${srv.port}${path}`, maxBodyBytes: 10 * 1024 }).scrape();
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'too-big');
    assert.equal(outcome.error.message, `response from 127.0.0.1:${srv.port} exceeds 10 KiB (--max-body)`);
  }
  const atCap = await scraper(t, { url: srv.url, maxBodyBytes: big.length }).scrape();
  assertOk(atCap);
  assert.equal(atCap.body.length, big.length);
});

test('after a too-big answer cut mid-body, the next scrape works on a fresh connection', async (t) => {
  const srv = await serve(t, (_req, res) => {
    if (srv.requests() > 1) return void res.end(PAYLOAD);
    for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 'x')); // chunked: no Content-Length
    res.end();
  });
  const s = scraper(t, { url: srv.url, maxBodyBytes: 8 * 1024 });
  const first = await s.scrape();
  assertFailed(first);
  assert.equal(first.error.kind, 'too-big');
  const second = await s.scrape();
  assertOk(second);
  assert.equal(second.body.toString(), PAYLOAD);
  assert.equal(srv.connections(), 2);
});

test('size cap: a gzip bomb is stopped once the inflated bytes pass the cap', async (t) => {
  // 1 MiB of zeros deflates to ~1 KiB; concatenated gzip members inflate to their sum.
  const member = zlib.gzipSync(Buffer.alloc(MiB));
  const members = 20_000; // ~20 MiB on the wire, ~20 GiB inflated
  let written = 0;
  let serverSawClose!: () => void;
  const closed = new Promise<void>((resolve) => (serverSawClose = resolve));
  const srv = await serve(t, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    const pump = (): void => {
      while (written < members) {
        written++;
        if (!res.write(member)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', serverSawClose);
    pump();
  });
  const outcome = await scraper(t, { url: srv.url, maxBodyBytes: 4 * MiB }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'too-big');
  assert.equal(outcome.error.message, `response from 127.0.0.1:${srv.port} exceeds 4 MiB once decompressed (--max-body)`);
  await closed;
  assert.ok(written < members, `the client should hang up early; the server wrote all ${members} members`);
});

test('HTTP 500 with an HTML body: status line and the page text, without tags', async (t) => {
  const html =
    '<!DOCTYPE html>\n<html><head><title>Oops</title><style>body{color:red}</style></head>\n' +
    '<body><h1>Internal Server Error</h1>\n<p>The peer &amp; its   datastore\nare <b>down</b>.</p><script>alert(1)</script></body></html>';
  const srv = await serve(t, (_req, res) => {
    res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'http-status');
  assert.equal(outcome.error.status, 500);
  assert.equal(
    outcome.error.message,
    `HTTP 500 Internal Server Error from 127.0.0.1:${srv.port}: Internal Server Error The peer & its datastore are down.`,
  );
});

test('HTTP 404 quotes the start of a long body, cut with an ellipsis', async (t) => {
  const srv = await serve(t, (req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(req.url === '/long' ? 'no such page '.repeat(1000) : '404 page not found\n');
  });
  const short = await scraper(t, { url: srv.url }).scrape();
  assertFailed(short);
  assert.equal(short.error.kind, 'http-status');
  assert.equal(short.error.status, 404);
  assert.equal(short.error.message, `HTTP 404 Not Found from 127.0.0.1:${srv.port}: 404 page not found`);
  const long = await scraper(t, { url: `http://127.0.0.1:${srv.port}/long` }).scrape();
  assertFailed(long);
  const excerpt = long.error.message.split(': ').slice(1).join(': ');
  assert.ok(excerpt.endsWith('…'));
  assert.equal([...excerpt].length, 120);
});

test('HTTP 404 for a URL without a path asks whether the path is /metrics, with the URL to try', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found\n');
  });
  for (const url of [`http://127.0.0.1:${srv.port}`, `http://127.0.0.1:${srv.port}/`, `http://user:s3cret@127.0.0.1:${srv.port}/?x=1`]) {
    const outcome = await scraper(t, { url }).scrape();
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'http-status');
    assert.equal(outcome.error.status, 404);
    assert.equal(
      outcome.error.message,
      `HTTP 404 Not Found from 127.0.0.1:${srv.port} (is the path /metrics? try http://127.0.0.1:${srv.port}/metrics): 404 page not found`,
    );
  }
  const other = await scraper(t, { url: `http://127.0.0.1:${srv.port}/prometheus` }).scrape();
  assertFailed(other);
  assert.equal(other.error.message, `HTTP 404 Not Found from 127.0.0.1:${srv.port}: 404 page not found`, 'a path was given: no guess');
});

test('a redirect names its Location', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(301, { location: '/new-metrics' });
    res.end();
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.message, `HTTP 301 Moved Permanently from 127.0.0.1:${srv.port} (Location: /new-metrics)`);
});

test('a redirect to a hostile Location is reported escaped and cut, and not followed', async (t) => {
  // Raw bytes Node's own server would refuse to send: a C1 CSI (0x9b), a UTF-8 RLO, and length.
  const location = Buffer.concat([Buffer.from('http://evil.example/'), Buffer.from([0x9b]), Buffer.from(`2J\u202e${'x'.repeat(300)}`, 'utf8')]);
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (chunk) => {
      requests.push(chunk.toString('latin1').split('\r\n')[0]);
      socket.end(Buffer.concat([Buffer.from('HTTP/1.1 307 Temporary Redirect\r\nLocation: '), location, Buffer.from('\r\nContent-Length: 0\r\n\r\n')]));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const port = (server.address() as AddressInfo).port;
  const outcome = await scraper(t, { url: `http://127.0.0.1:${port}/metrics` }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'http-status');
  assert.equal(outcome.error.status, 307);
  assert.doesNotMatch(outcome.error.message, /[\x00-\x1f\x7f-\x9f\u202e]/);
  const shown = `http://evil.example/\\x9b2J\u00e2\\x80\u00ae${'x'.repeat(67)}…`;
  assert.equal(outcome.error.message, `HTTP 307 Temporary Redirect from 127.0.0.1:${port} (Location: ${shown})`);
  assert.deepEqual(requests, ['GET /metrics HTTP/1.1']);
});

test('connection refused', async (t) => {
  const port = await closedPort();
  const outcome = await scraper(t, { url: `http://127.0.0.1:${port}/metrics` }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'refused');
  assert.equal(outcome.error.message, `connection refused by 127.0.0.1:${port}`);
});

test('invalid URLs fail every scrape with bad-url', async (t) => {
  for (const url of ['not a url', 'ftp://127.0.0.1/metrics', 'http://[::1/metrics']) {
    const outcome = await scraper(t, { url }).scrape();
    assertFailed(outcome);
    assert.equal(outcome.error.kind, 'bad-url', url);
    assert.match(outcome.error.message, /URL/);
  }
});

test('DNS failure on a .invalid host', async (t) => {
  const outcome = await scraper(t, { url: 'http://no-such-peer.invalid:9094/metrics' }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'dns');
  assert.match(outcome.error.message, /^cannot resolve host no-such-peer\.invalid:9094\b/);
});

test('an https URL against a plain-HTTP server is a TLS error', async (t) => {
  const srv = await serve(t, (_req, res) => res.end(PAYLOAD));
  const outcome = await scraper(t, { url: `https://127.0.0.1:${srv.port}/metrics` }).scrape();
  assertFailed(outcome);
  assert.equal(outcome.error.kind, 'tls');
  assert.match(outcome.error.message, new RegExp(`^TLS with 127\\.0\\.0\\.1:${srv.port} failed: the server answered without TLS; is it http:// rather than https://\\?$`));
});

test('overlapping scrape() calls share one request', async (t) => {
  const srv = await serve(t, (_req, res) => setTimeout(() => res.end(PAYLOAD), 100));
  const s = scraper(t, { url: srv.url });
  const a = s.scrape();
  const b = s.scrape();
  assert.equal(a, b);
  const [ra, rb] = await Promise.all([a, b]);
  assertOk(ra);
  assert.equal(ra, rb);
  assert.equal(srv.requests(), 1);
  assertOk(await s.scrape()); // once settled, the next call is a new request
  assert.equal(srv.requests(), 2);
});

test('control characters in an error body are escaped in the message', async (t) => {
  const srv = await serve(t, (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/plain' });
    res.end('\x1b[2J\x1b]0;pwned\x07 \u202eevil\x9b');
  });
  const outcome = await scraper(t, { url: srv.url }).scrape();
  assertFailed(outcome);
  assert.equal(
    outcome.error.message,
    `HTTP 503 Service Unavailable from 127.0.0.1:${srv.port}: \\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil\\x9b`,
  );
  assert.doesNotMatch(outcome.error.message, /[\x00-\x1f\x7f-\x9f\u202e]/);
});

test('an Authorization value never appears in any error message', async (t) => {
  const token = 's3cr3t-T0KEN-value';
  const headers = { Authorization: `Bearer ${token}` };
  const echo = await serve(t, (req, res) => {
    const auth = String(req.headers.authorization);
    if (req.url === '/stall') return;
    if (req.url === '/big') return void res.end(Buffer.alloc(4096, auth));
    res.writeHead(401, `Unauthorized ${token}`, { 'content-type': 'text/plain' });
    res.end(`bad credentials: ${auth} (token ${token})`);
  });
  const base = `http://127.0.0.1:${echo.port}`;
  const cases: Partial<ScraperOptions>[] = [
    { url: `${base}/metrics` },
    { url: `${base}/stall`, timeoutMs: 300 },
    { url: `${base}/big`, maxBodyBytes: 1024 },
    { url: `http://127.0.0.1:${await closedPort()}/metrics` },
    { url: 'http://no-such-peer.invalid/metrics' },
    { url: 'not a url' },
    { url: `https://127.0.0.1:${echo.port}/metrics` },
  ];
  for (const options of cases) {
    const outcome = await scraper(t, { url: '', ...options, headers }).scrape();
    assertFailed(outcome);
    assert.ok(!outcome.error.message.includes(token), `${outcome.error.kind}: ${outcome.error.message}`);
  }
  const first = await scraper(t, { url: `${base}/metrics`, headers }).scrape();
  assertFailed(first);
  assert.match(first.error.message, /^HTTP 401 Unauthorized \*\*\* from 127\.0\.0\.1:\d+: bad credentials: \*\*\* \(token \*\*\*\)$/);
});

test('a password in the URL is never shown', async (t) => {
  const echo = await serve(t, (req, res) => {
    res.writeHead(401, { 'content-type': 'text/plain' });
    res.end(`you sent ${req.headers.authorization} = ${Buffer.from(String(req.headers.authorization).slice(6), 'base64')}`);
  });
  for (const url of [`http://admin:hunter2pw@127.0.0.1:${echo.port}/metrics`, 'http://admin:hunter2pw@[::1/metrics']) {
    const outcome = await scraper(t, { url }).scrape();
    assertFailed(outcome);
    assert.ok(!outcome.error.message.includes('hunter2pw'), outcome.error.message);
  }
});

test('close() aborts a scrape in flight, drops the socket, and later scrapes fail at once', async (t) => {
  let serverSocketClosed!: () => void;
  const socketClosed = new Promise<void>((resolve) => (serverSocketClosed = resolve));
  const srv = await serve(t, (req, res) => {
    req.socket.once('close', serverSocketClosed);
    const timer = setTimeout(() => res.end(PAYLOAD), 5000);
    res.on('close', () => clearTimeout(timer));
  });
  const s = scraper(t, { url: srv.url });
  const pending = s.scrape();
  await new Promise((resolve) => setTimeout(resolve, 50));
  s.close();
  const outcome = await pending;
  assertFailed(outcome);
  assert.match(outcome.error.message, /scraper closed/);
  await socketClosed;
  const after = await s.scrape();
  assertFailed(after);
  assert.equal(srv.requests(), 1);
});

test('close() destroys an idle keep-alive socket', async (t) => {
  let serverSocketClosed!: () => void;
  const socketClosed = new Promise<void>((resolve) => (serverSocketClosed = resolve));
  const srv = await serve(t, (req, res) => {
    req.socket.once('close', serverSocketClosed);
    res.end(PAYLOAD);
  });
  const s = scraper(t, { url: srv.url });
  assertOk(await s.scrape());
  s.close();
  await socketClosed; // finishes only if the client closed its pooled socket
});
