// `cluster-top --once` end to end: the built binary against a loopback server that serves the
// two fixture scrapes of a v1.1.x peer, 10 s apart in the recording.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { serveSequence, type SequenceServer } from '../support/fixture-server.js';
import { runCli } from '../support/run-cli.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url), 'utf8');
const IDLE = ['Cluster.IDStream', 'Cluster.Unpin', 'Cluster.Version', 'IPFSConnector.SwarmPeers', 'IPFSConnector.Unpin', 'PinTracker.Untrack'];

describe('cluster-top --once against the fixture peer', () => {
  // Each test gets its own server, which answers t0 first and then t0+10s.
  let server: SequenceServer;
  beforeEach(async () => {
    server = await serveSequence([fixture('peer-t0.prom'), fixture('peer-t10s.prom')]);
  });
  afterEach(() => server.close());

  it('prints the JSON snapshot with p95 per method', async () => {
    const result = await runCli(['--once', '--json', '--metrics', server.url, '--interval', '300ms']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.target, server.url);
    assert.equal(doc.quantile, 0.95);
    assert.ok(doc.to > doc.from, 'two scrapes in the window');
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.cluster, { pins: 48224, pinQueued: 10, pinning: 9, pinErrors: 3, ipfsPins: 16077, informerDisk: 1.209433473024e12 });
    const byMethod = new Map<string, { latencyMs: number | null; callsPerSecond: number | null }>(doc.rpc.map((r: { method: string }) => [r.method, r]));
    assert.equal(byMethod.size, 18);
    assert.ok(Math.abs(byMethod.get('IPFSConnector.Pin')!.latencyMs! - 17500) < 500, `IPFSConnector.Pin ${byMethod.get('IPFSConnector.Pin')!.latencyMs}`);
    assert.ok(Math.abs(byMethod.get('Cluster.Pin')!.latencyMs! - 24) < 1.5, `Cluster.Pin ${byMethod.get('Cluster.Pin')!.latencyMs}`);
    for (const method of IDLE) assert.equal(byMethod.get(method)!.latencyMs, null, method);
    const ranked = doc.rpc.map((r: { latencyMs: number | null }) => r.latencyMs).filter((v: number | null) => v !== null);
    assert.deepEqual(ranked, [...ranked].sort((a: number, b: number) => b - a), 'rows sorted by latency');
  });

  it('prints a text snapshot no wider than 80 columns', async () => {
    const result = await runCli(['--once', '--metrics', server.url, '--interval', '200ms']);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
    assert.match(result.stdout, /IPFSConnector\.Pin\s+17\.\d s\s/);
    assert.match(result.stdout, /pins 48224 /);
    assert.match(result.stdout, /RPC method\s+p95\s+calls\/s/);
  });

  it('asks for text format like Prometheus does; for identity from a loopback peer that answers fast', async () => {
    await runCli(['--once', '--json', '--metrics', server.url, '--interval', '200ms']);
    const headers = server.requests[server.requests.length - 1];
    assert.match(String(headers.accept), /^application\/openmetrics-text;version=1\.0\.0,.*text\/plain;version=0\.0\.4;q=0\.5/);
    assert.equal(headers['accept-encoding'], 'identity');
  });
});

describe('cluster-top --once failures', () => {
  it('exits 1 with one line on stderr when the peer refuses', async () => {
    const server = await serveSequence(['x 1\n']);
    const url = server.url;
    await server.close();
    const result = await runCli(['--once', '--json', '--metrics', url, '--interval', '200ms']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trimEnd().split('\n').length, 1);
    assert.match(result.stderr, /refused/);
  });

  it('reports a parse error with line and column', async () => {
    const server = await serveSequence(['# TYPE x counter\nx{a="1"} 1\nx{a=1} 2\n']);
    try {
      const result = await runCli(['--once', '--json', '--metrics', server.url, '--interval', '200ms']);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /parse error at 3:\d+/);
    } finally {
      await server.close();
    }
  });

  it('explains a usage error and exits 2', async () => {
    const result = await runCli(['--once', '--interval', 'soon']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--interval takes a duration like 2s/);
  });

  it('refuses the live view without a terminal and points to --once', async () => {
    const result = await runCli(['--metrics', 'http://127.0.0.1:9/metrics']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /not a terminal; use --once/);
  });
});
