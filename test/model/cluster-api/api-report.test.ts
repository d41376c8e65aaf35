// The "api" section of `--once --json`: the fields the issue names, in its shape.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiReport } from '../../../src/model/cluster-api/api-report.js';
import { EMPTY_MEMBERSHIP, membershipRows, reduceMembership } from '../../../src/model/cluster-api/membership.js';

const P1 = '12D3KooWJfVTPpRBnzj5pWnmNqY4gCqAgoWTNgB1XaqHSWSFx9Qa';

describe('apiReport', () => {
  it('gives self, peers and pin errors in the issue\'s shape', () => {
    const self = { id: P1, peername: 'peer1', version: '1.1.6', error: '', clusterPeers: 1, ipfsId: '', ipfsError: '' };
    const m = reduceMembership(EMPTY_MEMBERSHIP, { self, peers: [self], ping: null, freespace: null, pinqueue: null, alerts: null });
    const report = apiReport({
      self,
      peers: membershipRows(m),
      pinErrors: { rows: [{ cid: 'bafyA', name: '', peer: 'peer1', peerId: P1, status: 'pin_error', error: 'x', attempts: 1, timestamp: '', timestampMs: 0 }], more: 4, skipped: 0 },
      error: null,
    });
    assert.deepEqual(report, {
      self: { id: P1, shortId: '12D3KooW…x9Qa', peername: 'peer1', version: '1.1.6' },
      peers: [{ id: P1, peername: 'peer1', version: '1.1.6', error: null, down: false, freespace: null, pinqueue: null, alerts: [] }],
      pinErrors: [{ cid: 'bafyA', name: '', peer: 'peer1', status: 'pin_error', error: 'x', attempts: 1, timestamp: null }],
      morePinErrors: 4,
      error: null,
    });
    assert.deepEqual(apiReport({ self: null, peers: [], pinErrors: null, error: 'REST API at x refused the connection' }), {
      self: null, peers: [], pinErrors: [], morePinErrors: null, error: 'REST API at x refused the connection',
    });
  });
});
