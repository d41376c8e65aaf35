// PeerMonitor without React: what it publishes per outcome, the one-shot step()/publish() path,
// restarts, interval changes, the update throttle, and a bug in an outcome stopping it.

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { PeerMonitor, type PeerMonitorOptions } from '../../src/feed/peer-monitor.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { rpcRows } from '../../src/model/snapshot.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

const LAYOUT = latencyLayout(['Cluster.Pin'], [0.01, 0.1]);

/** Samples 1 s apart whose Cluster.Pin calls all land in the 0.01–0.1 s bucket. */
function samples(n: number, startTime = 1000, fromMs = 0): PeerSample[] {
  return Array.from({ length: n }, (_, i) => sampleAt(fromMs + i * 1000, LAYOUT, [[0, 10 * i, 10 * i]], { startTime }));
}

const ok = (sample: PeerSample): PollOutcome => ({ ok: true, sample, bytes: 10, durationMs: 2 });
const refused = (message: string): PollOutcome => ({ ok: false, kind: 'refused', message, atMs: 0 });

/** A monitor over `outcomes`, in order; later polls never answer. */
function monitorOf(outcomes: readonly PollOutcome[], extra: Partial<PeerMonitorOptions> = {}): PeerMonitor {
  let next = 0;
  return new PeerMonitor({
    target: 'http://peer/metrics',
    poll: () => (next < outcomes.length ? Promise.resolve(outcomes[next++]) : new Promise<PollOutcome>(() => undefined)),
    intervalMs: 1000,
    windowMs: 60_000,
    maxSamples: 100,
    quantile: 0.5,
    variant: 'prom3',
    now: () => 5000,
    ...extra,
  });
}

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('PeerMonitor', () => {
  it('one-shot: step() takes outcomes in and publish() shows the newest good snapshot', async () => {
    const monitor = monitorOf(samples(3).map(ok));
    const before = monitor.getState();
    for (let i = 0; i < 3; i++) await monitor.step();
    assert.equal(monitor.getState(), before, 'nothing published before publish()');
    monitor.publish();
    const { status } = monitor.getState();
    assert.equal(status.answered, 1);
    assert.equal(status.snapshot?.to, 2000);
    assert.equal(status.snapshot?.from, 0);
    const pin = (status.snapshot === null ? [] : rpcRows(status.snapshot.methodRates, status.snapshot.quantile)).find((r) => r.method === 'Cluster.Pin');
    assert.ok(pin !== undefined && pin.latencyMs !== null && pin.latencyMs > 0.01 && pin.latencyMs <= 0.1, `median in the 0.01–0.1 bucket: ${pin?.latencyMs}`);
    assert.equal(status.trend.length, 3);
  });

  it('a failure after a good scrape not yet published keeps that scrape on screen', async () => {
    const [a, b] = samples(2);
    const monitor = monitorOf([ok(a), ok(b), refused('connection refused')]);
    for (let i = 0; i < 3; i++) await monitor.step();
    monitor.publish();
    const { status } = monitor.getState();
    assert.equal(status.snapshot?.to, 1000, 'the second scrape, not the first');
    assert.equal(status.failure?.message, 'connection refused');
    assert.equal(status.trend.at(-1)?.latency, null, 'the failure is a gap in the trend');
  });

  it('a peer restart between unpublished steps is still reported', async () => {
    const monitor = monitorOf([...samples(2, 1000).map(ok), ...samples(2, 2000, 5000).map(ok)]);
    for (let i = 0; i < 4; i++) await monitor.step();
    monitor.publish();
    const { status } = monitor.getState();
    assert.equal(status.restartedAtMs, 5000);
    assert.equal(status.snapshot?.from, 5000, 'rates start over from the restart');
  });

  it('a poll that rejects is a failed poll, not a crash', async () => {
    const monitor = new PeerMonitor({ target: 't', poll: () => Promise.reject(new Error('socket\nhang up')), intervalMs: 1000, windowMs: 60_000, maxSamples: 10, quantile: 0.95, variant: 'prom3' });
    await monitor.step();
    monitor.publish();
    const { status, crashed } = monitor.getState();
    assert.equal(crashed, null);
    assert.equal(status.failure?.kind, 'io');
    assert.doesNotMatch(status.failure?.message ?? '', /\n/);
  });

  it('started, it polls on its schedule and tells subscribers of each change', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let clock = 0;
    const monitor = monitorOf(samples(3).map(ok), { now: () => clock });
    let heard = 0;
    const unsubscribe = monitor.subscribe(() => heard++);
    monitor.start();
    await flush();
    assert.equal(monitor.getState().status.snapshot?.to, 0);
    const afterFirst = heard;
    assert.ok(afterFirst >= 1);
    clock = 1000;
    t.mock.timers.tick(1000);
    await flush();
    assert.equal(monitor.getState().status.snapshot?.to, 1000);
    assert.ok(heard > afterFirst);
    unsubscribe();
    const heardBefore = heard;
    clock = 2000;
    t.mock.timers.tick(1000);
    await flush();
    assert.equal(monitor.getState().status.snapshot?.to, 2000);
    assert.equal(heard, heardBefore, 'an unsubscribed listener hears nothing');
    monitor.stop();
  });

  it('changeInterval steps the interval, publishes it and reschedules the next poll', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let clock = 0;
    let polls = 0;
    const all = samples(5);
    const monitor = new PeerMonitor({
      target: 't', intervalMs: 2000, windowMs: 60_000, maxSamples: 10, quantile: 0.95, variant: 'prom3', now: () => clock,
      poll: () => Promise.resolve(ok(all[polls++])),
    });
    monitor.start();
    await flush();
    assert.equal(polls, 1);
    monitor.changeInterval(-1);
    assert.equal(monitor.getState().status.intervalMs, 1000);
    clock = 1000;
    t.mock.timers.tick(1000);
    await flush();
    assert.equal(polls, 2, 'the pending poll moved from 2 s to 1 s after the first');
    monitor.stop();
    clock = 5000;
    t.mock.timers.tick(4000);
    await flush();
    assert.equal(polls, 2, 'nothing after stop()');
  });

  it('publishes at most one status per minUpdateMs, the newest one', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let clock = 0;
    const monitor = monitorOf(samples(3).map(ok), { now: () => clock, intervalMs: 100, minUpdateMs: 1000 });
    monitor.start();
    await flush();
    assert.equal(monitor.getState().status.snapshot?.to, 0);
    for (let i = 0; i < 2; i++) {
      clock += 100;
      t.mock.timers.tick(100);
      await flush();
    }
    assert.equal(monitor.getState().status.snapshot?.to, 0, 'the next two wait for the gap to end');
    clock = 1000;
    t.mock.timers.tick(800);
    await flush();
    assert.equal(monitor.getState().status.snapshot?.to, 2000, 'then the newest is shown');
    monitor.stop();
  });

  it('a bug while taking an outcome in is kept as crashed and stops polling', async (t: TestContext) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    let polls = 0;
    const monitor = new PeerMonitor({
      target: 't', intervalMs: 0, windowMs: 60_000, maxSamples: 10, quantile: 0.95, variant: 'prom3',
      poll: () => {
        polls++;
        return Promise.resolve({ ok: true, sample: { tMs: Infinity } as PeerSample, bytes: 0, durationMs: 0 });
      },
    });
    let heard = 0;
    monitor.subscribe(() => heard++);
    monitor.start();
    for (let i = 0; i < 5; i++) {
      await flush();
      t.mock.timers.tick(0);
    }
    const { crashed } = monitor.getState();
    assert.ok(crashed !== null && crashed.error instanceof TypeError, String(crashed?.error));
    assert.equal(polls, 1);
    assert.ok(heard >= 1, 'subscribers hear of the crash');
  });
});
