// A hostile Jaeger (test/support/hostile-jaeger.ts) through the real client, the traces model,
// the traces pane's line builders and `--once`'s output: down, the UI page with status 200 and
// invalid JSON are one escaped line each and recover; a 10 000-span trace, a 10 000-deep chain and
// reference cycles are laid out whole without recursion; hostile span, service, tag and log text
// reaches the text only as visible escapes and the JSON stays valid with no raw control.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { formatTraceRowsText } from '../../src/cli/format-text.js';
import { formatSnapshotJson } from '../../src/cli/once.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { spanDetailLines } from '../../src/model/span-detail-view.js';
import { traceListLines } from '../../src/model/trace-list-view.js';
import type { TracesLine } from '../../src/model/traces-display.js';
import { buildSpanTree } from '../../src/model/traces/span-tree.js';
import { summarizeTrace } from '../../src/model/traces/summary.js';
import type { Trace } from '../../src/model/traces/types.js';
import { buildWaterfall, visibleRows } from '../../src/model/traces/waterfall.js';
import { waterfallLines } from '../../src/model/waterfall-view.js';
import { createJaegerClient, type JaegerClient, type JaegerResult } from '../../src/sources/jaeger/client.js';
import { fetchTraceRows } from '../../src/sources/jaeger/trace-rows.js';
import { HOSTILE_TEXT } from '../../src/sources/demo/fault-payloads.js';
import { BIG, SERVICE, startHostileJaeger, type JaegerFault } from '../support/hostile-jaeger.js';
import { assertOneSafeLine, UNSAFE_CHAR } from '../support/terminal-safety.js';

const QUERY = { service: SERVICE, lookbackMs: 3_600_000, limit: 20 };
const glyphs = glyphsFor(false);

function client(t: TestContext, origin: string): JaegerClient {
  const c = createJaegerClient({ url: origin, timeoutMs: 5000 });
  t.after(() => c.close());
  return c;
}

function value<T>(result: JaegerResult<T>): T {
  if (!result.ok) assert.fail(`${result.error.kind}: ${result.error.message}`);
  return result.value;
}

async function traceOf(t: TestContext, fault: JaegerFault): Promise<Trace> {
  const server = await startHostileJaeger(t, fault);
  const c = client(t, server.origin);
  const found = value(await c.search(QUERY));
  assert.equal(found.summaries.length, 1);
  return value(await c.getTrace(found.summaries[0].traceID));
}

const lineText = (line: TracesLine): string => line.segments.map((s) => s.text).join('');

test('down, the HTML page with status 200 and invalid JSON: one escaped line each, then recovery', async (t) => {
  const server = await startHostileJaeger(t, 'none');
  const c = client(t, server.origin);
  value(await c.search(QUERY));
  const expected: [JaegerFault, string, RegExp][] = [
    ['down', 'refused', /^connection refused by Jaeger at 127\.0\.0\.1:\d+$/],
    ['html-200', 'no-api', /^no Jaeger query API at 127\.0\.0\.1:\d+ \(.*HTML page.*\)/],
    ['invalid-json', 'bad-json', /^Jaeger at 127\.0\.0\.1:\d+ sent invalid JSON for \/api\/traces: /],
  ];
  for (const [fault, kind, message] of expected) {
    await server.set(fault);
    const failed = await c.search(QUERY);
    assert.equal(failed.ok, false, fault);
    if (failed.ok) continue;
    assert.equal(failed.error.kind, kind, failed.error.message);
    assert.match(failed.error.message, message);
    assertOneSafeLine(failed.error.message);
    await server.set('none');
    value(await c.search(QUERY));
  }
});

test('a 10 000-span trace: summarised and laid out whole', async (t) => {
  const trace = await traceOf(t, 'wide');
  assert.equal(summarizeTrace(trace).spanCount, BIG);
  const w = buildWaterfall(trace);
  assert.equal(visibleRows(w, new Set()).length, BIG);
  const page = waterfallLines({ waterfall: w, rows: visibleRows(w, new Set()), name: summarizeTrace(trace).name, selected: null, service: SERVICE, url: null, hyperlinks: false, width: 100, lines: 30, nowMs: Date.now(), glyphs });
  assert.equal(page.lines.length, 30);
});

