// The demo cluster's REST API over HTTP on loopback, on an injected clock: the shapes of /id,
// /peers and the monitor metrics; streams as NDJSON in chunks of one item with the X-Stream-Error
// trailer (empty, or an error in its window); demo-4's outage in the order a real v1.1.6 cluster
// shows it (an error entry, then gone from /peers and ping with an alert, gone from freespace at
// its TTL); demo-2's pins in error against its pins_pin_error gauge; 204, 400 and 404; basic auth
// and Bearer tokens, with the real 401 bodies.

import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { startDemoCluster, type DemoCluster } from '../../../src/sources/demo/demo-cluster.js';
import { STREAM_ERROR_MESSAGE, streamErrorAt } from '../../../src/sources/demo/demo-rest-view.js';
import { call, gauge, json, manualClock, ndjson, type Id, type Metric, type PinInfo } from './rest-calls.js';

const START = Date.UTC(2026, 11, 6, 12, 0, 0);
const PEER_ID = /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/;
const PIN_ERRORS = '/pins?filter=pin_error,unpin_error,cluster_error';

async function cluster5(t: { after: (fn: () => Promise<void>) => void }, options: { apiCredentials?: Record<string, string> } = {}) {
  const clock = manualClock(START);
  const cluster: DemoCluster = await startDemoCluster({ peers: 5, now: clock.now, ...options });
  t.after(() => cluster.close());
  return { clock, cluster, api: cluster.apiUrl };
}

