// The payload faults of the demo peer read back with the project's own parser: rebased counters
// stay valid histograms that start again from zero, hostile text survives as data, duplicates and
// huge labels are where they should be.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExposition } from '../../../src/exposition/parse.js';
import { SeriesTable } from '../../../src/exposition/series-table.js';
import type { Exposition } from '../../../src/exposition/types.js';
import { captureCounters, HOSTILE_TEXT, LATENCY_FAMILY, rebaseCounters, withChurn, withDuplicates, withEscapes, withHugeLabels } from '../../../src/sources/demo/fault-payloads.js';
import { advanceTo, createDemoPeerState } from '../../../src/sources/demo/peer-state.js';
import { renderMetrics } from '../../../src/sources/demo/render.js';

const START = 1_790_000_000_000;

function page(atMs: number): string {
  const state = createDemoPeerState({ seed: 7, startMs: START });
  advanceTo(state, atMs);
  return renderMetrics(state);
}

function parse(text: string | Buffer): Exposition {
  const r = parseExposition(text, { format: 'text', table: new SeriesTable({ maxLabelBytes: 1e9 }) });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

const valueOf = (e: Exposition, name: string): number => e.values[e.series.findIndex((s) => s.name === name)];

test('a counter reset: counters restart from zero, gauges stay, buckets stay cumulative', () => {
  const baseline = captureCounters(page(START + 60_000));
  const later = parse(rebaseCounters(page(START + 120_000), baseline, null));
  const before = parse(page(START + 120_000));
  assert.ok(valueOf(later, 'ipfscluster_pins_pin_add') < valueOf(before, 'ipfscluster_pins_pin_add'));
  assert.ok(valueOf(later, 'ipfscluster_pins_pin_add') >= 0);
  assert.equal(valueOf(later, 'ipfscluster_pins'), valueOf(before, 'ipfscluster_pins'), 'a gauge is not rebased');
  assert.equal(valueOf(later, 'process_start_time_seconds'), valueOf(before, 'process_start_time_seconds'));
  // Per method, bucket counts never decrease with le.
  const byMethod = new Map<string, number[]>();
  later.series.forEach((s, i) => {
    if (s.name !== `${LATENCY_FAMILY}_bucket`) return;
    const list = byMethod.get(s.labels.gorpc_server_method) ?? [];
    list.push(later.values[i]);
    byMethod.set(s.labels.gorpc_server_method, list);
  });
  for (const [method, counts] of byMethod) counts.forEach((c, i) => assert.ok(i === 0 || c >= counts[i - 1], method));
  const restarted = parse(rebaseCounters(page(START + 120_000), baseline, 1_790_000_100));
  assert.equal(valueOf(restarted, 'process_start_time_seconds'), 1_790_000_100);
});

test('after a reset or restart the libp2p connections start at 0 and never go negative', () => {
  const sum = (e: Exposition, name: string) => e.series.reduce((t, s, i) => t + (s.name === name ? e.values[i] : 0), 0);
  const open = (e: Exposition) => sum(e, 'libp2p_swarm_connections_opened_total') - sum(e, 'libp2p_swarm_connections_closed_total');
  const baseline = captureCounters(page(START + 60_000));
  assert.ok(open(parse(page(START + 60_000))) > 10, 'the peer had connections');
  assert.equal(open(parse(rebaseCounters(page(START + 60_000), baseline, 1_790_000_060))), 0, 'none right after the restart');
  let climbed = 0;
  for (let t = 62_000; t <= 300_000; t += 2000) {
    const now = open(parse(rebaseCounters(page(START + t), baseline, 1_790_000_060)));
    assert.ok(now >= 0, `open connections ${now} at +${t} ms`);
    climbed = Math.max(climbed, now);
  }
  assert.ok(climbed > 0, 'connections open again');
});

test('escapes: the hostile text is a method name, a HELP text and a label value, read back exactly', () => {
  const e = parse(withEscapes(page(START)));
  assert.equal(e.families.get(LATENCY_FAMILY)?.help, HOSTILE_TEXT);
  assert.ok(e.series.some((s) => s.name === `${LATENCY_FAMILY}_bucket` && s.labels.gorpc_server_method === HOSTILE_TEXT));
  assert.equal(e.families.get('cluster_top_fault_escapes')?.help, HOSTILE_TEXT);
  assert.ok(e.series.some((s) => s.labels.text === HOSTILE_TEXT));
});

test('churn, duplicates and huge labels', () => {
  const churn = parse(withChurn(page(START), 7)).series.filter((s) => s.name === 'cluster_top_fault_churn');
  assert.equal(churn.length, 100);
  assert.ok(churn.every((s) => s.labels.gen === '7'));
  const dup = parse(withDuplicates(page(START)));
  const pins = dup.series.flatMap((s, i) => (s.name === 'ipfscluster_pins' ? [dup.values[i]] : []));
  assert.equal(pins.length, 2);
  assert.equal(pins[1], 987654321);
  const huge = parse(withHugeLabels(page(START)));
  assert.equal(huge.series.filter((s) => Object.values(s.labels).some((v) => v.length === 1024 * 1024)).length, 10);
});
