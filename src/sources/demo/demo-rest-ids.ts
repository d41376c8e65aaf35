// Stable, well-formed identifiers for the demo cluster's REST API: libp2p Ed25519 peer IDs
// (`12D3KooW…`, base58btc of an identity multihash of the public key's protobuf) and CIDv1
// (`bafybei…`, base32 of dag-pb + sha2-256), each derived from a label by sha256, so the same
// peer or pin always has the same ID and no two differ only by chance.

import { createHash } from 'node:crypto';

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** base58btc of `bytes` (leading zero bytes as `1`s). */
export function base58(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

function digest(label: string): Buffer {
  return createHash('sha256').update(label).digest();
}

/** A libp2p Ed25519 peer ID (52 characters, `12D3KooW…`) for `label`. */
export function peerIdFor(label: string): string {
  // identity multihash (0x00, length 36) of the protobuf PublicKey {Type: Ed25519, Data: 32 bytes}
  return base58(Buffer.concat([Buffer.from([0x00, 0x24, 0x08, 0x01, 0x12, 0x20]), digest(label)]));
}

/** A CIDv1 dag-pb sha2-256 in base32 (`bafybei…`) for `label`. */
export function cidFor(label: string): string {
  return 'b' + base32(Buffer.concat([Buffer.from([0x01, 0x70, 0x12, 0x20]), digest(label)]));
}

/** The cluster peer ID of demo-K. */
export function clusterPeerId(k: number): string {
  return peerIdFor(`demo cluster peer ${k}`);
}

/** The IPFS (Kubo) peer ID beside demo-K. */
export function ipfsPeerId(k: number): string {
  return peerIdFor(`demo ipfs peer ${k}`);
}

/** The identifiers of demo-1 … demo-N, computed once per cluster (a 500-peer `/peers` names 250 000). */
export interface DemoDirectory {
  /** The cluster peer ID of demo-K. */
  clusterId(k: number): string;
  /** The IPFS peer ID beside demo-K. */
  ipfsId(k: number): string;
}

/** The directory of a cluster of `n` peers. */
export function createDemoDirectory(n: number): DemoDirectory {
  const cluster = Array.from({ length: n }, (_, i) => clusterPeerId(i + 1));
  const ipfs = Array.from({ length: n }, (_, i) => ipfsPeerId(i + 1));
  return { clusterId: (k) => cluster[k - 1] ?? clusterPeerId(k), ipfsId: (k) => ipfs[k - 1] ?? ipfsPeerId(k) };
}
