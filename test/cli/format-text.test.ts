// The --once text table's age column: short enough for the 80-column table, precise enough to
// tell rows apart.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactAge, formatTraceRowsText } from '../../src/cli/format-text.js';

test('ages are short and tell recent traces apart', () => {
  const now = 1_800_000_000_000;
  assert.equal(compactAge(now, now), '0s ago');
  assert.equal(compactAge(now - 12_400, now), '12s ago');
  assert.equal(compactAge(now - 59_000, now), '59s ago');
  assert.equal(compactAge(now - 61_000, now), '1m ago');
  assert.equal(compactAge(now - 3_599_000, now), '59m ago');
  assert.equal(compactAge(now - 7_300_000, now), '2h ago');
  assert.equal(compactAge(now - 3 * 86_400_000, now), '3d ago');
  assert.equal(compactAge(now + 5_000, now), 'in 5s', 'a clock ahead of ours');
});

test('the trace table keeps whole ages within 80 columns', () => {
  const now = 1_800_000_000_000;
  const row = (name: string, agoMs: number) => ({ traceID: 'a'.repeat(32), name, durationMs: 7.25, spans: 6, errors: 0, services: [], startTime: now - agoMs });
  const text = formatTraceRowsText({ service: 'peer', rows: [row('x'.repeat(60), 3_000), row('Recv.PinTracker.Track', 2_040_000)], error: null }, now);
  const lines = text.split('\n').filter((l) => l.includes('ago'));
  assert.equal(lines.length, 2, text);
  assert.ok(lines[0].endsWith('  3s ago') && lines[1].endsWith('  34m ago'), text);
  for (const line of text.split('\n')) assert.ok([...line].length <= 80, line);
});
