// Tests for histogramQuantile: every rule of prometheus-semantics.md §1c, the fixture p95s of
// ipfs-cluster-facts.md §7, and Prometheus' own answers where they were checked with promql-oracle.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { histogramQuantile, type Bucket } from '../../src/model/quantile.js';

/** Buckets from [le, count] pairs; `'+Inf'` becomes Infinity. */
function hist(pairs: ReadonlyArray<readonly [number | '+Inf', number]>): Bucket[] {
  return pairs.map(([le, count]) => ({ upperBound: le === '+Inf' ? Infinity : le, count }));
}

const basic = hist([[0.1, 3], [0.5, 10], [1, 18], ['+Inf', 20]]);

describe('histogramQuantile: φ', () => {
  it('φ = NaN gives NaN', () => {
    assert.ok(Number.isNaN(histogramQuantile(NaN, basic)));
  });
  it('φ < 0 gives −Inf, even when the buckets would give NaN', () => {
    assert.equal(histogramQuantile(-0.5, basic), -Infinity);
    assert.equal(histogramQuantile(-0.5, hist([[1, 5], [2, 10]])), -Infinity);
  });
  it('φ > 1 gives +Inf', () => {
    assert.equal(histogramQuantile(1.5, basic), Infinity);
  });
  it('φ = 0 and φ = 1 are valid', () => {
    assert.equal(histogramQuantile(0, basic), 0);
    assert.equal(histogramQuantile(1, basic), 1); // rank 20 is reached only by +Inf → highest finite bound
  });
});

describe('histogramQuantile: bucket set rules', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    // rank 0.5·20 = 10 → le=0.5 (count 10): 0.1 + 0.4·(7/7)
    assert.equal(histogramQuantile(0.5, basic), 0.5);
    // rank 0.25·20 = 5 → le=0.5: 0.1 + 0.4·(2/7)
    assert.equal(histogramQuantile(0.25, basic), 0.1 + (0.5 - 0.1) * (2 / 7));
  });
  it('accepts buckets in any order and does not mutate the input', () => {
    const shuffled = hist([['+Inf', 20], [1, 18], [0.1, 3], [0.5, 10]]);
    const before = JSON.stringify(shuffled);
    assert.equal(histogramQuantile(0.25, shuffled), histogramQuantile(0.25, basic));
    assert.equal(JSON.stringify(shuffled), before);
  });
  it('no +Inf bucket gives NaN', () => {
    assert.ok(Number.isNaN(histogramQuantile(0.5, hist([[1, 5], [2, 10]]))));
  });
  it('fewer than 2 buckets gives NaN (a lone +Inf bucket, or no buckets)', () => {
    assert.ok(Number.isNaN(histogramQuantile(0.5, hist([['+Inf', 10]]))));
    assert.ok(Number.isNaN(histogramQuantile(0.5, [])));
  });
  it('zero observations gives NaN', () => {
    assert.ok(Number.isNaN(histogramQuantile(0.95, hist([[1, 0], [2, 0], ['+Inf', 0]]))));
  });
  it('equal bounds are coalesced (summed), e.g. le="1" and le="1.0"', () => {
    const split = hist([[1, 5], [1, 4], [2, 12], ['+Inf', 15]]);
    const merged = hist([[1, 9], [2, 12], ['+Inf', 15]]);
    assert.equal(histogramQuantile(0.7, split), histogramQuantile(0.7, merged));
    assert.equal(histogramQuantile(0.5, split), 7.5 / 9); // rank 7.5 falls in le=1 (9)
  });
  it('coalescing can leave fewer than 2 buckets → NaN', () => {
    assert.ok(Number.isNaN(histogramQuantile(0.5, hist([['+Inf', 3], ['+Inf', 4]]))));
  });
  it('a rank in the +Inf bucket returns the highest finite bound', () => {
    assert.equal(histogramQuantile(0.95, hist([[1, 2], [2, 4], ['+Inf', 10]])), 2);
  });
  it('the lowest bucket interpolates from 0 when its bound is > 0', () => {
    assert.equal(histogramQuantile(0.25, hist([[2, 10], [4, 20], ['+Inf', 20]])), 1);
  });
  it('the lowest bucket returns its bound when that bound is ≤ 0', () => {
    assert.equal(histogramQuantile(0.2, hist([[0, 7], [1, 9], ['+Inf', 10]])), 0);
    assert.equal(histogramQuantile(0.3, hist([[-1, 5], [0, 8], [1, 10], ['+Inf', 10]])), -1);
    // …but a negative second bucket still interpolates from the first bound: −1 + 1·(1/3)
    assert.equal(histogramQuantile(0.6, hist([[-1, 5], [0, 8], [1, 10], ['+Inf', 10]])), -1 + 1 * (1 / 3));
  });
  it('decreases are lifted to the running maximum (envelope)', () => {
    const jagged = hist([[1, 5], [2, 3], [3, 9], [4, 7], ['+Inf', 10]]);
    const envelope = hist([[1, 5], [2, 5], [3, 9], [4, 9], ['+Inf', 10]]);
    for (const q of [0.3, 0.5, 0.7, 0.9, 0.95]) {
      assert.equal(histogramQuantile(q, jagged), histogramQuantile(q, envelope), `q=${q}`);
    }
    // A +Inf bucket below a finite one is lifted too, so observations = 12.
    assert.equal(histogramQuantile(0.5, hist([[1, 5], [2, 12], ['+Inf', 10]])), 1 + 1 * (1 / 7));
  });
  it('small deltas (< 1e-12 relative) are ignored in either direction (Prometheus ≥ 2.49)', () => {
    // 2.42 answers 2 here (checked with promql-oracle): it sees 1e-11 more observations in le=2.
    const tiny = hist([[1, 100], [2, 100.00000000001], ['+Inf', 100.00000000001]]);
    assert.equal(histogramQuantile(1, tiny), 1);
    assert.equal(histogramQuantile(0.5, tiny), 0.5); // 2.42: 0.5000000000000501
    // A tiny downward step is absorbed like any other decrease.
    assert.equal(histogramQuantile(1, hist([[1, 100], [2, 99.99999999999], ['+Inf', 100]])), 1);
  });
  it('a real (≥ 1e-12 relative) step is kept', () => {
    assert.equal(histogramQuantile(1, hist([[1, 100], [2, 100.000001], ['+Inf', 100.000001]])), 2);
  });
  it('matches Prometheus 2.42 on exponent-form bounds and unusual shapes (promql-oracle)', () => {
    assert.equal(histogramQuantile(0.5, hist([[1e-3, 1], [1e3, 5], ['+Inf', 6]])), 0.001 + (1000 - 0.001) * (2 / 4));
    assert.equal(histogramQuantile(0.01, basic), 0.1 * (0.2 / 3));
  });
});

