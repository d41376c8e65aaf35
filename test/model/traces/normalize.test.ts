// Reading Jaeger JSON of every generation into one shape: unpadded 1.9 IDs, the OTLP-converted
// v2 output, v3 OTLP-JSON and trace summaries, null arrays, duplicate span IDs; remote text
// (control characters, bidi overrides) stays data — escaping is the view's job.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { traceFromJaegerJson } from '../../../src/model/traces/from-jaeger-json.js';
import { tracesFromOtlpJson } from '../../../src/model/traces/from-otlp-json.js';
import { summariesFromV3Json } from '../../../src/model/traces/from-trace-summaries.js';
import { normalizeSpanId, normalizeTraceId } from '../../../src/model/traces/ids.js';
import { summarizeTrace } from '../../../src/model/traces/summary.js';
import type { Trace } from '../../../src/model/traces/types.js';
import { buildWaterfall } from '../../../src/model/traces/waterfall.js';

const read = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/jaeger/${name}`, import.meta.url), 'utf8'));

test('IDs: lower case, zero-padded to 16 or 32 digits; base64 of 8/16 bytes becomes hex', () => {
  assert.equal(normalizeTraceId('1'), '0000000000000001');
  assert.equal(normalizeTraceId('FF'), '00000000000000ff');
  assert.equal(normalizeTraceId('1234567890abcdef1'), '0000000000000001234567890abcdef1');
  assert.equal(normalizeTraceId('048C6F528421AF81B5B97E1FF6A5C605'), '048c6f528421af81b5b97e1ff6a5c605');
  assert.equal(normalizeSpanId('9940914a2fb904'), '009940914a2fb904');
  assert.equal(normalizeTraceId('AAAAAAAAAAAAAAAAAAAAAQ=='), '00000000000000000000000000000001');
  assert.equal(normalizeSpanId('AAAAAAAAAAI='), '0000000000000002');
  assert.equal(normalizeTraceId(''), '');
  assert.equal(normalizeTraceId(null), '');
});

test('ui_01 as Jaeger 1.9 printed it (unpadded IDs) reads the same as the current padded one', () => {
  const old = traceFromJaegerJson(read('ui_01.v1.9.0.json'))!;
  const cur = traceFromJaegerJson(read('ui_01.current.json'))!;
  assert.equal(old.traceID, '0000000000000001');
  assert.equal(old.traceID, cur.traceID);
  const shape = (t: Trace) => t.spans.map((s) => [s.spanID, s.operationName, s.references.map((r) => `${r.refType}:${r.traceID}/${r.spanID}`), s.process.serviceName]);
  assert.deepEqual(shape(old), shape(cur));
  assert.deepEqual(shape(old), [
    ['0000000000000002', 'test-general-conversion', [], 'service-x'],
    ['0000000000000002_1', 'some-operation', [], 'service-x'],
    ['0000000000000003', 'some-operation', ['CHILD_OF:0000000000000001/0000000000000002'], 'service-y'],
    [
      '0000000000000004',
      'reference-test',
      ['CHILD_OF:00000000000000ff/00000000000000ff', 'CHILD_OF:0000000000000001/0000000000000002', 'FOLLOWS_FROM:0000000000000001/0000000000000002'],
      'service-y',
    ],
    ['0000000000000005', 'preserveParentID-test', ['CHILD_OF:0000000000000001/0000000000000004'], 'service-y'],
  ]);
  assert.deepEqual(cur.warnings, ['some trace warning']);
  assert.deepEqual(cur.spans[3].warnings, ['some span warning']);
});

test('ui_01 tag types are kept: bool error, int64 beyond 2^53 as a string, binary as base64', () => {
  const cur = traceFromJaegerJson(read('ui_01.current.json'))!;
  const tags = cur.spans[1].tags;
  assert.deepEqual(tags.find((t) => t.key === 'javascript_limit'), { key: 'javascript_limit', type: 'int64', value: '9223372036854775222' });
  assert.deepEqual(tags.find((t) => t.key === 'blob'), { key: 'blob', type: 'binary', value: 'AAAwOQ==' });
  assert.equal(cur.spans[1].isError, true);
  assert.equal(cur.spans[0].isError, false);
  assert.equal(summarizeTrace(cur).errorCount, 1);
  assert.deepEqual(cur.spans[0].logs[0], { timestampUs: 1485467191639875, fields: [{ key: 'event', type: 'string', value: 'some-event' }] });
  // The name (C): earliest span without a same-trace parent; ties keep the first.
  assert.equal(summarizeTrace(cur, 'C').name, 'service-x: test-general-conversion');
});

test('the OTLP-converted v2 output: envelope data, v2 tags, the duplicate span renamed', () => {
  const body = read('otlp2jaeger-out.current.json') as { data: unknown[] };
  const trace = traceFromJaegerJson(body.data[0])!;
  assert.equal(trace.traceID, '83a9efd15c1c98a977e0711cc93ee28b');
  assert.deepEqual(trace.spans.map((s) => s.spanID), ['e127af99e3b3e074', 'e127af99e3b3e074_1']);
  assert.ok(trace.spans[0].tags.some((t) => t.key === 'span.kind' && t.value === 'server'));
  const row = summarizeTrace(trace, 'C');
  assert.equal(row.spanCount, 2);
  assert.deepEqual(row.services, [{ name: 'telemetrygen', count: 2, errors: 0 }]);
  // Both spans point at 909541b92cf05311, which is not in the trace: no root, two orphans.
  assert.equal(row.name, '');
  assert.equal(row.orphanCount, 2);
  assert.equal(summarizeTrace(trace, 'B').name, 'telemetrygen: okey-dokey-0');
  assert.equal(row.durationUs, 123);
});

test('1.9 null arrays and unknown process IDs are tolerated', () => {
  const trace = traceFromJaegerJson({
    traceID: 'abc',
    spans: [{ traceID: 'abc', spanID: '1', operationName: 'op', references: null, startTime: 10, duration: 5, tags: null, logs: null, processID: 'p9', warnings: null }],
    processes: null,
    warnings: null,
  })!;
  assert.equal(trace.spans[0].process.serviceName, 'unknown-service');
  assert.deepEqual([trace.spans[0].references, trace.spans[0].tags, trace.spans[0].logs], [[], [], []]);
  assert.equal(traceFromJaegerJson({ spans: [] }), null);
  assert.equal(traceFromJaegerJson('nope'), null);
});

/** A v3 `/api/v3/traces` result: the DELETE of §7 #4 as OTLP-JSON (error status on the root). */
const OTLP_RESULT = {
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'cluster-daemon-peer0' } }, { key: 'cluster_id', value: { stringValue: '12D3KooWabc' } }] },
      scopeSpans: [
        {
          scope: { name: 'opencensus' },
          spans: [
            {
              traceId: 'e6449caa066b3627542b609f29fe0a7f',
              spanId: '8d5f0b0443c75dd7',
              parentSpanId: 'c980ec0ed5aec6b0',
              name: 'cluster/Unpin',
              kind: 1,
              startTimeUnixNano: '1795554835995290000',
              endTimeUnixNano: '1795554835996870000',
              status: {},
            },
            {
              traceId: 'e6449caa066b3627542b609f29fe0a7f',
              spanId: 'c980ec0ed5aec6b0',
              name: 'Recv.127.0.0.1:9094:/pins/bafybeivc57wszwos7xa3l3fvxrrysatlqk2c7c54qgp7jyt3pnnwuk2g2k:DELETE',
              kind: 'SPAN_KIND_SERVER',
              startTimeUnixNano: '1795554835995220000',
              endTimeUnixNano: '1795554835996953000',
              attributes: [{ key: 'http.status_code', value: { intValue: '404' } }, { key: 'big', value: { intValue: '9223372036854775807' } }],
              events: [{ timeUnixNano: '1795554835995230000', name: 'GotConn', attributes: [{ key: 'reused', value: { boolValue: true } }] }],
              links: [{ traceId: '9fa8bc0000000000000000000000aaaa', spanId: '5021fa12608753ed' }],
              status: { code: 2, message: 'not found' },
            },
          ],
        },
      ],
    },
  ],
};

test('v3 OTLP-JSON becomes the same internal shape: service, parent, links, events, status as error=true', () => {
  const [trace] = tracesFromOtlpJson(OTLP_RESULT);
  assert.equal(trace.traceID, 'e6449caa066b3627542b609f29fe0a7f');
  const [unpin, root] = trace.spans;
  assert.equal(root.process.serviceName, 'cluster-daemon-peer0');
  assert.deepEqual(root.process.tags, [{ key: 'cluster_id', type: 'string', value: '12D3KooWabc' }]);
  assert.equal(root.startTimeUs, 1795554835995220);
  assert.equal(root.durationUs, 1733);
  assert.equal(root.isError, true);
  assert.equal(unpin.isError, false);
  assert.deepEqual(unpin.references, [{ refType: 'CHILD_OF', traceID: trace.traceID, spanID: 'c980ec0ed5aec6b0' }]);
  assert.deepEqual(root.references, [{ refType: 'FOLLOWS_FROM', traceID: '9fa8bc0000000000000000000000aaaa', spanID: '5021fa12608753ed' }]);
  const tag = (k: string) => root.tags.find((t) => t.key === k)?.value;
  assert.equal(tag('span.kind'), 'server');
  assert.equal(tag('http.status_code'), 404);
  assert.equal(tag('big'), '9223372036854775807');
  assert.equal(tag('otel.status_code'), 'ERROR');
  assert.equal(tag('otel.status_description'), 'not found');
  assert.equal(tag('otel.scope.name'), 'opencensus');
  assert.deepEqual(root.logs, [{ timestampUs: 1795554835995230, fields: [{ key: 'event', type: 'string', value: 'GotConn' }, { key: 'reused', type: 'bool', value: true }] }]);
  const row = summarizeTrace(trace, 'C');
  assert.equal(row.name, 'cluster-daemon-peer0: Recv.127.0.0.1:9094:/pins/bafybeivc57wszwos7xa3l3fvxrrysatlqk2c7c54qgp7jyt3pnnwuk2g2k:DELETE');
  assert.equal(row.errorCount, 1);
  assert.equal(row.durationUs, 1733);
});

test('v3 OTLP-JSON of 1.25–1.49: instrumentationLibrarySpans, base64 IDs, streamed chunks', () => {
  const chunk = (spanId: string) => ({
    resourceSpans: [{ resource: {}, instrumentationLibrarySpans: [{ spans: [{ traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==', spanId, name: 'x', startTimeUnixNano: '1000', endTimeUnixNano: '3000' }] }] }],
  });
  const traces = tracesFromOtlpJson([chunk('AAAAAAAAAAI='), chunk('AAAAAAAAAAM=')]);
  assert.equal(traces.length, 1);
  assert.equal(traces[0].traceID, '00000000000000000000000000000001');
  assert.deepEqual(traces[0].spans.map((s) => [s.spanID, s.process.serviceName, s.durationUs]), [
    ['0000000000000002', 'OTLPResourceNoServiceName', 2],
    ['0000000000000003', 'OTLPResourceNoServiceName', 2],
  ]);
});

test('v3 trace summaries: the server row, zero counts omitted, `{}` for none', () => {
  const rows = summariesFromV3Json({
    summaries: [
      {
        errorSpanCount: 1,
        maxEndTimeUnixNano: '1001000000000',
        minStartTimeUnixNano: '1000000000000',
        rootOperationName: 'HTTP GET /',
        rootServiceName: 'frontend',
        services: [{ errorSpanCount: 1, name: 'frontend', spanCount: 2 }, { name: 'db', spanCount: 1 }],
        spanCount: 3,
        traceId: '00000000000000000000000000000001',
      },
      { traceId: 'ae9289bb53134bc0113809045f3b95ab', spanCount: 15, orphanSpanCount: 3, minStartTimeUnixNano: '1795554854880772000', maxEndTimeUnixNano: '1795554884885181000' },
    ],
  });
  assert.equal(rows[0].name, 'frontend: HTTP GET /');
  assert.equal(rows[0].durationUs, 1000000);
  assert.equal(rows[0].startTimeUs, 1000000000);
  assert.deepEqual(rows[0].services, [{ name: 'db', count: 1, errors: 0 }, { name: 'frontend', count: 2, errors: 1 }]);
  assert.equal(rows[0].errorCount, 1);
  assert.equal(rows[0].operations, null);
  assert.deepEqual([rows[1].name, rows[1].errorCount, rows[1].orphanCount, rows[1].durationUs], ['', 0, 3, 30004409]);
  assert.deepEqual(summariesFromV3Json({}), []);
});

test('escape-laden names, tags and IDs stay data: nothing is stripped or escaped by the model', () => {
  const evil = 'op\x1b[2J\x1b]8;;http://x\x07\u202eevil\n';
  const trace = traceFromJaegerJson({
    traceID: '1',
    spans: [{ traceID: '1', spanID: '1', operationName: evil, references: [], startTime: 5, duration: 1, tags: [{ key: 'k\x1b', type: 'string', value: evil }], processID: 'p1' }],
    processes: { p1: { serviceName: 'svc\r', tags: [] } },
  })!;
  assert.equal(trace.spans[0].operationName, evil);
  assert.equal(summarizeTrace(trace).name, `svc\r: ${evil}`);
  assert.equal(buildWaterfall(trace).rows[0].span.tags[0].value, evil);
});
