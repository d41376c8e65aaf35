// The oracle test: cluster-top's latency quantiles must equal what a real Prometheus (Debian's
// 2.42) computes for histogram_quantile(q, sum by (le, gorpc_server_method) (rate(…[W]))) over
// the same recorded scrapes of the demo peer, within 1e-9 relative.

import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { advanceTo, createDemoPeerState } from '../../src/sources/demo/peer-state.js';
import { renderMetrics } from '../../src/sources/demo/render.js';
import { evaluateWithPrometheus } from '../support/prometheus-oracle.js';
import { assertSameQuantiles } from '../support/quantile-compare.js';
import { runCli } from '../support/run-cli.js';

const FAMILY = 'ipfscluster_gorpc_libp2p_io_server_server_latency_bucket';
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

/** Writes `count` demo scrapes to a fresh folder; `offset(i)` is scrape i's time after T0. */
function recordDemo(count: number, offset: (i: number) => number, uptimeSeconds?: number): { dir: string; lastMs: number } {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-top-oracle-rec-'));
  const state = createDemoPeerState({ seed: 4242, startMs: T0, uptimeSeconds });
  let lastMs = T0;
  for (let i = 0; i < count; i++) {
    lastMs = T0 + offset(i);
    advanceTo(state, lastMs);
    writeFileSync(join(dir, `${lastMs}.prom`), renderMetrics(state));
  }
  return { dir, lastMs };
}

function promql(q: number, window: string): string {
  return `histogram_quantile(${q}, sum by (le, gorpc_server_method) (rate(${FAMILY}[${window}])))`;
}

async function clusterTopQuantiles(dir: string, q: number, window: string, extra: string[] = []): Promise<Map<string, number | null>> {
  const result = await runCli(['--once', '--json', '--replay', dir, '--window', window, '--quantile', String(q), ...extra]);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout) as { rpc: { method: string; latencyMs: number | null }[] };
  return new Map(doc.rpc.map((r) => [r.method, r.latencyMs]));
}

describe('latency quantiles equal a real Prometheus', () => {
  const folders: string[] = [];
  after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('on a long-running peer with irregular 2 s scrapes (default Prometheus 3 semantics)', async () => {
    // Irregular offsets keep every scrape off the window's edge, where 2.42 and 3.x differ.
    const { dir, lastMs } = recordDemo(75, (i) => i * 2000 + ((i * 397) % 600) + 1);
    folders.push(dir);
    const quantiles = [0.5, 0.95, 0.99];
    const oracle = await evaluateWithPrometheus(dir, lastMs, quantiles.map((q) => promql(q, '1m')));
    let compared = 0;
    for (const [i, q] of quantiles.entries()) {
      compared += assertSameQuantiles(await clusterTopQuantiles(dir, q, '1m'), oracle[i], `q=${q}`);
    }
    assert.ok(compared >= 3 * 8, `enough methods with calls were compared (${compared})`);
  });

  it('on a freshly started peer whose series appear mid-window, scraped exactly on the edge (2.42 semantics)', async () => {
    const { dir, lastMs } = recordDemo(40, (i) => i * 1000, 0);
    folders.push(dir);
    const [rows] = await evaluateWithPrometheus(dir, lastMs, [promql(0.95, '30s')]);
    const compared = assertSameQuantiles(await clusterTopQuantiles(dir, 0.95, '30s', ['--promql-compat', '2.42']), rows, 'fresh peer');
    assert.ok(compared >= 3, `enough methods with calls were compared (${compared})`);
  });

  it('on scrapes recorded over HTTP by `cluster-top record`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cluster-top-oracle-live-'));
    folders.push(dir);
    const recorded = await runCli(['record', '--demo', '--demo-peers', '1', '--out', dir, '--interval', '250ms', '--duration', '4s']);
    assert.equal(recorded.code, 0, recorded.stderr);
    const files = readdirSync(dir).filter((f) => f.endsWith('.prom')).sort();
    assert.match(recorded.stderr, new RegExp(`saved ${files.length} scrapes`));
    assert.ok(files.length >= 5, `recorded ${files.length} scrapes`);
    const lastMs = Number(files[files.length - 1].slice(0, -5));
    const [rows] = await evaluateWithPrometheus(dir, lastMs, [promql(0.95, '3s')]);
    assertSameQuantiles(await clusterTopQuantiles(dir, 0.95, '3s', ['--promql-compat', '2.42']), rows, 'recorded');
  });
});
