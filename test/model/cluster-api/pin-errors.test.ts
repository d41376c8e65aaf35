// Pin-error rows from GlobalPinInfo items: one row per CID and peer in an error status, the peer
// named by peername else short ID, bounded rows with the rest counted, bad items counted.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PinErrorCollector, pinErrorsPerPeer } from '../../../src/model/cluster-api/pin-errors.js';

const P1 = '12D3KooWJfVTPpRBnzj5pWnmNqY4gCqAgoWTNgB1XaqHSWSFx9Qa';
const P2 = '12D3KooWQ2sbHaBmbYbN5ZEGg9r4KyEjNnj3Z5HcsLBzgpq7Ab1c';

function info(cid: string, peers: Record<string, { status: string; peername?: string; error?: string; attempt_count?: unknown; timestamp?: string }>) {
  return { cid, name: `name-${cid}`, allocations: [], origins: [], created: '2025-12-06T05:00:00Z', metadata: null, peer_map: peers };
}

describe('PinErrorCollector', () => {
  it('makes one row per peer in an error status, named by peername else short ID', () => {
    const c = new PinErrorCollector();
    c.add(info('bafyA', {
      [P1]: { status: 'pin_error', peername: 'peer1', error: 'context deadline exceeded', attempt_count: 3, timestamp: '2025-12-06T05:46:40Z' },
      [P2]: { status: 'cluster_error', error: 'dial backoff' },
    }));
    c.add(info('bafyB', { [P1]: { status: 'pinned', peername: 'peer1' }, [P2]: { status: 'unpin_error', peername: '' } }));
    const { rows, more, skipped } = c.result();
    assert.deepEqual(rows.map((r) => [r.cid, r.peer, r.status, r.attempts]), [
      ['bafyA', 'peer1', 'pin_error', 3],
      ['bafyA', '12D3KooW…Ab1c', 'cluster_error', 0],
      ['bafyB', '12D3KooW…Ab1c', 'unpin_error', 0],
    ]);
    assert.equal(rows[0].name, 'name-bafyA');
    assert.equal(rows[0].error, 'context deadline exceeded');
    assert.equal(rows[0].timestampMs, Date.UTC(2025, 11, 6, 5, 46, 40));
    assert.equal(rows[1].timestampMs, 0);
    assert.equal(more, 0);
    assert.equal(skipped, 0);
    assert.deepEqual([...pinErrorsPerPeer(c.result())], [[P1, 1], [P2, 2]]);
  });

  it('keeps at most maxRows rows and counts the rest; counts items that are not GlobalPinInfo', () => {
    const c = new PinErrorCollector(2);
    for (let i = 0; i < 5; i++) c.add(info(`cid${i}`, { [P1]: { status: 'pin_error' } }));
    for (const bad of [null, 'x', { cid: 'c' }, { peer_map: {} }, []]) c.add(bad);
    const r = c.result();
    assert.equal(r.rows.length, 2);
    assert.equal(r.more, 3);
    assert.equal(r.skipped, 5);
  });

  it('bounds hostile strings and reads a bad attempt count as 0', () => {
    const c = new PinErrorCollector();
    const huge = `\x1b[31m${'x'.repeat(1_000_000)}`;
    c.add({ cid: huge, name: huge, peer_map: { [huge]: { status: 'pin_error', peername: huge, error: huge, attempt_count: -1, timestamp: huge } } });
    const [row] = c.result().rows;
    assert.ok(row.cid.length <= 256 && row.name.length <= 256 && row.peer.length <= 256 && row.peerId.length <= 256);
    assert.ok(row.error.length <= 2048 && row.timestamp.length <= 64);
    assert.ok(row.cid.startsWith('\x1b[31m'));
    assert.equal(row.attempts, 0);
  });
});
