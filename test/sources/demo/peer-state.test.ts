// The demo peer's evolving state: determinism, monotonic counters, coherent gauges, behaviour
// over time (bursts, queue, errors, latencies per method) and cost.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OcDistribution } from '../../../src/sources/demo/distribution.js';
import { advanceTo, createDemoPeerState, STEP_MS, type DemoPeerState } from '../../../src/sources/demo/peer-state.js';
import { renderMetrics } from '../../../src/sources/demo/render.js';
import { byKey, readLines, valueOf, type Lines } from './exposition-lines.js';

const T0 = 1_779_456_000_000;
const GORPC = 'ipfscluster_gorpc_libp2p_io_server_';

/** Calls of `method` so far; 0 while its series does not exist yet. */
function rpcCount(lines: Lines, method: string): number {
  return valueOf(lines, `${GORPC}completed_rpcs`, { gorpc_server_method: method }, 0);
}

test('the payload at a time depends only on seed, start and time, not on how the clock was stepped', () => {
  const a = createDemoPeerState({ seed: 5, startMs: T0 });
  const b = createDemoPeerState({ seed: 5, startMs: T0 });
  advanceTo(a, T0 + 600_000);
  let t = T0;
  let x = 12345;
  while (t < T0 + 600_000) {
    x = (x * 1103515245 + 12345) % 2147483648;
    t = Math.min(T0 + 600_000, t + 1 + (x % 9000)); // irregular, not aligned to steps
    advanceTo(b, t);
    if (x % 7 === 0) renderMetrics(b); // rendering does not disturb the state
  }
  advanceTo(b, T0 + 100); // going back is a no-op
  assert.equal(renderMetrics(b), renderMetrics(a));
  assert.equal(a.nowMs, T0 + 600_000);
  const c = createDemoPeerState({ seed: 6, startMs: T0 });
  advanceTo(c, T0 + 600_000);
  assert.notEqual(renderMetrics(c), renderMetrics(a));
});

test('only whole steps are simulated', () => {
  const s = createDemoPeerState({ seed: 1, startMs: T0 });
  advanceTo(s, T0 + STEP_MS - 1);
  assert.equal(s.steps, 0);
  advanceTo(s, T0 + 10 * STEP_MS + 3);
  assert.equal(s.steps, 10);
  assert.equal(s.nowMs, T0 + 10 * STEP_MS);
});

test('counters, buckets, sums and counts never decrease and series never vanish', () => {
  const s = createDemoPeerState({ seed: 11, startMs: T0 });
  let prev = readLines(renderMetrics(s));
  for (let i = 1; i <= 90; i++) {
    advanceTo(s, T0 + i * 10_000);
    const next = readLines(renderMetrics(s));
    const now = byKey(next);
    for (const sample of prev.samples) {
      const type = prev.types.get(sample.family);
      const cumulative = type === 'counter' || type === 'histogram' || (type === 'summary' && sample.name !== sample.family);
      const key = `${sample.name}${JSON.stringify(sample.labels)}`;
      assert.ok(now.has(key), `${key} vanished at step ${i}`);
      if (cumulative) assert.ok(now.get(key)! >= sample.value, `${key} went down at ${i}: ${sample.value} -> ${now.get(key)}`);
    }
    prev = next;
  }
});

test('gauges move with the counters that drive them', () => {
  for (const uptimeSeconds of [224_000, 0]) {
    const s = createDemoPeerState({ seed: 3, startMs: T0, uptimeSeconds });
    advanceTo(s, T0 + 60_000); // so that every series exists
    const first = readLines(renderMetrics(s));
    const pinsMinusTracks = (l: Lines): number =>
      valueOf(l, 'ipfscluster_pins') - rpcCount(l, 'PinTracker.Track') + rpcCount(l, 'PinTracker.Untrack');
    const ipfsPinsMinusSuccesses = (l: Lines): number =>
      valueOf(l, 'ipfscluster_pins_ipfs_pins') -
      (rpcCount(l, 'IPFSConnector.Pin') - valueOf(l, 'ipfscluster_pins_pin_add_errors')) +
      rpcCount(l, 'IPFSConnector.Unpin');
    for (let i = 1; i <= 40; i++) {
      advanceTo(s, T0 + 60_000 + i * 15_000);
      const l = readLines(renderMetrics(s));
      assert.equal(pinsMinusTracks(l), pinsMinusTracks(first), 'pins grow by PinTracker.Track calls');
      assert.equal(ipfsPinsMinusSuccesses(l), ipfsPinsMinusSuccesses(first), 'ipfs_pins grow by successful IPFSConnector.Pin calls');
      assert.equal(
        valueOf(l, 'ipfscluster_pins_pin_add'),
        rpcCount(l, 'IPFSConnector.Pin') + valueOf(l, 'ipfscluster_pins_pinning'),
        'pin_add counts pins started: finished IPFSConnector.Pin calls + pinning',
      );
      assert.ok(valueOf(l, 'ipfscluster_pins_pinning') <= 10);
      const failed = valueOf(l, 'ipfscluster_pins_pin_add_errors');
      if (failed > 0) {
        assert.equal(valueOf(l, 'ipfscluster_opencensus_io_http_client_completed_count', { http_client_method: 'POST', http_client_status: '500' }), failed);
      }
      const started = valueOf(l, 'ipfscluster_opencensus_io_http_server_request_count');
      assert.equal(valueOf(l, 'ipfscluster_opencensus_io_http_server_latency_count'), started);
      const byMethod = l.samples.filter((x) => x.name === 'ipfscluster_opencensus_io_http_server_request_count_by_method');
      assert.equal(byMethod.reduce((a, x) => a + x.value, 0), started);
      for (const dir of ['inbound', 'outbound']) {
        const labels = { dir, early_muxer: 'true', ip_version: 'ip4', muxer: '/yamux/1.0.0', security: '/noise', transport: 'tcp' };
        assert.ok(valueOf(l, 'libp2p_swarm_connections_opened_total', labels) >= valueOf(l, 'libp2p_swarm_connections_closed_total', labels));
      }
      assert.equal(
        valueOf(l, 'go_memstats_mallocs_total') - valueOf(l, 'go_memstats_frees_total'),
        valueOf(l, 'go_memstats_heap_objects'),
      );
    }
  }
});

