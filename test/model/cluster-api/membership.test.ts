// The membership reducer: every peer ever seen keeps its row; a peer that vanishes from /peers is
// marked down by its ping alert or its absence from the ping metric (as seen on a real v1.1.6
// cluster when a peer is killed), and comes back up with a newer ping; freespace and pinqueue
// missing mean null; a failed request leaves its last answer standing; the cap on peers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_MEMBERSHIP, membershipRows, reduceMembership, type Membership, type MembershipObservation } from '../../../src/model/cluster-api/membership.js';
import type { ApiAlert, ApiId, ApiMetric } from '../../../src/model/cluster-api/shapes.js';

const id = (peer: string, extra: Partial<ApiId> = {}): ApiId => ({ id: peer, peername: `name-${peer}`, version: '1.1.6', error: '', clusterPeers: 2, ipfsId: '', ipfsError: '', ...extra });
const metric = (name: string, peer: string, value: string, receivedAtMs: number): ApiMetric => ({ name, peer, value, expireMs: receivedAtMs + 30_000, valid: true, receivedAtMs });
const ping = (peer: string, at: number) => metric('ping', peer, `{"peer_name":"ping-${peer}","ipfs_id":"x"}`, at);
const alert = (name: string, peer: string, triggeredAtMs: number): ApiAlert => ({ ...metric(name, peer, '', triggeredAtMs - 30_000), triggeredAtMs });

const none: MembershipObservation = { self: null, peers: null, ping: null, freespace: null, pinqueue: null, alerts: null };
const healthy = (at: number): MembershipObservation => ({
  self: id('A'),
  peers: [id('A'), id('B')],
  ping: [ping('A', at), ping('B', at)],
  freespace: [metric('freespace', 'A', '1000', at), metric('freespace', 'B', '2000', at)],
  pinqueue: [metric('pinqueue', 'A', '0', at), metric('pinqueue', 'B', '7', at)],
  alerts: [],
});

const row = (m: Membership, peer: string) => m.peers.get(peer)!;

describe('reduceMembership', () => {
  it('lists every peer with name, version, free space and queue; the peer itself first', () => {
    const m = reduceMembership(EMPTY_MEMBERSHIP, healthy(1000));
    assert.deepEqual(membershipRows(m).map((p) => [p.id, p.peername, p.version, p.down, p.freespace, p.pinqueue, p.self, p.listed]), [
      ['A', 'name-A', '1.1.6', false, 1000, 0, true, true],
      ['B', 'name-B', '1.1.6', false, 2000, 7, false, true],
    ]);
  });

  it('a killed peer: gone from /peers and ping, with a ping alert, is down and still listed', () => {
    let m = reduceMembership(EMPTY_MEMBERSHIP, healthy(1000));
    // As on v1.1.6: /peers lists only A, ping only A, freespace and pinqueue keep B until their TTL.
    m = reduceMembership(m, { ...healthy(20_000), peers: [id('A')], ping: [ping('A', 20_000)], alerts: [alert('ping', 'B', 15_000)] });
    const b = row(m, 'B');
    assert.equal(b.down, true);
    assert.equal(b.listed, false);
    assert.equal(b.peername, 'name-B', 'what was learnt is kept');
    assert.equal(b.freespace, 2000);
    assert.deepEqual(b.alerts, [{ name: 'ping', triggeredAtMs: 15_000, expiredAtMs: -15_000 + 30_000 }]);
    assert.equal(row(m, 'A').down, false);
    assert.equal(membershipRows(m).length, 2);
    // Then freespace's TTL runs out: missing means null (full or down), never the old number.
    m = reduceMembership(m, { ...none, freespace: [metric('freespace', 'A', '900', 40_000)], pinqueue: [] });
    assert.equal(row(m, 'B').freespace, null);
    assert.equal(row(m, 'B').pinqueue, null);
    assert.equal(row(m, 'B').down, true, 'a refresh whose ping failed keeps the peer down');
  });

  it('absence from an answered ping metric alone is down (no alerts on a follower peer)', () => {
    let m = reduceMembership(EMPTY_MEMBERSHIP, healthy(1000));
    m = reduceMembership(m, { ...healthy(20_000), peers: [id('A')], ping: [ping('A', 20_000)] });
    assert.equal(row(m, 'B').down, true);
    // An empty ping answer names no one: nobody is marked down by it.
    const fresh = reduceMembership(EMPTY_MEMBERSHIP, { ...healthy(1000), ping: [] });
    assert.deepEqual(membershipRows(fresh).map((p) => p.down), [false, false]);
  });

  it('a peer that comes back (a ping newer than its old alert) is up again; a peer seen only in an alert is down', () => {
    let m = reduceMembership(EMPTY_MEMBERSHIP, { ...healthy(20_000), ping: [ping('A', 20_000)], alerts: [alert('ping', 'B', 15_000), alert('ping', 'C', 9_000)] });
    assert.equal(row(m, 'B').down, true);
    m = reduceMembership(m, { ...healthy(50_000), alerts: [alert('ping', 'B', 15_000), alert('ping', 'C', 9_000)] });
    assert.equal(row(m, 'B').down, false);
    const c = row(m, 'C');
    assert.equal(c.down, true);
    assert.equal(c.peername, '');
    assert.equal(c.freespace, null);
  });

  it('takes the peername from the ping value when nothing else named the peer; keeps /peers errors', () => {
    const m = reduceMembership(EMPTY_MEMBERSHIP, { ...none, peers: [id('A'), id('B', { peername: '', version: '', error: 'dial backoff' })], ping: [ping('B', 5), ping('A', 5)] });
    assert.equal(row(m, 'B').peername, 'ping-B');
    assert.equal(row(m, 'B').error, 'dial backoff');
    assert.equal(row(m, 'A').peername, 'name-A');
    const later = reduceMembership(m, { ...none, peers: [id('A'), id('B')] });
    assert.equal(row(later, 'B').error, '', 'the error goes when the peer answers again');
  });

  it('keeps at most the newest alerts of a peer and drops alerts no longer listed', () => {
    const many = Array.from({ length: 20 }, (_, i) => alert('freespace', 'A', i * 1000));
    let m = reduceMembership(EMPTY_MEMBERSHIP, { ...healthy(100_000), alerts: many });
    assert.equal(row(m, 'A').alerts.length, 8);
    assert.equal(row(m, 'A').alerts[0].triggeredAtMs, 19_000);
    m = reduceMembership(m, { ...none, alerts: [] });
    assert.equal(row(m, 'A').alerts.length, 0);
  });

  it('never changes the state it is given, and remembers at most maxPeers, counting the rest', () => {
    const first = reduceMembership(EMPTY_MEMBERSHIP, healthy(1000));
    const frozen = JSON.stringify([...first.peers]);
    reduceMembership(first, { ...none, peers: [id('Z')], ping: [ping('Z', 1)] });
    assert.equal(JSON.stringify([...first.peers]), frozen);
    assert.equal(EMPTY_MEMBERSHIP.peers.size, 0);
    const capped = reduceMembership(EMPTY_MEMBERSHIP, { ...none, peers: ['A', 'B', 'C', 'D'].map((p) => id(p)), ping: [ping('D', 1), ping('E', 1)] }, 2);
    assert.deepEqual([...capped.peers.keys()], ['A', 'B']);
    assert.equal(capped.overflow, 3);
    assert.equal(reduceMembership(capped, { ...none, peers: [id('C')] }, 2).overflow, 1, 'counted per refresh, not added up');
  });
});
