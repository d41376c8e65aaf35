// PrometheusFleetMonitor against a loopback server speaking the Prometheus API: one range query
// per kept quantile fills every peer's trend before the first publish; refreshes come every interval of an injected
// clock, never two at once (a stalled server holds the next one back); a refresh at an unchanged
// instant adds no trend point; the engine's warnings and errors reach the state (and the header,
// escaped) while every row keeps its data.

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { fleetTrendCapacity } from '../../src/feed/fleet-monitor.js';
import { PrometheusFleetMonitor } from '../../src/feed/prometheus-fleet-monitor.js';
import { initialFleetState } from '../../src/model/fleet-display.js';
import { buildFleetView } from '../../src/model/fleet-view.js';
import { UNICODE_GLYPHS } from '../../src/model/glyphs.js';
import { pointQuantile } from '../../src/model/latency-trend.js';
import { fleetPeer } from '../../src/model/fleet-peers.js';
import { PrometheusClient } from '../../src/sources/prometheus/client.js';
import { fakePrometheus, type FakePeer, type FakeWorld } from '../support/fake-prometheus.js';

const WINDOW_MS = 30_000;
const INTERVAL_MS = 2000;
const T0 = 1_800_000_000;

const peer = (instance: string, up = 1): FakePeer => ({ instance, up, pins: 100, fast: 8, all: 10 });
const world = (peers: FakePeer[]): FakeWorld => ({ instantS: T0, peers, warnings: [], error: null, stall: false });

/** Waits (real time, at most 5 s) until `ok()` holds. */
async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!ok()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function clientOf(t: TestContext, url: string): PrometheusClient {
  const client = new PrometheusClient({ url, timeoutMs: 60_000, maxBodyBytes: 16 << 20 });
  t.after(() => client.close());
  return client;
}

