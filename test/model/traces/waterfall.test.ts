// The timeline: pre-order by start time, depth, orphans as "missing parent" rows, error flags
// (also on a collapsed parent hiding one), collapse as a pure function, bars with at least one
// cell, and no recursion: a 10 000-span trace, a 10 000-deep chain and reference cycles.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { traceFromJaegerJson } from '../../../src/model/traces/from-jaeger-json.js';
import { summarizeTrace } from '../../../src/model/traces/summary.js';
import { barCells, timelineTicks } from '../../../src/model/traces/timeline-scale.js';
import type { Span, SpanRef, Trace } from '../../../src/model/traces/types.js';
import { buildWaterfall, EXPANDED, visibleRows, type Waterfall } from '../../../src/model/traces/waterfall.js';

const fixture = JSON.parse(readFileSync(new URL('../../../../test/fixtures/jaeger/search-cluster-daemon-peer0.json', import.meta.url), 'utf8')) as { data: unknown[] };
const traces: Trace[] = fixture.data.map((t) => traceFromJaegerJson(t)!);
const TRACE_ID = '00000000000000000000000000000abc';

/** A span of TRACE_ID; `parents` are span IDs referenced as CHILD_OF (a `x/` prefix: another trace). */
function span(id: string, parents: readonly string[], start: number, duration: number, isError = false): Span {
  const references: SpanRef[] = parents.map((p) =>
    p.startsWith('x/') ? { refType: 'CHILD_OF', traceID: '00000000000000000000000000000def', spanID: p.slice(2) } : { refType: 'CHILD_OF', traceID: TRACE_ID, spanID: p },
  );
  return {
    traceID: TRACE_ID,
    spanID: id,
    operationName: `op-${id}`,
    references,
    startTimeUs: start,
    durationUs: duration,
    tags: isError ? [{ key: 'error', type: 'bool', value: true }] : [],
    logs: [],
    process: { serviceName: 'svc', tags: [] },
    warnings: [],
    isError,
  };
}

function trace(spans: Span[]): Trace {
  return { traceID: TRACE_ID, spans, warnings: [] };
}

const ops = (rows: readonly { span: Span }[]): string[] => rows.map((r) => r.span.operationName);

test('GET /pins (§7 #0): pre-order with siblings by start time, depths, relative starts', () => {
  const w = buildWaterfall(traces[0]);
  assert.deepEqual(
    w.rows.map((r) => [r.depth, r.span.operationName]),
    [
      [0, 'Recv.127.0.0.1:9094:/pins:GET'],
      [1, 'cluster/StatusAll'],
      [2, 'cluster/globalPinInfoStream'],
      [3, 'consensus/Peers'],
      [3, 'rpc/tracker/StatusAll'],
      [4, 'tracker/stateless/StatusAll'],
      [5, 'tracker/stateless/ipfspins'],
      [6, 'ipfsconn/ipfshttp/PinLs'],
      [7, 'Sent.127.0.0.1:5001:/api/v0/pin/ls:POST'],
      [5, 'state/dsstate/List'],
    ],
  );
  assert.equal(w.rows[0].relativeStartUs, 0);
  assert.equal(w.rows[1].relativeStartUs, 64);
  assert.equal(w.endUs - w.startUs, 47880);
  assert.deepEqual([w.rows[0].descendants, w.rows[6].descendants, w.rows[9].hasChildren], [9, 2, false]);
  assert.equal(w.services, 1);
});

test('the never-ended informer loop (§7 #2): three top-level rows marked "missing parent"', () => {
  const w = buildWaterfall(traces[2]);
  const tops = w.rows.filter((r) => r.depth === 0);
  assert.deepEqual(ops(tops), ['cluster/sendInformerMetric', 'cluster/sendInformerMetric', 'cluster/sendInformerMetric']);
  assert.ok(tops.every((r) => r.missingParent && r.descendants === 4));
  assert.ok(w.rows.filter((r) => r.depth > 0).every((r) => !r.missingParent));
  // A root pointing into another trace (§7 #3) is also an orphan in the timeline.
  assert.equal(buildWaterfall(traces[3]).rows[0].missingParent, true);
});

