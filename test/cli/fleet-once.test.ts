// `cluster-top --once` on a fleet, end to end: the built binary (a child process) against three
// demo peers served on loopback by this process, given as repeated `--metrics` or a `--targets`
// file; one peer stopped, then all of them.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { startDemoPeer, type DemoPeer } from '../../src/sources/demo/server.js';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli, type CliResult } from '../support/run-cli.js';

/** Three demo peers, stopped when the test ends (closing twice is safe). */
async function threePeers(t: TestContext): Promise<DemoPeer[]> {
  const peers = await Promise.all([1, 2, 3].map((k) => startDemoPeer({ seed: 40 + k, jaeger: false })));
  t.after(() => Promise.all(peers.map((p) => p.close())));
  return peers;
}

/** Runs the CLI with a home of its own (no user settings) and `args`. */
function cli(t: TestContext, args: readonly string[]): Promise<CliResult> {
  return runCli(args, { env: isolatedEnv(tempFolder(t)) });
}

const ONCE = ['--once', '--no-traces', '--interval', '300ms'];
const metricsArgs = (peers: readonly DemoPeer[]): string[] => peers.flatMap((p) => ['--metrics', p.url]);
const hostPort = (p: DemoPeer): string => `127.0.0.1:${p.port}`;

interface JsonPeer {
  peer: string;
  target: string;
  up: boolean;
  error: string | null;
  cluster: { pins: number } | null;
  rpc: { method: string; latencyMs: number | null }[];
}

