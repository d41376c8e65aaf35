// The --once traces table: whole ages within 80 columns, and the same duration and age texts as
// the live traces list.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTraceRowsText } from '../../src/cli/format-text.js';
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
