// Payload-content faults of a real loopback peer, through the feed and the built CLI (`--once`):
// escape sequences stay data (raw in the model, visible escapes in text, valid JSON without raw
// controls), churn never grows the series table past its caps, duplicates do not double-count,
// and 1 MiB labels and a million series are cut at the caps with a "truncated" notice while the
// peer's own figures stay intact.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import { createHttpFeed } from '../../src/feed/peer-feed.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { HOSTILE_TEXT, HUGE_LABEL_CHARS } from '../../src/sources/demo/fault-payloads.js';
import { createScraper } from '../../src/sources/scrape.js';
import { startFaultyPeer } from '../support/faulty-peer.js';
import { runCli } from '../support/run-cli.js';
import { assertOneSafeLine, UNSAFE_CHAR, VISIBLE_ESCAPES } from '../support/terminal-safety.js';

function feedOf(t: TestContext, url: string) {
  const feed = createHttpFeed({ url, timeoutMs: 20_000, maxBodyBytes: 64 * 1024 * 1024 });
  t.after(() => feed.close());
  return feed;
}

function ok(outcome: PollOutcome): Extract<PollOutcome, { ok: true }> {
  if (!outcome.ok) assert.fail(`${outcome.kind}: ${outcome.message}`);
  return outcome;
}

const once = (url: string, ...extra: string[]) => runCli(['--once', '--metrics', url, '--interval', '200ms', '--timeout', '20s', '--no-traces', ...extra], { timeoutMs: 60_000 });

test('escape sequences in label values and HELP text: raw in the model, visible escapes in --once text, valid JSON', async (t) => {
  const peer = await startFaultyPeer(t, 'escapes');
  const sample = ok(await feedOf(t, peer.url).poll()).sample;
  assert.ok(sample.latency?.plan.methods.includes(HOSTILE_TEXT), 'the method name is kept as sent');

  const text = await once(peer.url);
  assert.equal(text.code, 0, text.stderr);
  for (const line of text.stdout.split('\n')) assertOneSafeLine(line);
  const row = text.stdout.split('\n').find((l) => l.startsWith('Evil.'));
  assert.ok(row?.startsWith(VISIBLE_ESCAPES[0].slice(0, 40)), text.stdout);

  const json = await once(peer.url, '--json');
  assert.equal(json.code, 0, json.stderr);
  assert.doesNotMatch(json.stdout.replace(/\n$/, ''), UNSAFE_CHAR, 'no raw control character, even inside JSON strings');
  const doc = JSON.parse(json.stdout) as { rpc: { method: string }[] };
  assert.ok(doc.rpc.some((r) => r.method === HOSTILE_TEXT), 'JSON carries the exact name');
});

test('churning series: the table stays within its cap, every scrape is read whole', async (t) => {
  const peer = await startFaultyPeer(t, 'churn');
  const scraper = createScraper({ url: peer.url, timeoutMs: 10_000, maxBodyBytes: 64 * 1024 * 1024 });
  t.after(() => scraper.close());
  const table = new SeriesTable({ maxSeries: 2500 });
  let largest = 0;
  for (let i = 0; i < 30; i++) {
    const got = await scraper.scrape();
    assert.ok(got.ok);
    const parsed = parseExposition(got.body, { format: got.format, table });
    assert.ok(parsed.ok);
    assert.equal(parsed.exposition.truncated, undefined, `scrape ${i}`);
    assert.equal(parsed.exposition.series.filter((s) => s.name === 'cluster_top_fault_churn').length, 100);
    largest = Math.max(largest, table.size);
  }
  assert.ok(largest <= 2500, `table held ${largest} series`);
  const feed = feedOf(t, peer.url);
  for (let i = 0; i < 5; i++) assert.equal(ok(await feed.poll()).notice, undefined);
});

test('duplicate series count once (the first, as Prometheus keeps it)', async (t) => {
  const peer = await startFaultyPeer(t, 'duplicates');
  const feed = feedOf(t, peer.url);
  const first = ok(await feed.poll()).sample;
  assert.notEqual(first.gauges.pins, 987654321);
  assert.notEqual(first.process.cpuSecondsTotal, 987654321);
  await peer.set('');
  const clean = ok(await feed.poll()).sample;
  assert.ok(Math.abs(clean.gauges.pins - first.gauges.pins) < 100);
});

test('1 MiB label values: kept up to the label-text cap, the rest dropped with a notice in --once errors', async (t) => {
  const peer = await startFaultyPeer(t, 'huge-labels');
  const outcome = ok(await feedOf(t, peer.url).poll());
  assert.match(outcome.notice ?? '', /^truncated: 3 samples dropped \(label text over 8(\.00)? MiB for this target\)$/);
  assert.ok(outcome.sample.gauges.pins > 0, "the peer's own figures are intact");
  assert.ok(outcome.sample.latency?.plan.methods.some((method) => method.length === HUGE_LABEL_CHARS), 'the 1 MiB method is one of those kept');
  const json = await once(peer.url, '--json');
  assert.equal(json.code, 0, json.stderr);
  const doc = JSON.parse(json.stdout) as { errors: string[]; cluster: { pins: number } };
  assert.deepEqual(doc.errors, [outcome.notice]);
  assert.ok(doc.cluster.pins > 0);
  const text = await once(peer.url);
  assert.equal(text.code, 0, text.stderr);
  assert.ok(text.stdout.split('\n').every((l) => [...l].length <= 80), 'the 1 MiB name is cut to its column');
  assert.match(text.stdout, /^error: truncated: 3 samples dropped/m);
});

test('a million series, streamed: read to the series cap only, with a notice; the peer figures stay', async (t) => {
  const peer = await startFaultyPeer(t, 'million-series');
  const feed = feedOf(t, peer.url);
  for (let i = 0; i < 2; i++) {
    const outcome = ok(await feed.poll());
    assert.equal(outcome.notice, 'truncated: more than 50000 samples, the rest of the payload not read');
    assert.ok(outcome.sample.gauges.pins > 0 && outcome.sample.latency !== null);
  }
  await peer.set('');
  assert.equal(ok(await feed.poll()).notice, undefined, 'the notice goes with the fault');
});

test('dump: HELP text and label values with escape sequences as valid JSON without raw controls; a cut payload says so', async (t) => {
  const peer = await startFaultyPeer(t, 'escapes');
  const dump = await runCli(['dump', peer.url], { timeoutMs: 60_000 });
  assert.equal(dump.code, 0, dump.stderr);
  assert.doesNotMatch(dump.stdout, /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  const families = JSON.parse(dump.stdout) as { name: string; help: string }[];
  assert.equal(families.find((f) => f.name === 'cluster_top_fault_escapes')?.help, HOSTILE_TEXT);
  await peer.set('million-series');
  const cut = await runCli(['dump', '--format', 'samples', peer.url], { timeoutMs: 60_000 });
  assert.equal(cut.code, 0, cut.stderr);
  assert.equal(cut.stderr, 'cluster-top dump: truncated: more than 50000 samples, the rest of the payload not read\n');
  assert.equal((JSON.parse(cut.stdout) as unknown[]).length, 50_000);
});
