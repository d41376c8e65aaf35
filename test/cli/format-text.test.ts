// The --once text: the traces table (whole ages within 80 columns, the same duration and age
// texts as the live traces list), notes and errors wrapped whole, and ASCII output.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatSnapshotText, formatTraceRowsText } from '../../src/cli/format-text.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { durationText } from '../../src/model/traces-display.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { traceListLines } from '../../src/model/trace-list-view.js';
import type { TraceSummary } from '../../src/model/traces/summary.js';

test('the trace table keeps whole ages within 80 columns', () => {
  const now = 1_800_000_000_000;
  const row = (name: string, agoMs: number) => ({ traceID: 'a'.repeat(32), name, durationMs: 7.25, spans: 6, errors: 0, services: [], startTime: now - agoMs });
  const text = formatTraceRowsText({ service: 'peer', rows: [row('x'.repeat(60), 3_000), row('Recv.PinTracker.Track', 2_040_000)], error: null }, now);
  const lines = text.split('\n').filter((l) => l.includes('ago'));
  assert.equal(lines.length, 2, text);
  assert.ok(lines[0].endsWith('  3s ago') && lines[1].endsWith('  34m ago'), text);
  for (const line of text.split('\n')) assert.ok([...line].length <= 80, line);
});

const JAEGER_HINT = 'no Jaeger query API at 127.0.0.1:9464/metrics (/api/services answered HTTP 404, /api/v3/services answered HTTP 404): is it the Jaeger UI address, with its base path?';

/** The text of wrapped `label: message` lines, put back on one line. */
function unwrapped(lines: readonly string[], label: string): string {
  const start = lines.findIndex((l) => l.startsWith(`${label}: `));
  assert.ok(start >= 0, `a ${label} line in ${lines.join('\n')}`);
  const out = [lines[start]];
  for (let i = start + 1; i < lines.length && lines[i].startsWith(' '.repeat(label.length + 2)); i++) out.push(lines[i].trim());
  return out.join(' ');
}

test('notes, errors and the traces error are word-wrapped whole at 80 columns, under a hanging indent', () => {
  const note = `RPC latency needs tracing: ${'start the daemon with --tracing, '.repeat(3)}or set CLUSTER_TRACING_ENABLETRACING=true`;
  const snapshot = { ...buildSnapshot([], { target: 'http://127.0.0.1:1/metrics', quantile: 0.95, windowMs: 60_000, variant: 'prom3' }), notes: [note] };
  const error = `cannot read http://127.0.0.1:1/metrics: connection refused; ${'x'.repeat(100)} is a very long word`;
  const text = formatSnapshotText(snapshot, [error], 1) + formatTraceRowsText({ service: null, rows: [], error: JAEGER_HINT }, 0);
  const lines = text.split('\n');
  for (const line of lines) assert.ok([...line].length <= 80, `${line.length}: ${line}`);
  assert.equal(unwrapped(lines, 'note'), `note: ${note}`);
  assert.equal(unwrapped(lines, 'traces'), `traces: ${JAEGER_HINT}`);
  // A word longer than a line is cut across lines, not shortened.
  assert.equal(unwrapped(lines, 'error').replace(/(x) (x)/g, '$1$2'), `error: ${error}`);
  assert.ok(lines.includes('        HTTP 404, /api/v3/services answered HTTP 404): is it the Jaeger UI'), text);
});

test('in ASCII a cut line ends with ~ and every character is ASCII; otherwise with …', () => {
  const target = `http://127.0.0.1:1/metrics?${'é'.repeat(80)}`;
  const snapshot = { ...buildSnapshot([], { target, quantile: 0.95, windowMs: 3_600_000, variant: 'prom3' }), notes: ['a note — with a dash → and an arrow'] };
  const unicode = formatSnapshotText(snapshot, [], 1);
  assert.match(unicode.split('\n')[0], /é…$/);
  const ascii = formatSnapshotText(snapshot, ['error … cut'], 1, true) + formatTraceRowsText({ service: 'peer μ', rows: [], error: null }, 0, true);
  assert.ok([...ascii].every((ch) => ch.charCodeAt(0) < 0x80), ascii);
  assert.match(ascii.split('\n')[0], /^cluster-top {2}http:\/\/127\.0\.0\.1:1\/metrics\?(\\u00e9)+~$/);
  assert.match(ascii, /^window 1h, /m);
  assert.match(ascii, /^note: a note - with a dash -> and an arrow$/m);
  assert.match(ascii, /^error: error ~ cut$/m);
  assert.match(ascii, /^traces of peer u: 0$/m);
  for (const line of ascii.split('\n')) assert.ok(line.length <= 80, line);
});

test('the trace table says durations and ages as the live traces list does', () => {
  const now = 1_800_000_000_000;
  const durations = [0.053, 7.25, 345_000];
  const rows = durations.map((durationMs, i) => ({ traceID: String(i).repeat(32), name: `op${i}`, durationMs, spans: 2, errors: 0, services: [], startTime: now - 4_000 - i * 60_000 }));
  const text = formatTraceRowsText({ service: 'peer', rows, error: null }, now);
  const table = text.split('\n').filter((l) => / ago$/.test(l));
  assert.deepEqual(table.map((l) => l.split(/ +/).slice(1, 2).concat(l.split(/ +/).slice(-2).join(' '))), [['53μs', '4s ago'], ['7.3ms', '1m ago'], ['5.8m', '2m ago']]);
  // The live list of the same traces shows the same texts.
  const summaries = rows.map((r): TraceSummary => ({ traceID: r.traceID, name: r.name, rootService: 'peer', rootOperation: r.name, durationUs: r.durationMs * 1000, startTimeUs: r.startTime * 1000, spanCount: 2, errorCount: 0, orphanCount: 0, services: [], operations: null }));
  const live = traceListLines({ summaries, selected: null, service: 'peer', width: 79, rows: 4, nowMs: now, glyphs: glyphsFor(false) });
  const liveText = live.lines.slice(1).map((l) => l.segments.map((seg) => seg.text).join(''));
  durations.forEach((ms, i) => {
    assert.ok(liveText[i].includes(` ${durationText(ms * 1000, glyphsFor(false))} `), liveText[i]);
    assert.ok(liveText[i].includes(table[i].split(/ +/).slice(-2).join(' ')), `${liveText[i]} | ${table[i]}`);
  });
});