test('pins arrive in bursts: the queue fills and drains, some pins fail and are retried', () => {
  const s = createDemoPeerState({ seed: 20260522, startMs: T0 });
  const startErrors = s.pins.pinAddErrors;
  let maxQueued = 0;
  let drainedAfterPeak = false;
  const startPins = s.pins.pins;
  for (let t = 1; t <= 3600; t++) {
    advanceTo(s, T0 + t * 1000);
    if (s.pins.queued > maxQueued) {
      maxQueued = s.pins.queued;
      drainedAfterPeak = false;
    }
    if (maxQueued >= 10 && s.pins.queued === 0) drainedAfterPeak = true;
  }
  assert.ok(maxQueued >= 10, `queue peaked at ${maxQueued}`);
  assert.ok(drainedAfterPeak, 'the queue drains after its peak');
  assert.ok(s.pins.pinAddErrors - startErrors >= 3, `${s.pins.pinAddErrors - startErrors} pin errors in an hour`);
  const perSecond = (s.pins.pins - startPins) / 3600;
  assert.ok(perSecond > 0.6 && perSecond < 4, `${perSecond} new pins/s`);
});

test('each method keeps its latency shape; idle methods get no calls', () => {
  const s = createDemoPeerState({ seed: 9, startMs: T0 });
  const before = new Map([...s.views.rpc].map(([m, v]) => [m, [...v.latency.counts]]));
  advanceTo(s, T0 + 1_800_000);
  const delta = (m: string): number[] => s.views.rpc.get(m)!.latency.counts.map((c, i) => c - before.get(m)![i]!);
  const median = (m: string): number => {
    const d = delta(m);
    const total = d.reduce((a, b) => a + b, 0);
    let acc = 0;
    const bounds = (s.views.rpc.get(m)!.latency as OcDistribution).bounds;
    for (let i = 0; i < d.length; i++) {
      acc += d[i]!;
      if (acc >= total / 2) return i < bounds.length ? bounds[i]! : Infinity;
    }
    return NaN;
  };
  const calls = (m: string): number => delta(m).reduce((a, b) => a + b, 0);
  assert.ok(median('IPFSConnector.Pin') >= 1000 && median('IPFSConnector.Pin') <= 5000, `IPFSConnector.Pin p50 ≤ ${median('IPFSConnector.Pin')}`);
  assert.ok(median('Cluster.Pin') >= 5 && median('Cluster.Pin') <= 30, `Cluster.Pin p50 ≤ ${median('Cluster.Pin')}`);
  assert.ok(median('PinTracker.Track') <= 0.3, `PinTracker.Track p50 ≤ ${median('PinTracker.Track')}`);
  for (const idle of ['Cluster.IDStream', 'Cluster.Version', 'IPFSConnector.SwarmPeers']) assert.equal(calls(idle), 0, idle);
  const busiest = [...s.views.rpc.keys()].filter((m) => m !== 'PinTracker.Track').sort((a, b) => calls(b) - calls(a))[0];
  assert.equal(busiest, 'PeerMonitor.LatestMetrics');
  assert.equal(calls('IPFSConnector.RepoStat'), 120, 'the disk informer runs every 15 s');
  assert.equal(calls('PinTracker.PinQueueSize'), 120);
});

test('uptimeSeconds 0 starts from zero and series appear as they are recorded', () => {
  const s = createDemoPeerState({ seed: 2, startMs: T0, uptimeSeconds: 0 });
  const l = readLines(renderMetrics(s));
  for (const x of l.samples) {
    const type = l.types.get(x.family);
    if ((type === 'counter' || type === 'histogram') && !x.family.startsWith('go_memstats_')) assert.equal(x.value, 0, x.name);
  }
  assert.ok(![...l.types.keys()].some((f) => f.includes('gorpc') || f.includes('opencensus')), 'no OC series before the first call');
  assert.ok(!l.types.has('ipfscluster_informer_disk'), 'informer_disk appears after the first informer run');
  assert.equal(valueOf(l, 'process_start_time_seconds'), T0 / 1000);
  advanceTo(s, T0 + 120_000);
  const later = readLines(renderMetrics(s));
  assert.ok(later.types.has('ipfscluster_informer_disk'));
  assert.ok(rpcCount(later, 'PeerMonitor.LatestMetrics') > 0);
  assert.ok(valueOf(later, 'process_cpu_seconds_total') > 0);
  assert.ok(!later.samples.some((x) => x.labels.gorpc_server_method === 'Cluster.Version'), 'idle methods never appear');
});

test('cost follows elapsed time, not uptime', () => {
  let t = performance.now();
  const s: DemoPeerState = createDemoPeerState({ seed: 4, startMs: T0, uptimeSeconds: 10 * 365 * 86_400 });
  assert.ok(performance.now() - t < 500, 'a ten-year uptime is seeded analytically');
  assert.ok(rpcCount(readLines(renderMetrics(s)), 'PeerMonitor.LatestMetrics') > 80_000_000);
  t = performance.now();
  advanceTo(s, T0 + 3_600_000);
  assert.ok(performance.now() - t < 3000, 'an hour of simulated time takes well under the budget');
});
