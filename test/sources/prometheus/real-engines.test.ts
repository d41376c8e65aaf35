// Against real engines: a Prometheus 2.42 and a VictoriaMetrics 1.79 (Debian packages) on
// loopback, each scraping three demo peers every second. cluster-top's client reads the fleet
// with its fixed set of queries; the per-peer quantiles it reads (the engine's histogram_quantile
// per peer) and the fleet's it computes from the summed bucket rates must equal the engine's own
// histogram_quantile at the same `time` (≤ 1e-9 relative), and
// on Prometheus also cluster-top's direct fleet figures (model/fleet-latency.ts, 2.42 semantics)
// over the very samples the engine holds, read back raw and replayed at the same instant.
// The same through `cluster-top --prometheus URL --once --json`, compared at the report's `to`,
// also behind a Mimir-like front (path prefix, tenant header) that adds a warning, as Thanos does.
// The live monitor's first latency and history (one range query ending at the instant) equal the
// engine's instant histogram_quantile at the instant and at each step. VictoriaMetrics runs with a 5 s -search.latencyOffset (its default is 30 s; the client's
// handling does not depend on the value): the evaluation instant must fall behind it.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, type TestContext } from 'node:test';
import { createReplayFeed } from '../../../src/feed/peer-feed.js';
import { fleetLatency } from '../../../src/model/fleet-latency.js';
import { fleetReport } from '../../../src/model/fleet-report.js';
import type { PeerSample } from '../../../src/model/peer-sample.js';
import { prometheusFleet, type PrometheusFleet } from '../../../src/model/prometheus-fleet.js';
import type { MethodRates } from '../../../src/model/rpc-latency.js';
import { rpcRows, type RpcRow } from '../../../src/model/snapshot.js';
import { startDemoCluster, type DemoCluster } from '../../../src/sources/demo/demo-cluster.js';
import { PrometheusClient } from '../../../src/sources/prometheus/client.js';
import { PrometheusFleetMonitor } from '../../../src/feed/prometheus-fleet-monitor.js';
import { pointQuantile } from '../../../src/model/latency-trend.js';
import { refreshFleet, type FleetRefresh } from '../../../src/sources/prometheus/fleet-refresh.js';
import { runCli } from '../../support/run-cli.js';
import { tenantFront, TENANT_WARNING } from '../../support/tenant-front.js';
import { engineQuery, engineRawSamples, startScrapingPrometheus, startScrapingVictoriaMetrics, type EngineRow, type ScrapingEngine } from '../../support/scraping-engines.js';

const FAMILY = 'ipfscluster_gorpc_libp2p_io_server_server_latency';
const WINDOW_MS = 10_000;
const VM_LATENCY_OFFSET_MS = 5_000;
const QUANTILES = [0.5, 0.95, 0.99];
const SELECTOR = '{job="ipfs-cluster"}';

type Ready = Extract<FleetRefresh, { ok: true }>;