describe('the demo cluster\'s REST API', () => {
  it('answers /id, /version, /health and /monitor/metrics like demo-1 of a v1.1.6 cluster, and 404 JSON elsewhere', async (t) => {
    const { api } = await cluster5(t);
    assert.match(api, /^http:\/\/127\.0\.0\.1:\d+$/);
    const id = await json<Id>(`${api}/id`);
    assert.equal(id.peername, 'demo-1');
    assert.equal(id.version, '1.1.6');
    assert.equal(id.rpc_protocol_version, '/ipfscluster/1.0/rpc');
    assert.equal(id.error, '');
    assert.match(id.id, PEER_ID);
    assert.match(id.ipfs.id, PEER_ID);
    assert.equal(new Set(id.cluster_peers).size, 5);
    assert.ok(id.cluster_peers.every((p) => PEER_ID.test(p)));
    assert.deepEqual(await json(`${api}/version`), { version: '1.1.6' });
    assert.equal((await call(`${api}/health`)).status, 204);
    assert.deepEqual(await json(`${api}/monitor/metrics`), ['tag:group', 'ping', 'pinqueue', 'freespace']);
    const missing = await call(`${api}/nowhere`);
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.body), { code: 404, message: 'not found' });
    assert.deepEqual(JSON.parse((await call(`${api}/pins?filter=bogus`)).body), { code: 400, message: 'invalid filter value' });
    assert.equal((await call(`${api}/id`, { method: 'DELETE' })).status, 404, 'a route with another method is not found, as on v1.1.6');
  });

  it('streams /peers as NDJSON, one chunk per peer, with an empty X-Stream-Error trailer', async (t) => {
    const { api, cluster } = await cluster5(t);
    assert.equal(streamErrorAt(0), false, 'the start is outside an error window');
    const a = await call(`${api}/peers`);
    assert.equal(a.status, 200);
    assert.equal(a.headers['transfer-encoding'], 'chunked');
    assert.equal(a.headers.trailer, 'X-Stream-Error');
    assert.deepEqual(a.trailers, { 'x-stream-error': '' });
    const peers = ndjson<Id>(a.body);
    assert.deepEqual(peers.map((p) => p.peername), cluster.peers.map((p) => p.name));
    const self = await json<Id>(`${api}/id`);
    assert.deepEqual(peers.map((p) => p.id), self.cluster_peers, 'the peers /id names');
    assert.equal(new Set(peers.map((p) => p.ipfs.id)).size, 5);

    // On the wire: chunked framing, each chunk exactly one line, then the trailer section.
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(api);
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /peers HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.setEncoding('latin1');
      socket.on('data', (c: string) => (text += c));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    let rest = raw.slice(raw.indexOf('\r\n\r\n') + 4);
    const chunks: string[] = [];
    for (;;) {
      const eol = rest.indexOf('\r\n');
      const size = parseInt(rest.slice(0, eol), 16);
      rest = rest.slice(eol + 2);
      if (size === 0) break;
      chunks.push(rest.slice(0, size));
      rest = rest.slice(size + 2);
    }
    assert.equal(chunks.length, 5);
    for (const c of chunks) assert.match(c, /^\{.*\}\n$/);
    assert.equal(rest, 'X-Stream-Error: \r\n\r\n');
  });

  it('shows demo-4 going down as v1.1.6 does: an error entry while its ping is valid, then gone from /peers and ping with an alert, gone from freespace at its TTL', async (t) => {
    const { api, clock } = await cluster5(t);
    const id4 = (await json<Id>(`${api}/id`)).cluster_peers[3];
    clock.set(START + 59_000);
    assert.deepEqual(await json(`${api}/health/alerts`), [], 'no alert before the outage');

    clock.set(START + 60_500); // demo-4 refuses from 60 s to 90 s
    assert.equal(streamErrorAt(60_500), false);
    let a = await call(`${api}/peers`);
    let peers = ndjson<Id>(a.body);
    assert.deepEqual(peers.map((p) => p.peername), ['demo-1', 'demo-2', 'demo-3', 'demo-5', ''], 'the unreachable peer comes last');
    assert.equal(peers[4].id, id4);
    assert.match(peers[4].error, /^failed to dial: failed to dial 12D3KooW\w+: all dials failed\n {2}\* \[\/ip4\/127\.0\.0\.1\/tcp\/\d+\] dial tcp4 127\.0\.0\.1:\d+: connect: connection refused$/);
    assert.equal(peers[4].cluster_peers, null);
    assert.deepEqual(a.trailers, { 'x-stream-error': '' });
    assert.equal((await json<Id>(`${api}/id`)).cluster_peers.length, 5, 'still in the peerset');
    const pins = ndjson<PinInfo>((await call(`${api}${PIN_ERRORS}`)).body);
    assert.ok(pins.length > 0);
    for (const pin of pins) {
      assert.deepEqual(Object.values(pin.peer_map).map((e) => [e.peername, e.status]), [['demo-2', 'pin_error'], ['demo-4', 'cluster_error']]);
      assert.match(pin.peer_map[id4].error, /all dials failed\n {2}\* \[\S+\] dial backoff$/);
      assert.equal(pin.peer_map[id4].attempt_count, 0);
    }
    const onlyPinErrors = ndjson<PinInfo>((await call(`${api}/pins?filter=pin_error`)).body);
    assert.ok(onlyPinErrors.every((p) => Object.values(p.peer_map).every((e) => e.status === 'pin_error')), 'cluster_error only when asked for');
    const ping4 = (await json<Metric[]>(`${api}/monitor/metrics/ping`)).find((m) => m.peer === id4);
    assert.ok(ping4 !== undefined, 'its last ping is still valid');
    assert.equal(ping4.expire - ping4.received_at, 10e9, 'pings every 5 s, valid 10 s');
    const pingExpiry = Math.round(ping4.expire / 1e6);
    assert.ok(pingExpiry > START + 60_000 && pingExpiry <= START + 70_000);
    assert.deepEqual(await json(`${api}/health/alerts`), []);

    clock.set(pingExpiry);
    assert.equal(streamErrorAt(pingExpiry - START), false);
    a = await call(`${api}/peers`);
    peers = ndjson<Id>(a.body);
    assert.deepEqual(peers.map((p) => p.peername), ['demo-1', 'demo-2', 'demo-3', 'demo-5'], 'then it simply vanishes');
    assert.equal((await json<Id>(`${api}/id`)).cluster_peers.length, 4);
    const ping = await json<Metric[]>(`${api}/monitor/metrics/ping`);
    assert.equal(ping.length, 4);
    assert.ok(!ping.some((m) => m.peer === id4));

    const freespace = await json<Metric[]>(`${api}/monitor/metrics/freespace`);
    const free4 = freespace.find((m) => m.peer === id4);
    assert.ok(free4 !== undefined, 'freespace keeps demo-4 until its own TTL');
    assert.equal(free4.expire - free4.received_at, 30e9, 'a 30 s TTL in ns');
    const freeExpiry = Math.round(free4.expire / 1e6);
    assert.ok(freeExpiry > pingExpiry && freeExpiry <= START + 90_000, 'it runs out within the outage');
    assert.ok((await json<Metric[]>(`${api}/monitor/metrics/pinqueue`)).some((m) => m.peer === id4));

    clock.set(pingExpiry + 5_000); // demo-1's checker looks every 5 s
    const alerts = await json<(Metric & { triggered_at: string })[]>(`${api}/health/alerts`);
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].name, 'ping');
    assert.equal(alerts[0].peer, id4);
    assert.equal(alerts[0].expire, ping4.expire, 'the expired ping');
    const triggered = Date.parse(alerts[0].triggered_at);
    assert.match(alerts[0].triggered_at, /^2026-12-06T12:01:\d\d(\.\d+)?Z$/);
    assert.ok(triggered >= pingExpiry && triggered < pingExpiry + 5_000, alerts[0].triggered_at);
    assert.equal(JSON.parse(alerts[0].value).peer_name, 'demo-4');

    clock.set(freeExpiry - 1);
    assert.ok((await json<Metric[]>(`${api}/monitor/metrics/freespace`)).some((m) => m.peer === id4), 'still there 1 ms before');
    clock.set(freeExpiry);
    const later = await json<Metric[]>(`${api}/monitor/metrics/freespace`);
    assert.equal(later.length, 4);
    assert.ok(!later.some((m) => m.peer === id4), 'gone at its expiry');

    clock.set(START + 91_000);
    assert.equal(streamErrorAt(91_000), false);
    assert.equal(ndjson<Id>((await call(`${api}/peers`)).body).length, 5, 'back after the outage');
    assert.equal((await json<Metric[]>(`${api}/monitor/metrics/ping`)).length, 5);
    assert.equal((await json<unknown[]>(`${api}/health/alerts`)).length, 1, 'the alert stays');
  });

  it('reports each peer\'s pin queue as its /metrics does at the same instant', async (t) => {
    const { api, clock, cluster } = await cluster5(t);
    clock.set(START + 45_000);
    const ids = (await json<Id>(`${api}/id`)).cluster_peers;
    const queue = await json<Metric[]>(`${api}/monitor/metrics/pinqueue`);
    assert.equal(queue.length, 5);
    for (const [i, peer] of cluster.peers.entries()) {
      const m = queue.find((q) => q.peer === ids[i]);
      assert.ok(m !== undefined, peer.name);
      assert.equal(Number(m.value), await gauge(peer.url, 'ipfscluster_pins_pin_queued'), peer.name);
    }
    for (const m of await json<Metric[]>(`${api}/monitor/metrics/freespace`)) assert.ok(Number(m.value) > 0 && m.valid);
  });

  it('lists demo-2\'s pins in error, as many as its pins_pin_error gauge, and 204 when the filter matches none', async (t) => {
    const { api, clock, cluster } = await cluster5(t);
    for (const at of [START + 30_000, START + 200_000]) {
      clock.set(at);
      assert.equal(streamErrorAt(at - START), false);
      const a = await call(`${api}${PIN_ERRORS}`);
      assert.equal(a.status, 200);
      assert.deepEqual(a.trailers, { 'x-stream-error': '' });
      const pins = ndjson<PinInfo>(a.body);
      const errors = await gauge(cluster.peers[1].url, 'ipfscluster_pins_pin_error');
      assert.ok(errors > 0, 'demo-2 has pins in error');
      assert.equal(pins.length, errors);
      assert.equal(new Set(pins.map((p) => p.cid)).size, pins.length);
      for (const pin of pins) {
        assert.match(pin.cid, /^bafybei[a-z2-7]{52}$/);
        const entries = Object.values(pin.peer_map);
        assert.equal(entries.length, 1);
        assert.deepEqual(Object.keys(entries[0]), ['peername', 'ipfs_peer_id', 'status', 'timestamp', 'error', 'attempt_count', 'priority_pin'], 'the fields v1.1.6 sends');
        assert.equal(entries[0].peername, 'demo-2');
        assert.equal(entries[0].status, 'pin_error');
        assert.ok(entries[0].error.length > 0 && entries[0].attempt_count >= 1);
        assert.ok(Date.parse(entries[0].timestamp) <= at);
      }
      assert.equal((await call(`${api}${PIN_ERRORS}`)).body, a.body, 'the same instant, the same answer');
    }
    const none = await call(`${api}/pins?filter=unpin_error`);
    assert.equal(none.status, 204);
    assert.equal(none.body, '');
  });

  it('answers 204 for pins in error on a cluster of one healthy peer', async (t) => {
    const clock = manualClock(START);
    const one = await startDemoCluster({ peers: 1, now: clock.now });
    t.after(() => one.close());
    assert.equal((await call(`${one.apiUrl}${PIN_ERRORS}`)).status, 204);
  });

  it('cuts streams started in one 15 s window in every two minutes, with the error in the trailer', async (t) => {
    const { api, clock } = await cluster5(t);
    const windows = Array.from({ length: 64 }, (_, i) => streamErrorAt(i * 15_000));
    assert.equal(windows.filter(Boolean).length, 8);
    assert.deepEqual(windows.slice(0, 8), [false, false, false, false, false, false, false, true]);
    clock.set(START + 105_000); // outside demo-4's outage: five peers
    for (let i = 0; i < 2; i++) {
      const a = await call(`${api}/peers`);
      assert.equal(a.status, 200);
      assert.equal(ndjson<Id>(a.body).length, 2, 'half the peers, then the error');
      assert.deepEqual(a.trailers, { 'x-stream-error': STREAM_ERROR_MESSAGE });
    }
    const pins = await call(`${api}${PIN_ERRORS}`);
    assert.deepEqual(pins.trailers, { 'x-stream-error': STREAM_ERROR_MESSAGE });
    clock.set(START + 120_000);
    assert.deepEqual((await call(`${api}/peers`)).trailers, { 'x-stream-error': '' });
  });

  it('asks for basic auth on every route but /health, and takes a Bearer token from POST /token', async (t) => {
    const { api } = await cluster5(t, { apiCredentials: { admin: 's3cret' } });
    const basic = (user: string, password: string) => ({ Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` });
    for (const path of ['/id', '/peers', PIN_ERRORS, '/monitor/metrics/ping', '/health/alerts', '/nowhere']) {
      const a = await call(`${api}${path}`);
      assert.equal(a.status, 401, path);
      assert.deepEqual(a.headersDistinct['www-authenticate'], ['Bearer realm="Restricted IPFS Cluster API"', 'Basic realm="Restricted IPFS Cluster API"']);
      assert.deepEqual(JSON.parse(a.body), { code: 401, message: 'unauthorized: no auth provided' });
      const wrong = await call(`${api}${path}`, { headers: basic('admin', 'wrong') });
      assert.equal(wrong.status, 401, path);
      assert.deepEqual(wrong.headersDistinct['www-authenticate'], ['Basic realm="Restricted IPFS Cluster API"']);
      assert.deepEqual(JSON.parse(wrong.body), { code: 401, message: 'unauthorized: access denied' });
    }
    assert.equal((await call(`${api}/health`)).status, 204);
    assert.equal((await json<Id>(`${api}/id`, basic('admin', 's3cret'))).peername, 'demo-1');

    assert.equal((await call(`${api}/token`, { method: 'POST' })).status, 401);
    const issued = await call(`${api}/token`, { method: 'POST', headers: basic('admin', 's3cret') });
    assert.equal(issued.status, 200);
    const { token } = JSON.parse(issued.body) as { token: string };
    assert.deepEqual(JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()), { iss: 'admin' });
    const bearer = { Authorization: `Bearer ${token}` };
    assert.equal((await call(`${api}/peers`, { headers: bearer })).status, 200);
    assert.equal((await call(`${api}/token`, { method: 'POST', headers: bearer })).body, issued.body, 'a token holder gets the same token');
    const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await call(`${api}/peers`, { headers: { Authorization: `Bearer ${forged}` } })).status, 401);
  });
});
