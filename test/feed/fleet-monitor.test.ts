// FleetMonitor: one monitor per target under a shared cap; a stalled peer never delays the
// others; the one-shot step()/publish() path evaluates the fleet latency at the newest scrape
// of any peer; published states are throttled.

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { FleetMonitor, type FleetTarget } from '../../src/feed/fleet-monitor.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

const LAYOUT = latencyLayout(['Cluster.Pin'], [1, 10]);

/** A peer whose i-th poll answers a sample at phase + i × 1000 ms (cumulative calls in the 1–10 bucket). */
function peerAt(name: string, phaseMs: number, callsPerScrape: number): FleetTarget & { polls: () => number } {
  let i = 0;
  return {
    name,
    target: `http://${name}/metrics`,
    polls: () => i,
    poll: () => {
      const n = i++;
      const sample: PeerSample = sampleAt(phaseMs + n * 1000, LAYOUT, [[0, callsPerScrape * n, callsPerScrape * n]]);
      return Promise.resolve<PollOutcome>({ ok: true, sample, bytes: 1, durationMs: 1 });
    },
  };
}

const flush = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

const OPTIONS = { intervalMs: 1000, windowMs: 60_000, maxSamples: 100, quantile: 0.5, variant: 'prom3' } as const;

describe('FleetMonitor', () => {
  it('one-shot: every peer polled, the fleet latency at the newest scrape of any peer', async () => {
    const fleet = new FleetMonitor([peerAt('a', 0, 10), peerAt('b', 300, 30)], OPTIONS);
    await fleet.step();
    await fleet.step();
    await fleet.step();
    fleet.publish();
    const state = fleet.getState();
    assert.deepEqual(state.peers.map((p) => [p.name, p.status.snapshot?.to]), [['a', 2000], ['b', 2300]]);
    assert.equal(state.latency.evalMs, 2300);
    const summed = state.latency.fleet.find((r) => r.method === 'Cluster.Pin');
    const each = state.latency.perPeer.map((rates) => rates.find((r) => r.method === 'Cluster.Pin')!.callsPerSecond);
    assert.equal(summed?.callsPerSecond, each[0] + each[1]);
    assert.equal(each[1], 30);
  });

  it('a stalled peer holds one place and never delays the others', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let clock = 0;
    const a = peerAt('a', 0, 1);
    const c = peerAt('c', 0, 1);
    let stalledPolls = 0;
    const stalled: FleetTarget = { name: 'b', target: 'http://b/metrics', poll: () => (stalledPolls++, new Promise<PollOutcome>(() => undefined)) };
    const fleet = new FleetMonitor([a, stalled, c], { ...OPTIONS, maxInFlight: 2, now: () => clock });
    fleet.start();
    for (let s = 0; s < 5; s++) {
      await flush();
      clock += 1000;
      t.mock.timers.tick(1000);
    }
    await flush();
    assert.equal(stalledPolls, 1, 'never two polls at once on one peer');
    assert.ok(a.polls() >= 5 && c.polls() >= 5, `the others went on: a ${a.polls()}, c ${c.polls()}`);
    const state = fleet.getState();
    assert.equal(state.peers[1].status.snapshot, null);
    assert.ok((state.peers[0].status.snapshot?.to ?? 0) >= 4000);
    fleet.stop();
  });

  it('publishes at most once per minUpdateMs (but the last peer\'s first answer at once), and nothing after stop()', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let clock = 0;
    const fleet = new FleetMonitor([peerAt('a', 0, 1), peerAt('b', 0, 1), peerAt('c', 0, 1)], { ...OPTIONS, minUpdateMs: 500, now: () => clock });
    let published = 0;
    fleet.subscribe(() => published++);
    fleet.start();
    await flush();
    // The first change at once; the second waits for the gap's end; the third, the last peer's
    // first answer, at once: the first frame with every peer waits for no gap.
    assert.equal(published, 2);
    assert.deepEqual(fleet.getState().peers.map((p) => p.status.answered), [1, 1, 1]);
    clock = 500;
    t.mock.timers.tick(500);
    await flush();
    assert.equal(published, 2, 'the waiting change went out with the third');
    // The next polls: the first change at once, the two others merged at the gap's end.
    clock = 1000;
    t.mock.timers.tick(500);
    await flush();
    assert.equal(published, 3);
    clock = 1500;
    t.mock.timers.tick(500);
    await flush();
    assert.equal(published, 4);
    assert.deepEqual(fleet.getState().peers.map((p) => p.status.answered), [2, 2, 2]);
    fleet.stop();
    clock = 5000;
    t.mock.timers.tick(3500);
    await flush();
    assert.equal(published, 4, 'nothing after stop()');
  });
});