/** Refreshes until the instant has a full window of every peer behind it (the engine's data, not a sleep), at most 60 s. */
async function refreshWhenFull(client: PrometheusClient, engine: ScrapingEngine, selector: string | null): Promise<Ready> {
  const deadline = Date.now() + 60_000;
  let last = '';
  while (Date.now() < deadline) {
    const r = await refreshFleet(client, { selector, peerLabel: 'instance', windowMs: WINDOW_MS, keys: QUANTILES });
    if (r.ok) {
      const peers = new Set(r.answers.peerCalls.map((s) => s.labels.instance));
      if (r.answers.evalMs >= engine.readyMs + WINDOW_MS + 2000 && peers.size === 3) return r;
      last = `instant ${r.answers.evalMs - engine.readyMs} ms after ready, ${peers.size} peers with latency`;
    } else last = r.failure.message;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${engine.name}: no full window within 60 s (${last})`);
}

/** The worst relative difference between our rows and another's, per method; null ↔ NaN (or absent: VictoriaMetrics leaves NaN rows out). */
function compareRows(mine: readonly RpcRow[], theirs: Map<string, number>, what: string, allowAbsent: boolean): { compared: number; worst: number } {
  let compared = 0;
  let worst = 0;
  for (const method of theirs.keys()) assert.ok(mine.some((r) => r.method === method), `${what}: ${method} is ours too`);
  for (const row of mine) {
    const expected = theirs.get(row.method);
    if (expected === undefined) {
      assert.ok(allowAbsent && row.latencyMs === null, `${what} ${row.method}: the engine has no row, ours is ${row.latencyMs}`);
      continue;
    }
    if (Number.isNaN(expected)) {
      assert.equal(row.latencyMs, null, `${what} ${row.method}: the engine says NaN`);
      continue;
    }
    assert.equal(typeof row.latencyMs, 'number', `${what} ${row.method}: the engine says ${expected}`);
    const relative = Math.abs(row.latencyMs! - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
    assert.ok(relative <= 1e-9, `${what} ${row.method}: ours ${row.latencyMs} vs ${expected}`);
    worst = Math.max(worst, relative);
    compared++;
  }
  return { compared, worst };
}

function byMethod(rows: readonly EngineRow[]): Map<string, number> {
  return new Map(rows.map((r) => [r.labels.gorpc_server_method, r.value]));
}

/** Our quantiles against the engine's own histogram_quantile at the same instant; returns the count compared and the worst relative difference. */
async function assertEqualsEngine(engine: ScrapingEngine, r: Ready, fleet: PrometheusFleet, selector: string | null): Promise<{ compared: number; worst: number }> {
  const sel = selector ?? '';
  const rate = `rate(${FAMILY}_bucket${sel}[${WINDOW_MS / 1000}s])`;
  let compared = 0;
  let worst = 0;
  const allowAbsent = engine.name === 'victoria-metrics';
  for (const q of QUANTILES) {
    const perPeer = await engineQuery(engine.base, `histogram_quantile(${q}, sum by (le, gorpc_server_method, instance) (${rate}))`, r.answers.evalMs);
    const whole = await engineQuery(engine.base, `histogram_quantile(${q}, sum by (le, gorpc_server_method) (${rate}))`, r.answers.evalMs);
    const f = compareRows(rpcRows(fleet.latency.fleet, q), byMethod(whole), `${engine.name} fleet q=${q}`, allowAbsent);
    compared += f.compared;
    worst = Math.max(worst, f.worst);
    fleet.peers.forEach((peer, i) => {
      const rows = perPeer.filter((row) => row.labels.instance === peer.name);
      const p = compareRows(rpcRows(fleet.latency.perPeer[i], q), byMethod(rows), `${engine.name} ${peer.name} q=${q}`, allowAbsent);
      compared += p.compared;
      worst = Math.max(worst, p.worst);
    });
  }
  return { compared, worst };
}

/** The report's shape: every peer up with its figures, `to` = the instant. */
function assertReport(fleet: PrometheusFleet, evalMs: number, cluster: DemoCluster): void {
  const report = fleetReport(fleet.peers, fleet.latency, 0.95, WINDOW_MS, []);
  assert.equal(report.to, evalMs);
  assert.equal(report.from, evalMs - WINDOW_MS);
  assert.deepEqual(report.peers.map((p) => p.peer).sort(), cluster.peers.map((p) => new URL(p.url).host).sort());
  for (const peer of report.peers) {
    assert.equal(peer.up, true, peer.peer);
    assert.equal(typeof peer.cluster?.pins, 'number', `${peer.peer} pins`);
    assert.equal(typeof peer.process?.residentMemoryBytes, 'number', `${peer.peer} RSS`);
    assert.equal(typeof peer.rates?.pinAdd, 'number', `${peer.peer} pins/s`);
    // When the engine scraped its pinset: at most one scrape interval (1 s) before the instant.
    const sampledMs = fleet.peers.find((p) => p.name === peer.peer)?.status.snapshot?.sampledMs ?? NaN;
    assert.ok(sampledMs <= evalMs && sampledMs > evalMs - 1500, `${peer.peer} sampled ${evalMs - sampledMs} ms before the instant`);
    assert.ok(peer.rpc.some((row) => row.latencyMs !== null), `${peer.peer} has latency rows`);
  }
  assert.equal(report.fleet.peersUp, 3);
  assert.equal(typeof report.fleet.pinset, 'number');
  assert.ok(report.fleet.rpc.some((row) => row.latencyMs !== null));
}

/** Every peer's latency samples as the engine holds them in [evalMs − window, evalMs], replayed through cluster-top's own parser. */
async function directSamples(engine: ScrapingEngine, evalMs: number, names: readonly string[], root: string): Promise<PeerSample[][]> {
  const raw = await engineRawSamples(engine.base, `${FAMILY}_bucket${SELECTOR}[${WINDOW_MS / 1000}s]`, evalMs);
  const files = new Map<string, Map<number, string[]>>();
  for (const series of raw) {
    const peer = series.labels.instance;
    let byTime = files.get(peer);
    if (byTime === undefined) files.set(peer, (byTime = new Map()));
    const labels = `gorpc_server_method=${JSON.stringify(series.labels.gorpc_server_method)},le=${JSON.stringify(series.labels.le)}`;
    for (const [t, v] of series.points) {
      let lines = byTime.get(t);
      if (lines === undefined) byTime.set(t, (lines = [`# TYPE ${FAMILY} histogram`]));
      lines.push(`${FAMILY}_bucket{${labels}} ${v}`);
    }
  }
  const out: PeerSample[][] = [];
  for (const name of names) {
    const dir = join(root, name.replace(/[^A-Za-z0-9.-]/g, '_'));
    mkdirSync(dir);
    for (const [t, lines] of files.get(name) ?? []) writeFileSync(join(dir, `${t}.prom`), lines.join('\n') + '\n');
    const feed = await createReplayFeed(dir);
    const samples: PeerSample[] = [];
    for (;;) {
      const outcome = await feed.poll();
      if (!outcome.ok) {
        assert.equal(outcome.kind, 'replay-end', outcome.message);
        break;
      }
      samples.push(outcome.sample);
    }
    out.push(samples);
  }
  return out;
}