describe('cluster-top --once on a fleet', () => {
  it('reports every peer by host:port and the fleet, evaluated at one instant', async (t) => {
    const peers = await threePeers(t);
    const result = await cli(t, [...ONCE, '--json', ...metricsArgs(peers)]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.deepEqual(doc.peers.map((p: JsonPeer) => p.peer), peers.map(hostPort));
    assert.deepEqual(doc.peers.map((p: JsonPeer) => p.target), peers.map((p) => p.url));
    for (const p of doc.peers as JsonPeer[]) {
      assert.equal(p.up, true, p.peer);
      assert.equal(p.error, null, p.peer);
      assert.ok(p.cluster !== null && p.cluster.pins > 0, `${p.peer} pins`);
      assert.ok(p.rpc.length > 0, `${p.peer} has RPC rows`);
    }
    assert.equal(doc.fleet.peersTotal, 3);
    assert.equal(doc.fleet.peersUp, 3);
    assert.ok(doc.fleet.rpc.length > 0, 'the fleet has RPC methods');
    const methods = new Set(doc.fleet.rpc.map((r: { method: string }) => r.method));
    for (const p of doc.peers as JsonPeer[]) for (const r of p.rpc) assert.ok(methods.has(r.method), `${r.method} of ${p.peer} in the fleet`);
    assert.equal(typeof doc.from, 'number');
    assert.equal(typeof doc.to, 'number');
    assert.ok(doc.to >= doc.from, `to ${doc.to} ≥ from ${doc.from}`);
    assert.ok(doc.to - doc.from >= 300, 'two scrapes --interval apart');
    assert.deepEqual(doc.errors, []);
  });

  it('shows a stopped peer as down with why, and still exits 0', async (t) => {
    const peers = await threePeers(t);
    await peers[1].close();
    const result = await cli(t, [...ONCE, '--json', ...metricsArgs(peers)]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    const [a, b, c] = doc.peers as JsonPeer[];
    assert.equal(a.up, true);
    assert.equal(c.up, true);
    assert.equal(b.peer, hostPort(peers[1]));
    assert.equal(b.up, false);
    assert.match(b.error ?? '', /refused/);
    assert.equal(b.cluster, null);
    assert.deepEqual({ up: doc.fleet.peersUp, total: doc.fleet.peersTotal }, { up: 2, total: 3 });
  });

  it('exits 1 with one line on stderr when no peer can be read', async (t) => {
    const peers = await threePeers(t);
    await Promise.all(peers.map((p) => p.close()));
    const result = await cli(t, [...ONCE, '--json', ...metricsArgs(peers)]);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, result.stderr);
    assert.match(lines[0], /cannot read any of the 3 peers/);
    for (const p of peers) assert.ok(lines[0].includes(hostPort(p)), `${hostPort(p)} named`);
  });

  it('takes the names of a --targets file, skipping comments and blank lines', async (t) => {
    const peers = await threePeers(t);
    const file = join(tempFolder(t), 'targets.txt');
    writeFileSync(file, `# the test fleet\nalpha=${peers[0].url}\n\nbeta = ${peers[1].url}   # named too\n${peers[2].url}\n`);
    const result = await cli(t, [...ONCE, '--json', '--targets', file]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.deepEqual(doc.peers.map((p: JsonPeer) => p.peer), ['alpha', 'beta', hostPort(peers[2])]);
    assert.deepEqual(doc.peers.map((p: JsonPeer) => p.up), [true, true, true]);
    // The URLs come from the file, so a missing service.json is no news worth a line.
    assert.equal(result.stderr, '');
  });

  it('watches the one peer of a one-line --targets file, not the default URL', async (t) => {
    const peers = await threePeers(t);
    const file = join(tempFolder(t), 'targets.txt');
    writeFileSync(file, `solo=${peers[0].url}\n`);
    const result = await cli(t, [...ONCE, '--json', '--targets', file]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.deepEqual(doc.peers.map((p: JsonPeer) => [p.peer, p.target, p.up]), [['solo', peers[0].url, true]]);
  });

  it('adds --metrics to a --targets file', async (t) => {
    const peers = await threePeers(t);
    const file = join(tempFolder(t), 'targets.txt');
    writeFileSync(file, `gamma=${peers[2].url}\n`);
    const result = await cli(t, [...ONCE, '--json', '--metrics', peers[0].url, '--targets', file]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).peers.map((p: JsonPeer) => p.peer), [hostPort(peers[0]), 'gamma']);
  });

  it('prints text within 80 columns that lists each peer', async (t) => {
    const peers = await threePeers(t);
    await peers[2].close();
    const result = await cli(t, [...ONCE, ...metricsArgs(peers)]);
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    for (const line of lines) assert.ok([...line].length <= 80, `too wide (${[...line].length}): ${line}`);
    assert.match(lines[0], /fleet of 3 peers, 2 read/);
    for (const p of peers.slice(0, 2)) assert.ok(lines.some((l) => new RegExp(`^${hostPort(p)} +up +\\d+`).test(l)), `${hostPort(p)} row`);
    assert.ok(lines.some((l) => new RegExp(`^${hostPort(peers[2])} +down `).test(l)), 'the stopped peer is down');
    assert.ok(lines.some((l) => /refused/.test(l)), 'why it is down');
    assert.ok(lines.some((l) => /^fleet RPC method +p95 +calls\/s$/.test(l)), 'the fleet RPC caption');
  });

  it('names file:line of a bad targets line, on one line, as a usage error', async (t) => {
    const file = join(tempFolder(t), 'bad-targets.txt');
    writeFileSync(file, '# fleet\nhttp://127.0.0.1:9/metrics\nftp://example/metrics\n');
    const result = await cli(t, [...ONCE, '--json', '--targets', file]);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.deepEqual(lines.slice(1), ["Try 'cluster-top --help'."], result.stderr);
    assert.ok(lines[0].startsWith(`cluster-top: ${file}:3: `), lines[0]);
    assert.match(lines[0], /ftp:\/\/example\/metrics/);
  });

  it('a missing or folder --targets says so in words, as a usage error', async (t) => {
    const folder = tempFolder(t);
    const missing = await cli(t, [...ONCE, '--targets', join(folder, 'nope.txt')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /^cluster-top: cannot read --targets .*nope\.txt: no such file\n/);
    const dir = await cli(t, [...ONCE, '--targets', folder]);
    assert.equal(dir.code, 2);
    assert.match(dir.stderr, /: it is a folder, not a file\n/);
  });
});
