// The demo cluster over HTTP on loopback, on an injected clock: one pinset seen alike by every
// peer, a Jaeger service per peer, demo-2's pin errors against the healthy peers' none, demo-4's
// outage on its schedule, and close() stopping every peer.

import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { startDemoCluster, troubleOf, type DemoCluster } from '../../../src/sources/demo/demo-cluster.js';
import { readLines } from './exposition-lines.js';

/** A clock the test moves by hand. */
function manualClock(startMs: number): { now: () => number; set: (ms: number) => void } {
  let at = startMs;
  return { now: () => at, set: (ms) => void (at = ms) };
}

/** GET `url` on a connection of its own (no pooled keep-alive socket): status and body. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A single-sample metric of a peer's /metrics, read over HTTP. */
async function metric(url: string, name: string): Promise<number> {
  const response = await get(url);
  assert.equal(response.status, 200, url);
  const sample = readLines(response.body).samples.find((s) => s.name === name && Object.keys(s.labels).length === 0);
  assert.ok(sample !== undefined, `${name} at ${url}`);
  return sample.value;
}

/** How a GET of `url` goes: answered, refused (nothing listening) or reset (the connection dropped); anything else throws. */
async function reach(url: string): Promise<'answered' | 'refused' | 'reset'> {
  try {
    await get(url);
    return 'answered';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED') return 'refused';
    if (code === 'ECONNRESET') return 'reset';
    throw error;
  }
}

/** Polls `check` until it holds; throws after `timeoutMs`. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const START = Date.UTC(2026, 11, 6, 12, 0, 0);

describe('the demo cluster', () => {
  it('names its peers, shares one pinset and serves a Jaeger service per peer, every one at each peer\'s origin', async (t) => {
    const clock = manualClock(START);
    const cluster: DemoCluster = await startDemoCluster({ peers: 5, now: clock.now });
    t.after(() => cluster.close());
    assert.deepEqual(cluster.peers.map((p) => p.name), ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5']);
    assert.deepEqual(cluster.peers.map((p) => p.trouble), [null, 'pin errors', 'growing queue', 'down now and then', 'slow IPFS']);
    assert.deepEqual(cluster.peers.map((p) => p.trouble), [1, 2, 3, 4, 5].map(troubleOf));
    const ports = cluster.peers.map((p) => new URL(p.url).port);
    assert.equal(new Set(ports).size, 5, 'a port each');
    for (const p of cluster.peers) assert.match(p.url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/);

    // One Jaeger for the cluster, as real peers report to: each origin lists every service, its own first.
    const all = cluster.peers.map((p) => `cluster-daemon-${p.name}`);
    for (const [i, p] of cluster.peers.entries()) {
      assert.equal(p.jaegerUrl, `http://127.0.0.1:${ports[i]}`);
      const services = JSON.parse((await get(`${p.jaegerUrl}/api/services`)).body) as { data: string[] };
      assert.equal(services.data[0], `cluster-daemon-${p.name}`);
      assert.deepEqual([...services.data].sort(), [...all].sort());
    }
    // demo-1's origin finds demo-3's traces, with demo-3 as their process, and each by its ID.
    clock.set(START + 120_000);
    const search = JSON.parse((await get(`${cluster.peers[0].jaegerUrl}/api/traces?service=cluster-daemon-demo-3&limit=5`)).body) as { data: { traceID: string; processes: Record<string, { serviceName: string }> }[] };
    assert.ok(search.data.length > 0, 'demo-3 traces at demo-1');
    for (const trace of search.data) assert.deepEqual(Object.values(trace.processes).map((p) => p.serviceName), ['cluster-daemon-demo-3']);
    const one = JSON.parse((await get(`${cluster.peers[0].jaegerUrl}/api/traces/${search.data[0].traceID}`)).body) as { data: { traceID: string }[] };
    assert.equal(one.data[0].traceID, search.data[0].traceID);

    // At each instant (outside demo-4's outages, which start at 60 s) every peer reports one pinset.
    const pinsets: number[] = [];
    for (const atS of [0, 30, 300]) {
      clock.set(START + atS * 1000);
      const pins = await Promise.all(cluster.peers.map((p) => metric(p.url, 'ipfscluster_pins')));
      assert.equal(new Set(pins).size, 1, `at ${atS} s: ${pins.join(' ')}`);
      assert.ok(pins[0] > 0);
      pinsets.push(pins[0]);
    }
    assert.ok(new Set(pinsets).size > 1, `the pinset moves with the clock: ${pinsets.join(' ')}`);
  });

  it('gives demo-2 pin errors while the healthy peers have none', async (t) => {
    const clock = manualClock(START);
    const cluster = await startDemoCluster({ peers: 5, now: clock.now });
    t.after(() => cluster.close());
    clock.set(START + 300_000);
    const errors = await Promise.all(cluster.peers.map((p) => metric(p.url, 'ipfscluster_pins_pin_error')));
    assert.ok(errors[1] > 0, `demo-2 pin errors ${errors[1]}`);
    for (const k of [0, 2, 3, 4]) assert.equal(errors[k], 0, `${cluster.peers[k].name} pin errors`);
  });

  it('refuses connections to demo-4 for 30 s from 60 s, and only to it', async (t) => {
    const clock = manualClock(START);
    const cluster = await startDemoCluster({ peers: 5, now: clock.now });
    t.after(() => cluster.close());
    const demo4 = cluster.peers[3].url;
    assert.equal(await reach(demo4), 'answered');
    clock.set(START + 75_000);
    // Requests already in the listener's backlog are dropped while it closes; then it refuses.
    await until(async () => (await reach(demo4)) === 'refused', 'demo-4 to refuse');
    for (const k of [0, 1, 2, 4]) assert.equal(await reach(cluster.peers[k].url), 'answered', cluster.peers[k].name);
    clock.set(START + 100_000);
    await until(async () => (await reach(demo4)) === 'answered', 'demo-4 back');
    assert.ok((await metric(demo4, 'ipfscluster_pins')) > 0);
  });

  it('stops every peer on close()', async () => {
    const cluster = await startDemoCluster({ peers: 5 });
    for (const p of cluster.peers) assert.equal(await reach(p.url), 'answered', p.name);
    await cluster.close();
    for (const p of cluster.peers) assert.equal(await reach(p.url), 'refused', `${p.name} after close()`);
  });

  it('takes 1 to 500 peers', async () => {
    await assert.rejects(startDemoCluster({ peers: 0 }), RangeError);
    await assert.rejects(startDemoCluster({ peers: 501 }), RangeError);
  });
});
