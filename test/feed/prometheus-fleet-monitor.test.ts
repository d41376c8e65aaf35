// PrometheusFleetMonitor against a loopback server speaking the Prometheus API: the rows are
// published before the latency, which is asked at the shown quantile only; the first time, with
// one range query ending at the instant that gives every peer's quantile now and its trend's
// history (the instant query when the range misses the instant; the summed buckets when a
// (method, peer) comes twice), and another quantile shown asks for its own; refreshes come every interval of an injected
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
import { rpcRows } from '../../src/model/snapshot.js';
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
  it('shows the rows first, then the latency at the shown quantile with every trend\'s history, from one range query', async (t) => {
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('demo-1'), peer('demo-2'), peer('demo-3', 0)]));
    server.world.rangeStall = true;
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5 });
    t.after(() => monitor.stop());
    monitor.start();
    await monitor.firstAnswers(5000);
    // The first frame has every row before the server has gone over the buckets: no latency yet.
    const rows = monitor.getState();
    assert.deepEqual(rows.peers.map((p) => p.status.trend.length), [0, 0, 0]);
    assert.deepEqual(rows.peers.map((p) => p.status.snapshot?.cluster.pins ?? null), [100, 100, null]);
    assert.deepEqual(rows.peers[0].status.snapshot?.methodRates.map((r) => [r.method, r.callsPerSecond, r.buckets.length]), [['Cluster.Pin', 10, 0]]);
    assert.equal(rows.server?.loading, 'latency');
    // The fleet's buckets and the range are asked together, each on its own connection.
    await until(() => server.requests.some((r) => r.kind === 'range') && server.requests.some((r) => r.kind === 'latencyFleet'), 'the fleet buckets beside the range');
    assert.equal(monitor.getState().server?.loading, 'latency', 'the latency waits for its history');
    server.release();
    await monitor.historyFilled(5000);
    const state = monitor.getState();
    assert.equal(state.server?.loading, null);
    assert.deepEqual(state.peers.map((p) => p.name), ['demo-1', 'demo-2', 'demo-3']);
    // Six instant queries and one range query, whatever the number of peers: each peer's quantile
    // now is the range's last step, so no instant quantile query is sent.
    // The range starts right after the clock, beside the rows; the fleet's buckets come after them.
    assert.deepEqual(server.requests.map((r) => r.kind).filter((k) => k !== 'range'), ['clock', 'up', 'gauges', 'rates', 'peerCalls', 'latencyFleet']);
    assert.equal(server.requests.filter((r) => r.kind === 'range').length, 1);
    assert.equal(server.requests[0].kind, 'clock');
    const range = server.requests.find((r) => r.kind === 'range')!;
    assert.equal(/^histogram_quantile\(([0-9.]+), /.exec(range.params.query)?.[1], '0.5');
    assert.equal(range.summed, false, 'over the bucket series as they are');
    const capacity = fleetTrendCapacity(3);
    // The range ends at the refresh's instant, every interval, a whole trend of steps.
    assert.equal(Number(range.params.end), T0);
    assert.equal(Number(range.params.step), INTERVAL_MS / 1000);
    assert.equal(Math.round(Number(range.params.end) - Number(range.params.start)), ((capacity - 1) * INTERVAL_MS) / 1000);
    const [one, , three] = state.peers;
    assert.equal(one.status.trend.length, capacity, 'history and the refresh fill the trend');
    assert.deepEqual(one.status.trend.slice(-2).map((p) => p.tMs), [T0 * 1000 - INTERVAL_MS, T0 * 1000], 'the instant once, after its history');
    // 8 of 10 calls/s under 10 ms: the median is 10 ms × 5/8.
    assert.equal(pointQuantile(one.status.trend[0], 'Cluster.Pin', 0.5), 6.25);
    assert.equal(pointQuantile(one.status.trend[0], 'Cluster.Pin', 0.9), null, 'a quantile not shown is not asked');
    assert.equal(pointQuantile(one.status.trend[capacity - 1], 'Cluster.Pin', 0.9), null);
    assert.equal(pointQuantile(one.status.trend[capacity - 1], 'Cluster.Pin', 0.5), 6.25);
    assert.equal(rpcRows(one.status.snapshot!.methodRates, 0.5)[0].latencyMs, 6.25, 'the row\'s latency from the range\'s last step');
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

  it('asks for another quantile when it is shown: at once, with its history, the trends started again', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let clock = 0;
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('a'), peer('b')]));
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: 60_000, windowMs: WINDOW_MS, quantile: 0.5, now: () => clock });
    t.after(() => monitor.stop());
    monitor.start();
    await monitor.historyFilled(5000);
    const capacity = fleetTrendCapacity(2);
    assert.equal(monitor.getState().peers[0].status.trend.length, capacity);
    const before = server.requests.length;
    monitor.showQuantile(0.5);
    monitor.showQuantile(0.42);
    assert.equal(server.requests.length, before, 'the same quantile, or one no key selects, asks nothing');
    server.world.instantS = T0 + 5;
    monitor.showQuantile(0.99);
    // At once, not at the next interval (a minute away): the rows, then the new quantile with its history.
    assert.deepEqual(monitor.getState().peers.map((p) => p.status.trend.length), [0, 0], 'the p50 trend is not shown as p99');
    assert.equal(monitor.getState().server?.loading, 'p99 latency');
    await until(() => monitor.getState().server?.loading === null, 'the p99 latency');
    const asked = server.requests.slice(before);
    assert.deepEqual(asked.map((r) => r.kind).sort(), ['clock', 'gauges', 'latencyFleet', 'peerCalls', 'range', 'rates', 'up']);
    assert.ok(asked.find((r) => r.kind === 'range')!.params.query.startsWith('histogram_quantile(0.99, '));
    const trend = monitor.getState().peers[0].status.trend;
    assert.equal(trend.length, capacity);
    // 2 of 10 calls/s above 10 ms: the 0.99-quantile is the highest finite bound, 10 ms.
    assert.ok(trend.every((p) => pointQuantile(p, 'Cluster.Pin', 0.99) === 10 && pointQuantile(p, 'Cluster.Pin', 0.5) === null));
    assert.equal(trend[capacity - 1].tMs, (T0 + 5) * 1000);
    // Later refreshes ask the instant quantile only.
    server.world.instantS = T0 + 6;
    const later = server.requests.length;
    clock += 60_000;
    t.mock.timers.tick(60_000);
    await until(() => monitor.getState().peers[0].status.trend.at(-1)?.tMs === (T0 + 6) * 1000, 'the next refresh');
    // The rows, then the fleet's buckets and each peer's quantile side by side.
    const kinds = server.requests.slice(later).map((r) => r.kind);
    assert.deepEqual(kinds.slice(0, 5), ['clock', 'up', 'gauges', 'rates', 'peerCalls']);
    assert.deepEqual(kinds.slice(5).sort(), ['latencyFleet', 'quantile']);
  });

  it('asks for the history again when another quantile and back are shown during a refresh', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    let clock = 0;
    const server = await fakePrometheus(t, WINDOW_MS, world([peer('a')]));
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5, now: () => clock });
    t.after(() => monitor.stop());
    monitor.start();
    await monitor.historyFilled(5000);
    const capacity = fleetTrendCapacity(1);
    assert.equal(monitor.getState().peers[0].status.trend.length, capacity);
    // The next refresh of p50 is held at its first query while p99 and then p50 again are shown.
    server.world.stall = true;
    server.world.instantS = T0 + 2;
    clock += INTERVAL_MS;
    t.mock.timers.tick(INTERVAL_MS);
    await until(() => server.requests.length > 0 && server.requests.at(-1)!.kind === 'clock' && server.requests.filter((r) => r.kind === 'clock').length === 2, 'the held refresh');
    monitor.showQuantile(0.99);
    monitor.showQuantile(0.5);
    assert.equal(monitor.getState().peers[0].status.trend.length, 0, 'the trends started again');
    server.release();
    await until(() => server.requests.filter((r) => r.kind === 'range').length === 2 && monitor.getState().peers[0].status.trend.length === capacity, 'p50 history asked again');
    assert.equal(monitor.getState().peers[0].status.trend.at(-1)!.tMs, (T0 + 2) * 1000);
  });

  it('asks each peer\'s quantile at the instant when the range has no point there, and the summed buckets when a (method, peer) comes twice', async (t) => {
    const server = await fakePrometheus(t, WINDOW_MS, { ...world([peer('a'), peer('b')]), rangeShiftMs: 500, twoJobs: true });
    const monitor = new PrometheusFleetMonitor({ client: clientOf(t, server.url), selector: null, peerLabel: 'instance', intervalMs: INTERVAL_MS, windowMs: WINDOW_MS, quantile: 0.5 });
    t.after(() => monitor.stop());
    monitor.start();
    await monitor.historyFilled(5000);
    const latency = server.requests.filter((r) => ['range', 'quantile', 'latencyFleet'].includes(r.kind)).map((r) => `${r.kind}${r.summed ? ' summed' : ''}`);
    // Two jobs scrape each peer: the range over the series as they are repeats every (method, peer),
    // so it is asked again over their sums; its steps miss the instant, so the instant is asked too.
    assert.deepEqual(latency.filter((k) => k.startsWith('range')), ['range', 'range summed']);
    assert.deepEqual(latency.filter((k) => k.startsWith('quantile')), ['quantile', 'quantile summed']);
    assert.equal(latency.filter((k) => k === 'latencyFleet').length, 1);
    const state = monitor.getState();
    assert.deepEqual(state.peers.map((p) => rpcRows(p.status.snapshot!.methodRates, 0.5).map((r) => r.latencyMs)), [[6.25], [6.25]]);
    const trend = state.peers[0].status.trend;
    assert.equal(trend.length, fleetTrendCapacity(2), 'the moved steps fill the history all the same');
    assert.deepEqual(trend.slice(-2).map((p) => p.tMs), [T0 * 1000 - INTERVAL_MS + 500, T0 * 1000]);
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
    await until(() => published === 2, 'the first refresh\'s rows, then its latency');
    // A refresh: clock, up, gauges, rates, calls, fleet buckets, and the shown quantile's query.
    const perRefresh = 7;
    assert.equal(server.requests.length, perRefresh);
    advance(INTERVAL_MS - 1);
    assert.equal(monitor.refreshCount, 1, 'not before the interval');
    advance(1);
    await until(() => published === 3, 'the second refresh');
    assert.equal(server.requests.length, 2 * perRefresh);
    assert.equal(monitor.getState().peers[0].status.trend.length, 1, 'the same instant adds no point');
    // The first refresh's rows and latency are two answers of one instant.
    assert.equal(monitor.getState().peers[0].status.answered, 3);
    // A stalled server: five intervals pass, the refresh in flight is the only one.
    server.world.stall = true;
    server.world.instantS = T0 + 2;
    advance(INTERVAL_MS);
    await until(() => server.requests.length === 2 * perRefresh + 1, 'the third refresh\'s first query');
    for (let i = 0; i < 5; i++) advance(INTERVAL_MS);
    assert.equal(monitor.refreshCount, 3);
    assert.equal(server.requests.length, 2 * perRefresh + 1, 'no refresh stacked behind the stalled one');
    server.release();
    await until(() => published === 4, 'the third refresh');
    assert.equal(monitor.getState().peers[0].status.trend.length, 2, 'a new instant adds a point');
    // It was due long ago: the next starts at once after it, and only then.
    await until(() => published === 5, 'the fourth refresh');
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
    await until(() => published === 2, 'the first refresh\'s rows, then its latency');
    assert.deepEqual(monitor.getState().server?.warnings, ['partial response: store \x1b[31mB unreachable']);
    let lines = header();
    assert.equal(lines.length, 3);
    assert.match(lines[0], new RegExp(`fleet of 2 · 2 up · 127\\.0\\.0\\.1:\\d+ data \\S+ old`));
    assert.match(lines[2], /warns: partial response: store \\x1b\[31mB unreachable/);
    assert.ok(lines.every((l) => !l.includes('\x1b')), 'nothing raw reaches the screen');
    server.world.warnings = [];
    server.world.error = { errorType: 'execution', error: 'many-to-many matching not allowed\x1b[2J' };
    await refresh(3);
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
    await refresh(4);
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
    await until(() => published === 2, 'the first refresh\'s rows, then its latency without history');
    const state = monitor.getState();
    assert.equal(state.server?.failure, null);
    assert.equal(state.peers[0].status.trend.length, 1, 'only the refresh\'s point');
    assert.equal(state.server?.warnings.length, 1);
    assert.match(state.server!.warnings[0], /^history not loaded .*answered unavailable: query processing would load too many samples\\x1b\[2J$/);
    assert.equal(server.requests.filter((r) => r.kind === 'range').length, 1, 'the first range query failed; no other was sent');
    assert.equal(server.requests.filter((r) => r.kind === 'quantile').length, 1, 'each peer\'s quantile asked at the instant instead');
    assert.equal(rpcRows(state.peers[0].status.snapshot!.methodRates, 0.5)[0].latencyMs, 6.25);
    for (let n = 3; clock < 60_000; n++) {
      clock += INTERVAL_MS;
      t.mock.timers.tick(INTERVAL_MS);
      await until(() => published === n, `refresh ${n - 1}`);
    }
    assert.deepEqual(monitor.getState().server?.warnings, [], 'gone after a minute');
    assert.equal(server.requests.filter((r) => r.kind === 'range').length, 1, 'asked once only');
  });
});