test('error markers: on the span, and on a collapsed parent that hides it (§7 #7)', () => {
  const w = buildWaterfall(traces[7]);
  const sent = w.rows.findIndex((r) => r.span.operationName === 'Sent.127.0.0.1:5001:/api/v0/pin/ls:POST');
  assert.equal(w.rows[sent].isError, true);
  assert.deepEqual(w.rows.filter((r) => r.isError).length, 1);
  const root = w.rows[0];
  assert.equal(root.descendantError, true);
  assert.equal(visibleRows(w, EXPANDED)[0].hiddenError, false, 'nothing hidden: only the span itself is flagged');

  const collapsedRoot = visibleRows(w, new Set([root.span.spanID]));
  assert.equal(collapsedRoot.length, 1);
  assert.deepEqual([collapsedRoot[0].collapsed, collapsedRoot[0].hiddenError], [true, true]);

  const pinLsCid = w.rows.find((r) => r.span.operationName === 'ipfsconn/ipfshttp/PinLsCid')!;
  const rows = visibleRows(w, new Set([pinLsCid.span.spanID]));
  assert.equal(rows.length, w.rows.length - 1);
  assert.equal(rows.find((r) => r.span === pinLsCid.span)?.hiddenError, true);
  // Collapsing a subtree without errors flags nothing.
  const pinGet = w.rows.find((r) => r.span.operationName === 'cluster/PinGet')!;
  assert.equal(visibleRows(w, new Set([pinGet.span.spanID])).find((r) => r.span === pinGet.span)?.hiddenError, false);
});

test('collapse state is a pure function of a set of span IDs', () => {
  const w = buildWaterfall(traces[0]);
  const id = w.rows[4].span.spanID; // rpc/tracker/StatusAll
  const collapsed = new Set([id]);
  assert.deepEqual(ops(visibleRows(w, collapsed)), ops(w.rows.slice(0, 5)).concat([]));
  assert.equal(visibleRows(w, collapsed)[4].collapsed, true);
  assert.equal(visibleRows(w, EXPANDED).length, 10);
  assert.deepEqual(ops(visibleRows(w, everyParent(w))), ['Recv.127.0.0.1:9094:/pins:GET']);
  // A leaf in the set changes nothing; a collapsed row inside a collapsed row stays hidden.
  assert.equal(visibleRows(w, new Set([w.rows[9].span.spanID])).length, 10);
  assert.equal(visibleRows(w, new Set([w.rows[0].span.spanID, id])).length, 1);
  assert.deepEqual(visibleRows(w, new Set([id])).map((r) => r.row), [0, 1, 2, 3, 4]);
});

test('bars: floor((t − start)/(end − start) × width), at least one cell, clipped to the view', () => {
  const w = buildWaterfall(traces[0]);
  const view = { startUs: w.startUs, endUs: w.endUs };
  const bar = (i: number) => barCells(w.rows[i].span.startTimeUs, w.rows[i].span.durationUs, view, 80);
  assert.deepEqual(bar(0), { start: 0, width: 80, clippedLeft: false, clippedRight: false });
  assert.deepEqual(bar(3), { start: 0, width: 1, clippedLeft: false, clippedRight: false }, 'consensus/Peers: 911µs of 47.9ms');
  assert.deepEqual(bar(9), { start: 67, width: 12, clippedLeft: false, clippedRight: false });
  // A span at the very end still gets a cell; one sticking out is clipped; one outside is null.
  assert.deepEqual(barCells(200, 0, { startUs: 100, endUs: 200 }, 10), { start: 9, width: 1, clippedLeft: false, clippedRight: false });
  assert.deepEqual(barCells(50, 300, { startUs: 100, endUs: 200 }, 10), { start: 0, width: 10, clippedLeft: true, clippedRight: true });
  assert.equal(barCells(300, 5, { startUs: 100, endUs: 200 }, 10), null);
  assert.equal(barCells(100, 5, { startUs: 100, endUs: 200 }, 0), null);
  assert.deepEqual(timelineTicks(view, 80, 4).map((t) => [t.col, t.label]), [
    [0, '0μs'],
    [20, '12.0ms'],
    [40, '23.9ms'],
    [60, '35.9ms'],
    [80, '47.9ms'],
  ]);
});

