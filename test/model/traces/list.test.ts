// The trace list around the rows: sort orders, filters (operation groups with CIDs replaced,
// minimum span duration, errors only), log-scale duration bars, duration and age texts, and
// the Jaeger UI link of a trace.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { logBarCells, logBarWidths } from '../../../src/model/traces/duration-bar.js';
import { filterTraces, matchesFilter, operationGroups } from '../../../src/model/traces/filter.js';
import { formatDurationCompact } from '../../../src/model/traces/format-duration.js';
import { traceFromJaegerJson } from '../../../src/model/traces/from-jaeger-json.js';
import { summariesFromV3Json } from '../../../src/model/traces/from-trace-summaries.js';
import { traceIdExcerpt } from '../../../src/model/traces/ids.js';
import { operationGroup, parseRestOperation, templatePath } from '../../../src/model/traces/operation-group.js';
import { sortTraces, TRACE_ORDERS } from '../../../src/model/traces/sort.js';
import { summarizeTrace } from '../../../src/model/traces/summary.js';
import { traceUrl } from '../../../src/model/traces/trace-url.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/jaeger/search-cluster-daemon-peer0.json', import.meta.url), 'utf8')) as { data: unknown[] };
const rows = fixture.data.map((t) => summarizeTrace(traceFromJaegerJson(t)!));
const ids = (list: readonly { traceID: string }[]): string[] => list.map((s) => traceIdExcerpt(s.traceID));

test('sort orders: most recent (default), longest, most spans, most errors; ties by most recent', () => {
  assert.deepEqual(TRACE_ORDERS, ['most-recent', 'longest', 'most-spans', 'most-errors']);
  assert.deepEqual(ids(sortTraces(rows)), ['162059e', 'ae9289b', 'e6449ca', '48d6e09', '4beaa3a', '048c6f5', 'a46a575', '4589241']);
  assert.deepEqual(ids(sortTraces(rows, 'longest')), ['ae9289b', '4589241', '4beaa3a', 'a46a575', '48d6e09', '162059e', '048c6f5', 'e6449ca']);
  assert.deepEqual(ids(sortTraces(rows, 'most-spans')), ['ae9289b', '4589241', 'a46a575', '48d6e09', '4beaa3a', '162059e', '048c6f5', 'e6449ca']);
  assert.deepEqual(ids(sortTraces(rows, 'most-errors')).slice(0, 3), ['e6449ca', '48d6e09', '162059e']);
  assert.deepEqual(ids(rows)[0], '4beaa3a', 'sorting copies');
});

test('operation groups: REST names lose host and CID, keep direction and method; others are their own group', () => {
  assert.equal(operationGroup('Recv.127.0.0.1:9094:/pins/bafybeicqzywufafirp3enc4dav5s6ymzon5rnxxrbwa7vybimpnzjdncwc:POST'), 'POST /pins/{cid}');
  assert.equal(operationGroup('Recv.cluster.example.org:9094:/pins/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG:DELETE'), 'DELETE /pins/{cid}');
  assert.equal(operationGroup('Recv.[::1]:9094:/pins/ipfs/bafybeicqzywufafirp3enc4dav5s6ymzon5rnxxrbwa7vybimpnzjdncwc/a:POST'), 'POST /pins/ipfs/{cid}/a');
  assert.equal(operationGroup('Recv.127.0.0.1:9094:/pins:GET'), 'GET /pins');
  assert.equal(operationGroup('Recv.127.0.0.1:9094:/peers/12D3KooWJx9i5rKM4CGTExYVaX5zMWmKDAuHrBy2FVhMhYcbkYqu:DELETE'), 'DELETE /peers/{peer}');
  assert.equal(operationGroup('Recv.proxy:127.0.0.1:9095:/api/v0/add:POST'), 'proxy POST /api/v0/add');
  assert.equal(operationGroup('Sent.127.0.0.1:5001:/api/v0/pin/ls:POST'), 'Sent POST /api/v0/pin/ls');
  for (const name of ['cluster/Pin', 'Recv.Cluster.Pin', 'consensus/LogPin', 'corehttp.cmdsHandler', '']) assert.equal(operationGroup(name), name);
  assert.deepEqual(parseRestOperation('Recv.127.0.0.1:9094:/add:POST'), { direction: 'Recv', proxy: false, host: '127.0.0.1:9094', path: '/add', method: 'POST' });
  assert.equal(templatePath('/pins/not-a-cid/bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'), '/pins/not-a-cid/{cid}');
});

