// The Prometheus API client against a loopback HTTP server that answers as the engines do: the
// path prefix and extra headers reach the server, string values ("NaN", "+Inf") become numbers,
// warnings and infos are kept, an engine's error keeps its errorType and error raw while its
// message is one escaped line, and bodies that are not the API's JSON (a proxy's 502 page, a
// 200 that is HTML) are one clear line; the body cap holds; secrets never show.

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import { PrometheusClient, type QueryAnswer } from '../../../src/sources/prometheus/client.js';
import { listenLoopback } from '../../support/listen-loopback.js';

interface Seen {
  readonly path: string;
  readonly method: string;
  /** The parameters: the form of a POST, else the URL's query. */
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

/** A server answering every request with `reply`; returns its origin and what it saw. */
async function serve(t: TestContext, reply: { status?: number; type?: string; body: string }): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString()) : url.searchParams;
      seen.push({ method: req.method ?? '', path: url.pathname, query: form, headers: req.headers });
      res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'application/json' });
      res.end(reply.body);
    });
  });
  const port = await listenLoopback(t, server);
  return { origin: `http://127.0.0.1:${port}`, seen };
}

function client(t: TestContext, url: string, extra: Partial<ConstructorParameters<typeof PrometheusClient>[0]> = {}): PrometheusClient {
  const c = new PrometheusClient({ url, timeoutMs: 2000, maxBodyBytes: 1024 * 1024, ...extra });
  t.after(() => c.close());
  return c;
}

function failed(answer: QueryAnswer) {
  assert.equal(answer.ok, false, 'the query failed');
  return (answer as Extract<QueryAnswer, { ok: false }>).failure;
}

const VECTOR = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { instance: 'a:1', le: '+Inf' }, value: [1796589070.864, '+Inf'] },
      { metric: { instance: 'b:2' }, value: [1796589070.864, 'NaN'] },
      { metric: { instance: 'c:3' }, value: [1796589070.864, '-Inf'] },
      { metric: { instance: 'd:4' }, value: [1796589070.864, '1.5e-3'] },
    ],
  },
  warnings: ['PromQL info: partial response from store 2'],
  infos: ['metric might not be a counter'],
};

