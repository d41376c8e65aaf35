// A server's answers as the fleet's shapes: peers named by the peer label, a peer whose up is 0
// a down row, the old metric names read, `le` grouped by its value, every peer's quantile and
// the fleet's from the bucket rates, and the report's `to` = the evaluation instant.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetReport } from '../../src/model/fleet-report.js';
import { methodQuantile } from '../../src/model/rpc-latency.js';
import { bucketRates, prometheusFleet, SERVER_COULD_NOT_SCRAPE, type LabelledValue, type PrometheusFleetAnswers } from '../../src/model/prometheus-fleet.js';
import { COUNTER_KEY_LABEL } from '../../src/model/prometheus-queries.js';
import { rpcRows, type PeerSnapshot } from '../../src/model/snapshot.js';

const rowsOf = (snapshot: PeerSnapshot) => rpcRows(snapshot.methodRates, snapshot.quantile);

const T = 1_796_589_070_864;

function method(peer: string, name: string, value: number): LabelledValue {
  return { labels: { gorpc_server_method: name, node: peer }, value };
}

function bucket(peer: string | null, method: string, le: string, value: number): LabelledValue {
  const labels: Record<string, string> = { gorpc_server_method: method, le };
  if (peer !== null) labels.node = peer;
  return { labels, value };
}

const ANSWERS: PrometheusFleetAnswers = {
  evalMs: T,
  up: [
    { labels: { node: 'peer-10', job: 'c' }, value: 1 },
    { labels: { node: 'peer-9', job: 'c' }, value: 1 },
    { labels: { node: 'peer-down', job: 'c' }, value: 0 },
  ],
  gauges: [
    { labels: { __name__: 'ipfscluster_pins', node: 'peer-9' }, value: 40 },
    { labels: { __name__: 'ipfscluster_pins_pin_queued', node: 'peer-9' }, value: 3 },
    { labels: { __name__: 'process_start_time_seconds', node: 'peer-9' }, value: T / 1000 - 100 },
    { labels: { __name__: 'libp2p_swarm_connections_opened_total', node: 'peer-9' }, value: 12 },
    { labels: { __name__: 'libp2p_swarm_connections_closed_total', node: 'peer-9' }, value: 5 },
    // A v0.10 peer: only the old pinset name.
    { labels: { __name__: 'cluster_cluster_pin_count', node: 'peer-10' }, value: 40 },
  ],
  rates: [
    { labels: { [COUNTER_KEY_LABEL]: 'pinAdd', node: 'peer-9' }, value: 0.5 },
    { labels: { [COUNTER_KEY_LABEL]: 'cpuSecondsTotal', node: 'peer-9' }, value: 0.02 },
  ],
  // Per peer, the server's own figures: calls per second, and histogram_quantile at each key.
  peerCalls: [method('peer-9', 'Cluster.Pin', 8), method('peer-10', 'Cluster.Pin', 0)],
  peerQuantiles: {
    keys: [0.5, 0.9],
    perKey: [
      [method('peer-9', 'Cluster.Pin', 1), method('peer-10', 'Cluster.Pin', NaN)],
      [method('peer-9', 'Cluster.Pin', 8.2), method('peer-10', 'Cluster.Pin', NaN)],
    ],
  },
  latencyFleet: [bucket(null, 'Cluster.Pin', '1', 4), bucket(null, 'Cluster.Pin', '1e+01', 8), bucket(null, 'Cluster.Pin', '+Inf', 8)],
};

describe('prometheusFleet', () => {
  const fleet = prometheusFleet(ANSWERS, { peerLabel: 'node', windowMs: 60_000, quantile: 0.5, intervalMs: 5000 });

  it('names peers by the peer label, in natural order, a peer with up 0 down without figures', () => {
    assert.deepEqual(fleet.peers.map((p) => p.name), ['peer-9', 'peer-10', 'peer-down']);
    const down = fleet.peers[2];
    assert.equal(down.status.snapshot, null);
    assert.equal(down.status.failure?.message, SERVER_COULD_NOT_SCRAPE);
    assert.deepEqual(fleet.latency.perPeer[2], []);
  });

  it('reads the gauges of either generation, the rates and the process figures at the instant', () => {
    const s = fleet.peers[0].status.snapshot!;
    assert.deepEqual([s.cluster.pins, s.cluster.pinQueued, s.cluster.pinning], [40, 3, null]);
    assert.equal(s.rates.pinAdd, 0.5);
    assert.equal(s.rates.blocksAdded, null);
    assert.equal(s.process.cpuPercent, 2);
    assert.ok(Math.abs(s.process.uptimeSeconds! - 100) < 1e-6);
    assert.equal(s.process.libp2pConnections, 7);
    assert.equal(fleet.peers[1].status.snapshot!.cluster.pins, 40, 'cluster_cluster_pin_count read as the pinset');
    assert.deepEqual([s.from, s.to], [T - 60_000, T]);
    assert.deepEqual(s.missing, { clusterMetrics: false, rpcLatency: false });
  });

  it('takes each peer\'s quantiles as the server computed them, at the keys asked; the fleet\'s from its summed buckets by the value of le', () => {
    const pin = fleet.latency.perPeer[0][0];
    assert.equal(pin.callsPerSecond, 8);
    assert.deepEqual(pin.buckets, [], 'no buckets asked per peer');
    assert.equal(methodQuantile(0.9, pin), 8.2);
    assert.ok(Number.isNaN(methodQuantile(0.99, pin)), 'a quantile not asked is no value');
    assert.deepEqual(rowsOf(fleet.peers[0].status.snapshot!), [{ method: 'Cluster.Pin', latencyMs: 1, callsPerSecond: 8 }]);
    assert.deepEqual(rowsOf(fleet.peers[1].status.snapshot!), [{ method: 'Cluster.Pin', latencyMs: null, callsPerSecond: 0 }], 'no calls: no latency (null, never 0)');
    const fleetPin = bucketRates([...ANSWERS.latencyFleet, bucket(null, 'Cluster.Pin', '1.0', 0), bucket(null, 'Cluster.Pin', 'bogus', 100)])[0];
    assert.deepEqual(fleetPin.buckets, [{ upperBound: 1, count: 4 }, { upperBound: 10, count: 8 }, { upperBound: Infinity, count: 8 }], 'le 1.0 summed with 1, a bogus le skipped');
  });

  it('gives the fleet report with to = the evaluation instant', () => {
    const report = fleetReport(fleet.peers, fleet.latency, 0.9, 60_000, []);
    assert.equal(report.to, T);
    assert.deepEqual(report.peers.map((p) => [p.peer, p.up, p.error]), [['peer-9', true, null], ['peer-10', true, null], ['peer-down', false, SERVER_COULD_NOT_SCRAPE]]);
    // Rank 7.2 of 8 in (1, 10]: 1 + 9 * (7.2 - 4) / 4.
    assert.ok(Math.abs(report.fleet.rpc[0].latencyMs! - 8.2) < 1e-12);
    assert.deepEqual([report.fleet.peersUp, report.fleet.peersTotal, report.fleet.pinset, report.fleet.pinQueued], [2, 3, 40, 3]);
  });
});
