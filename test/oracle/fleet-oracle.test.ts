// The fleet oracle: cluster-top's fleet latency (every peer's bucket rates evaluated at the
// newest scrape of any peer, summed per method and bucket) and each peer's own latency at that
// instant must equal what a real Prometheus (Debian's 2.42) computes for
// histogram_quantile(q, sum by (le, gorpc_server_method[, instance]) (rate(…[W]))) over the
// same recorded scrapes, each peer's series labelled instance=<its folder>, within 1e-9 relative:
// in the model, and through `--once --json --replay` of the fleet recording.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createReplayFeed } from '../../src/feed/peer-feed.js';
import { fleetLatency } from '../../src/model/fleet-latency.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import { rpcRows } from '../../src/model/snapshot.js';
import { advanceTo, createDemoPeerState } from '../../src/sources/demo/peer-state.js';
import { renderMetrics } from '../../src/sources/demo/render.js';
import { evaluateFleetWithPrometheus } from '../support/prometheus-oracle.js';
import { assertSameQuantiles } from '../support/quantile-compare.js';
import { runCli } from '../support/run-cli.js';

/** A method row of the JSON. */
interface Row {
  readonly method: string;
  readonly latencyMs: number | null;
}

const FAMILY = 'ipfscluster_gorpc_libp2p_io_server_server_latency_bucket';
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/** Peer recordings under `root`: each its own seed, scrape count and irregular timing. */
function recordFleet(root: string, peers: readonly { name: string; seed: number; count: number; phaseMs: number }[]): void {
  for (const peer of peers) {
    const dir = join(root, peer.name);
    mkdirSync(dir);
    const state = createDemoPeerState({ seed: peer.seed, startMs: T0 });
    for (let i = 0; i < peer.count; i++) {
      // Irregular offsets keep every scrape off the window's edge, where 2.42 and 3.x differ.
      const t = T0 + peer.phaseMs + i * 2000 + ((i * 397 + peer.seed) % 600) + 1;
      advanceTo(state, t);
      writeFileSync(join(dir, `${t}.prom`), renderMetrics(state));
    }
  }
}

/** Every sample of a recorded folder, parsed as cluster-top parses a replay. */
async function samplesOf(dir: string): Promise<PeerSample[]> {
  const feed = await createReplayFeed(dir);
  const out: PeerSample[] = [];
  for (;;) {
    const outcome = await feed.poll();
    if (!outcome.ok) {
      assert.equal(outcome.kind, 'replay-end', outcome.message);
      return out;
    }
    out.push(outcome.sample);
  }
}

function promql(q: number, by: string): string {
  return `histogram_quantile(${q}, sum by (${by}) (rate(${FAMILY}[1m])))`;
}

describe('fleet latency quantiles equal a real Prometheus', () => {
  const folders: string[] = [];
  after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('over three peers scraped on their own clocks, one of which stopped 20 s before the end', async () => {
    const root = mkdtempSync(join(tmpdir(), 'cluster-top-fleet-oracle-'));
    folders.push(root);
    const peers = [
      { name: 'demo-1', seed: 11, count: 60, phaseMs: 0 },
      { name: 'demo-2', seed: 23, count: 60, phaseMs: 700 },
      { name: 'demo-3', seed: 37, count: 50, phaseMs: 1300 },
    ];
    recordFleet(root, peers);
    const samples = await Promise.all(peers.map((p) => samplesOf(join(root, p.name))));
    const evalMs = Math.max(...samples.map((s) => s[s.length - 1].tMs));
    const fleet = fleetLatency(samples, 60_000, 'prom3');
    assert.equal(fleet.evalMs, evalMs, 'evaluated at the newest scrape of any peer');

    const quantiles = [0.5, 0.95, 0.99];
    const queries = quantiles.flatMap((q) => [promql(q, 'le, gorpc_server_method'), promql(q, 'le, gorpc_server_method, instance')]);
    const oracle = await evaluateFleetWithPrometheus(root, evalMs, queries);
    let compared = 0;
    for (const [i, q] of quantiles.entries()) {
      const [fleetRows, perInstance] = [oracle[2 * i], oracle[2 * i + 1]];
      const ours = new Map(rpcRows(fleet.fleet, q).map((r) => [r.method, r.latencyMs]));
      compared += assertSameQuantiles(ours, fleetRows, `fleet q=${q}`);
      for (const [p, peer] of peers.entries()) {
        const theirs = perInstance.filter((row) => row.labels.instance === peer.name);
        assert.ok(theirs.length > 0, `Prometheus has rows for ${peer.name}`);
        const mine = new Map(rpcRows(fleet.perPeer[p], q).map((r) => [r.method, r.latencyMs]));
        compared += assertSameQuantiles(mine, theirs, `${peer.name} q=${q}`);
      }
      // The same through the command line: the fleet replay's JSON.
      const run = await runCli(['--once', '--json', '--replay', root, '--window', '1m', '--quantile', String(q)]);
      assert.equal(run.code, 0, run.stderr);
      const doc = JSON.parse(run.stdout) as { to: number; peers: { peer: string; rpc: Row[] }[]; fleet: { rpc: Row[] } };
      assert.equal(doc.to, evalMs);
      compared += assertSameQuantiles(new Map(doc.fleet.rpc.map((r) => [r.method, r.latencyMs])), fleetRows, `cli fleet q=${q}`);
      for (const peer of peers) {
        const row = doc.peers.find((p) => p.peer === peer.name)!;
        compared += assertSameQuantiles(new Map(row.rpc.map((r) => [r.method, r.latencyMs])), perInstance.filter((o) => o.labels.instance === peer.name), `cli ${peer.name} q=${q}`);
      }
    }
    assert.ok(compared >= 3 * 8 * 8, `enough methods with calls were compared (${compared})`);
  });
});
