// The queries of one refresh: a fixed set whatever the peers, both metric-name generations in
// one matcher, the user's selector in every query, and the range step under 11,000 points.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetQueries, MAX_RANGE_POINTS, peerQuantileQuery, promDuration, quantileQuery, rangeStep, repeatsMethodPeer, selectorMatchers } from '../../src/model/prometheus-queries.js';

describe('fleetQueries', () => {
  it('reads both latency generations per peer and for the fleet, with the selector in every query', () => {
    const q = fleetQueries({ selector: '{job="ipfs-cluster", env=~"prod|eu"}', peerLabel: 'peer' }, 60_000);
    assert.equal(Object.keys(q).length, 8);
    const bucket = '{__name__=~"ipfscluster_gorpc_libp2p_io_server_server_latency_bucket|cluster_gorpc_libp2p_io_server_server_latency_bucket", job="ipfs-cluster", env=~"prod|eu"}';
    assert.equal(q.latencyPerPeer, `sum by (le, gorpc_server_method, peer) (rate(${bucket}[60s]))`);
    assert.equal(q.latencyFleet, `sum by (le, gorpc_server_method) (rate(${bucket}[60s]))`);
    assert.equal(q.peerCalls, `sum by (gorpc_server_method, peer) (rate(${bucket.replace(/\}$/, ', le="+Inf"}')}[60s]))`);
    assert.equal(q.up, 'up{job="ipfs-cluster", env=~"prod|eu"}');
    assert.equal(q.clock, 'timestamp(up{job="ipfs-cluster", env=~"prod|eu"})');
    assert.match(q.gauges, /ipfscluster_pins\|ipfscluster_cluster_pin_count\|cluster_cluster_pin_count/);
    assert.match(q.rates, /label_replace\(rate\(\{__name__=~"ipfscluster_blocks_put_errors\|ipfscluster_blocks_put_error", job="ipfs-cluster", env=~"prod\|eu"\}\[60s\]\), "cluster_top_counter", "blocksPutErrors", "cluster_top_counter", "\.\*"\)/);
    assert.equal(quantileQuery(0.95, q.latencyFleet), `histogram_quantile(0.95, ${q.latencyFleet}) >= -Inf`);
    // Each peer's quantile over the bucket series as they are, or over their sums per (le, method, peer).
    assert.equal(q.peerBuckets, `rate(${bucket}[60s])`);
    assert.equal(peerQuantileQuery(0.5, q, false), `histogram_quantile(0.5, rate(${bucket}[60s])) >= -Inf`);
    assert.equal(peerQuantileQuery(0.5, q, true), `histogram_quantile(0.5, ${q.latencyPerPeer}) >= -Inf`);
  });

  it('tells when an answer has a (method, peer) twice: then the summed form is needed', () => {
    const row = (method: string, peer: string, job: string) => ({ labels: { gorpc_server_method: method, peer, job } });
    assert.equal(repeatsMethodPeer([row('Cluster.Pin', 'a', 'x'), row('Cluster.Pin', 'b', 'x'), row('Cluster.Unpin', 'a', 'x')], 'peer'), false);
    assert.equal(repeatsMethodPeer([row('Cluster.Pin', 'a', 'x'), row('Cluster.Pin', 'a', 'y')], 'peer'), true);
    assert.equal(repeatsMethodPeer([row('Cluster.Pin', 'a', 'x'), row('Cluster.Pin', 'b', 'x')], 'job'), true, 'a peer label two targets share');
    assert.equal(repeatsMethodPeer([], 'peer'), false);
  });

  it('without a selector, keeps other jobs\' series out by the pinset gauge\'s targets', () => {
    const q = fleetQueries({ selector: null, peerLabel: 'instance' }, 1500);
    const pinset = '{__name__=~"ipfscluster_pins|ipfscluster_cluster_pin_count|cluster_cluster_pin_count"}';
    assert.equal(q.up, `up and on(job) count by (job) (${pinset})`);
    assert.equal(q.clock, `timestamp(up) and on(job) count by (job) (${pinset})`);
    assert.ok(q.gauges.endsWith(` and on(instance) ${pinset}`));
    assert.ok(q.rates.endsWith(`) and on(instance) ${pinset}`));
    assert.match(q.latencyFleet, /\[1500ms\]/);
  });

  it('refuses a selector that is not label matchers, and a bad peer label', () => {
    assert.equal(selectorMatchers(' { job="a" } '), 'job="a"');
    assert.equal(selectorMatchers('job="{x}"'), 'job="{x}"', 'braces inside a value are fine');
    assert.throws(() => selectorMatchers('{__name__="up"}'), /label matchers only/);
    assert.throws(() => selectorMatchers('up{job="a"}'), /label matchers only/);
    assert.throws(() => fleetQueries({ selector: null, peerLabel: 'in-stance' }, 1000), /not a label name/);
  });
});

describe('promDuration and rangeStep', () => {
  it('writes whole seconds as seconds', () => {
    assert.deepEqual([60_000, 1500, 1000].map(promDuration), ['60s', '1500ms', '1s']);
  });

  it('keeps the wanted step when it fits, else the smallest that keeps every series within 11,000 points', () => {
    assert.equal(rangeStep(0, 60_000, 2000), 2000);
    for (const [span, wanted] of [[86_400_000, 1000], [7 * 86_400_000, 15_000], [10_999_000, 1000], [11_000_000, 1000], [1, 0]]) {
      const step = rangeStep(5, 5 + span, wanted);
      assert.ok(step >= wanted && step >= 1, `step ${step} for ${span}`);
      assert.ok(Math.floor(span / step) + 1 <= MAX_RANGE_POINTS, `${span} ms at ${step} ms: ${Math.floor(span / step) + 1} points`);
      assert.ok(step === Math.max(1, wanted) || Math.floor(span / (step - 1)) + 1 > MAX_RANGE_POINTS, `${step} is the smallest`);
    }
  });
});