test('the operation picker lists groups with the number of traces holding each', () => {
  const groups = operationGroups(rows);
  const get = (key: string) => groups.find((g) => g.key === key)?.traces;
  assert.equal(get('POST /pins/{cid}'), 1);
  assert.equal(get('GET /pins/{cid}'), 1);
  assert.equal(get('DELETE /pins/{cid}'), 1);
  assert.equal(get('Sent POST /api/v0/id'), 2);
  assert.equal(get('consensus/Peers'), 4);
  assert.ok(!groups.some((g) => g.key.includes('bafy')));
  assert.deepEqual(groups.map((g) => g.key), [...groups.map((g) => g.key)].sort());
});

test('filters: by group or exact name, minimum duration on the same span, errors only', () => {
  assert.deepEqual(ids(filterTraces(rows, { operation: 'POST /pins/{cid}' })), ['a46a575']);
  assert.deepEqual(ids(filterTraces(rows, { operation: 'cluster/Pin' })), ['4589241', 'a46a575']);
  assert.deepEqual(ids(filterTraces(rows, { operation: 'Sent POST /api/v0/id', minDurationUs: 5000 })), ['162059e']);
  assert.deepEqual(ids(filterTraces(rows, { operation: 'consensus/Peers', minDurationUs: 1200 })), ['162059e'], 'the 1490µs Peers span of /peers');
  assert.deepEqual(ids(filterTraces(rows, { minDurationUs: 100_000 })), ['4589241']);
  assert.deepEqual(ids(filterTraces(rows, { errorsOnly: true })), ['e6449ca', '48d6e09']);
  assert.deepEqual(ids(filterTraces(rows, { errorsOnly: true, operation: 'GET /pins/{cid}' })), ['48d6e09']);
  assert.equal(filterTraces(rows, {}).length, rows.length);
  assert.deepEqual(ids(filterTraces(rows, { operation: 'nothing/here' })), []);
});

test('filters on server summaries (v3) use the root operation and the trace duration', () => {
  const [row] = summariesFromV3Json({
    summaries: [{ traceId: '1', rootServiceName: 's', rootOperationName: 'Recv.h:1:/pins/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG:POST', minStartTimeUnixNano: '1000', maxEndTimeUnixNano: '5001000', spanCount: 2 }],
  });
  assert.equal(matchesFilter(row, { operation: 'POST /pins/{cid}', minDurationUs: 5000 }), true);
  assert.equal(matchesFilter(row, { operation: 'POST /pins/{cid}', minDurationUs: 5001 }), false);
  assert.equal(matchesFilter(row, { operation: 'cluster/Pin' }), false);
});

test('duration bars on a log scale: the 30 s informer trace does not flatten the others', () => {
  const widths = logBarWidths(rows.map((r) => r.durationUs), 40);
  assert.equal(widths[2], 40, 'ae9289b, 30 s');
  assert.ok(widths.every((w) => w >= 1));
  assert.ok(widths[0] > 10, `47.9ms gets ${widths[0]} cells`);
  assert.ok(widths[1] > widths[0] && widths[0] > widths[3] && widths[3] > widths[4], 'monotone in the duration');
  assert.deepEqual(logBarWidths([47_880, 47_000], 40), [40, 40], 'similar durations, similar bars');
  assert.deepEqual(logBarWidths([], 40), []);
  assert.deepEqual(logBarWidths([0, 5], 40), [1, 40]);
  assert.equal(logBarCells(10, 10, 1000, 0), 0);
  assert.equal(logBarCells(100, 10, 1000, 21), 11);
});

test('duration texts in the compact form of the current Jaeger UI', () => {
  const cases: [number, string][] = [
    [0, '0μs'],
    [999, '999μs'],
    [1000, '1.0ms'],
    [1005, '1.0ms'],
    [99_950, '100ms'],
    [59_990_000, '60.0s'],
    [90_000_000, '1.5m'],
    [7_200_000_000, '120m'],
    [183_840_000_000, '3064m'],
  ];
  for (const [us, compact] of cases) {
    assert.equal(formatDurationCompact(us), compact, `${us} compact`);
  }
});

test('the Jaeger UI link keeps the base path and drops credentials, query and fragment', () => {
  const id = '4beaa3a8f46bd6c9447902731d343584';
  assert.equal(traceUrl('http://127.0.0.1:16686', id), `http://127.0.0.1:16686/trace/${id}`);
  assert.equal(traceUrl('https://user:secret@jaeger.example.org/jaeger/?x=1#y', id), `https://jaeger.example.org/jaeger/trace/${id}`);
  assert.equal(traceUrl('not a url', id), null);
  assert.equal(traceUrl('ftp://host/', id), null);
});