describe('histogramQuantile: worked examples', () => {
  it('Cluster.Peers: deltas …0.25:88, 0.5:96 … +Inf:100 → p95 = 0.25 + 0.25·7/8 = 0.46875', () => {
    const peers = hist([
      [0.005, 10], [0.01, 20], [0.025, 40], [0.05, 60], [0.1, 75], [0.25, 88], [0.5, 96],
      [1, 98], [2.5, 99], [5, 100], [10, 100], ['+Inf', 100],
    ]);
    assert.equal(histogramQuantile(0.95, peers), 0.46875);
  });
});

describe('histogramQuantile: fixture scrapes (ipfs-cluster-facts.md §7)', () => {
  const family = 'ipfscluster_gorpc_libp2p_io_server_server_latency_bucket';
  const line = new RegExp(`^${family}\\{gorpc_server_method="([^"]+)",le="([^"]+)"\\} (\\S+)$`, 'gm');
  /** method → le → value, from one payload (a throwaway regex, not the real parser). */
  function readBuckets(file: string): Map<string, Map<string, number>> {
    const text = readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${file}`, import.meta.url), 'utf8');
    const out = new Map<string, Map<string, number>>();
    for (const m of text.matchAll(line)) {
      let byLe = out.get(m[1]);
      if (byLe === undefined) out.set(m[1], (byLe = new Map()));
      byLe.set(m[2], Number(m[3]));
    }
    return out;
  }
  const t1 = readBuckets('peer-t0.prom');
  const t2 = readBuckets('peer-t10s.prom');
  /** Plain t1→t2 increase of every bucket of `method`. */
  function deltas(method: string): Bucket[] {
    const a = t1.get(method);
    const b = t2.get(method);
    assert.ok(a && b, `method ${method} in both scrapes`);
    assert.equal(b.size, 41, '40 finite bounds + +Inf');
    return [...b].map(([le, v]) => ({ upperBound: le === '+Inf' ? Infinity : Number(le), count: v - (a.get(le) ?? NaN) }));
  }
  const near = (got: number, want: number, rel: number) =>
    assert.ok(Math.abs(got - want) <= rel * want, `${got} ≈ ${want}`);

  it('IPFSConnector.Pin p95 ≈ 17 500 ms', () => near(histogramQuantile(0.95, deltas('IPFSConnector.Pin')), 17500, 1e-9));
  it('Cluster.Pin p95 ≈ 24 ms', () => near(histogramQuantile(0.95, deltas('Cluster.Pin')), 24, 1e-9));
  it('PinTracker.Track p95 ≈ 0.26 ms', () => near(histogramQuantile(0.95, deltas('PinTracker.Track')), 0.26, 0.02));
  it('IPFSConnector.RepoStat p95 ≈ 19.8 ms', () => near(histogramQuantile(0.95, deltas('IPFSConnector.RepoStat')), 19.8, 1e-9));
  it('a method with no calls in the window has no p95 (NaN)', () => {
    for (const m of ['Cluster.IDStream', 'Cluster.Unpin', 'IPFSConnector.Unpin', 'PinTracker.Untrack']) {
      assert.ok(Number.isNaN(histogramQuantile(0.95, deltas(m))), m);
    }
  });
});
