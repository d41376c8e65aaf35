// The demo peer's HTTP server on 127.0.0.1: GET/HEAD /metrics with and without gzip, 404s,
// a fake clock driving the payload, and close() freeing the port.
import assert from 'node:assert/strict';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, METRICS_CONTENT_TYPE, startDemoPeer } from '../../../src/sources/demo/server.js';
import { readLines, valueOf } from './exposition-lines.js';

const T0 = 1_779_456_000_000;

interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function get(url: string, options: { method?: string; headers?: Record<string, string>; agent?: Agent } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

test('GET /metrics serves the text format, plain or gzipped, driven by the injected clock', async (t) => {
  let clock = T0;
  const peer = await startDemoPeer({ seed: 7, now: () => clock });
  t.after(() => peer.close());
  assert.match(peer.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
  assert.equal(peer.url, `http://127.0.0.1:${peer.port}/metrics`);

  const plain = await get(peer.url);
  assert.equal(plain.status, 200);
  assert.equal(plain.headers['content-type'], METRICS_CONTENT_TYPE);
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(Number(plain.headers['content-length']), plain.body.length);
  const text = plain.body.toString('utf8');
  assert.equal(readLines(text).types.size, 72);

  const zipped = await get(peer.url, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
  assert.equal(zipped.status, 200);
  assert.equal(zipped.headers['content-encoding'], 'gzip');
  assert.equal(zipped.headers['content-type'], METRICS_CONTENT_TYPE);
  assert.ok(zipped.body.length < plain.body.length / 4);
  assert.equal(gunzipSync(zipped.body).toString('utf8'), text, 'same clock, same payload');

  const refused = await get(peer.url, { headers: { 'Accept-Encoding': 'gzip;q=0, identity' } });
  assert.equal(refused.headers['content-encoding'], undefined);

  clock += 30_000;
  const later = readLines((await get(peer.url)).body.toString('utf8'));
  const before = readLines(text);
  const latest = { gorpc_server_method: 'PeerMonitor.LatestMetrics' };
  const family = 'ipfscluster_gorpc_libp2p_io_server_completed_rpcs';
  assert.ok(valueOf(later, family, latest) > valueOf(before, family, latest), 'the peer moved with the clock');
  assert.ok(valueOf(later, 'process_cpu_seconds_total') > valueOf(before, 'process_cpu_seconds_total'));
});

test('two peers with the same seed and clock serve the same bytes', async (t) => {
  const clock = (): number => T0 + 45_000;
  const a = await startDemoPeer({ seed: 3, now: clock, uptimeSeconds: 0 });
  t.after(() => a.close());
  const b = await startDemoPeer({ seed: 3, now: clock, uptimeSeconds: 0 });
  t.after(() => b.close());
  assert.notEqual(a.port, b.port);
  assert.deepEqual((await get(a.url)).body, (await get(b.url)).body);
});

test('HEAD has the headers and no body; other paths are 404', async (t) => {
  const peer = await startDemoPeer({ now: () => T0 });
  t.after(() => peer.close());
  const head = await get(peer.url, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-type'], METRICS_CONTENT_TYPE);
  assert.ok(Number(head.headers['content-length']) > 100_000);
  assert.equal(head.body.length, 0);
  const base = `http://127.0.0.1:${peer.port}`;
  for (const path of ['/', '/metricsx', '/debug/vars', '/metrics/']) {
    const res = await get(base + path);
    assert.equal(res.status, 404, path);
    assert.equal(res.body.toString(), '404 page not found\n');
  }
  assert.equal((await get(`${base}/metrics?x=1`)).status, 200, 'a query string is ignored');
  assert.equal((await get(peer.url, { method: 'POST' })).status, 405);
});

test('a trace link to Jaeger UI’s page says where the trace’s JSON is; other /trace paths are 404', async (t) => {
  const peer = await startDemoPeer({ now: () => T0 });
  t.after(() => peer.close());
  const id = '4beaa3a8f46bd6c9447902731d343584';
  const page = await get(`${peer.jaegerUrl}/trace/${id.toUpperCase()}`);
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-type']), /^text\/plain/);
  assert.equal(page.body.toString(), `The cluster-top demo peer serves Jaeger's query API, not Jaeger UI.\nThis trace as JSON: /api/traces/${id}\n`);
  for (const path of ['/trace/', '/trace/xyz', `/trace/${id}/x`, '/trace/%1b%5b2J']) assert.equal((await get(`${peer.jaegerUrl}${path}`)).status, 404, path);
});

test('close() drops idle keep-alive sockets and frees the port', async () => {
  const peer = await startDemoPeer({ now: () => T0 });
  const agent = new Agent({ keepAlive: true });
  try {
    const res = await get(peer.url, { agent });
    assert.equal(res.status, 200);
    const started = Date.now();
    await peer.close();
    await peer.close(); // idempotent
    assert.ok(Date.now() - started < 2000, 'close does not wait for the keep-alive timeout');
  } finally {
    agent.destroy();
  }
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.listen(peer.port, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

test('a fixed port is honoured', async (t) => {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const peer = await startDemoPeer({ port, now: () => T0 });
  t.after(() => peer.close());
  assert.equal(peer.port, port);
  assert.equal((await get(peer.url)).status, 200);
  await assert.rejects(startDemoPeer({ port }), /EADDRINUSE/);
});

test('acceptsGzip reads Accept-Encoding', () => {
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(acceptsGzip(''), false);
  assert.equal(acceptsGzip('gzip'), true);
  assert.equal(acceptsGzip('deflate, GZIP;q=0.5'), true);
  assert.equal(acceptsGzip('gzip;q=0'), false);
  assert.equal(acceptsGzip('*'), true);
  assert.equal(acceptsGzip('*;q=0, gzip'), true);
  assert.equal(acceptsGzip('identity'), false);
  assert.equal(acceptsGzip(['br', 'gzip']), true);
});
