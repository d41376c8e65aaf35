// Exchange-level faults of a real loopback peer, through the real feed (scrape → parse → sample):
// each one fails the poll with its own kind and one escaped line naming it, the feed never throws
// or hangs, and the first poll after the fault clears is good again. Bodies that would not fit
// (a gzip bomb, a 2 GiB body) are cut at the cap while streaming.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createHttpFeed, type PeerFeed } from '../../src/feed/peer-feed.js';
import type { PollFailureKind, PollOutcome } from '../../src/model/poll-outcome.js';
import { startFaultyPeer, type FaultyPeer } from '../support/faulty-peer.js';
import { assertOneSafeLine } from '../support/terminal-safety.js';

/** Short for the stall and the drip; generous for the rest, so that a loaded machine cannot turn them into timeouts. */
const SHORT_TIMEOUT_MS = 400;
const TIMEOUT_MS = 10_000;
const MAX_BODY = 16 * 1024 * 1024;

async function setup(t: TestContext, timeoutMs = TIMEOUT_MS): Promise<{ peer: FaultyPeer; feed: PeerFeed }> {
  const peer = await startFaultyPeer(t);
  const feed = createHttpFeed({ url: peer.url, timeoutMs, maxBodyBytes: MAX_BODY });
  t.after(() => feed.close());
  return { peer, feed };
}

function good(outcome: PollOutcome): number {
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.kind}: ${outcome.message}`);
  return outcome.sample.gauges.pins;
}

/** A good poll, then `fault`'s poll (checked), then a good poll again once it is cleared. */
async function faultCycle(t: TestContext, fault: string, kind: PollFailureKind, message: RegExp, timeoutMs = TIMEOUT_MS): Promise<string> {
  const { peer, feed } = await setup(t, timeoutMs);
  assert.ok(good(await feed.poll()) > 0);
  await peer.set(fault);
  const failed = await feed.poll();
  assert.equal(failed.ok, false, `${fault} must fail the poll`);
  if (failed.ok) throw new Error('unreachable');
  assert.equal(failed.kind, kind, failed.message);
  assert.match(failed.message, message);
  assertOneSafeLine(failed.message);
  assert.ok(failed.message.length <= 400);
  await peer.set('');
  assert.ok(good(await feed.poll()) > 0, 'the first poll after the fault is good');
  return failed.message;
}

test('refused: "connection refused by host:port", then back', async (t) => {
  await faultCycle(t, 'refused', 'refused', /^connection refused by 127\.0\.0\.1:\d+$/);
});

test('HTTP 500 with an HTML page: the status and the page text, tags gone, escapes visible', async (t) => {
  const message = await faultCycle(t, 'http-500', 'http-status', /^HTTP 500 Internal Server Error from 127\.0\.0\.1:\d+: 500 Internal Server Error peer panicked: /);
  assert.ok(message.includes('Evil.\\x1b[2J\\x1b[31mRed'), message);
  assert.doesNotMatch(message, /<|style|color:red/);
});

test('a stall (headers, then nothing) times out', async (t) => {
  await faultCycle(t, 'stall', 'timeout', /^no complete answer from 127\.0\.0\.1:\d+ within 400ms$/, SHORT_TIMEOUT_MS);
});

test('a slow drip times out', async (t) => {
  await faultCycle(t, 'drip', 'timeout', /^no complete answer from 127\.0\.0\.1:\d+ within 400ms$/, SHORT_TIMEOUT_MS);
});

test('a truncated body (connection dropped half way) is named as such', async (t) => {
  await faultCycle(t, 'truncated', 'network', /^connection to 127\.0\.0\.1:\d+ failed: connection closed before the body was complete$/);
});

test('a gzip bomb (4 GiB inflated) is stopped at the cap on the inflated bytes', async (t) => {
  const before = process.memoryUsage().rss;
  await faultCycle(t, 'gzip-bomb', 'too-big', /^response from 127\.0\.0\.1:\d+ exceeds 16 MiB once decompressed \(--max-body\)$/);
  assert.ok(process.memoryUsage().rss - before < 512 * 1024 * 1024, 'nothing near 4 GiB was held');
});

test('a 2 GiB body without Content-Length is stopped at the cap while streaming', async (t) => {
  await faultCycle(t, 'huge-body', 'too-big', /^response from 127\.0\.0\.1:\d+ exceeds 16 MiB \(--max-body\)$/);
});

test('random garbage is a parse error with line and column', async (t) => {
  await faultCycle(t, 'garbage', 'parse', /^parse error at \d+:\d+: \S/);
});

test('invalid UTF-8 in HELP text and a label value is a parse error', async (t) => {
  await faultCycle(t, 'invalid-utf8', 'parse', /^parse error at \d+:\d+: HELP text is not valid UTF-8$/);
});

test('faults on a schedule: refused, then a stall, then good again', async (t) => {
  const { peer, feed } = await setup(t, SHORT_TIMEOUT_MS);
  await peer.set('refused@0s-1s,stall@1s-2s');
  const kinds: string[] = [];
  const deadline = Date.now() + 20_000;
  for (;;) {
    const outcome = await feed.poll();
    const kind = outcome.ok ? 'ok' : outcome.kind;
    if (kinds[kinds.length - 1] !== kind) kinds.push(kind);
    if (outcome.ok || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.deepEqual(kinds.filter((k) => k !== 'network'), ['refused', 'timeout', 'ok']);
});
