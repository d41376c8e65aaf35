// The demo peer's Jaeger query API on a real loopback server: the v1 API (services, operations,
// search with Jaeger's parameters and errors, one trace) and the v3 API (services, trace
// summaries, OTLP traces, one trace), read by the project's own Jaeger client in both
// generations; traces deterministic per seed, named like IPFS Cluster's, with durations from
// the same per-method distributions as the metrics, some errors, and the informer loop's
// trace without root.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test, type TestContext } from 'node:test';
import { summarizeTrace } from '../../../src/model/traces/summary.js';
import { traceFromJaegerJson } from '../../../src/model/traces/from-jaeger-json.js';
import { tracesFromOtlpJson } from '../../../src/model/traces/from-otlp-json.js';
import { createJaegerClient } from '../../../src/sources/jaeger/client.js';
import { DEMO_SERVICE } from '../../../src/sources/demo/demo-traces.js';
import { startDemoPeer, type DemoPeerServerOptions } from '../../../src/sources/demo/server.js';

const T0 = 1_779_456_000_000;
const HOUR = 3_600_000;

interface Reply {
  readonly status: number;
  readonly type: string;
  readonly body: string;
}

function get(url: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A demo peer an hour into its run (clock fixed at T0 + 1 h), closed after the test. */
async function demo(t: TestContext, options: DemoPeerServerOptions = {}) {
  let clock = T0;
  const peer = await startDemoPeer({ seed: 11, now: () => clock, ...options });
  clock = T0 + HOUR;
  t.after(() => peer.close());
  return { peer, origin: peer.jaegerUrl!, setClock: (ms: number) => (clock = ms) };
}

const window = `start=${(T0 + HOUR - HOUR) * 1000}&end=${(T0 + HOUR) * 1000}`;

test('v1: services, operations named like IPFS Cluster\'s, and a search in the v1 envelope', async (t) => {
  const { peer, origin } = await demo(t);
  assert.equal(origin, `http://127.0.0.1:${peer.port}`, 'the same origin as /metrics');
  const services = JSON.parse((await get(`${origin}/api/services`)).body);
  assert.deepEqual(services, { data: [DEMO_SERVICE], total: 1, limit: 0, offset: 0, errors: null });
  const ops: string[] = JSON.parse((await get(`${origin}/api/services/${DEMO_SERVICE}/operations`)).body).data;
  for (const name of ['Recv.Cluster.Pin', 'Recv.PinTracker.Track', 'Recv.IPFSConnector.Pin', 'cluster/Pin', 'Sent.127.0.0.1:5001:/api/v0/pin/add:POST', 'Recv.127.0.0.1:9094:/id:GET']) {
    assert.ok(ops.includes(name), name);
  }
  assert.ok(ops.some((op) => /^Recv\.127\.0\.0\.1:9094:\/pins\/bafybei[a-z2-7]{52}:POST$/.test(op)), 'REST pins with their CID');
  const search = await get(`${origin}/api/traces?service=${DEMO_SERVICE}&${window}&limit=20`);
  assert.equal(search.status, 200);
  assert.equal(search.type, 'application/json');
  const body = JSON.parse(search.body);
  assert.deepEqual([body.total, body.limit, body.offset, body.errors, body.data.length], [0, 0, 0, null, 20]);
  const trace = body.data[1];
  assert.match(trace.traceID, /^[0-9a-f]{32}$/);
  assert.deepEqual(Object.keys(trace.processes), ['p1']);
  assert.equal(trace.processes.p1.serviceName, DEMO_SERVICE);
  assert.match(trace.processes.p1.tags[0].value, /^12D3KooW/);
  for (const span of trace.spans) {
    assert.match(span.spanID, /^[0-9a-f]{16}$/);
    assert.ok(span.tags.some((tag: { key: string }) => tag.key === 'status.code'));
  }
  const ends = trace.spans.map((s: { startTime: number; duration: number }) => s.startTime + s.duration);
  assert.deepEqual(ends, [...ends].sort((a: number, b: number) => a - b), 'spans in export (end time) order');
  const one = JSON.parse((await get(`${origin}/api/traces/${trace.traceID}`)).body);
  assert.deepEqual(one.data, [trace]);
});

test('v1: Jaeger\'s filters on one span, its 400/404 answers as text/plain JSON, and a plain 404 elsewhere', async (t) => {
  const { origin } = await demo(t);
  const found = JSON.parse((await get(`${origin}/api/traces?service=${DEMO_SERVICE}&${window}&limit=50&operation=Recv.Cluster.Pin&minDuration=20ms`)).body).data;
  assert.ok(found.length > 0);
  for (const trace of found) {
    assert.ok(trace.spans.some((s: { operationName: string; duration: number }) => s.operationName === 'Recv.Cluster.Pin' && s.duration >= 20_000));
  }
  const errors = JSON.parse((await get(`${origin}/api/traces?service=${DEMO_SERVICE}&${window}&limit=5&tags=${encodeURIComponent('{"error":"true"}')}`)).body).data;
  assert.equal(errors.length, 5);
  for (const trace of errors) assert.ok(trace.spans.some((s: { tags: { key: string; value: unknown }[] }) => s.tags.some((g) => g.key === 'error' && g.value === true)));

  const missing = await get(`${origin}/api/traces?${window}`);
  assert.deepEqual([missing.status, missing.type], [400, 'text/plain; charset=utf-8']);
  assert.equal(JSON.parse(missing.body).errors[0].msg, "parameter 'service' is required");
  assert.equal((await get(`${origin}/api/traces?service=${DEMO_SERVICE}&minDuration=fast`)).status, 400);
  assert.deepEqual(JSON.parse((await get(`${origin}/api/traces?service=other&${window}`)).body).data, []);
  const none = await get(`${origin}/api/traces/${'0'.repeat(31)}1`);
  assert.deepEqual([none.status, JSON.parse(none.body).errors[0]], [404, { code: 404, msg: 'trace not found' }]);
  const unknown = await get(`${origin}/api/dependencies-of-nothing`);
  assert.deepEqual([unknown.status, unknown.body], [404, '404 page not found\n']);
  assert.equal((await get(`${origin}/api/services`, 'POST')).status, 405);
  assert.equal((await get(`${origin}/metrics`)).status, 200, 'the metrics are still there');
});

test('v3: services, trace summaries and OTLP traces with camelCase or snake_case parameters', async (t) => {
  const { origin } = await demo(t);
  assert.deepEqual(JSON.parse((await get(`${origin}/api/v3/services`)).body), { services: [DEMO_SERVICE] });
  const min = new Date(T0).toISOString();
  const max = new Date(T0 + HOUR).toISOString();
  const camel = `query.serviceName=${DEMO_SERVICE}&query.startTimeMin=${min}&query.startTimeMax=${max}&query.searchDepth=5`;
  const summaries = JSON.parse((await get(`${origin}/api/v3/trace-summaries?${camel}`)).body).summaries;
  assert.equal(summaries.length, 5);
  assert.match(summaries[1].traceId, /^[0-9a-f]{32}$/);
  assert.equal(summaries[1].rootServiceName, DEMO_SERVICE);
  assert.match(summaries[1].minStartTimeUnixNano, /^\d+000$/);
  const snake = `query.service_name=${DEMO_SERVICE}&query.start_time_min=${min}&query.start_time_max=${max}&query.num_traces=5`;
  const otlp = JSON.parse((await get(`${origin}/api/v3/traces?${snake}`)).body);
  const traces = tracesFromOtlpJson(otlp.result);
  assert.deepEqual(traces.map((tr) => tr.traceID), summaries.map((s: { traceId: string }) => s.traceId));
  assert.equal(traces[1].spans[0].process.serviceName, DEMO_SERVICE);
  assert.deepEqual(traces.map((tr) => tr.spans.length), summaries.map((s: { spanCount: number }) => s.spanCount));

  const one = JSON.parse((await get(`${origin}/api/v3/traces/${summaries[1].traceId}`)).body);
  assert.equal(tracesFromOtlpJson(one.result)[0].spans.length, summaries[1].spanCount);
  const noMatch = await get(`${origin}/api/v3/traces?${snake}&query.operation_name=nothing`);
  assert.deepEqual([noMatch.status, JSON.parse(noMatch.body)], [404, { error: { httpCode: 404, message: 'No traces found' } }]);
  assert.equal((await get(`${origin}/api/v3/trace-summaries?${camel}&query.operationName=nothing`)).body, '{}');
  const noTimes = await get(`${origin}/api/v3/traces?query.service_name=${DEMO_SERVICE}`);
  assert.deepEqual([noTimes.status, JSON.parse(noTimes.body).error.message], [400, 'query.startTimeMin and query.startTimeMax are required']);
});

test('the Jaeger client reads the demo through v1, and through v3 when the v1 search is gone', async (t) => {
  for (const [options, api] of [[{}, 'v1'], [{ jaeger: { v1: false } }, 'v3-summaries']] as const) {
    const { origin } = await demo(t, options);
    const client = createJaegerClient({ url: origin, timeoutMs: 5000 });
    t.after(() => client.close());
    const choice = await client.resolveService({ hostname: 'elsewhere' });
    assert.deepEqual(choice, { ok: true, value: { kind: 'one', service: DEMO_SERVICE } });
    const found = await client.search({ service: DEMO_SERVICE, lookbackMs: HOUR, endMs: T0 + HOUR, limit: 20 });
    assert.ok(found.ok, found.ok ? '' : found.error.message);
    assert.equal(found.value.api, api);
    assert.equal(found.value.summaries.length, 20);
    const named = found.value.summaries.find((s) => s.name !== '')!;
    assert.match(named.name, /^cluster-daemon-demo: (Recv|Sent)\./);
    const trace = await client.getTrace(named.traceID);
    assert.ok(trace.ok);
    assert.equal(trace.value.spans.length, named.spanCount);
    const jump = await client.search({ service: DEMO_SERVICE, lookbackMs: HOUR, endMs: T0 + HOUR, limit: 20, operation: 'Recv.PinTracker.Status', minDurationUs: 5_000 });
    assert.ok(jump.ok && jump.value.summaries.length > 0 && jump.value.summaries.every((s) => s.rootOperation === 'Recv.PinTracker.Status'));
  }
});

test('traces are the same for the same seed, follow the metrics\' latency distributions, and include errors and the informer loop', async (t) => {
  const a = await demo(t);
  const b = await demo(t);
  const c = await demo(t, { seed: 12 });
  const url = (origin: string) => `${origin}/api/traces?service=${DEMO_SERVICE}&${window}&limit=100000`;
  const [bodyA, bodyB, bodyC] = await Promise.all([a, b, c].map(async (d) => (await get(url(d.origin))).body));
  assert.equal(bodyA, bodyB, 'same seed, same traces');
  assert.notEqual(bodyA, bodyC);
  const traces: { spans: { operationName: string; duration: number; tags: { key: string; value: unknown }[]; warnings: string[] | null }[] }[] = JSON.parse(bodyA).data;
  assert.ok(traces.length > 3000 && traces.length < 9000, `about 1.7 traces a second, got ${traces.length}`);
  const median = (op: string) => {
    const ds = traces.flatMap((tr) => tr.spans.filter((s) => s.operationName === op).map((s) => s.duration / 1000)).sort((x, y) => x - y);
    return ds[Math.floor(ds.length / 2)];
  };
  // The catalogue's medians (ms): Cluster.Pin 11, PinTracker.Status 5.5, IPFSConnector.Pin 1800.
  for (const [op, ms] of [['Recv.Cluster.Pin', 11], ['Recv.PinTracker.Status', 5.5], ['Recv.IPFSConnector.Pin', 1800]] as const) {
    const m = median(op);
    assert.ok(m > ms * 0.75 && m < ms * 1.33, `${op}: median ${m} ms, catalogue ${ms} ms`);
  }
  const isError = (s: { tags: { key: string; value: unknown }[] }) => s.tags.some((g) => g.key === 'error' && g.value === true);
  const failed = traces.filter((tr) => tr.spans.some(isError));
  assert.ok(failed.length > 20, 'some errors');
  assert.ok(failed.some((tr) => tr.spans.some((s) => isError(s) && s.operationName === 'Sent.127.0.0.1:5001:/api/v0/pin/ls:POST')), 'Kubo answering pin/ls with HTTP 500');

  // The informer loop: `cluster/pushInformerMetrics` never ends, so its children are orphans.
  const loop = traces[0];
  const orphans = loop.spans.filter((s) => s.operationName === 'cluster/sendInformerMetric');
  assert.ok(orphans.length >= 20, 'one every 15 s since 5 minutes before the start');
  assert.ok(orphans.every((s) => s.warnings !== null && /^invalid parent span IDs=[0-9a-f]{16}; skipping clock skew adjustment$/.test(s.warnings[0])));
  const row = summarizeTrace(traceFromJaegerJson(JSON.parse(bodyA).data[0])!);
  assert.deepEqual([row.name, row.orphanCount], ['', orphans.length], '<trace-without-root-span>');
});
