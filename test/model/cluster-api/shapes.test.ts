// Decoding the REST API's JSON shapes: the fields kept from real v1.1.6 answers, wrong types read
// as absent, and hostile strings (control characters, escape sequences, huge names) kept raw but
// bounded; the short peer ID.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeAlert, decodeId, decodeList, decodeMetric, MAX_NAME_CHARS, MAX_TEXT_CHARS, metricNumber, pingPeername } from '../../../src/model/cluster-api/shapes.js';
import { shortPeerId } from '../../../src/model/cluster-api/short-id.js';

const PEER1 = '12D3KooWJfVTPpRBnzj5pWnmNqY4gCqAgoWTNgB1XaqHSWSFx9Qa';

describe('REST API shapes', () => {
  it('decodes an ID as GET /id gives it', () => {
    const id = decodeId({
      id: PEER1, addresses: ['/ip4/127.0.0.1/tcp/9096'], cluster_peers: [PEER1, '12D3KooWother'], cluster_peers_addresses: [],
      version: '1.1.6', commit: '', rpc_protocol_version: '/ipfscluster/1.0/rpc', error: '',
      ipfs: { id: '12D3KooWipfs', addresses: [], error: '' }, peername: 'peer1',
    });
    assert.deepEqual(id, { id: PEER1, peername: 'peer1', version: '1.1.6', error: '', clusterPeers: 2, ipfsId: '12D3KooWipfs', ipfsError: '' });
  });

  it('an unreachable peer of /peers keeps its error; an item without an id is refused', () => {
    assert.deepEqual(decodeId({ id: 'QmX', error: 'context deadline exceeded' }), { id: 'QmX', peername: '', version: '', error: 'context deadline exceeded', clusterPeers: 0, ipfsId: '', ipfsError: '' });
    for (const bad of [null, 3, 'x', [], {}, { id: 7 }, { id: '' }]) assert.equal(decodeId(bad), null);
  });

  it('decodes metrics (unix ns to ms) and alerts (RFC 3339 to ms)', () => {
    const raw = { name: 'ping', peer: PEER1, value: '{"peer_name":"peer1","ipfs_id":"12D3"}', expire: 1765000030000000000, valid: true, weight: 0, partitionable: false, received_at: 1765000000123456789 };
    const metric = decodeMetric(raw);
    assert.equal(metric?.expireMs, 1765000030000);
    assert.equal(metric?.receivedAtMs, 1765000000123);
    assert.equal(metric?.valid, true);
    assert.equal(pingPeername(metric!), 'peer1');
    const alert = decodeAlert({ ...raw, triggered_at: '2025-12-06T05:46:40.5Z' });
    assert.equal(alert?.triggeredAtMs, Date.UTC(2025, 11, 6, 5, 46, 40, 500));
    assert.equal(decodeAlert({ ...raw, triggered_at: '0001-01-01T00:00:00Z' })?.triggeredAtMs, 0);
    assert.equal(decodeMetric({ name: 'ping' }), null);
  });

  it('reads numeric metric values and nothing else as numbers', () => {
    const m = (value: unknown) => metricNumber(decodeMetric({ peer: 'p', value })!);
    assert.equal(m('1073741824'), 1073741824);
    assert.equal(m(' 3 '), 3);
    for (const bad of ['-1', '1e9', 'NaN', '', 12, '0x10']) assert.equal(m(bad), null, String(bad));
    assert.equal(pingPeername(decodeMetric({ peer: 'p', value: '{not json' })!), '');
  });

  it('keeps hostile strings raw but bounded, never splitting a surrogate pair', () => {
    const esc = '\x1b[2J\x1b]0;pwned\x07\r\n\u202e';
    const huge = `${esc}${'n'.repeat(5_000_000)}`;
    const id = decodeId({ id: huge, peername: huge, version: huge, error: huge, ipfs: { error: huge } })!;
    assert.equal(id.id.length, MAX_NAME_CHARS);
    assert.ok(id.peername.startsWith(esc), 'kept raw: escaping is the display\'s job');
    assert.equal(id.error.length, MAX_TEXT_CHARS);
    assert.equal(id.ipfsError.length, MAX_TEXT_CHARS);
    const emoji = '😀'.repeat(MAX_NAME_CHARS);
    const cut = decodeId({ id: 'x', peername: `a${emoji}` })!.peername;
    assert.equal(cut.length, MAX_NAME_CHARS - 1);
    assert.ok(!/[\ud800-\udbff]$/.test(cut), 'no lone high surrogate at the end');
    assert.equal(decodeMetric({ peer: 'p', value: huge })?.value.length, MAX_TEXT_CHARS);
  });

  it('decodes a list, counting what it skips, up to a bound', () => {
    const list = decodeList([{ peer: 'a' }, { nope: 1 }, 'x', { peer: 'b' }, { peer: 'c' }], decodeMetric, 2);
    assert.deepEqual(list.items.map((m) => m.peer), ['a', 'b']);
    assert.equal(list.skipped, 3);
    assert.deepEqual(decodeList(null, decodeMetric, 5), { items: [], skipped: 0 });
    assert.deepEqual(decodeList({ code: 500 }, decodeMetric, 5), { items: [], skipped: 1 });
  });

  it('shortens a peer ID to its first 8 and last 4 characters', () => {
    assert.equal(shortPeerId(PEER1), '12D3KooW…x9Qa');
    assert.equal(shortPeerId(PEER1, '...'), '12D3KooW...x9Qa');
    assert.equal(shortPeerId('QmShort12345'), 'QmShort12345');
    assert.equal(shortPeerId('😀'.repeat(20)), `${'😀'.repeat(8)}…${'😀'.repeat(4)}`);
  });
});
