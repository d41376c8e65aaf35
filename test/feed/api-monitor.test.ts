// ApiMonitor without React: step() refreshes everything once; a peer killed between two
// refreshes (over a real loopback REST API) stays listed, down; a refused /id stops the refresh
// there; never two refreshes of one kind at once; refreshErrors() on demand; the schedules; a
// bug stopping it.

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { ApiMonitor, type ApiSource } from '../../src/feed/api-monitor.js';
import type { PinErrors } from '../../src/model/cluster-api/pin-errors.js';
import type { ApiAlert, ApiId, ApiMetric } from '../../src/model/cluster-api/shapes.js';
import { ClusterApiClient, type ApiAnswer } from '../../src/sources/cluster-api/client.js';
import { listenLoopback } from '../support/listen-loopback.js';

const P1 = '12D3KooWJfVTPpRBnzj5pWnmNqY4gCqAgoWTNgB1XaqHSWSFx9Qa';
const P2 = '12D3KooWQ2sbHaBmbYbN5ZEGg9r4KyEjNnj3Z5HcsLBzgpq7Ab1c';

const ok = <T>(value: T, error: string | null = null): ApiAnswer<T> => ({ ok: true, value, error, skipped: 0 });
const id = (peer: string, peername: string): ApiId => ({ id: peer, peername, version: '1.1.6', error: '', clusterPeers: 2, ipfsId: '', ipfsError: '' });
const metric = (name: string, peer: string, value: string, at: number): ApiMetric => ({ name, peer, value, expireMs: at + 30_000, valid: true, receivedAtMs: at });
const NO_ERRORS: PinErrors = { rows: [], more: 0, skipped: 0 };

