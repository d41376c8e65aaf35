// The Jaeger client against loopback servers serving the fixtures: the v1 `{data:[…]}` search,
// Jaeger 1.9's unpadded IDs, the OTLP-converted v2 output, the fallback to v3 trace summaries
// and v3 traces after v2.20, services and their fallback, a base path, and the `--once` rows.

import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { traceIdExcerpt } from '../../../src/model/traces/ids.js';
import { sortTraces } from '../../../src/model/traces/sort.js';
import { createJaegerClient, type JaegerClientOptions } from '../../../src/sources/jaeger/client.js';
import { fetchTraceRows } from '../../../src/sources/jaeger/trace-rows.js';
import { fixture, json, NOT_FOUND, serveJaeger, SPA_HTML, v3Error } from './loopback-jaeger.js';

const SERVICE = 'cluster-daemon-peer0';
/** The fixture's "now" and the query it answers (docs/jaeger-api.md §7). */
const NOW_MS = 1795554900000;
const HOUR = 3_600_000;
const SEARCH_BODY = fixture('search-cluster-daemon-peer0.json');

function client(t: TestContext, options: Partial<JaegerClientOptions> & { url: string }) {
  const c = createJaegerClient({ timeoutMs: 5000, ...options });
  t.after(() => c.close());
  return c;
}

test('v1 search: the §7 query parameters, the envelope read, rows by the current rules', async (t) => {
  const server = await serveJaeger(t, (path) => (path === '/api/traces' ? json(SEARCH_BODY) : NOT_FOUND));
  const c = client(t, { url: server.origin });
  const result = await c.search({ service: SERVICE, lookbackMs: HOUR, endMs: NOW_MS, limit: 20 });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const q = server.seen[0].query;
  assert.deepEqual(
    [q.get('service'), q.get('start'), q.get('end'), q.get('limit'), q.has('minDuration'), q.has('operation')],
    [SERVICE, '1795551300000000', '1795554900000000', '20', false, false],
  );
  assert.equal(result.value.api, 'v1');
  assert.equal(c.api, 'v1');
  assert.equal(result.value.summaries.length, 8);
  assert.equal(result.value.traces?.length, 8);
  assert.deepEqual(result.value.warnings, []);
  assert.deepEqual(
    sortTraces(result.value.summaries).map((s) => traceIdExcerpt(s.traceID)),
    ['162059e', 'ae9289b', 'e6449ca', '48d6e09', '4beaa3a', '048c6f5', 'a46a575', '4589241'],
  );
  assert.equal(result.value.summaries[2].name, '', 'the informer loop has no root under the current rules');
  assert.equal(server.seen[0].headers.accept, 'application/json');

  // Server-side operation and minimum duration, as the `t` jump sends them.
  await c.search({ service: SERVICE, lookbackMs: HOUR, endMs: NOW_MS, limit: 20, operation: 'Recv.Cluster.Pin', minDurationUs: 1500 });
  assert.deepEqual([server.seen[1].query.get('operation'), server.seen[1].query.get('minDuration')], ['Recv.Cluster.Pin', '1.5ms']);
});

test('Jaeger 1.9: unpadded IDs are padded, `data: null` is an empty list, a trace is fetched by its padded ID', async (t) => {
  const ui19 = fixture('ui_01.v1.9.0.json');
  const server = await serveJaeger(t, (path) => {
    if (path === '/api/traces') return json({ data: null, total: 0, limit: 0, offset: 0, errors: null });
    if (path === '/api/traces/0000000000000001') return json(`{"data":[${ui19}],"total":0,"limit":0,"offset":0,"errors":null}`);
    if (path === '/api/services') return json({ data: null, total: 0, limit: 0, offset: 0, errors: null });
    return NOT_FOUND;
  });
  const c = client(t, { url: server.origin });
  const empty = await c.search({ service: 'service-x', lookbackMs: HOUR, limit: 20 });
  assert.ok(empty.ok && empty.value.summaries.length === 0);
  const trace = await c.getTrace('1');
  assert.ok(trace.ok, trace.ok ? '' : trace.error.message);
  assert.equal(trace.value.traceID, '0000000000000001');
  assert.deepEqual(trace.value.spans.map((s) => s.spanID), ['0000000000000002', '0000000000000002_1', '0000000000000003', '0000000000000004', '0000000000000005']);
  const services = await c.listServices();
  assert.deepEqual(services, { ok: true, value: [] });
});

test('a search answered with the OTLP-converted v2 output, gzipped, with per-trace errors in the envelope', async (t) => {
  const body = JSON.parse(fixture('otlp2jaeger-out.current.json')) as Record<string, unknown>;
  body.errors = [{ code: 500, msg: 'trace not found', traceID: 'deadbeef' }];
  const server = await serveJaeger(t, () => ({ type: 'application/json', body: zlib.gzipSync(JSON.stringify(body)), headers: { 'content-encoding': 'gzip' } }));
  const c = client(t, { url: server.origin });
  const result = await c.search({ service: 'telemetrygen', lookbackMs: HOUR, limit: 20 });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const [row] = result.value.summaries;
  assert.deepEqual([row.traceID, row.spanCount, row.services[0].name], ['83a9efd15c1c98a977e0711cc93ee28b', 2, 'telemetrygen']);
  assert.deepEqual(result.value.warnings, ['trace not found (trace deadbeef)']);
});