/** `cluster-top --prometheus URL --once --json`: every peer up, its quantiles and the fleet's equal the engine's at the report's `to`. */
async function assertCli(engine: ScrapingEngine, via = engine.base, extra: readonly string[] = [], errors: readonly string[] = []): Promise<{ compared: number; worst: number; ms: number }> {
  const started = performance.now();
  const run = await runCli([...extra, '--prometheus', via, '--selector', SELECTOR, '--once', '--json', '--window', `${WINDOW_MS / 1000}s`, '--interval', '1s', '--quantile', '0.95', '--no-config', '--no-traces']);
  const ms = performance.now() - started;
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout) as { to: number; windowMs: number; peers: { peer: string; up: boolean; rpc: RpcRow[] }[]; fleet: { peersUp: number; rpc: RpcRow[] }; errors: string[] };
  assert.equal(doc.windowMs, WINDOW_MS);
  assert.equal(doc.peers.length, 3);
  assert.equal(doc.fleet.peersUp, 3);
  assert.deepEqual(doc.errors, errors);
  const rate = `rate(${FAMILY}_bucket${SELECTOR}[${WINDOW_MS / 1000}s])`;
  const perPeer = await engineQuery(engine.base, `histogram_quantile(0.95, sum by (le, gorpc_server_method, instance) (${rate}))`, doc.to);
  const whole = await engineQuery(engine.base, `histogram_quantile(0.95, sum by (le, gorpc_server_method) (${rate}))`, doc.to);
  const allowAbsent = engine.name === 'victoria-metrics';
  const f = compareRows(doc.fleet.rpc, byMethod(whole), `cli ${engine.name} fleet`, allowAbsent);
  let { compared, worst } = f;
  for (const peer of doc.peers) {
    assert.equal(peer.up, true, peer.peer);
    const p = compareRows(peer.rpc, byMethod(perPeer.filter((row) => row.labels.instance === peer.peer)), `cli ${engine.name} ${peer.peer}`, allowAbsent);
    compared += p.compared;
    worst = Math.max(worst, p.worst);
  }
  assert.ok(compared >= 4 * 5, `enough quantiles compared (${compared})`);
  return { compared, worst, ms };
}