describe('PrometheusClient', () => {
  it('keeps the path prefix, sends the extra headers and the time, and decodes string values', async (t) => {
    const { origin, seen } = await serve(t, { body: JSON.stringify(VECTOR) });
    const c = client(t, `${origin}/select/0/prometheus/`, { headers: { 'X-Scope-OrgID': 'tenant-1' } });
    const answer = await c.query('up{job="x"}', 1_796_589_070_864);
    assert.equal(answer.ok, true);
    assert.equal(seen[0].path, '/select/0/prometheus/api/v1/query');
    assert.equal(seen[0].method, 'POST', 'queries go as a form POST');
    assert.equal(seen[0].headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(seen[0].query.get('query'), 'up{job="x"}');
    assert.equal(seen[0].query.get('time'), '1796589070.864');
    assert.equal(seen[0].headers['x-scope-orgid'], 'tenant-1');
    assert.equal(seen[0].headers.accept, 'application/json');
    if (!answer.ok || answer.data.resultType !== 'vector') throw new Error('not a vector');
    assert.deepEqual(answer.data.result.map((s) => s.value), [Infinity, NaN, -Infinity, 0.0015]);
    assert.equal(answer.data.result[0].t, 1796589070.864);
    assert.deepEqual(answer.warnings, VECTOR.warnings);
    assert.deepEqual(answer.infos, VECTOR.infos);
    assert.equal(c.server, `127.0.0.1:${new URL(origin).port}/select/0/prometheus`);
  });

  it('sends a range query with start, end and step, and keeps at most the capped series and points', async (t) => {
    const values = Array.from({ length: 5 }, (_, i) => [1000 + i, String(i)]);
    const body = { status: 'success', data: { resultType: 'matrix', result: [{ metric: { a: '1' }, values }, { metric: { a: '2' }, values }] } };
    const { origin, seen } = await serve(t, { body: JSON.stringify(body) });
    const c = client(t, origin, { limits: { maxSeries: 1, maxPoints: 3, maxNotes: 5 } });
    const answer = await c.queryRange('x', 1_000_000, 1_004_000, 1500);
    assert.equal(seen[0].path, '/api/v1/query_range');
    assert.deepEqual([seen[0].query.get('start'), seen[0].query.get('end'), seen[0].query.get('step')], ['1000.000', '1004.000', '1.5']);
    if (!answer.ok || answer.data.resultType !== 'matrix') throw new Error('not a matrix');
    assert.equal(answer.data.result.length, 1);
    assert.deepEqual([...answer.data.result[0].values], [0, 1, 2]);
    assert.equal(answer.dropped, 1 + 2, 'one series and two points left out');
    // A day at 1 s would be 86,401 points: the step grows to keep 11,000 at most.
    await c.queryRange('x', 0, 86_400_000, 1000);
    assert.equal(seen[1].query.get('step'), '7.855');
  });

  it('runs an instant query, a range query and an instant query beside at once, each on its own connection', async (t) => {
    // The server answers nothing until all three have arrived: a query queued behind another on
    // one connection never arrives, and the client's deadline fails it.
    const held: { res: http.ServerResponse; query: string }[] = [];
    const sockets = new Set<unknown>();
    const server = http.createServer((req, res) => {
      sockets.add(req.socket);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        held.push({ res, query: new URLSearchParams(Buffer.concat(chunks).toString()).get('query') ?? '' });
        if (held.length < 3) return;
        for (const h of held) h.res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(h.query === 'range' ? { status: 'success', data: { resultType: 'matrix', result: [] } } : VECTOR));
      });
    });
    const port = await listenLoopback(t, server);
    const c = client(t, `http://127.0.0.1:${port}`);
    const answers = await Promise.all([c.query('main', 1000), c.queryRange('range', 0, 1000, 1000), c.query('beside', 1000, {}, 'beside')]);
    assert.deepEqual(answers.map((a) => a.ok), [true, true, true]);
    assert.deepEqual(held.map((h) => h.query).sort(), ['beside', 'main', 'range']);
    assert.equal(sockets.size, 3);
  });

  it('an engine error keeps errorType and error raw and says them in one escaped line', async (t) => {
    const body = { status: 'error', errorType: 'execution', error: 'query timed out \x1b[31m in\nexpression', warnings: ['w\x1b'] };
    const { origin } = await serve(t, { status: 422, body: JSON.stringify(body) });
    const failure = failed(await client(t, `${origin}/prometheus`).query('x', 0));
    assert.equal(failure.kind, 'engine-error');
    assert.equal(failure.status, 422);
    assert.equal(failure.errorType, 'execution');
    assert.equal(failure.error, body.error, 'raw in the model');
    assert.deepEqual(failure.warnings, ['w\x1b']);
    assert.ok(!/[\x00-\x1f]/.test(failure.message), `no control character shown: ${failure.message}`);
    assert.match(failure.message, /^127\.0\.0\.1:\d+\/prometheus answered execution: query timed out \\x1b\[31m in\\nexpression$/);
  });

  it('a proxy\'s HTML 502 is one line with the status and the page\'s text', async (t) => {
    const { origin } = await serve(t, { status: 502, type: 'text/html', body: '<html><head><title>x</title></head><body><h1>502 Bad Gateway</h1>\n<p>upstream down</p></body></html>' });
    const failure = failed(await client(t, origin).query('x', 0));
    assert.equal(failure.kind, 'http-status');
    assert.equal(failure.status, 502);
    assert.match(failure.message, /^HTTP 502 Bad Gateway from 127\.0\.0\.1:\d+: 502 Bad Gateway upstream down$/);
  });

  it('a 200 that is not the API\'s JSON says what it was, in one line', async (t) => {
    const { origin } = await serve(t, { type: 'text/html', body: '<!doctype html><p>Grafana</p>' });
    const failure = failed(await client(t, `${origin}/grafana`).query('x', 0));
    assert.equal(failure.kind, 'bad-answer');
    assert.match(failure.message, /^127\.0\.0\.1:\d+\/grafana\/api\/v1\/query answered HTTP 200 with a body that is not JSON, not the Prometheus API's JSON$/);
    const other = await serve(t, { body: JSON.stringify({ data: [] }) });
    assert.match(failed(await client(t, other.origin).query('x', 0)).message, /JSON without "status": "success" or "error"/);
  });

  it('a body over --max-body is refused, and a header value never shows in a message', async (t) => {
    const big = { status: 'error', errorType: 'bad_data', error: `token s3cret-token-value rejected ${'x'.repeat(100)}` };
    const { origin } = await serve(t, { status: 400, body: JSON.stringify(big) });
    const c = client(t, origin, { headers: { authorization: 'Bearer s3cret-token-value' } });
    const failure = failed(await c.query('x', 0));
    assert.ok(!failure.message.includes('s3cret'), failure.message);
    assert.match(failure.message, /token \*\*\* rejected/);
    const tooBig = await serve(t, { body: JSON.stringify({ ...VECTOR, padding: 'y'.repeat(4096) }) });
    const capped = failed(await client(t, tooBig.origin, { maxBodyBytes: 1024 }).query('x', 0));
    assert.equal(capped.kind, 'too-big');
    assert.match(capped.message, /exceeds 1 KiB \(--max-body\)$/);
  });

  it('a bad URL or a refused connection is one line, and a closed client answers "closed"', async (t) => {
    assert.equal(failed(await client(t, 'ftp://host/x').query('x', 0)).kind, 'bad-url');
    const { origin } = await serve(t, { body: '{}' });
    const port = new URL(origin).port;
    const c = client(t, origin);
    c.close();
    assert.equal(failed(await c.query('x', 0)).kind, 'closed');
    // A port that refuses: the server of another test closed, its port now free.
    const refused = await new Promise<number>((resolve) => {
      const s = http.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    assert.notEqual(String(refused), port);
    const failure = failed(await client(t, `http://127.0.0.1:${refused}`).query('x', 0));
    assert.equal(failure.kind, 'refused');
    assert.equal(failure.message, `connection refused by 127.0.0.1:${refused}`);
  });
});
