// Every row value of docs/jaeger-api.md §7 for search-cluster-daemon-peer0.json, under the
// three Jaeger UI generations, plus the Most Recent order and the relative ages at "now".

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { traceFromJaegerJson } from '../../../src/model/traces/from-jaeger-json.js';
import { formatDurationCompact } from '../../../src/model/traces/format-duration.js';
import { traceIdExcerpt } from '../../../src/model/traces/ids.js';
import { relativeAge } from '../../../src/model/traces/relative-age.js';
import { sortTraces } from '../../../src/model/traces/sort.js';
import { summarizeTrace, type TraceSummary } from '../../../src/model/traces/summary.js';
import { displayTraceName, FALLBACK_TRACE_NAME, type RowRules } from '../../../src/model/traces/trace-name.js';
import type { Trace } from '../../../src/model/traces/types.js';
import { buildWaterfall } from '../../../src/model/traces/waterfall.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/jaeger/search-cluster-daemon-peer0.json', import.meta.url), 'utf8')) as { data: unknown[] };
const traces: Trace[] = fixture.data.map((t) => traceFromJaegerJson(t)!);
/** "Now" of the fixture: 2026-11-24T21:15:00Z. */
const NOW_MS = 1795554900000;
const SVC = 'cluster-daemon-peer0';
const recv = (rest: string): string => `${SVC}: Recv.127.0.0.1:9094:${rest}`;
const PIN_POST = recv('/pins/bafybeicqzywufafirp3enc4dav5s6ymzon5rnxxrbwa7vybimpnzjdncwc:POST');

/** §7, in data[] order: excerpt, spans, errors, compact duration, names A/B/C, orphans B/C. */
const EXPECTED: readonly {
  id: string;
  spans: number;
  errors: number;
  compact: string;
  names: [string, string, string];
  orphans: [number, number];
  depth?: number;
}[] = [
  { id: '4beaa3a', spans: 10, errors: 0, compact: '47.9ms', names: triple(recv('/pins:GET')), orphans: [0, 0], depth: 8 },
  { id: '4589241', spans: 14, errors: 0, compact: '412ms', names: triple(recv('/add:POST')), orphans: [0, 0], depth: 6 },
  {
    id: 'ae9289b',
    spans: 15,
    errors: 0,
    compact: '30.0s',
   
    names: [FALLBACK_TRACE_NAME, `${SVC}: cluster/sendInformerMetric`, FALLBACK_TRACE_NAME],
    orphans: [3, 3],
  },
  { id: 'a46a575', spans: 12, errors: 0, compact: '16.9ms', names: [FALLBACK_TRACE_NAME, PIN_POST, PIN_POST], orphans: [1, 0] },
  {
    id: 'e6449ca',
    spans: 4,
    errors: 1,
    compact: '1.7ms',
   
    names: triple(recv('/pins/bafybeivc57wszwos7xa3l3fvxrrysatlqk2c7c54qgp7jyt3pnnwuk2g2k:DELETE')),
    orphans: [0, 0],
  },
  { id: '048c6f5', spans: 6, errors: 0, compact: '6.4ms', names: triple(recv('/id:GET')), orphans: [0, 0] },
  { id: '162059e', spans: 8, errors: 0, compact: '8.9ms', names: triple(recv('/peers:GET')), orphans: [0, 0] },
  {
    id: '48d6e09',
    spans: 10,
    errors: 1,
    compact: '9.2ms',
   
    names: triple(recv('/pins/bafybei36xtnftrmejuibyo3c4ctirz3olail4lvwvmspc57uv6iv7dtetm:GET')),
    orphans: [0, 0],
  },
];

function triple(name: string): [string, string, string] {
  return [name, name, name];
}

function summaries(rules: RowRules): TraceSummary[] {
  return traces.map((t) => summarizeTrace(t, rules));
}

test('the fixture holds the eight traces of §7, in data[] order', () => {
  assert.deepEqual(
    traces.map((t) => traceIdExcerpt(t.traceID)),
    EXPECTED.map((e) => e.id),
  );
});

for (const [i, rules] of (['A', 'B', 'C'] as const).entries()) {
  test(`§7 rows under Jaeger UI generation ${rules}: name, spans, errors, durations`, () => {
    for (const [k, row] of summaries(rules).entries()) {
      const want = EXPECTED[k];
      const label = `${want.id} (${rules})`;
      assert.equal(displayTraceName(row.name), want.names[i], label);
      assert.equal(row.spanCount, want.spans, label);
      assert.equal(row.errorCount, want.errors, label);
      assert.equal(formatDurationCompact(row.durationUs), want.compact, label);
    }
  });
}

test('§7 orphan counts: Jaeger UI main (B) counts a cross-trace reference, the server (C) does not', () => {
  assert.deepEqual(
    summaries('B').map((s) => s.orphanCount),
    EXPECTED.map((e) => e.orphans[0]),
  );
  assert.deepEqual(
    summaries('C').map((s) => s.orphanCount),
    EXPECTED.map((e) => e.orphans[1]),
  );
});

test('§7 services with counts, sorted by name: Kubo(1) before cluster-daemon-peer0(5) in #5', () => {
  const rows = summaries('C');
  assert.deepEqual(rows[5].services, [
    { name: 'Kubo', count: 1, errors: 0 },
    { name: SVC, count: 5, errors: 0 },
  ]);
  for (const [k, row] of rows.entries()) {
    if (k === 5) continue;
    assert.deepEqual(row.services.map((s) => [s.name, s.count]), [[SVC, EXPECTED[k].spans]]);
  }
  assert.deepEqual(rows[4].services[0].errors, 1, 'the DELETE root carries the error');
});

test('§7 Most Recent order and relative ages at 2026-11-24T21:15:00Z', () => {
  const order = sortTraces(summaries('C'), 'most-recent');
  assert.deepEqual(
    order.map((s) => [traceIdExcerpt(s.traceID), relativeAge(s.startTimeUs / 1000, NOW_MS)]),
    [
      ['162059e', '13s ago'],
      ['ae9289b', '45s ago'],
      ['e6449ca', '1m ago'],
      ['48d6e09', '1m ago'],
      ['4beaa3a', '3m ago'],
      ['048c6f5', '5m ago'],
      ['a46a575', '7m ago'],
      ['4589241', '10m ago'],
    ],
  );
});

test('§7 IDs: the leading 0 of #5 is kept and the span ID 009940914a2fb904 of #1 keeps its zeros', () => {
  assert.equal(traces[5].traceID, '048c6f528421af81b5b97e1ff6a5c605');
  const setupPin = traces[1].spans.find((s) => s.spanID === '009940914a2fb904');
  assert.equal(setupPin?.operationName, 'cluster/setupPin');
});

test('§7 depth: GET /pins is 8 levels deep, POST /add 6 (the timeline header "Depth")', () => {
  for (const [k, want] of EXPECTED.entries()) {
    if (want.depth !== undefined) assert.equal(buildWaterfall(traces[k]).depth, want.depth, want.id);
  }
});

test('§7 logs: every Sent.* span carries the ochttp client logs', () => {
  for (const trace of traces) {
    for (const span of trace.spans.filter((s) => s.operationName.startsWith('Sent.'))) {
      assert.ok(span.logs.length > 0, `${span.operationName} in ${trace.traceID} has logs`);
    }
  }
});