/** A source whose answers come from `answer`, counting calls; `gate`, when set, holds every answer until opened. */
function scripted(overrides: Partial<ApiSource> = {}) {
  const calls: string[] = [];
  let gate: Promise<void> | null = null;
  let open: () => void = () => undefined;
  const held = async <T>(name: string, value: () => ApiAnswer<T>): Promise<ApiAnswer<T>> => {
    calls.push(name);
    if (gate !== null) await gate;
    return value();
  };
  const source: ApiSource = {
    id: () => held('id', () => ok(id(P1, 'peer1'))),
    peers: () => held('peers', () => ok([id(P1, 'peer1'), id(P2, 'peer2')])),
    alerts: () => held('alerts', () => ok<readonly ApiAlert[]>([])),
    metric: (name) => held(`metric:${name}`, () => ok(name === 'ping' ? [metric('ping', P1, '{}', 1000), metric('ping', P2, '{}', 1000)] : [metric(name, P1, '5', 1000), metric(name, P2, '9', 1000)])),
    pinErrors: (maxRows) => held(`pins:${maxRows}`, () => ok(NO_ERRORS)),
    ...overrides,
  };
  return {
    source,
    calls,
    hold(): void {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release(): void {
      gate = null;
      open();
    },
  };
}

describe('ApiMonitor', () => {
  it('step() refreshes membership and pin errors once and publishes both', async () => {
    const s = scripted();
    const monitor = new ApiMonitor({ source: s.source, now: () => 42_000, maxPinErrorRows: 50 });
    let published = 0;
    monitor.subscribe(() => published++);
    const state = await monitor.step();
    assert.equal(state, monitor.getSnapshot());
    assert.equal(state.self?.peername, 'peer1');
    assert.deepEqual(state.peers.map((p) => [p.peername, p.down, p.freespace, p.pinqueue]), [['peer1', false, 5, 5], ['peer2', false, 9, 9]]);
    assert.deepEqual(state.pinErrors, NO_ERRORS);
    assert.deepEqual([state.error, state.failureKind, state.refreshedAt, state.errorsRefreshedAt], [null, null, 42_000, 42_000]);
    assert.deepEqual(state.refreshing, { membership: false, pinErrors: false });
    assert.deepEqual([...s.calls].sort(), ['alerts', 'id', 'metric:freespace', 'metric:ping', 'metric:pinqueue', 'peers', 'pins:50']);
    assert.ok(published >= 2);
  });

  it('never runs two refreshes of one kind at once: a second request joins the one in flight', async () => {
    const s = scripted();
    const monitor = new ApiMonitor({ source: s.source });
    s.hold();
    const first = monitor.step();
    const second = monitor.step();
    monitor.refreshErrors();
    await Promise.resolve();
    assert.equal(monitor.getSnapshot().refreshing.membership, true);
    s.release();
    await Promise.all([first, second]);
    assert.equal(s.calls.filter((c) => c === 'id').length, 1);
    assert.equal(s.calls.filter((c) => c.startsWith('pins')).length, 1);
    assert.deepEqual(monitor.getSnapshot().refreshing, { membership: false, pinErrors: false });
  });

  it('a refused /id stops the refresh there; what was known stays, with the error line and its kind', async () => {
    let refuse = false;
    const s = scripted({
      id: async () => (refuse ? { ok: false, failure: { kind: 'refused', message: 'REST API at 127.0.0.1:9094 refused the connection' } } : ok(id(P1, 'peer1'))),
    });
    const monitor = new ApiMonitor({ source: s.source });
    await monitor.step();
    refuse = true;
    s.calls.length = 0;
    const state = await monitor.step();
    assert.deepEqual(s.calls, ['pins:1000'], 'only /pins, which has its own schedule');
    assert.equal(state.error, 'REST API at 127.0.0.1:9094 refused the connection');
    assert.equal(state.failureKind, 'refused');
    assert.equal(state.self?.peername, 'peer1', 'the last good /id is kept');
    assert.equal(state.peers.length, 2);
  });

  it('a stream error is shown while its items are used; a failed pin-error refresh keeps the last rows', async () => {
    let pinsFail = false;
    const rows: PinErrors = { rows: [{ cid: 'bafyA', name: '', peer: 'peer2', peerId: P2, status: 'pin_error', error: 'timeout', attempts: 2, timestamp: '', timestampMs: 0 }], more: 0, skipped: 0 };
    const s = scripted({
      peers: async () => ok([id(P1, 'peer1')], 'REST API at x: GET /peers: peer3: dial backoff'),
      pinErrors: async () => (pinsFail ? { ok: false, failure: { kind: 'timeout', message: 'REST API at x: GET /pins: no complete answer within 30s' } } : ok(rows)),
    });
    const monitor = new ApiMonitor({ source: s.source });
    let state = await monitor.step();
    assert.equal(state.error, 'REST API at x: GET /peers: peer3: dial backoff');
    assert.equal(state.failureKind, null);
    assert.equal(state.peers.length, 2, 'peer2 known from the metrics');
    pinsFail = true;
    state = await monitor.step();
    assert.equal(state.pinErrors, rows);
    assert.equal(state.pinErrorsError, 'REST API at x: GET /pins: no complete answer within 30s');
  });

  it('a peer killed between refreshes, over a real REST API: gone from /peers, down by its ping alert, still listed', async (t) => {
    let killed = false;
    const now = Date.now();
    const ns = (ms: number) => ms * 1e6;
    const ping = (peer: string, name: string) => ({ name: 'ping', peer, value: JSON.stringify({ peer_name: name, ipfs_id: 'x' }), expire: ns(now + 30_000), valid: true, received_at: ns(now - 5_000) });
    const server = http.createServer((req, res) => {
      const json = (v: unknown) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(v));
      const peer1 = { id: P1, peername: 'peer1', version: '1.1.6', cluster_peers: [P1, P2], error: '', ipfs: { id: 'i', error: '' } };
      switch (req.url) {
        case '/id': return json(peer1);
        case '/peers':
          res.writeHead(200, { 'content-type': 'application/json', trailer: 'X-Stream-Error' });
          res.write(`${JSON.stringify(peer1)}\n`);
          if (!killed) res.write(`${JSON.stringify({ ...peer1, id: P2, peername: 'peer2' })}\n`);
          res.addTrailers({ 'X-Stream-Error': '' });
          return void res.end();
        case '/monitor/metrics/ping': return json(killed ? [ping(P1, 'peer1')] : [ping(P1, 'peer1'), ping(P2, 'peer2')]);
        case '/monitor/metrics/freespace': return json([{ name: 'freespace', peer: P1, value: '100', received_at: ns(now) }, { name: 'freespace', peer: P2, value: '200', received_at: ns(now) }]);
        case '/monitor/metrics/pinqueue': return json([]);
        case '/health/alerts': return json(killed ? [{ name: 'ping', peer: P2, value: '', expire: ns(now), received_at: ns(now - 35_000), triggered_at: new Date(now).toISOString() }] : []);
        default: return void res.writeHead(204).end();
      }
    });
    const client = new ClusterApiClient({ url: `http://127.0.0.1:${await listenLoopback(t, server)}`, timeoutMs: 5000, maxBodyBytes: 1 << 20 });
    t.after(() => client.close());
    const monitor = new ApiMonitor({ source: client });
    let state = await monitor.step();
    assert.deepEqual(state.peers.map((p) => [p.peername, p.down, p.listed]), [['peer1', false, true], ['peer2', false, true]]);
    killed = true;
    state = await monitor.step();
    assert.deepEqual(state.peers.map((p) => [p.peername, p.down, p.listed, p.freespace]), [['peer1', false, true, 100], ['peer2', true, false, 200]]);
    assert.deepEqual(state.peers[1].alerts.map((a) => a.name), ['ping']);
    assert.equal(state.error, null);
  });

  it('start() refreshes both kinds at once, refreshErrors() asks again, stop() ends publishing', async () => {
    const s = scripted();
    const monitor = new ApiMonitor({ source: s.source, apiIntervalMs: 60_000, errorsIntervalMs: 60_000 });
    const refreshed = new Promise<void>((resolve) => monitor.subscribe(() => {
      const st = monitor.getSnapshot();
      if (st.refreshedAt !== null && st.errorsRefreshedAt !== null) resolve();
    }));
    monitor.start();
    await refreshed;
    assert.equal(s.calls.filter((c) => c.startsWith('pins')).length, 1);
    const again = new Promise<void>((resolve) => monitor.subscribe(() => {
      if (s.calls.filter((c) => c.startsWith('pins')).length === 2 && !monitor.getSnapshot().refreshing.pinErrors) resolve();
    }));
    monitor.refreshErrors();
    await again;
    assert.equal(s.calls.filter((c) => c === 'id').length, 1, 'membership was not refreshed by it');
    monitor.stop();
    const before = monitor.getSnapshot();
    monitor.refreshErrors();
    await monitor.step();
    assert.equal(monitor.getSnapshot(), before, 'nothing published after stop()');
  });

  it('a bug while taking an answer in is kept for the UI and stops the schedules', async () => {
    const s = scripted({ alerts: async () => ok([null as unknown as ApiAlert]) });
    const broken = scripted({ peers: async () => ok([null as unknown as ApiId]) });
    for (const source of [s.source, broken.source]) {
      const monitor = new ApiMonitor({ source, apiIntervalMs: 0 });
      const crashed = new Promise<unknown>((resolve) => monitor.subscribe(() => {
        const c = monitor.getSnapshot().crashed;
        if (c !== null) resolve(c.error);
      }));
      monitor.start();
      assert.ok((await crashed) instanceof TypeError);
      const calls = (source === s.source ? s : broken).calls.length;
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal((source === s.source ? s : broken).calls.length, calls, 'no refresh after the crash');
      monitor.stop();
    }
  });
});
