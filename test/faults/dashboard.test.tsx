// The live dashboard against a real faulty loopback peer (Ink on a fake terminal): every fault of
// the exchange is named on the status line in one escaped line while the last good figures stay
// on screen marked stale with their age, and the first poll started after the fault clears is
// good; a restart is shown with its age; hostile label text reaches the panes and the chart only
// as visible escapes; a cut payload shows its "truncated" notice. No frame carries a control
// character other than the renderer's own colour sequences.

import assert from 'node:assert/strict';
import { afterEach, describe, it, type TestContext } from 'node:test';
import { createHttpFeed } from '../../src/feed/peer-feed.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { Dashboard } from '../../src/ui/dashboard.js';
import { startFaultyPeer, type FaultyPeer } from '../support/faulty-peer.js';
import { assertOnlyScreenControls, VISIBLE_ESCAPES } from '../support/terminal-safety.js';
import { renderAt, waitFor, type Rendered } from '../ui/support.js';

const INTERVAL_MS = 250;
let current: Rendered | null = null;

afterEach(() => {
  current?.instance.unmount();
  current = null;
});

/** One poll as the dashboard made it: when it started and what it gave. */
interface PollRecord {
  readonly startedMs: number;
  outcome?: PollOutcome;
}

/** The dashboard on a `columns`×`rows` fake terminal, polling `peer` through a real feed. */
function start(t: TestContext, peer: FaultyPeer, columns = 160, rows = 40): Rendered & { polls: PollRecord[] } {
  const feed = createHttpFeed({ url: peer.url, timeoutMs: 1500, maxBodyBytes: 16 * 1024 * 1024 });
  t.after(() => feed.close());
  const polls: PollRecord[] = [];
  const poll = async (): Promise<PollOutcome> => {
    const record: PollRecord = { startedMs: Date.now() };
    polls.push(record);
    record.outcome = await feed.poll();
    return record.outcome;
  };
  current = renderAt(
    <Dashboard target={peer.url} poll={poll} intervalMs={INTERVAL_MS} windowMs={60_000} maxSamples={1000} quantile={0.95} variant="prom3" ascii={false} color={true} />,
    columns,
    rows,
  );
  return { ...current, polls };
}

const header = (r: Rendered): string => r.frame().split('\n')[0];
const pinsShown = (frame: string): boolean => /pins +[\d,.]+[kM]? /.test(frame);
const DEADLINE = 20_000;

describe('the dashboard under faults of a real peer', () => {
  it('names each exchange fault on the status line, keeps the data stale with its age, and recovers with the next poll', async (t) => {
    const peer = await startFaultyPeer(t);
    const r = start(t, peer);
    const faults: [string, RegExp][] = [
      ['refused', /✖ down, data \d+s old: connection refused by 127\.0\.0\.1:\d+$/],
      ['http-500', /(?:▲ stale \d+s|✖ down, data \d+s old): HTTP 500 Internal Server Error from 127\.0\.0\.1:\d+: 500 Internal Server Error peer panicked: Evil\.\\x1b\[2J/],
      ['stall', /(?:▲ stale \d+s|✖ down, data \d+s old): no complete answer from 127\.0\.0\.1:\d+ within 1\.5s$/],
      ['drip', /(?:▲ stale \d+s|✖ down, data \d+s old): no complete answer from 127\.0\.0\.1:\d+ within 1\.5s$/],
      ['truncated', /(?:▲ stale \d+s|✖ down, data \d+s old): connection to 127\.0\.0\.1:\d+ failed: connection closed before the body was complete$/],
      ['gzip-bomb', /(?:▲ stale \d+s|✖ down, data \d+s old): response from 127\.0\.0\.1:\d+ exceeds 16 MiB once decompressed \(--max-body\)$/],
      ['huge-body', /(?:▲ stale \d+s|✖ down, data \d+s old): response from 127\.0\.0\.1:\d+ exceeds 16 MiB \(--max-body\)$/],
      ['garbage', /(?:▲ stale \d+s|✖ down, data \d+s old): parse error at \d+:\d+: /],
      ['invalid-utf8', /(?:▲ stale \d+s|✖ down, data \d+s old): parse error at \d+:\d+: HELP text is not valid UTF-8$/],
    ];
    for (const [fault, status] of faults) {
      await waitFor(() => header(r).endsWith('● ok') && pinsShown(r.frame()), `data before ${fault}`, DEADLINE);
      await peer.set(fault);
      await waitFor(() => status.test(header(r)), `the status line of ${fault}`, DEADLINE);
      assert.ok(pinsShown(r.frame()), `the last good figures stay on screen during ${fault}`);
      const clearedMs = Date.now();
      await peer.set('');
      const answeredAfter = () => r.polls.filter((p) => p.startedMs > clearedMs && p.outcome !== undefined);
      await waitFor(() => header(r).endsWith('● ok') && answeredAfter().length > 0, `recovery from ${fault}`, DEADLINE);
      // Within two intervals: every poll started after the fault cleared was good.
      const after = answeredAfter();
      assert.ok(after.every((p) => p.outcome?.ok === true), `${fault}: ${after.map((p) => (p.outcome?.ok ? 'ok' : p.outcome?.kind)).join(',')}`);
    }
    for (const frame of r.stdout.frames) assertOnlyScreenControls(frame);
  });

  it('shows a restart with its age', async (t) => {
    const peer = await startFaultyPeer(t);
    const r = start(t, peer);
    await waitFor(() => header(r).endsWith('● ok'), 'data', DEADLINE);
    await peer.set('restart');
    await waitFor(() => /up \ds .*peer restarted \d+s ago +● ok$/.test(header(r)), 'the restart notice', DEADLINE);
  });

  it('draws hostile label text as visible escapes in the latency pane and the chart', async (t) => {
    const peer = await startFaultyPeer(t, 'escapes');
    const r = start(t, peer);
    await waitFor(() => r.frame().includes('Evil.'), 'the hostile method', DEADLINE);
    const row = r.frame().split('\n').find((l) => l.includes('Evil.')) ?? '';
    assert.ok(row.includes(VISIBLE_ESCAPES[0].slice(0, 26)), row);
    r.stdin.type('/');
    await waitFor(() => r.frame().includes('/_'), 'the filter prompt', DEADLINE);
    r.stdin.type('Evil\r');
    await waitFor(() => r.frame().includes('· /Evil ━'), 'the filtered list', DEADLINE);
    r.stdin.type('\r');
    await waitFor(() => r.frame().includes('━━ Evil.\\x1b[2J'), 'the chart of the hostile method', DEADLINE);
    for (const frame of r.stdout.frames) assertOnlyScreenControls(frame);
  });

  it('shows the "truncated" notice of a payload cut to the caps, and a 1 MiB method name cut to its column', async (t) => {
    const peer = await startFaultyPeer(t, 'huge-labels');
    const r = start(t, peer, 160, 60);
    await waitFor(() => /▲ truncated: 3 samples dropped \(label text over 8(\.00)? MiB for this target\)$/.test(header(r)), 'the notice', DEADLINE);
    assert.ok(pinsShown(r.frame()));
    r.stdin.type('/0xxx\r');
    await waitFor(() => /^› 0x{26}… /m.test(r.frame()), 'the 1 MiB method, cut', DEADLINE);
    await peer.set('');
    await waitFor(() => header(r).endsWith('● ok'), 'the notice gone with the fault', DEADLINE);
    for (const frame of r.stdout.frames) assertOnlyScreenControls(frame);
  });
});