describe('the fleet read from real engines scraping three demo peers', () => {
  let cluster: DemoCluster;
  const engines: ScrapingEngine[] = [];
  const folders: string[] = [];
  let prometheus: ScrapingEngine;
  let victoria: ScrapingEngine;

  before(async () => {
    cluster = await startDemoCluster({ peers: 3 });
    const targets = cluster.peers.map((p) => new URL(p.url).host);
    [prometheus, victoria] = await Promise.all([startScrapingPrometheus(targets), startScrapingVictoriaMetrics(targets, VM_LATENCY_OFFSET_MS)]);
    engines.push(prometheus, victoria);
  });
  after(async () => {
    await Promise.all(engines.map((e) => e.stop()));
    await cluster?.close();
    folders.forEach((dir) => rmSync(dir, { recursive: true, force: true }));
  });

  it('Prometheus: our quantiles equal its histogram_quantile and cluster-top\'s direct fleet figures over its samples', async (t: TestContext) => {
    const client = new PrometheusClient({ url: prometheus.base, timeoutMs: 5000, maxBodyBytes: 64 * 1024 * 1024 });
    try {
      for (const selector of [SELECTOR, null]) {
        const started = performance.now();
        const r = await refreshWhenFull(client, prometheus, selector);
        const refreshMs = performance.now() - started;
        assert.equal(r.queries, 6 + QUANTILES.length, 'clock, up, gauges, rates, calls, the fleet buckets, and a quantile query per key: never one per peer');
        assert.deepEqual(r.warnings, []);
        const fleet = prometheusFleet(r.answers, { peerLabel: 'instance', windowMs: WINDOW_MS, quantile: 0.95, intervalMs: 1000 });
        assertReport(fleet, r.answers.evalMs, cluster);
        const engine = await assertEqualsEngine(prometheus, r, fleet, selector);
        assert.ok(engine.compared >= 3 * 4 * 5, `enough quantiles compared (${engine.compared})`);

        // The same samples through cluster-top's direct path, evaluated at the same instant.
        const root = mkdtempSync(join(tmpdir(), 'cluster-top-prom-direct-'));
        folders.push(root);
        const names = fleet.peers.map((p) => p.name);
        const direct = fleetLatency(await directSamples(prometheus, r.answers.evalMs, names, root), WINDOW_MS, 'prom242', { evalMs: r.answers.evalMs });
        let compared = 0;
        let worst = 0;
        for (const q of QUANTILES) {
          const asMap = (rates: readonly MethodRates[]) => new Map(rpcRows(rates, q).map((row) => [row.method, row.latencyMs ?? NaN]));
          const f = compareRows(rpcRows(fleet.latency.fleet, q), asMap(direct.fleet), `direct fleet q=${q}`, false);
          compared += f.compared;
          worst = Math.max(worst, f.worst);
          names.forEach((name, i) => {
            const p = compareRows(rpcRows(fleet.latency.perPeer[i], q), asMap(direct.perPeer[i]), `direct ${name} q=${q}`, false);
            compared += p.compared;
            worst = Math.max(worst, p.worst);
          });
        }
        assert.ok(compared >= 3 * 4 * 5, `enough direct quantiles compared (${compared})`);
        t.diagnostic(`prometheus selector=${selector ?? '(default)'}: instant ${r.answers.evalMs - prometheus.readyMs} ms after ready; vs engine ${engine.compared} quantiles, worst relative ${engine.worst}; vs direct ${compared}, worst ${worst}; waited+refresh ${Math.round(refreshMs)} ms`);
      }
      const cli = await assertCli(prometheus);
      t.diagnostic(`prometheus --once --json: ${cli.compared} quantiles, worst relative ${cli.worst}, ${Math.round(cli.ms)} ms`);

      // Behind a Mimir-like front: its path prefix, its tenant header, its warnings (shown escaped).
      const front = await tenantFront(t, prometheus.base);
      const server = front.slice('http://'.length);
      await assertCli(prometheus, front, ['--prometheus-header', 'X-Scope-OrgID: tenant-1'], [`${server} warns: ${TENANT_WARNING.replace('\x1b', '\\x1b')}`]);
      const refused = await runCli(['--prometheus', front, '--once', '--json', '--no-config', '--no-traces']);
      assert.equal(refused.code, 1);
      assert.equal(refused.stderr, `cluster-top: cannot read the fleet from ${server}: HTTP 401 Unauthorized from ${server}: no org id\n`);
    } finally {
      client.close();
    }
  });

  it('VictoriaMetrics: our quantiles equal its histogram_quantile at an instant behind its latency offset', async (t: TestContext) => {
    const client = new PrometheusClient({ url: victoria.base, timeoutMs: 5000, maxBodyBytes: 64 * 1024 * 1024 });
    try {
      for (const selector of [SELECTOR, null]) {
        const asked = Date.now();
        const r = await refreshWhenFull(client, victoria, selector);
        const fleet = prometheusFleet(r.answers, { peerLabel: 'instance', windowMs: WINDOW_MS, quantile: 0.95, intervalMs: 1000 });
        assert.ok(r.answers.evalMs <= Date.now() - VM_LATENCY_OFFSET_MS, 'the instant is behind the engine\'s latency offset');
        assertReport(fleet, r.answers.evalMs, cluster);
        const engine = await assertEqualsEngine(victoria, r, fleet, selector);
        assert.ok(engine.compared >= 3 * 4 * 5, `enough quantiles compared (${engine.compared})`);
        t.diagnostic(`victoria-metrics selector=${selector ?? '(default)'}: instant ${r.answers.evalMs - victoria.readyMs} ms after ready, ${Date.now() - r.answers.evalMs} ms before now; vs engine ${engine.compared} quantiles, worst relative ${engine.worst}; waited ${Date.now() - asked} ms`);
      }
      const cli = await assertCli(victoria);
      t.diagnostic(`victoria-metrics --once --json: ${cli.compared} quantiles, worst relative ${cli.worst}, ${Math.round(cli.ms)} ms`);
    } finally {
      client.close();
    }
  });

  it('the live monitor on both engines: its first latency and history equal each engine\'s histogram_quantile at the instant and the steps', async (t: TestContext) => {
    for (const engine of engines) {
      const client = new PrometheusClient({ url: engine.base, timeoutMs: 5000, maxBodyBytes: 64 * 1024 * 1024 });
      const monitor = new PrometheusFleetMonitor({ client, selector: SELECTOR, peerLabel: 'instance', intervalMs: 1000, windowMs: WINDOW_MS, quantile: 0.95 });
      try {
        await refreshWhenFull(client, engine, SELECTOR);
        monitor.start();
        await monitor.firstAnswers(20_000);
        await monitor.historyFilled(20_000);
        const peers = monitor.getState().peers;
        assert.equal(peers.length, 3);
        let compared = 0;
        for (const peer of peers) {
          const history = peer.status.trend.slice(0, -1).filter((p) => p.latency !== null);
          assert.ok(history.length >= 5, `${engine.name} ${peer.name}: ${history.length} history points`);
          const point = history[history.length >> 1];
          const rows = await engineQuery(engine.base, `histogram_quantile(0.95, sum by (le, gorpc_server_method, instance) (rate(${FAMILY}_bucket${SELECTOR}[${WINDOW_MS / 1000}s])))`, point.tMs);
          const mine = new Map([...point.latency!.methods.keys()].map((m) => [m, pointQuantile(point, m, 0.95)]));
          for (const row of rows.filter((r) => r.labels.instance === peer.name)) {
            const ours = mine.get(row.labels.gorpc_server_method) ?? null;
            if (Number.isNaN(row.value)) assert.equal(ours, null, `${engine.name} ${peer.name} ${row.labels.gorpc_server_method}`);
            else assert.ok(ours !== null && Math.abs(ours - row.value) <= 1e-9 * Math.abs(row.value), `${engine.name} ${peer.name} ${row.labels.gorpc_server_method}: ${ours} vs ${row.value}`);
            compared++;
          }
        }
        assert.ok(compared >= 3 * 4, `enough history quantiles compared (${compared})`);
        // The rows' latency of that first publish (on Prometheus, the range's last step) equals the engine's instant answer.
        const to = peers[0].status.snapshot!.to!;
        const now = await engineQuery(engine.base, `histogram_quantile(0.95, sum by (le, gorpc_server_method, instance) (rate(${FAMILY}_bucket${SELECTOR}[${WINDOW_MS / 1000}s])))`, to);
        let latest = 0;
        for (const peer of peers) {
          assert.equal(peer.status.snapshot!.to, to);
          const rows = now.filter((row) => row.labels.instance === peer.name);
          latest += compareRows(rpcRows(peer.status.snapshot!.methodRates, 0.95), byMethod(rows), `${engine.name} live ${peer.name}`, engine.name === 'victoria-metrics').compared;
        }
        assert.ok(latest >= 3 * 4, `enough latest quantiles compared (${latest})`);
        t.diagnostic(`${engine.name} live monitor: ${peers[0].status.trend.length} trend points at the first publish, ${compared} history quantiles and ${latest} latest equal`);
      } finally {
        monitor.stop();
        client.close();
      }
    }
  });
});
