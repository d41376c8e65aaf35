// The pin life cycle of one CRDT peer, stepped in simulated time: new pins reach the shared
// pinset (PinTracker.Track, `ipfscluster_pins` +1), some through this peer's REST API
// (Cluster.Pin + a POST), and those allocated here wait in the queue, pin on IPFS with at most
// `concurrent_pins` at once (pin_add counted when a pin starts, IPFSConnector.Pin timed when it
// ends), fail now and then (pin_add_errors, pin_error) and are retried later. Arrivals come in
// bursts, so the queue fills and drains. The disk and pinqueue informers run every 15 s.

import { recordClientRequest, recordRpc, recordServerRequest, type OcViews } from './oc-views.js';
import { chance, lognormal, poisson, type Prng } from './prng.js';

/** One IPFS pin in progress. */
export interface InFlightPin {
  /** Simulated time at which IPFS answers. */
  readonly endMs: number;
  /** How long the pin takes, in ms (the IPFSConnector.Pin latency). */
  readonly durationMs: number;
  /** Whether IPFS answers with an error. */
  readonly fails: boolean;
}

/** Pin pipeline state: the `ipfscluster_pins*` gauges and counters and what drives them. */
export interface PinPipeline {
  /** `ipfscluster_pins`: size of the shared pinset. */
  pins: number;
  /** `pins_pin_queued`. */
  queued: number;
  /** `pins_pin_error`: pins whose last attempt failed, waiting for a retry. */
  errored: number;
  /** `pins_ipfs_pins`. */
  ipfsPins: number;
  /** `pins_pin_add`: pins started on IPFS. */
  pinAdd: number;
  /** `pins_pin_add_errors`. */
  pinAddErrors: number;
  /** Pins in progress (`pins_pinning` is its length), in start order. */
  readonly inFlight: InFlightPin[];
  /** When the latest failures happened (simulated ms), oldest first, at most MAX_FAILURE_TIMES; the last is failure number `pinAddErrors`. */
  readonly failedAtMs: number[];
  /** End of the current arrival burst (simulated ms); at or before now when none. */
  burstUntilMs: number;
  /** Extra cluster-wide new pins per second during the burst. */
  burstRate: number;
  /** Bytes in the IPFS repo. */
  repoBytes: number;
  /** StorageMax of the disk informer. */
  readonly storageMaxBytes: number;
  /** `informer_disk`: free space at the last informer run; undefined before the first run. */
  diskWeight: number | undefined;
  /** Simulated time of the next informer run. */
  nextInformerMs: number;
  /** How this peer's pins behave. */
  tuning: PinTuning;
}

/** How a peer's IPFS pins behave: the demo cluster gives its trouble peers their own. */
export interface PinTuning {
  /** Share of IPFS pins that fail. */
  readonly failureShare: number;
  /** ipfshttp `concurrent_pins`. */
  readonly concurrency: number;
  /** How many times slower than usual IPFS pins are. */
  readonly slowFactor: number;
}

/** ipfshttp `concurrent_pins`. */
export const CONCURRENT_PINS = 10;
/** Share of IPFS pins that fail. */
export const PIN_FAILURE_SHARE = 0.012;
/** Share of new cluster pins allocated to this peer. */
export const ALLOCATED_SHARE = 0.45;
/** Share of new cluster pins submitted through this peer's REST API. */
export const API_SHARE = 0.35;
/** How many failure times a pipeline remembers (the demo REST API dates the pins in error by them). */
export const MAX_FAILURE_TIMES = 256;
/** Seconds between informer runs (metric_ttl / 2). */
export const INFORMER_PERIOD_MS = 15_000;

const BASE_NEW_PINS_PER_S = 0.6;
const MEAN_SECONDS_BETWEEN_BURSTS = 150;
const UNPINS_PER_S = 0.004;
const MEAN_SECONDS_TO_RETRY = 240;
const MAX_PIN_MS = 600_000;

/** A healthy peer's pins. */
export const NORMAL_PINS: PinTuning = { failureShare: PIN_FAILURE_SHARE, concurrency: CONCURRENT_PINS, slowFactor: 1 };

/** Draws a new IPFS pin starting at `startMs`. */
export function startPin(rng: Prng, startMs: number, tuning: PinTuning = NORMAL_PINS): InFlightPin {
  const fails = chance(rng, tuning.failureShare);
  const durationMs = Math.min(MAX_PIN_MS, tuning.slowFactor * (fails ? lognormal(rng, 2500, 1.5) : lognormal(rng, 1800, 1.4)));
  return { endMs: startMs + durationMs, durationMs, fails };
}

