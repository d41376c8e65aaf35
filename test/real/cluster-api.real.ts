// The REST API part of the real stack (issue #16): cluster-top against peer 1's IPFS Cluster
// v1.1.6 REST API, with three real peers sharing one Kubo, started by scripts/real-stack/run.sh
// (which passes REAL_STACK_RUN_DIR) after real-stack.real.js. Not part of `npm test`.
//
//   1. `--api <peer 1> --once --json` lists all three peers by name and version, as
//      `ipfs-cluster-ctl --enc=json peers ls` does, and their free space as `health metrics
//      freespace` gives it at the same moment;
//   2. a pin that cannot complete (a CID whose blocks nobody has; start.sh sets pin_timeout 10s)
//      appears in pinErrors with each peer and its status;
//   3. once peer 3 is stopped, no --once run lists it up after the ping TTL and some slack (it is
//      down, its ping metric gone, or not listed at all), peers 1 and 2 stay up; then its ping
//      alert comes and its row is down.
// real-stack.real.js stops peer 3 at its end: it is started again first (its pid recorded for
// stop.sh), and stopped for good here, last.

import assert from 'node:assert/strict';
import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, openSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { startedStack, waitFor, type StackPeer } from './stack.js';
import { runCli } from '../support/run-cli.js';

const stack = startedStack();
const [peer1, peer2, peer3] = stack.peers;
const tcpPort = (multiaddr: string): number => Number(/\/tcp\/(\d+)/.exec(multiaddr)![1]);
const API_URL = `http://127.0.0.1:${tcpPort(peer1.restApi)}`;
/** start.sh's monitor_ping_interval is 2 s; a ping metric lives twice that. */
const PING_TTL_MS = 4000;



