// The JSON shapes IPFS Cluster v1.1.6's REST API answers with (api/types.go), as the demo cluster
// builds them: ID, Metric, Alert and GlobalPinInfo, with times as Go marshals them (unix ns for
// a metric's expire and received_at, RFC 3339 with trimmed fractions for the rest). Pure.

import type { DemoDirectory } from './demo-rest-ids.js';

/** The version every demo peer reports. */
export const DEMO_CLUSTER_VERSION = '1.1.6';
/** `rpc_protocol_version` of v1.x. */
export const RPC_PROTOCOL = '/ipfscluster/1.0/rpc';

/** `api.ID`: a cluster peer as `/id` and `/peers` describe it. */
export interface RestId {
  readonly id: string;
  readonly addresses: string[];
  readonly cluster_peers: string[];
  readonly cluster_peers_addresses: string[];
  readonly version: string;
  readonly commit: string;
  readonly rpc_protocol_version: string;
  readonly error: string;
  readonly ipfs: { readonly id: string; readonly addresses: string[]; readonly error: string };
  readonly peername: string;
}

/** `api.ID` of a peer in the peerset that cannot be reached: zero values but its ID and the error. */
export interface RestErrorId {
  readonly id: string;
  readonly addresses: null;
  readonly cluster_peers: null;
  readonly cluster_peers_addresses: null;
  readonly version: '';
  readonly commit: '';
  readonly rpc_protocol_version: '';
  readonly error: string;
  readonly ipfs: { readonly addresses: null; readonly error: '' };
  readonly peername: '';
}

/** `api.Metric`. */
export interface RestMetric {
  readonly name: string;
  readonly peer: string;
  readonly value: string;
  readonly expire: number;
  readonly valid: boolean;
  readonly weight: number;
  readonly partitionable: boolean;
  readonly received_at: number;
}

/** `api.Alert`: an expired metric and when the monitor said so. */
export interface RestAlert extends RestMetric {
  readonly triggered_at: string;
}

/** `api.PinInfoShort` inside a GlobalPinInfo's peer_map (v1.1.6 leaves ipfs_peer_addresses out). */
export interface RestPinInfo {
  readonly peername: string;
  readonly ipfs_peer_id: string;
  readonly status: string;
  readonly timestamp: string;
  readonly error: string;
  readonly attempt_count: number;
  readonly priority_pin: boolean;
}

/** `api.GlobalPinInfo`. */
export interface RestGlobalPinInfo {
  readonly cid: string;
  readonly name: string;
  readonly allocations: string[];
  readonly origins: string[];
  readonly created: string;
  readonly metadata: Record<string, string> | null;
  readonly peer_map: Record<string, RestPinInfo>;
}

/** Go's RFC 3339 (time.Time's JSON): UTC, the fraction without trailing zeros. */
export function goTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z');
}

/** Unix ms as the unix ns a Metric carries (exact for whole ms). */
export function unixNs(ms: number): number {
  return Math.round(ms) * 1_000_000;
}

/** demo-K's cluster multiaddress. */
function clusterAddress(dir: DemoDirectory, k: number): string {
  return `/ip4/127.0.0.1/tcp/${clusterPort(k)}/p2p/${dir.clusterId(k)}`;
}

/** demo-K's cluster swarm port (its multiaddress's, not a port the demo listens on). */
function clusterPort(k: number): number {
  return 9096 + 10 * (k - 1);
}

/** demo-K's IPFS swarm addresses. */
function ipfsAddresses(dir: DemoDirectory, k: number): string[] {
  return [`/ip4/127.0.0.1/tcp/${4001 + 10 * (k - 1)}/p2p/${dir.ipfsId(k)}`];
}

/** The ID of demo-K as it sees a peerset of the peers `peerset` (1-based indices, itself included). */
export function restId(dir: DemoDirectory, k: number, peerset: readonly number[]): RestId {
  return {
    id: dir.clusterId(k),
    addresses: [clusterAddress(dir, k)],
    cluster_peers: peerset.map((j) => dir.clusterId(j)),
    cluster_peers_addresses: peerset.filter((j) => j !== k).map((j) => clusterAddress(dir, j)),
    version: DEMO_CLUSTER_VERSION,
    commit: '',
    rpc_protocol_version: RPC_PROTOCOL,
    error: '',
    ipfs: { id: dir.ipfsId(k), addresses: ipfsAddresses(dir, k), error: '' },
    peername: `demo-${k}`,
  };
}

/** How `/peers` lists demo-K while its ping is valid but it cannot be reached. */
export function restErrorId(dir: DemoDirectory, k: number, error: string): RestErrorId {
  return {
    id: dir.clusterId(k),
    addresses: null,
    cluster_peers: null,
    cluster_peers_addresses: null,
    version: '',
    commit: '',
    rpc_protocol_version: '',
    error,
    ipfs: { addresses: null, error: '' },
    peername: '',
  };
}

/** The error libp2p gives when dialling demo-K fails: refused at first, then `dial backoff` (as seen on v1.1.6). */
export function dialError(dir: DemoDirectory, k: number, backoff: boolean): string {
  const port = clusterPort(k);
  const why = backoff ? 'dial backoff' : `dial tcp4 127.0.0.1:${port}: connect: connection refused`;
  return `failed to dial: failed to dial ${dir.clusterId(k)}: all dials failed\n  * [/ip4/127.0.0.1/tcp/${port}] ${why}`;
}

/** A metric of demo-K received at `receivedMs` and valid for `ttlMs` (tags are partitionable). */
export function restMetric(dir: DemoDirectory, name: string, k: number, value: string, weight: number, receivedMs: number, ttlMs: number): RestMetric {
  return {
    name,
    peer: dir.clusterId(k),
    value,
    expire: unixNs(receivedMs + ttlMs),
    valid: true,
    weight,
    partitionable: name.startsWith('tag:'),
    received_at: unixNs(receivedMs),
  };
}

/** demo-K's ping value, as seen on a real v1.1.6 cluster (no addresses). */
export function pingValue(dir: DemoDirectory, k: number): string {
  return JSON.stringify({ peer_name: `demo-${k}`, ipfs_id: dir.ipfsId(k) });
}