test('after v2.20 (no /api/traces): v3 trace summaries, remembered for the next search', async (t) => {
  const summaries = {
    summaries: [
      { traceId: '4beaa3a8f46bd6c9447902731d343584', rootServiceName: SERVICE, rootOperationName: 'Recv.127.0.0.1:9094:/pins:GET', minStartTimeUnixNano: '1795554711960303000', maxEndTimeUnixNano: '1795554712008183000', spanCount: 10, services: [{ name: SERVICE, spanCount: 10 }] },
    ],
  };
  const server = await serveJaeger(t, (path) => (path === '/api/v3/trace-summaries' ? json(summaries) : NOT_FOUND));
  const c = client(t, { url: server.origin });
  const result = await c.search({ service: SERVICE, lookbackMs: HOUR, endMs: NOW_MS, limit: 20, minDurationUs: 2000 });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.equal(result.value.api, 'v3-summaries');
  assert.equal(result.value.traces, null);
  assert.deepEqual(server.paths(), ['/api/traces', '/api/v3/trace-summaries']);
  const q = server.seen[1].query;
  assert.deepEqual(
    [q.get('query.serviceName'), q.get('query.startTimeMin'), q.get('query.startTimeMax'), q.get('query.searchDepth'), q.get('query.durationMin')],
    [SERVICE, '2026-11-24T20:15:00.000000Z', '2026-11-24T21:15:00.000000Z', '20', '2ms'],
  );
  const [row] = result.value.summaries;
  assert.deepEqual([row.name, row.durationUs, row.spanCount], [`${SERVICE}: Recv.127.0.0.1:9094:/pins:GET`, 47880, 10]);
  await c.search({ service: SERVICE, lookbackMs: HOUR, limit: 20 });
  assert.deepEqual(server.paths().slice(2), ['/api/v3/trace-summaries'], 'no second probe of /api/traces');
});

test('v3 without summaries (HTML page or 404): /api/v3/traces in OTLP-JSON, both parameter spellings', async (t) => {
  const otlp = {
    result: {
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: SERVICE } }] },
          scopeSpans: [{ spans: [{ traceId: '162059e52c241a48ad353a5b0f758b6d', spanId: '5403adeb9b827452', name: 'Recv.127.0.0.1:9094:/peers:GET', startTimeUnixNano: '1795554887130578000', endTimeUnixNano: '1795554887139455000' }] }],
        },
      ],
    },
  };
  const server = await serveJaeger(t, (path) => (path === '/api/v3/traces' ? json(otlp) : path === '/api/v3/trace-summaries' ? SPA_HTML : NOT_FOUND));
  const c = client(t, { url: server.origin });
  const result = await c.search({ service: SERVICE, lookbackMs: HOUR, endMs: NOW_MS, limit: 5 });
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  assert.equal(result.value.api, 'v3-traces');
  assert.deepEqual(server.paths(), ['/api/traces', '/api/v3/trace-summaries', '/api/v3/traces']);
  const q = server.seen[2].query;
  assert.deepEqual([q.get('query.service_name'), q.get('query.serviceName'), q.get('query.num_traces'), q.get('query.start_time_max')], [SERVICE, SERVICE, '5', '2026-11-24T21:15:00.000000Z']);
  const [row] = result.value.summaries;
  assert.deepEqual([row.traceID, row.name, row.durationUs], ['162059e52c241a48ad353a5b0f758b6d', `${SERVICE}: Recv.127.0.0.1:9094:/peers:GET`, 8877]);
  assert.equal(result.value.traces?.[0].spans[0].process.serviceName, SERVICE);
});

test('v3 "No traces found" (404 JSON) is an empty result, not an error', async (t) => {
  const server = await serveJaeger(t, (path) => (path === '/api/v3/traces' ? v3Error(404, 'No traces found') : NOT_FOUND));
  const c = client(t, { url: server.origin });
  const result = await c.search({ service: SERVICE, lookbackMs: HOUR, limit: 20 });
  assert.ok(result.ok && result.value.summaries.length === 0 && result.value.api === 'v3-traces');
});

test('services: /api/services, else /api/v3/services (`{}` when empty); the peer naming this host first', async (t) => {
  const v1 = await serveJaeger(t, (path) =>
    path === '/api/services' ? json({ data: ['jaeger-all-in-one', 'cluster-daemon-peer0', 'cluster-daemon-peer1'], total: 3, limit: 0, offset: 0, errors: null }) : NOT_FOUND,
  );
  const c1 = client(t, { url: v1.origin });
  assert.deepEqual(await c1.resolveService({ hostname: 'peer1' }), { ok: true, value: { kind: 'several', services: ['cluster-daemon-peer1', 'cluster-daemon-peer0'] } });
  assert.deepEqual(await c1.resolveService({ service: 'explicit' }), { ok: true, value: { kind: 'one', service: 'explicit' } });
  assert.equal(v1.seen.length, 1, 'an explicit service needs no listing');

  let calls = 0;
  const v3 = await serveJaeger(t, (path) => (path === '/api/v3/services' ? json(calls++ === 0 ? { services: ['cluster-daemon-peer0', 'Kubo'] } : {}) : NOT_FOUND));
  const c3 = client(t, { url: v3.origin });
  assert.deepEqual(await c3.resolveService({}), { ok: true, value: { kind: 'one', service: 'cluster-daemon-peer0' } });
  assert.deepEqual(await c3.listServices(), { ok: true, value: [] });
  assert.deepEqual(v3.paths(), ['/api/services', '/api/v3/services', '/api/services', '/api/v3/services']);
});

