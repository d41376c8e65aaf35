// `--once` with the cluster's REST API, end to end: the built binary (a child process) against the
// demo cluster served by this process on loopback, its clock held still (so its answers do not
// change under the test). The API is read beside the metrics; JSON gains "api", text gains the
// peers and the pins in error; an API that refuses or wants credentials is one line, and the exit
// code stays the metrics'.

import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { startDemoCluster, type DemoCluster } from '../../src/sources/demo/demo-cluster.js';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli, type CliResult } from '../support/run-cli.js';

const START = Date.UTC(2026, 11, 6, 12, 0, 0);
const PASSWORD = 'pa55-w0rd-not-for-output';
const ONCE = ['--once', '--no-traces', '--interval', '300ms'];

async function cluster(t: TestContext, apiCredentials?: Record<string, string>): Promise<DemoCluster> {
  const started = await startDemoCluster({ peers: 5, now: () => START, ...(apiCredentials === undefined ? {} : { apiCredentials }) });
  t.after(() => started.close());
  return started;
}

function cli(t: TestContext, args: readonly string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { env: isolatedEnv(tempFolder(t), extraEnv) });
}

interface ApiJson {
  self: { peername: string; version: string; shortId: string } | null;
  peers: { id: string; peername: string; version: string; down: boolean; freespace: number | null; pinqueue: number | null }[];
  pinErrors: { cid: string; peer: string; status: string; attempts: number }[];
  error: string | null;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('cluster-top --once with the REST API', () => {
  it('adds "api" to the JSON: the peer read, every peer with its version and health, the pins in error', async (t) => {
    const c = await cluster(t);
    const result = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url, '--api', c.apiUrl]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const doc = JSON.parse(result.stdout) as { errors: string[]; api: ApiJson };
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.api.error, null);
    assert.equal(doc.api.self?.peername, 'demo-1');
    assert.equal(doc.api.self?.version, '1.1.6');
    assert.deepEqual(doc.api.peers.map((p) => p.peername), ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5']);
    for (const p of doc.api.peers) {
      assert.equal(p.version, '1.1.6', p.peername);
      assert.equal(p.down, false, p.peername);
      assert.ok(p.freespace !== null && p.freespace > 0, `${p.peername} free space`);
    }
    assert.ok(doc.api.pinErrors.length > 0, 'demo-2 has pins in error');
    for (const e of doc.api.pinErrors) {
      assert.equal(e.peer, 'demo-2');
      assert.equal(e.status, 'pin_error');
      assert.match(e.cid, /^bafy/);
    }
  });

  it('prints the peers and the pins in error as tables within 80 columns, in ASCII under --ascii', async (t) => {
    const c = await cluster(t);
    for (const ascii of [false, true]) {
      const result = await cli(t, [...ONCE, '--metrics', c.peers[0].url, '--api', c.apiUrl, ...(ascii ? ['--ascii'] : [])], { LANG: 'C.UTF-8' });
      assert.equal(result.code, 0, result.stderr);
      const lines = result.stdout.split('\n');
      for (const line of lines) assert.ok([...line].length <= 80, `too long: ${line}`);
      if (ascii) assert.match(result.stdout, /^[\x00-\x7f]*$/);
      assert.ok(lines.some((l) => /^REST API of demo-1 \(12D3KooW(…|~)\w{4}\) v1\.1\.6: 5 peers, 0 down$/.test(l)), result.stdout);
      const header = lines.findIndex((l) => l.startsWith('peer ') && l.includes('version') && l.endsWith('alerts'));
      assert.ok(header > 0, result.stdout);
      assert.deepEqual(lines.slice(header + 1, header + 6).map((l) => l.split(' ')[0]), ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5']);
      assert.match(lines[header + 2], /^demo-2 +12D3KooW(…|~)\w{4} +1\.1\.6 +up +\d/);
      assert.ok(lines.some((l) => /^pins in error: \d+$/.test(l)), result.stdout);
      assert.ok(lines.some((l) => /^bafy\S* +\S.* demo-2 +pin_error +\d+  (\d+[smhd] ago|-)$/.test(l)), result.stdout);
    }
  });

  it('says in one line that the API refused the connection, and still prints the metrics with exit code 0', async (t) => {
    const c = await cluster(t);
    const port = await closedPort();
    const text = await cli(t, [...ONCE, '--metrics', c.peers[0].url, '--api', `http://127.0.0.1:${port}`]);
    assert.equal(text.code, 0, text.stderr);
    assert.equal(text.stderr, `cluster-top: REST API at 127.0.0.1:${port} refused the connection: is the peer running with its REST API there? (--api URL sets the address, --no-api turns it off)\n`);
    assert.match(text.stdout, /^pins \d+/m);
    const json = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url, '--api', `http://127.0.0.1:${port}`]);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as { errors: string[]; api: ApiJson };
    assert.equal(doc.errors.length, 1);
    assert.match(doc.errors[0], /refused the connection/);
    assert.equal(doc.api.error, doc.errors[0]);
    assert.deepEqual(doc.api.peers, []);
  });

