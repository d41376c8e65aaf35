// The fleet's RPC latency, as a Prometheus scraping every peer evaluates
// histogram_quantile(q, sum by (le, gorpc_server_method[, instance]) (rate(<bucket>[W]))):
// every peer's bucket rates are evaluated at one instant (the newest scrape of any peer), then
// summed across peers per (method, le). A peer with nothing in the window adds nothing, as its
// series would be absent from the range selection.

import type { PeerSample } from './peer-sample.js';
import { PackedMethodRates } from './packed-rates.js';
import { windowedMethodRates, type MethodRates, type RateVariant } from './rpc-latency.js';

/** The fleet's latency figures at one instant. */
export interface FleetLatency {
  /** The evaluation instant, unix ms: the newest scrape of any peer (NaN when no peer has one). */
  readonly evalMs: number;
  /** Each peer's windowed bucket rates at `evalMs`, in the order the peers were given. */
  readonly perPeer: readonly (readonly MethodRates[])[];
  /** The rates of every peer summed per method and bucket, methods in order of first appearance. */
  readonly fleet: readonly MethodRates[];
}

/** The newest scrape time of any peer's samples (each oldest first); NaN when none has one. */
export function fleetEvalInstant(peers: readonly (readonly PeerSample[])[]): number {
  let newest = NaN;
  for (const samples of peers) {
    const last = samples[samples.length - 1];
    if (last !== undefined && !(last.tMs <= newest)) newest = last.tMs;
  }
  return newest;
}

/** Where fleetLatency evaluates, and what it knows of the peers' histories. */
export interface FleetLatencyAt {
  /** The instant (default: the newest scrape of any peer). */
  readonly evalMs?: number;
  /** Peer i's PeerHistory.steadyFrom, when known. */
  readonly steadyFrom?: readonly number[];
}

/** Every peer's bucket rates at one instant, and their sum. */
export function fleetLatency(peers: readonly (readonly PeerSample[])[], windowMs: number, variant: RateVariant, at: FleetLatencyAt = {}): FleetLatency {
  const evalMs = at.evalMs ?? fleetEvalInstant(peers);
  const perPeer = peers.map((samples, i) => (Number.isNaN(evalMs) ? [] : windowedMethodRates(samples, evalMs, windowMs, variant, at.steadyFrom?.[i])));
  return { evalMs, perPeer, fleet: sumAcrossPeers(perPeer) };
}

/** The `sum by (le, gorpc_server_method)` across peers: bucket rates added per method and bound. */
export function sumAcrossPeers(perPeer: readonly (readonly MethodRates[])[]): MethodRates[] {
  const byMethod = new Map<string, { sums: Map<number, number>; calls: number }>();
  for (const rates of perPeer) {
    for (const method of rates) {
      let entry = byMethod.get(method.method);
      if (entry === undefined) byMethod.set(method.method, (entry = { sums: new Map(), calls: NaN }));
      const sums = entry.sums;
      const add = (upperBound: number, count: number) => void sums.set(upperBound, (sums.get(upperBound) ?? 0) + count);
      // Packed rates (a monitor's) are read from their arrays: ~70,000 bucket objects an interval fewer at 100 peers.
      if (method instanceof PackedMethodRates) method.forEachBucket(add);
      else for (const bucket of method.buckets) add(bucket.upperBound, bucket.count);
      // Calls per second add up where they are known (a peer with one scrape in the window has none).
      if (!Number.isNaN(method.callsPerSecond)) entry.calls = Number.isNaN(entry.calls) ? method.callsPerSecond : entry.calls + method.callsPerSecond;
    }
  }
  return [...byMethod].map(([method, { sums, calls }]) => ({
    method,
    buckets: [...sums].map(([upperBound, count]) => ({ upperBound, count })).sort((a, b) => a.upperBound - b.upperBound),
    callsPerSecond: calls,
  }));
}