test('a base path (--query.base-path) prefixes every route; the trace falls back to /api/v3/traces/{id}', async (t) => {
  const server = await serveJaeger(t, (path) => {
    if (path === '/jaeger/api/services') return json({ data: [SERVICE] });
    if (path === '/jaeger/api/traces') return json(SEARCH_BODY);
    if (path === '/jaeger/api/v3/traces/4beaa3a8f46bd6c9447902731d343584') {
      return json({ result: { resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: '4beaa3a8f46bd6c9447902731d343584', spanId: '7be430135af7a04c', name: 'x' }] }] }] } });
    }
    return path.startsWith('/jaeger/') ? NOT_FOUND : SPA_HTML;
  });
  const c = client(t, { url: `${server.origin}/jaeger/` });
  assert.deepEqual(await c.resolveService({}), { ok: true, value: { kind: 'one', service: SERVICE } });
  const result = await c.search({ service: SERVICE, lookbackMs: HOUR, limit: 20 });
  assert.ok(result.ok && result.value.summaries.length === 8);
  const trace = await c.getTrace('4BEAA3A8F46BD6C9447902731D343584');
  assert.ok(trace.ok && trace.value.spans[0].spanID === '7be430135af7a04c');
  assert.deepEqual(server.paths(), [
    '/jaeger/api/services',
    '/jaeger/api/traces',
    '/jaeger/api/traces/4beaa3a8f46bd6c9447902731d343584',
    '/jaeger/api/v3/traces/4beaa3a8f46bd6c9447902731d343584',
  ]);
});

test('fetchTraceRows (for --once --json): the service, rows most recent first, no error', async (t) => {
  const server = await serveJaeger(t, (path) => {
    if (path === '/api/services') return json({ data: ['jaeger-all-in-one', SERVICE] });
    if (path === '/api/traces') return json(SEARCH_BODY);
    return NOT_FOUND;
  });
  const result = await fetchTraceRows({ jaegerUrl: server.origin, lookbackMs: HOUR, limit: 20, timeoutMs: 5000, endMs: NOW_MS });
  assert.equal(result.error, null);
  assert.equal(result.service, SERVICE);
  assert.equal(result.rows.length, 8);
  assert.deepEqual(result.rows[0], {
    traceID: '162059e52c241a48ad353a5b0f758b6d',
    name: `${SERVICE}: Recv.127.0.0.1:9094:/peers:GET`,
    durationMs: 8.877,
    spans: 8,
    errors: 0,
    services: [{ name: SERVICE, count: 8 }],
    startTime: 1795554887130,
  });
  assert.deepEqual(
    result.rows.map((r) => [r.traceID.slice(0, 7), r.name.startsWith('<') ? r.name : '…', r.errors]),
    [
      ['162059e', '…', 0],
      ['ae9289b', '<trace-without-root-span>', 0],
      ['e6449ca', '…', 1],
      ['48d6e09', '…', 1],
      ['4beaa3a', '…', 0],
      ['048c6f5', '…', 0],
      ['a46a575', '…', 0],
      ['4589241', '…', 0],
    ],
  );
  assert.deepEqual(result.rows[5].services, [{ name: 'Kubo', count: 1 }, { name: SERVICE, count: 5 }]);
  assert.equal(server.seen[1].query.get('service'), SERVICE);
});

test('fetchTraceRows with several peers uses the one naming this host; with none, says so', async (t) => {
  const server = await serveJaeger(t, (path, q) => {
    if (path === '/api/services') return json({ data: ['cluster-daemon-a', 'cluster-daemon-b'] });
    if (path === '/api/traces') return json({ data: [], total: 0, limit: 0, offset: 0, errors: null, echo: q.get('service') });
    return NOT_FOUND;
  });
  const several = await fetchTraceRows({ jaegerUrl: server.origin, lookbackMs: HOUR, limit: 20, timeoutMs: 5000, hostname: 'b' });
  assert.deepEqual(several, { service: 'cluster-daemon-b', rows: [], error: null });
  const none = await fetchTraceRows({ jaegerUrl: server.origin, servicePrefix: 'other', lookbackMs: HOUR, limit: 20, timeoutMs: 5000 });
  assert.equal(none.service, null);
  assert.match(none.error ?? '', /^no service of Jaeger at 127\.0\.0\.1:\d+ matches "other" \(it lists cluster-daemon-a, cluster-daemon-b\); use --service$/);
});