  it('names the credentials to give on a 401, and reads the API with --api-basic-auth-file or service.json\'s', async (t) => {
    const c = await cluster(t, { admin: PASSWORD });
    const without = await cli(t, [...ONCE, '--metrics', c.peers[0].url, '--api', c.apiUrl]);
    assert.equal(without.code, 0, without.stderr);
    const port = new URL(c.apiUrl).port;
    assert.equal(without.stderr, `cluster-top: REST API at 127.0.0.1:${port} needs credentials (HTTP 401): give them with --api-basic-auth-file FILE (user:password), --api-token-file FILE, CLUSTER_TOP_API_BASIC_AUTH(_FILE) or CLUSTER_TOP_API_TOKEN(_FILE)\n`);
    const home = tempFolder(t);
    const file = join(home, 'api-auth');
    writeFileSync(file, `admin:${PASSWORD}\n`);
    chmodSync(file, 0o600);
    const withFile = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url, '--api', c.apiUrl, '--api-basic-auth-file', file]);
    assert.equal(withFile.code, 0, withFile.stderr);
    const doc = JSON.parse(withFile.stdout) as { errors: string[]; api: ApiJson };
    assert.deepEqual(doc.errors, []);
    assert.equal(doc.api.peers.length, 5);
    const wrong = join(home, 'wrong-auth');
    writeFileSync(wrong, 'admin:nope\n');
    chmodSync(wrong, 0o600);
    const refused = await cli(t, [...ONCE, '--metrics', c.peers[0].url, '--api', c.apiUrl, '--api-basic-auth-file', wrong]);
    assert.equal(refused.code, 0, refused.stderr);
    assert.match(refused.stderr, /^cluster-top: REST API at 127\.0\.0\.1:\d+ refused basic auth from --api-basic-auth-file \S+wrong-auth \(HTTP 401\): check it/);
    // On a peer host: service.json names the API and its credentials; nothing is given on the command line.
    const dir = join(home, 'cluster');
    mkdirSync(dir);
    writeFileSync(join(dir, 'service.json'), JSON.stringify({ api: { restapi: { http_listen_multiaddress: `/ip4/127.0.0.1/tcp/${port}`, basic_auth_credentials: { admin: PASSWORD } } } }));
    const peerHost = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url], { IPFS_CLUSTER_PATH: dir });
    assert.equal(peerHost.code, 0, peerHost.stderr);
    assert.equal((JSON.parse(peerHost.stdout) as { api: ApiJson }).api.peers.length, 5);
    for (const r of [without, withFile, refused, peerHost]) assert.ok(!(r.stdout + r.stderr).includes(PASSWORD));
  });

  it('adds "api" to a fleet\'s JSON, and reads the demo cluster\'s own API with --demo', async (t) => {
    const c = await cluster(t);
    const result = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url, '--metrics', c.peers[1].url, '--api', c.apiUrl]);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { peers: unknown[]; fleet: object; errors: string[]; api: ApiJson };
    assert.deepEqual(Object.keys(doc), ['from', 'to', 'quantile', 'windowMs', 'peers', 'fleet', 'errors', 'api']);
    assert.equal(doc.peers.length, 2);
    assert.equal(doc.api.peers.length, 5);
    const demo = await cli(t, [...ONCE, '--json', '--demo', '--demo-peers', '3']);
    assert.equal(demo.code, 0, demo.stderr);
    const demoDoc = JSON.parse(demo.stdout) as { api: ApiJson };
    assert.deepEqual(demoDoc.api.peers.map((p) => p.peername), ['demo-1', 'demo-2', 'demo-3']);
    // Remote peers without a service.json: no API, and no line about it.
    const remote = await cli(t, [...ONCE, '--json', '--metrics', c.peers[0].url]);
    assert.equal(remote.stderr, '');
    assert.equal('api' in (JSON.parse(remote.stdout) as object), false);
  });
});