describe('PrometheusFleetMonitor', () => {
  it('fills every peer\'s trend with one range query per kept quantile before the first publish', async (t) => {
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('demo-1'), peer('demo-2'), peer('demo-3', 0)]));
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5 });
    t.after(() => monitor.stop());
    monitor.start();
    await monitor.firstAnswers(5000);
    // The first frame does not wait for the history: one point, then the history before it.
    assert.deepEqual(monitor.getState().peers.map((p) => p.status.trend.length), [1, 1, 1]);
    await monitor.historyFilled(5000);
    const state = monitor.getState();
    assert.deepEqual(state.peers.map((p) => p.name), ['demo-1', 'demo-2', 'demo-3']);
    // Ten instant queries (each peer's quantiles asked of the server, one query per kept quantile),
    // then one range query per kept quantile, whatever the number of peers.
    const quantiles = ['0.5', '0.9', '0.95', '0.99'];
    assert.deepEqual(server.requests.map((r) => r.kind), ['clock', 'up', 'gauges', 'rates', 'peerCalls', 'latencyFleet', 'quantile', 'quantile', 'quantile', 'quantile', 'range', 'range', 'range', 'range']);
    assert.deepEqual(server.requests.slice(6, 10).map((r) => /^histogram_quantile\(([0-9.]+), /.exec(r.params.query)?.[1]), quantiles);
    assert.deepEqual(server.requests.slice(10).map((r) => /^histogram_quantile\(([0-9.]+), /.exec(r.params.query)?.[1]), quantiles);
    const range = server.requests[10].params;
    assert.ok(server.requests.slice(10).every((r) => r.params.start === range.start && r.params.end === range.end && r.params.step === range.step));
    const capacity = fleetTrendCapacity(3);
    // The range ends one interval before the refresh's instant, every interval, capacity-1 steps.
    assert.equal(Number(range.end), T0 - INTERVAL_MS / 1000);
    assert.equal(Number(range.step), INTERVAL_MS / 1000);
    assert.equal(Math.round(Number(range.end) - Number(range.start)), ((capacity - 2) * INTERVAL_MS) / 1000);
    const [one, , three] = state.peers;
    assert.equal(one.status.trend.length, capacity, 'history and the refresh fill the trend');
    // 8 of 10 calls/s under 10 ms: the median is 10 ms × 5/8.
    assert.equal(pointQuantile(one.status.trend[0], 'Cluster.Pin', 0.5), 6.25);
    assert.equal(pointQuantile(one.status.trend[0], 'Cluster.Pin', 0.9), 10);
    assert.equal(pointQuantile(one.status.trend[capacity - 1], 'Cluster.Pin', 0.5), 6.25);
    assert.equal(one.status.snapshot?.to, T0 * 1000);
    assert.equal(state.server?.dataMs, T0 * 1000);
    assert.equal(state.server?.server, server.url.slice('http://'.length));
    // Down at the server: a down row, its trend all gaps.
    assert.equal(fleetPeer(three, 0.5, Date.now()).health, 'down');
    assert.match(three.status.failure?.message ?? '', /up = 0/);
    assert.ok(three.status.trend.every((p) => p.latency === null));
    // Its dashboard follows the member's status, the trend gathered already.
    assert.equal(monitor.members[0].monitor.getState().status.trend.length, capacity);
    assert.equal(state.latency.fleet[0]?.callsPerSecond, 20);
  });

  it('refreshes every interval of its clock, never two at once, adding a trend point only for a new instant', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let clock = 0;
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('a'), peer('b')]));
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5, history: false, now: () => clock });
    t.after(() => monitor.stop());
    let published = 0;
    monitor.subscribe(() => published++);
    const advance = (ms: number) => {
      clock += ms;
      t.mock.timers.tick(ms);
    };
    monitor.start();
    await until(() => published === 1, 'the first refresh');
    // A refresh: clock, up, gauges, rates, calls, fleet buckets, and a quantile query per kept quantile (4).
    const perRefresh = 10;
    assert.equal(server.requests.length, perRefresh);
    advance(INTERVAL_MS - 1);
    assert.equal(monitor.refreshCount, 1, 'not before the interval');
    advance(1);
    await until(() => published === 2, 'the second refresh');
    assert.equal(server.requests.length, 2 * perRefresh);
    assert.equal(monitor.getState().peers[0].status.trend.length, 1, 'the same instant adds no point');
    assert.equal(monitor.getState().peers[0].status.answered, 2);
    // A stalled server: five intervals pass, the refresh in flight is the only one.
    server.world.stall = true;
    server.world.instantS = T0 + 2;
    advance(INTERVAL_MS);
    await until(() => server.requests.length === 2 * perRefresh + 1, 'the third refresh\'s first query');
    for (let i = 0; i < 5; i++) advance(INTERVAL_MS);
    assert.equal(monitor.refreshCount, 3);
    assert.equal(server.requests.length, 2 * perRefresh + 1, 'no refresh stacked behind the stalled one');
    server.release();
    await until(() => published === 3, 'the third refresh');
    assert.equal(monitor.getState().peers[0].status.trend.length, 2, 'a new instant adds a point');
    // It was due long ago: the next starts at once after it, and only then.
    await until(() => published === 4, 'the fourth refresh');
    assert.equal(server.requests.length, 4 * perRefresh);
    monitor.changeInterval(1);
    assert.deepEqual(monitor.getState().peers.map((p) => p.status.intervalMs), [5000, 5000]);
    advance(INTERVAL_MS);
    assert.equal(monitor.refreshCount, 4, 'the longer interval holds the next refresh');
  });

  it('shows the engine\'s warnings and errors escaped, keeps every row\'s data through an error, and recovers', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let clock = 0;
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('a'), peer('b')]));
    server.world.warnings = ['partial response: store \x1b[31mB unreachable'];
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5, history: false, now: () => clock });
    t.after(() => monitor.stop());
    let published = 0;
    monitor.subscribe(() => published++);
    const refresh = async (n: number) => {
      clock += INTERVAL_MS;
      t.mock.timers.tick(INTERVAL_MS);
      await until(() => published === n, `refresh ${n}`);
    };
    const header = () =>
      buildFleetView({ ...monitor.getState(), display: initialFleetState(0.5), intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, columns: 200, rows: 30, nowMs: clock, glyphs: UNICODE_GLYPHS }).header.map((line) => line.map((s) => s.text).join(''));
    monitor.start();
    await until(() => published === 1, 'the first refresh');
    assert.deepEqual(monitor.getState().server?.warnings, ['partial response: store \x1b[31mB unreachable']);
    let lines = header();
    assert.equal(lines.length, 3);
    assert.match(lines[0], new RegExp(`fleet of 2 · 2 up · 127\\.0\\.0\\.1:\\d+ data \\S+ old`));
    assert.match(lines[2], /warns: partial response: store \\x1b\[31mB unreachable/);
    assert.ok(lines.every((l) => !l.includes('\x1b')), 'nothing raw reaches the screen');
    server.world.warnings = [];
    server.world.error = { errorType: 'execution', error: 'many-to-many matching not allowed\x1b[2J' };
    await refresh(2);
    const failed = monitor.getState();
    assert.match(failed.server?.failure ?? '', /answered execution: many-to-many matching not allowed\\x1b\[2J$/);
    for (const p of failed.peers) {
      assert.notEqual(p.status.snapshot, null, 'the last data is kept');
      assert.equal(fleetPeer(p, 0.5, clock).health, 'stale');
      assert.match(p.status.failure?.message ?? '', /answered execution/);
    }
    lines = header();
    assert.match(lines[2], /^✖ 127\.0\.0\.1:\d+ answered execution: many-to-many matching not allowed\\x1b\[2J/);
    server.world.error = null;
    await refresh(3);
    assert.equal(monitor.getState().server?.failure, null);
    assert.deepEqual(monitor.getState().peers.map((p) => fleetPeer(p, 0.5, clock).health), ['up', 'up']);
    assert.equal(header().length, 2);
  });

  it('says for a minute that the history could not be read, and goes on with instant refreshes', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let clock = 0;
    const server = await fakePrometheus(t, WINDOW_MS, { ...world([peer('a')]), rangeError: 'query processing would load too many samples\x1b[2J' });
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5, now: () => clock });
    t.after(() => monitor.stop());
    let published = 0;
    monitor.subscribe(() => published++);
    monitor.start();
    await until(() => published === 2, 'the first refresh, then its failed history');
    const state = monitor.getState();
    assert.equal(state.server?.failure, null);
    assert.equal(state.peers[0].status.trend.length, 1, 'only the refresh\'s point');
    assert.equal(state.server?.warnings.length, 1);
    assert.match(state.server!.warnings[0], /^history not loaded .*answered unavailable: query processing would load too many samples\\x1b\[2J$/);
    assert.equal(server.requests.filter((r) => r.kind === 'range').length, 1, 'the first range query failed; no other was sent');
    for (let n = 3; clock < 60_000; n++) {
      clock += INTERVAL_MS;
      t.mock.timers.tick(INTERVAL_MS);
      await until(() => published === n, `refresh ${n - 1}`);
    }
    assert.deepEqual(monitor.getState().server?.warnings, [], 'gone after a minute');
    assert.equal(server.requests.filter((r) => r.kind === 'range').length, 1, 'asked once only');
  });
});