test('a 10 000-span trace lays out in pre-order with every span once', { timeout: 30_000 }, () => {
  const spans: Span[] = [span('root', [], 1, 1_000_000)];
  // 99 parents with 100 children each, given in reverse start order.
  for (let p = 0; p < 99; p++) spans.push(span(`p${p}`, ['root'], 10 + p * 1000, 900));
  for (let k = 0; k < 9900; k++) {
    const p = k % 99;
    spans.push(span(`c${k}`, [`p${p}`], 10 + p * 1000 + (9899 - k), 5, k === 4242));
  }
  const t = trace(spans.slice(0, 1).concat(spans.slice(1).reverse()));
  const w = buildWaterfall(t);
  assert.equal(w.rows.length, 10_000);
  assert.equal(new Set(w.rows.map((r) => r.span.spanID)).size, 10_000);
  assert.equal(w.depth, 3);
  for (let i = 1; i < w.rows.length; i++) {
    const [a, b] = [w.rows[i - 1], w.rows[i]];
    if (a.depth === b.depth && a.depth === 2) assert.ok(a.span.startTimeUs <= b.span.startTimeUs, 'siblings by start time');
  }
  const summary = summarizeTrace(t);
  assert.deepEqual([summary.spanCount, summary.errorCount, summary.name], [10_000, 1, 'svc: op-root']);
  assert.equal(visibleRows(w, everyParent(w)).length, 1);
  assert.equal(visibleRows(w, everyParent(w))[0].hiddenError, true);
});

test('a 10 000-deep chain: no stack overflow, depth 10 000, collapse in the middle', { timeout: 30_000 }, () => {
  const spans: Span[] = [];
  for (let i = 0; i < 10_000; i++) spans.push(span(`s${i}`, i === 0 ? [] : [`s${i - 1}`], 100 + i, 10_000 - i, i === 9_999));
  const t = trace(spans.reverse());
  const w = buildWaterfall(t);
  assert.equal(w.depth, 10_000);
  assert.deepEqual(w.rows.map((r) => r.depth).slice(-3), [9_997, 9_998, 9_999]);
  assert.equal(w.rows[0].descendants, 9_999);
  const mid = visibleRows(w, new Set(['s5000']));
  assert.equal(mid.length, 5_001);
  assert.equal(mid[5_000].hiddenError, true);
  for (const rules of ['A', 'B', 'C'] as const) assert.equal(summarizeTrace(t, rules).name, 'svc: op-s0', rules);
});

test('reference cycles: every span shown once, the earliest unreachable one as a top-level "cycle" row', { timeout: 30_000 }, () => {
  // r is a real root; a → b → c → a loop, d hangs off b, e references itself.
  const t = trace([span('a', ['c'], 20, 5), span('b', ['a'], 21, 5), span('c', ['b'], 22, 5), span('d', ['b'], 23, 1, true), span('r', [], 10, 50), span('e', ['e'], 30, 1)]);
  const w = buildWaterfall(t);
  assert.deepEqual(
    w.rows.map((r) => [r.span.spanID, r.depth, r.inCycle]),
    [
      ['r', 0, false],
      ['a', 0, true],
      ['b', 1, false],
      ['c', 2, false],
      ['d', 2, false],
      ['e', 0, true],
    ],
  );
  assert.equal(w.rows[1].descendantError, true);
  assert.equal(summarizeTrace(t).name, 'svc: op-r');

  // A trace that is nothing but a cycle has no root under any rules.
  const ring: Span[] = [];
  for (let i = 0; i < 10_000; i++) ring.push(span(`s${i}`, [`s${(i + 1) % 10_000}`], 1000 - (i % 7), 3));
  const cyc = trace(ring);
  for (const rules of ['A', 'B', 'C'] as const) assert.equal(summarizeTrace(cyc, rules).name, '', rules);
  const rw = buildWaterfall(cyc);
  assert.equal(rw.rows.length, 10_000);
  assert.equal(rw.rows.filter((r) => r.inCycle).length, 1);
  assert.equal(rw.depth, 10_000);
});

test('a cross-trace reference makes a "missing parent" row; only rule A leaves such a trace unnamed', () => {
  const t = trace([span('root', ['x/ff'], 10, 100), span('kid', ['root'], 20, 10)]);
  const w = buildWaterfall(t);
  assert.deepEqual(w.rows.map((r) => [r.span.spanID, r.depth, r.missingParent]), [
    ['root', 0, true],
    ['kid', 1, false],
  ]);
  assert.deepEqual(['A', 'B', 'C'].map((rules) => summarizeTrace(t, rules as 'A' | 'B' | 'C').name), ['', 'svc: op-root', 'svc: op-root']);
  assert.equal(summarizeTrace(t, 'B').orphanCount, 1);
  assert.equal(summarizeTrace(t, 'C').orphanCount, 0);
});

/** Every span with children, as the traces pane's `c` (fold all) collapses them. */
function everyParent(w: Waterfall): ReadonlySet<string> {
  return new Set(w.rows.filter((r) => r.hasChildren).map((r) => r.span.spanID));
}
