// The fleet's rows with the REST API's facts: matched by name or by the API's own peer, a peer no
// target scrapes becomes a row whose health the API decides, the sums take the API's queue and
// errors for it, the status line says who it is, and `e` lists the pins in error, escaped.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiPeer } from '../../src/model/cluster-api/membership.js';
import type { PinErrors } from '../../src/model/cluster-api/pin-errors.js';
import { peerTitle, withApiFacts } from '../../src/model/fleet-api.js';
import { fleetLatency } from '../../src/model/fleet-latency.js';
import { fleetPeer, fleetSummary, type FleetPeerInput } from '../../src/model/fleet-peers.js';
import { buildFleetView, type FleetDisplay } from '../../src/model/fleet-view.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { samplesWith, statusOf } from '../support/fleet-status.js';

const apiPeer = (id: string, peername: string, extra: Partial<ApiPeer> = {}): ApiPeer => ({
  id, peername, version: '1.1.6', error: '', down: false, freespace: 5e9, pinqueue: 3, alerts: [], listed: true, lastPingMs: 1000, inPing: true, self: false, ...extra,
});
const scraped = (name: string, target = `http://127.0.0.1:1/${name}`): FleetPeerInput => ({ name, target, status: statusOf(samplesWith({ pins: 500, pinQueued: 1, pinErrors: 0 })) });
const errors: PinErrors = {
  rows: [{ cid: 'bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi', name: 'never\u001b[2Jthere', peer: 'peer3', peerId: '12D3KooWPeer3xxxxxxxxxxxxxxxxxxxx3333', status: 'pin_error', error: 'context canceled', attempts: 2, timestamp: '', timestampMs: 500 }],
  more: 0,
  skipped: 0,
};
const display: FleetDisplay = { selected: null, sort: 'name', filter: '', filterEditing: false, quantile: 0.95, focus: 'peers', latencyTop: 0, helpOpen: false, errorsOpen: false, helpOffset: 0, paused: false };

describe('fleet rows with the REST API', () => {
  const api = {
    peers: [
      apiPeer('12D3KooWSelfxxxxxxxxxxxxxxxxxxxxx1111', 'peer1', { self: true }),
      apiPeer('12D3KooWPeer2xxxxxxxxxxxxxxxxxxxx2222', 'peer2'),
      apiPeer('12D3KooWPeer3xxxxxxxxxxxxxxxxxxxx3333', 'peer3', { down: true, freespace: null, pinqueue: null, alerts: [{ name: 'ping', triggeredAtMs: 900, expiredAtMs: 800 }] }),
    ],
    pinErrors: errors,
    selfTarget: 'http://127.0.0.1:8888/metrics',
  };

  it('matches the API\'s own peer to the local target and others by name; the rest become rows the API decides', () => {
    const rows = withApiFacts([scraped('local', 'http://127.0.0.1:8888/metrics'), scraped('peer2')], api, 1000, 1500);
    assert.deepEqual(rows.map((r) => [r.name, r.api?.peername, r.scraped]), [['local', 'peer1', undefined], ['peer2', 'peer2', undefined], ['peer3', 'peer3', false]]);
    const peers = rows.map((r) => fleetPeer(r, 0.95, 1500));
    assert.deepEqual(peers.map((p) => p.health), ['up', 'up', 'down']);
    assert.match(peers[2].reason!, /REST API has it down \(its ping alert fired\)/);
    assert.equal(peers[2].api?.pinErrors, 1, 'its pins in error, counted from /pins');
    const summary = fleetSummary(peers);
    assert.deepEqual([summary.peersUp, summary.peersTotal, summary.pinset], [2, 3, 500]);
    assert.equal(summary.pinQueued, 2, 'the down peer\'s queue is not counted; the scraped peers\' gauges are');
  });

  it('shows who a peer is on the status line, and the pins in error behind e, escaped', () => {
    const rows = withApiFacts([scraped('local', 'http://127.0.0.1:8888/metrics')], api, 1000, 1500);
    const latency = fleetLatency(rows.map(() => samplesWith({})), 60_000, 'prom3');
    const at = (d: Partial<FleetDisplay>) => buildFleetView({ peers: rows, latency, display: { ...display, ...d }, intervalMs: 1000, windowMs: 60_000, columns: 100, rows: 30, nowMs: 60_500, glyphs: glyphsFor(false), api: { url: 'http://127.0.0.1:9094', error: null, pinErrors: errors, refreshingErrors: false } });
    const status = (v: ReturnType<typeof at>) => v.status.map((s) => s.text).join('');
    assert.match(status(at({ selected: 'local' })), /^local · v1\.1\.6 · 12D3KooW…1111 · http:\/\/127\.0\.0\.1:8888\/metrics · up/);
    assert.match(status(at({ selected: 'peer3' })), /^peer3 · v1\.1\.6 · 12D3KooW…3333 down: the REST API has it down/);
    assert.match(status(at({ selected: 'peer2' })), /no metrics URL/);
    const overlay = at({ errorsOpen: true }).help!;
    assert.match(overlay.title.text, /Pins in error · 1/);
    const line = overlay.lines[0].map((s) => s.text).join('');
    assert.match(line, /peer3 pin_error +bafybeig…bzdi · never\\x1b\[2Jthere · 2 attempts · 1m ago · context canceled/);
    const off = buildFleetView({ peers: rows, latency, display: { ...display, errorsOpen: true }, intervalMs: 1000, windowMs: 60_000, columns: 100, rows: 30, nowMs: 1500, glyphs: glyphsFor(false), api: null });
    assert.match(off.help!.title.text, /REST API is off/);
  });

  it('names a peer as operators know it', () => {
    assert.equal(peerTitle('peer1', { id: '12D3KooWSelfxxxxxxxxxxxxxxxxxxxxx1111', version: '1.1.6' }, '...'), 'peer1 (12D3KooW...1111) v1.1.6');
    assert.equal(peerTitle('peer1', null, '…'), 'peer1');
  });
});