function ctl(args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(stack.ctl, ['--host', peer1.restApi, '--enc', 'json', ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`ipfs-cluster-ctl ${args.join(' ')}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

interface CtlPeer { id: string; peername: string; version: string; error: string }
/** `peers ls --enc=json` prints one pretty object after another. */
async function ctlPeers(): Promise<CtlPeer[]> {
  const out = (await ctl(['peers', 'ls'])).trim();
  return out === '' ? [] : out.split(/^}\n{/m).map((piece, i, all) => JSON.parse(`${i === 0 ? '' : '{'}${piece}${i === all.length - 1 ? '' : '}'}`) as CtlPeer);
}

interface CtlMetric { peer: string; value: string }
async function ctlFreespace(): Promise<CtlMetric[]> {
  return JSON.parse(await ctl(['health', 'metrics', 'freespace'])) as CtlMetric[];
}

interface ApiPeerJson { id: string; peername: string; version: string; error: string | null; down: boolean; freespace: number | null; alerts: { name: string }[] }
interface ApiJson {
  self: { id: string; peername: string; version: string } | null;
  peers: ApiPeerJson[];
  pinErrors: { cid: string; name: string; peer: string; status: string; error: string; attempts: number }[];
  error: string | null;
}

/** One `cluster-top --api <peer 1> --metrics <peer 1> --once --json`; exit code 0 asserted. */
async function clusterTopApi(): Promise<ApiJson> {
  const run = await runCli(['--api', API_URL, '--metrics', peer1.metricsUrl, '--once', '--json', '--no-traces', '--no-config', '--interval', '500ms'], { timeoutMs: 60_000 });
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout) as { api?: ApiJson };
  assert.ok(doc.api !== undefined, `no "api" in ${run.stdout.slice(0, 400)}`);
  return doc.api;
}

/** True while `pid` runs ipfs-cluster-service (never a reused PID). */
function isClusterPeer(pid: number): boolean {
  try {
    return readlinkSync(`/proc/${pid}/exe`).endsWith('/ipfs-cluster-service');
  } catch {
    return false;
  }
}

const peer3PidFile = join(stack.runDir, 'pids', 'peer3');

/** Starts peer 3 again as start.sh did (its own folder, bootstrapping to peers 1 and 2), the PID recorded for stop.sh. */
function restartPeer3(): void {
  const swarm = (p: StackPeer) => `/ip4/127.0.0.1/tcp/${tcpPort(p.restApi) + 2}/p2p/${p.id}`;
  const log = openSync(join(stack.runDir, 'logs', 'peer3-restarted.log'), 'a');
  const child = spawn(join(dirname(stack.ctl), 'ipfs-cluster-service'), ['-c', join(stack.runDir, 'peer3'), 'daemon', '--stats', '--tracing', '--bootstrap', `${swarm(peer1)},${swarm(peer2)}`], {
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  writeFileSync(peer3PidFile, String(child.pid));
}

describe(`cluster-top and the REST API of IPFS Cluster ${stack.versions.cluster}`, () => {
  before(async () => {
    const pid = existsSync(peer3PidFile) ? Number(readFileSync(peer3PidFile, 'utf8')) : 0;
    if (!isClusterPeer(pid)) restartPeer3();
    await waitFor('the three peers in peer 1\'s peerset, none in error', 90_000, async () => {
      const peers = await ctlPeers();
      return stack.peers.every((s) => peers.some((p) => p.id === s.id && p.error === '')) ? true : undefined;
    });
    // Right after a start only peer 1's own freespace metric is there; the others follow within seconds.
    await waitFor('the freespace metric of every peer', 60_000, async () => ((await ctlFreespace()).length === 3 ? true : undefined));
  });

  it('lists the three peers by name and version, as ipfs-cluster-ctl does, with the free space it gives', { timeout: 120_000 }, async (t) => {
    // Read both at the same moment; a metric sent in between makes them differ, and then they are read again.
    const seen = await waitFor('cluster-top and ipfs-cluster-ctl agreeing', 60_000, async () => {
      const [api, peers, freespace] = await Promise.all([clusterTopApi(), ctlPeers(), ctlFreespace()]);
      const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
      const ours = api.peers.map((p) => ({ id: p.id, peername: p.peername, version: p.version })).sort(byId);
      const theirs = peers.map((p) => ({ id: p.id, peername: p.peername, version: p.version })).sort(byId);
      const ourSpace = Object.fromEntries(api.peers.map((p) => [p.id, p.freespace]));
      const theirSpace = Object.fromEntries(freespace.map((m) => [m.peer, Number(m.value)]));
      const agree = JSON.stringify(ours) === JSON.stringify(theirs) && JSON.stringify(Object.keys(theirSpace).sort().map((id) => [id, ourSpace[id]])) === JSON.stringify(Object.keys(theirSpace).sort().map((id) => [id, theirSpace[id]]));
      if (!agree) throw new Error(`cluster-top ${JSON.stringify({ ours, ourSpace })} vs ipfs-cluster-ctl ${JSON.stringify({ theirs, theirSpace })}`);
      return { api, theirSpace };
    });
    const { api } = seen;
    assert.equal(api.error, null);
    assert.equal(api.self?.id, peer1.id);
    assert.equal(api.self?.peername, 'peer1');
    assert.deepEqual(api.peers.map((p) => p.peername).sort(), ['peer1', 'peer2', 'peer3']);
    assert.deepEqual(Object.keys(seen.theirSpace).sort(), stack.peers.map((p) => p.id).sort());
    for (const p of api.peers) {
      assert.equal(p.version, stack.versions.cluster.replace(/^v/, ''), p.peername);
      assert.equal(p.down, false, p.peername);
      assert.equal(p.error, null, p.peername);
      assert.ok(p.freespace !== null && p.freespace > 0, `${p.peername} free space`);
    }
    t.diagnostic(JSON.stringify(api.peers.map((p) => [p.peername, p.version, p.freespace])));
  });

  it('shows a pin that cannot complete among the pins in error, with each peer and its status', { timeout: 120_000 }, async (t) => {
    const kuboApi = `/ip4/127.0.0.1/tcp/${new URL(stack.kuboApi).port}`;
    const hashed = spawnSync(join(dirname(stack.ctl), 'ipfs'), ['add', '-Q', '--only-hash', '--cid-version=1', '--api', kuboApi], {
      input: randomBytes(4096),
      encoding: 'utf8',
      env: { ...process.env, IPFS_PATH: join(stack.runDir, 'kubo') },
    });
    assert.equal(hashed.status, 0, hashed.stderr);
    const cid = hashed.stdout.trim();
    assert.match(cid, /^baf/);
    await ctl(['pin', 'add', '--name', 'never-there', '--no-status', cid]);
    const addedAt = Date.now();
    // pin_timeout is 10 s: every peer gives up on it then, and says pin_error.
    const rows = await waitFor(`${cid} in error on the three peers`, 60_000, async () => {
      const api = await clusterTopApi();
      const mine = api.pinErrors.filter((r) => r.cid === cid);
      return mine.length === 3 ? mine : undefined;
    });
    t.diagnostic(`in error on every peer ${Date.now() - addedAt} ms after pin add: ${JSON.stringify(rows)}`);
    assert.deepEqual(rows.map((r) => r.peer).sort(), ['peer1', 'peer2', 'peer3']);
    for (const r of rows) {
      assert.equal(r.name, 'never-there');
      assert.equal(r.status, 'pin_error');
      assert.ok(r.attempts >= 1, `attempts ${r.attempts}`);
      assert.notEqual(r.error, '');
    }
  });

  it('stops listing peer 3 as up within the ping TTL once it is stopped, then has it down by its ping alert', { timeout: 120_000 }, async (t) => {
    const pid = Number(readFileSync(peer3PidFile, 'utf8'));
    assert.ok(isClusterPeer(pid), 'peer 3 runs');
    process.kill(pid, 'SIGTERM');
    const signalledAt = Date.now();
    await waitFor('peer 3 to exit', 30_000, async () => (isClusterPeer(pid) ? undefined : true));
    const exitedAt = Date.now();
    // A --once run knows a peer only from that moment's answers: the cluster lists a stopped peer
    // with an error, then (CRDT) not at all until its metrics expire and alerts name it. So at
    // first peer 3 is down (its ping metric gone) or absent, never up.
    const gone = await waitFor('peer 3 no longer up', 30_000, async () => {
      const api = await clusterTopApi();
      const row = api.peers.find((p) => p.id === peer3.id);
      return row === undefined || row.down ? api : undefined;
    });
    const tookMs = Date.now() - exitedAt;
    t.diagnostic(`peer 3 exited ${exitedAt - signalledAt} ms after SIGTERM; not up in cluster-top --once ${tookMs} ms after (${gone.peers.some((p) => p.id === peer3.id) ? 'down' : 'absent'})`);
    // The TTL, plus one cluster-top run (two scrapes 500 ms apart, the REST API asked) and slack.
    assert.ok(tookMs <= PING_TTL_MS + 10_000, `still up ${tookMs} ms after peer 3 exited`);
    for (const p of [peer1, peer2]) assert.equal(gone.peers.find((x) => x.id === p.id)?.down, false, `${p.name} stays up`);
    const alerted = await waitFor("peer 3's ping alert", 45_000, async () => {
      const api = await clusterTopApi();
      const row = api.peers.find((p) => p.id === peer3.id);
      return row?.alerts.some((a) => a.name === 'ping') ? row : undefined;
    });
    t.diagnostic(`ping alert ${Date.now() - signalledAt} ms after SIGTERM: ${JSON.stringify(alerted)}`);
    assert.equal(alerted.down, true);
  });
});
