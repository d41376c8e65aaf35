// The demo REST API's identifiers: base58btc and base32 against known vectors, peer IDs that
// decode to an Ed25519 identity multihash, CIDv1 dag-pb sha2-256, stable and distinct per peer.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32, base58, cidFor, clusterPeerId, ipfsPeerId, peerIdFor } from '../../../src/sources/demo/demo-rest-ids.js';

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** base58btc decoding, written out independently of the encoder. */
function unbase58(text: string): number[] {
  let n = 0n;
  for (const c of text) n = n * 58n + BigInt(ALPHABET.indexOf(c));
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 255n));
    n >>= 8n;
  }
  for (const c of text) {
    if (c !== '1') break;
    bytes.unshift(0);
  }
  return bytes;
}

describe('demo REST API identifiers', () => {
  it('encodes base58btc and base32 as the known vectors', () => {
    assert.equal(base58(Buffer.from('hello world')), 'StV1DL6CwTryKyV');
    assert.equal(base58(Buffer.from([0, 0, 1])), '112');
    assert.equal(base32(Buffer.from('foobar')), 'mzxw6ytboi');
    assert.equal(base32(Buffer.from('f')), 'my');
  });

  it('makes Ed25519 peer IDs (12D3KooW…, 52 characters) that decode to an identity multihash of the key', () => {
    const id = peerIdFor('x');
    assert.match(id, /^12D3KooW[1-9A-HJ-NP-Za-km-z]{44}$/);
    assert.deepEqual(unbase58(id).slice(0, 6), [0x00, 0x24, 0x08, 0x01, 0x12, 0x20]);
    assert.equal(unbase58(id).length, 38);
  });

  it('gives each demo peer a stable ID of its own, and its IPFS another', () => {
    const ids = [1, 2, 3, 4, 5].map(clusterPeerId);
    assert.equal(new Set([...ids, ...[1, 2, 3, 4, 5].map(ipfsPeerId)]).size, 10);
    assert.equal(clusterPeerId(3), ids[2]);
  });

  it('makes CIDv1 dag-pb sha2-256 in base32', () => {
    const cid = cidFor('pin 1');
    assert.match(cid, /^bafybei[a-z2-7]{52}$/);
    assert.notEqual(cidFor('pin 2'), cid);
  });
});
