// Background traffic of the demo peer, stepped in simulated time: gorpc calls that arrive on
// their own (PeerMonitor.LatestMetrics, Cluster.ID, PinTracker.Status with its PinLsCid, …),
// REST API reads, the ipfshttp connector's other calls to IPFS, and the rare `ipfs add` through
// the cluster (blocks_* counters).

import { RPC_METHODS } from './catalogue.js';
import { recordClientRequest, recordRpc, recordServerRequest, type OcViews } from './oc-views.js';
import { chance, lognormal, poisson, type Prng } from './prng.js';

/** The `ipfscluster_blocks_*` counters. */
export interface BlockCounters {
  /** `blocks_put`: adds through the cluster (BlockStream calls). */
  puts: number;
  /** `blocks_added`. */
  added: number;
  /** `blocks_added_size`, bytes. */
  addedBytes: number;
  /** `blocks_put_errors`. */
  putErrors: number;
}

/** REST API GETs per second (status, pins, peers, health…). */
export const REST_GETS_PER_S = 0.55;
/** Other ipfshttp calls to IPFS per second (id, swarm/peers, pin/ls…). */
export const IPFS_BACKGROUND_PER_S = 0.35;
/** Adds through the cluster per second. */
export const ADDS_PER_S = 0.002;
/** Share of adds that fail in block/put. */
export const ADD_FAILURE_SHARE = 0.01;
/** Median blocks per add. */
export const BLOCKS_PER_ADD = 60;
/** Median size of one block, bytes (chunks are at most 256 KiB). */
export const BLOCK_BYTES = 240_000;

const POISSON_METHODS = RPC_METHODS.filter((m) => m.driver === 'poisson');

/** Advances the background traffic over one step [t0, t1) (ms). */
export function stepTraffic(views: OcViews, blocks: BlockCounters, rng: Prng, t0: number, t1: number): void {
  const dt = (t1 - t0) / 1000;
  for (const method of POISSON_METHODS) {
    for (let n = poisson(rng, method.livePerSecond * dt); n > 0; n--) {
      recordRpc(views, rng, method.name);
      if (method.name === 'PinTracker.Status') {
        // the stateless tracker asks IPFS about the CID
        const ms = recordRpc(views, rng, 'IPFSConnector.PinLsCid');
        recordClientRequest(views, { method: 'POST', status: '200', latencyMs: ms * 0.9, receivedBytes: lognormal(rng, 120, 0.3) });
      }
    }
  }
  for (let n = poisson(rng, REST_GETS_PER_S * dt); n > 0; n--) restGet(views, rng);
  for (let n = poisson(rng, IPFS_BACKGROUND_PER_S * dt); n > 0; n--) {
    recordClientRequest(views, {
      method: 'POST',
      status: '200',
      latencyMs: lognormal(rng, 4, 0.8),
      receivedBytes: lognormal(rng, 900, 1.0),
    });
  }
  for (let n = poisson(rng, ADDS_PER_S * dt); n > 0; n--) add(views, blocks, rng);
}

function restGet(views: OcViews, rng: Prng): void {
  const big = chance(rng, 0.04); // /pins (status all) streams a large body
  const s = rng.next();
  recordServerRequest(views, {
    method: 'GET',
    status: s < 0.975 ? '200' : s < 0.99 ? '404' : '500',
    latencyMs: big ? lognormal(rng, 1400, 1.0) : lognormal(rng, 3.5, 0.8),
    responseBytes: big ? lognormal(rng, 2e6, 1.2) : lognormal(rng, 420, 0.6),
  });
}

function add(views: OcViews, blocks: BlockCounters, rng: Prng): void {
  blocks.puts += 1;
  const fails = chance(rng, ADD_FAILURE_SHARE);
  const count = Math.max(1, Math.round(lognormal(rng, BLOCKS_PER_ADD, 1.0)));
  let bytes = 0;
  if (fails) blocks.putErrors += 1;
  else {
    bytes = count * Math.round(Math.min(262_144, lognormal(rng, BLOCK_BYTES, 0.1)));
    blocks.added += count;
    blocks.addedBytes += bytes;
  }
  recordServerRequest(views, {
    method: 'POST',
    status: fails ? '500' : '200',
    latencyMs: lognormal(rng, 900, 0.8),
    responseBytes: lognormal(rng, 180 * Math.min(count, 50), 0.3),
    requestBytes: bytes > 0 ? bytes : lognormal(rng, 1e6, 1),
  });
}
