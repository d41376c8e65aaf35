// What the peer's own service.json changes for a run: the URL comes from it, a peer with
// enable_stats false gets a hint instead of a bare connection error, enable_tracing false is
// named in the --once notes, and a broken file is one line on stderr, never a stop.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { TRACING_HINT } from '../../src/model/cluster-catalogue.js';
import { serveSequence } from '../support/fixture-server.js';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli } from '../support/run-cli.js';

/** A payload of a peer without tracing: cluster gauges but no gorpc histograms. */
const NO_TRACING = '# TYPE ipfscluster_pins gauge\nipfscluster_pins 12\n# TYPE go_goroutines gauge\ngo_goroutines 40\n';

function writeServiceJson(home: string, observations: object | string): string {
  const dir = join(home, '.ipfs-cluster');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'service.json');
  writeFileSync(path, typeof observations === 'string' ? observations : JSON.stringify({ cluster: { peername: 'p' }, observations }));
  return path;
}

function portOf(url: string): string {
  return new URL(url).port;
}

describe('the peer\'s service.json in a run', () => {
  it('finds the endpoint in ~/.ipfs-cluster/service.json and names tracing off in the notes', async (t) => {
    const home = tempFolder(t);
    const server = await serveSequence([NO_TRACING]);
    t.after(() => server.close());
    const path = writeServiceJson(home, {
      metrics: { enable_stats: true, prometheus_endpoint: `/ip4/0.0.0.0/tcp/${portOf(server.url)}` },
      tracing: { enable_tracing: false, service_name: 'cluster-daemon' },
    });
    const result = await runCli(['--once', '--json', '--interval', '200ms', '--no-traces'], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.target, server.url);
    assert.equal(doc.cluster.pins, 12);
    const note = doc.notes.find((n: string) => n.startsWith('tracing is off'));
    assert.equal(note, `tracing is off on this peer (${path} observations.tracing.enable_tracing is false): RPC latency and traces need it. ${TRACING_HINT}`);
    assert.ok(!doc.notes.includes(TRACING_HINT), 'the generic hint is replaced, not repeated');
  });

  it('with enable_stats false, a refused connection becomes a hint to turn metrics on', async (t) => {
    const home = tempFolder(t);
    const server = await serveSequence(['x 1\n']);
    const port = portOf(server.url);
    await server.close();
    const path = writeServiceJson(home, { metrics: { enable_stats: false, prometheus_endpoint: `/ip4/127.0.0.1/tcp/${port}` } });
    const result = await runCli(['--once', '--interval', '200ms', '--no-traces'], { env: isolatedEnv(home) });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.ok(result.stderr.includes(`metrics are off on this peer (${path} observations.metrics.enable_stats is false)`), result.stderr);
    assert.match(result.stderr, /ipfs-cluster-service daemon --stats/);
    assert.match(result.stderr, /"observations\.metrics\.enable_stats": true/);
    assert.match(result.stderr, /CLUSTER_METRICS_ENABLESTATS=true/);
    const fromEnv = await runCli(['--once', '--interval', '200ms', '--no-traces'], { env: isolatedEnv(home, { CLUSTER_METRICS_ENABLESTATS: '0' }) });
    assert.match(fromEnv.stderr, /metrics are off on this peer \(CLUSTER_METRICS_ENABLESTATS \(peer environment\) is false\)/);
  });

  it('a malformed service.json is one line on stderr, and the run goes on with the defaults', async (t) => {
    const home = tempFolder(t);
    const path = writeServiceJson(home, '{ "observations": ');
    const server = await serveSequence([NO_TRACING]);
    t.after(() => server.close());
    const result = await runCli(['--once', '--json', '--interval', '200ms', '--no-traces'], { env: isolatedEnv(home, { CLUSTER_TOP_METRICS: server.url }) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, `cluster-top: ${path}: invalid JSON: Unexpected end of JSON input; using defaults\n`);
    assert.equal(JSON.parse(result.stdout).cluster.pins, 12);
  });

  it('a missing default service.json is silent when the URL is given, and one line when it was needed', async (t) => {
    const home = tempFolder(t);
    const server = await serveSequence([NO_TRACING]);
    t.after(() => server.close());
    const given = await runCli(['--once', '--metrics', server.url, '--interval', '200ms', '--no-traces'], { env: isolatedEnv(home) });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(given.stderr, '');
    const needed = await runCli(['--once', '--interval', '200ms', '--no-traces', '--timeout', '2s'], { env: isolatedEnv(home) });
    assert.equal(needed.stderr.split('\n')[0], `cluster-top: ${join(home, '.ipfs-cluster', 'service.json')}: not found; using defaults`);
  });
});
