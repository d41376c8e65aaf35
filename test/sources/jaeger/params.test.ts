// The pure parts of the Jaeger source: query parameters per API generation (µs, Go duration
// strings, RFC 3339 with microseconds) and the choice of the cluster's service.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatGoDuration, rfc3339FromMicros, v1SearchParams, v3SummaryParams, v3TraceParams } from '../../../src/sources/jaeger/query-params.js';
import { chooseService } from '../../../src/sources/jaeger/service-choice.js';

const WINDOW = { service: 'cluster-daemon-peer0', startUs: 1795551300000000, endUs: 1795554900000000, limit: 20 };

test('Go duration strings that time.ParseDuration reads', () => {
  assert.deepEqual([0, 1, 999, 1000, 1500, 1234, 999_999, 1_000_000, 2_500_000, 90_000_000].map(formatGoDuration), [
    '0us',
    '1us',
    '999us',
    '1ms',
    '1.5ms',
    '1.234ms',
    '999.999ms',
    '1s',
    '2.5s',
    '90s',
  ]);
  assert.equal(formatGoDuration(1499.6), '1.5ms');
});

test('RFC 3339 times with microseconds', () => {
  assert.equal(rfc3339FromMicros(1795551300000000), '2026-11-24T20:15:00.000000Z');
  assert.equal(rfc3339FromMicros(1795554854880772), '2026-11-24T21:14:14.880772Z');
});

test('v1 parameters: µs times, limit, Go duration, operation only when set', () => {
  assert.deepEqual(v1SearchParams(WINDOW), {
    service: 'cluster-daemon-peer0',
    operation: undefined,
    start: 1795551300000000,
    end: 1795554900000000,
    limit: 20,
    minDuration: undefined,
  });
  const p = v1SearchParams({ ...WINDOW, operation: 'Recv.Cluster.Pin', minDurationUs: 1500 });
  assert.deepEqual([p.operation, p.minDuration], ['Recv.Cluster.Pin', '1.5ms']);
});

test('v3 parameters: camelCase for trace summaries, both spellings for traces', () => {
  const w = { ...WINDOW, minDurationUs: 250 };
  const summary = v3SummaryParams(w);
  assert.deepEqual(summary, {
    'query.serviceName': 'cluster-daemon-peer0',
    'query.operationName': undefined,
    'query.startTimeMin': '2026-11-24T20:15:00.000000Z',
    'query.startTimeMax': '2026-11-24T21:15:00.000000Z',
    'query.searchDepth': 20,
    'query.durationMin': '250us',
  });
  const traces = v3TraceParams(w);
  assert.equal(traces['query.service_name'], 'cluster-daemon-peer0');
  assert.equal(traces['query.start_time_min'], '2026-11-24T20:15:00.000000Z');
  assert.equal(traces['query.num_traces'], 20);
  assert.equal(traces['query.duration_min'], '250us');
  assert.equal(traces['query.serviceName'], 'cluster-daemon-peer0');
});

test('service choice: ^prefix(-|$), one match used, several with this host first, explicit wins', () => {
  const all = ['jaeger-all-in-one', 'cluster-daemon-peer2', 'cluster-daemon-peer0', 'cluster-daemonic', 'Kubo', 'cluster-daemon'];
  assert.deepEqual(chooseService(all, { hostname: 'peer0' }), {
    kind: 'several',
    services: ['cluster-daemon-peer0', 'cluster-daemon', 'cluster-daemon-peer2'],
  });
  assert.deepEqual(chooseService(all, { hostname: 'peer2.example.org' }), {
    kind: 'several',
    services: ['cluster-daemon-peer2', 'cluster-daemon', 'cluster-daemon-peer0'],
  });
  assert.deepEqual(chooseService(all, { hostname: 'elsewhere' }), {
    kind: 'several',
    services: ['cluster-daemon', 'cluster-daemon-peer0', 'cluster-daemon-peer2'],
  });
  assert.deepEqual(chooseService(['Kubo', 'cluster-daemon-peer0'], {}), { kind: 'one', service: 'cluster-daemon-peer0' });
  assert.deepEqual(chooseService(['Kubo'], {}), { kind: 'none', available: ['Kubo'] });
  assert.deepEqual(chooseService([], {}), { kind: 'none', available: [] });
  assert.deepEqual(chooseService(all, { service: 'Kubo' }), { kind: 'one', service: 'Kubo' });
  assert.deepEqual(chooseService(['my.svc-a', 'myXsvc-b'], { servicePrefix: 'my.svc' }), { kind: 'one', service: 'my.svc-a' });
});