/** Advances the pipeline over one step [t0, t1) (ms), recording the calls it makes. */
export function stepPins(p: PinPipeline, views: OcViews, rng: Prng, t0: number, t1: number): void {
  const dt = (t1 - t0) / 1000;
  if (t0 >= p.burstUntilMs && chance(rng, dt / MEAN_SECONDS_BETWEEN_BURSTS)) {
    p.burstRate = lognormal(rng, 7, 0.3);
    p.burstUntilMs = t0 + lognormal(rng, 40_000, 0.4);
  }
  const rate = BASE_NEW_PINS_PER_S + (t0 < p.burstUntilMs ? p.burstRate : 0);
  for (let n = poisson(rng, rate * dt); n > 0; n--) newClusterPin(p, views, rng);
  for (let n = poisson(rng, UNPINS_PER_S * dt); n > 0; n--) clusterUnpin(p, views, rng);
  completePins(p, views, rng, t1);
  if (p.errored > 0) {
    const retried = Math.min(p.errored, poisson(rng, (p.errored * dt) / MEAN_SECONDS_TO_RETRY));
    p.errored -= retried;
    p.queued += retried;
  }
  while (p.inFlight.length < p.tuning.concurrency && p.queued > 0) {
    p.queued -= 1;
    p.pinAdd += 1; // recorded by ipfshttp Pin() before the pin runs
    p.inFlight.push(startPin(rng, t1, p.tuning));
  }
  while (p.nextInformerMs < t1) {
    runInformers(p, views, rng);
    p.nextInformerMs += INFORMER_PERIOD_MS;
  }
}

function newClusterPin(p: PinPipeline, views: OcViews, rng: Prng): void {
  if (chance(rng, API_SHARE)) {
    const ms = recordRpc(views, rng, 'Cluster.Pin');
    recordServerRequest(views, {
      method: 'POST',
      status: '200',
      latencyMs: ms + lognormal(rng, 10, 0.6),
      responseBytes: lognormal(rng, 650, 0.5),
      requestBytes: chance(rng, 0.02) ? lognormal(rng, 380, 0.5) : 0,
    });
  }
  recordRpc(views, rng, 'PinTracker.Track');
  p.pins += 1;
  if (chance(rng, ALLOCATED_SHARE)) p.queued += 1;
}

function clusterUnpin(p: PinPipeline, views: OcViews, rng: Prng): void {
  if (chance(rng, API_SHARE)) {
    const ms = recordRpc(views, rng, 'Cluster.Unpin');
    recordServerRequest(views, {
      method: 'DELETE',
      status: '200',
      latencyMs: ms + lognormal(rng, 12, 0.6),
      responseBytes: lognormal(rng, 300, 0.4),
    });
  }
  recordRpc(views, rng, 'PinTracker.Untrack');
  p.pins = Math.max(0, p.pins - 1);
  if (chance(rng, ALLOCATED_SHARE) && p.ipfsPins > 0) {
    const ms = recordRpc(views, rng, 'IPFSConnector.Unpin');
    recordClientRequest(views, { method: 'POST', status: '200', latencyMs: ms * 0.95, receivedBytes: lognormal(rng, 200, 0.3) });
    p.ipfsPins -= 1;
  }
}

function completePins(p: PinPipeline, views: OcViews, rng: Prng, t1: number): void {
  let kept = 0;
  for (const pin of p.inFlight) {
    if (pin.endMs >= t1) {
      p.inFlight[kept++] = pin;
      continue;
    }
    recordRpc(views, rng, 'IPFSConnector.Pin', pin.durationMs);
    recordClientRequest(views, {
      method: 'POST',
      status: pin.fails ? '500' : '200',
      latencyMs: pin.durationMs * 0.98,
      receivedBytes: pin.fails ? lognormal(rng, 160, 0.3) : lognormal(rng, 2500, 0.6),
    });
    if (pin.fails) {
      p.pinAddErrors += 1;
      p.errored += 1;
      p.failedAtMs.push(pin.endMs);
      if (p.failedAtMs.length > MAX_FAILURE_TIMES) p.failedAtMs.shift();
    } else {
      p.ipfsPins += 1;
      p.repoBytes += Math.round(lognormal(rng, 6e6, 1.6));
      if (chance(rng, 0.25)) recordRpc(views, rng, 'Cluster.SendInformersMetrics');
    }
  }
  p.inFlight.length = kept;
}

function runInformers(p: PinPipeline, views: OcViews, rng: Prng): void {
  const ms = recordRpc(views, rng, 'IPFSConnector.RepoStat');
  recordClientRequest(views, { method: 'POST', status: '200', latencyMs: ms * 0.9, receivedBytes: lognormal(rng, 300, 0.2) });
  recordRpc(views, rng, 'PinTracker.PinQueueSize');
  p.diskWeight = p.storageMaxBytes - p.repoBytes;
}