test('a 10 000-deep span chain: no recursion, depth 9 999 at the bottom', async (t) => {
  const trace = await traceOf(t, 'deep');
  const tree = buildSpanTree(trace);
  assert.equal(Math.max(...tree.depth), BIG - 1);
  const w = buildWaterfall(trace);
  const rows = visibleRows(w, new Set());
  assert.equal(rows.length, BIG);
  assert.equal(summarizeTrace(trace).name, `${SERVICE}: op-0`);
  const page = waterfallLines({ waterfall: w, rows, name: 'deep', selected: rows[rows.length - 1].span.spanID, service: SERVICE, url: null, hyperlinks: false, width: 100, lines: 20, nowMs: Date.now(), glyphs });
  assert.ok(page.lines.every((l) => [...lineText(l)].length <= 100));
});

test('cyclic references: every span shown once, the loop marked, nothing hangs', async (t) => {
  const trace = await traceOf(t, 'cyclic');
  const tree = buildSpanTree(trace);
  assert.equal(new Set(tree.order).size, trace.spans.length);
  assert.ok(tree.top.includes('cycle'));
  const w = buildWaterfall(trace);
  assert.equal(w.rows.length, trace.spans.length);
  assert.ok(w.rows.some((r) => r.inCycle));
});

test('escape sequences in span, service, tag and log text: visible escapes in every line, valid JSON without raw controls', async (t) => {
  const trace = await traceOf(t, 'escapes');
  assert.equal(trace.spans[0].operationName, HOSTILE_TEXT, 'the model keeps the text as sent');
  const summary = summarizeTrace(trace);
  const w = buildWaterfall(trace);
  const lines: TracesLine[] = [
    ...traceListLines({ summaries: [summary], selected: null, service: null, width: 120, rows: 5, nowMs: Date.now(), glyphs }).lines,
    ...waterfallLines({ waterfall: w, rows: visibleRows(w, new Set()), name: summary.name, selected: null, service: 'other', url: null, hyperlinks: false, width: 120, lines: 10, nowMs: Date.now(), glyphs }).lines,
    ...spanDetailLines({ row: w.rows[0], traceStartUs: summary.startTimeUs, offset: 0, width: 120, lines: 40, glyphs }).lines,
  ];
  for (const line of lines) for (const s of line.segments) assertOneSafeLine(s.text);
  assert.ok(lines.some((l) => lineText(l).includes('Evil.\\x1b[2J')), 'the escapes are visible');

  // `--once`: the trace table as text, and the JSON document.
  const server = await startHostileJaeger(t, 'escapes');
  const rows = await fetchTraceRows({ jaegerUrl: server.origin, service: SERVICE, lookbackMs: 3_600_000, limit: 20, timeoutMs: 5000 });
  assert.equal(rows.error, null);
  assert.equal(rows.rows[0].name, `${SERVICE}: ${HOSTILE_TEXT}`);
  const text = formatTraceRowsText(rows, Date.now());
  for (const line of text.split('\n')) assertOneSafeLine(line);
  assert.match(text, /Evil\.\\x1b\[2J/);
  const json = formatSnapshotJson(buildSnapshot([], { target: 'x', quantile: 0.95, windowMs: 60_000, variant: 'prom3' }), [], rows);
  assert.doesNotMatch(json, UNSAFE_CHAR);
  assert.equal((JSON.parse(json) as { traces: { name: string }[] }).traces[0].name, `${SERVICE}: ${HOSTILE_TEXT}`);

  // Listing the services: the hostile one is passed over for the peer's own.
  const listed = await fetchTraceRows({ jaegerUrl: server.origin, lookbackMs: 3_600_000, limit: 20, timeoutMs: 5000, hostname: 'peer0' });
  assert.equal(listed.service, SERVICE);
});
