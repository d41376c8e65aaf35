// The fleet's RPC latency, as a Prometheus scraping every peer evaluates
// histogram_quantile(q, sum by (le, gorpc_server_method[, instance]) (rate(<bucket>[W]))):
// every peer's bucket rates are evaluated at one instant (the newest scrape of any peer), then
// summed across peers per (method, le). A peer with nothing in the window adds nothing, as its
// series would be absent from the range selection.

import type { PeerSample } from './peer-sample.js';
import { PackedMethodRates, type BucketVisitor } from './packed-rates.js';
import type { Bucket } from './quantile.js';
import { forEachMethodSum, sumByMethod, type MethodSumVisitor } from './method-buckets.js';
import { windowedColumnRates, windowedMethodRates, type MethodRates, type RateVariant } from './rpc-latency.js';

/** The fleet's latency figures at one instant. */
export interface FleetLatency {
  /** The evaluation instant, unix ms: the newest scrape of any peer (NaN when no peer has one). */
  readonly evalMs: number;
  /** Each peer's windowed bucket rates at `evalMs`, in the order the peers were given (empty when not asked for). */
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
  /**
   * Keep each peer's rates in `perPeer` (default true). Without them, each peer's sums go
   * straight into the fleet's: the live view shows only the fleet's, and at 100 peers the
   * per-peer rates were 5,600 objects an interval that lived until the next.
   */
  readonly perPeer?: boolean;
}

/** Every peer's bucket rates at one instant, and their sum. */
export function fleetLatency(peers: readonly (readonly PeerSample[])[], windowMs: number, variant: RateVariant, at: FleetLatencyAt = {}): FleetLatency {
  const evalMs = at.evalMs ?? fleetEvalInstant(peers);
  if (at.perPeer === false) {
    const sum = new FleetSum();
    // A loop, not a closure made per evaluation (see src/feed/fleet-monitor.ts).
    for (let i = 0; i < peers.length && !Number.isNaN(evalMs); i++) {
      const columns = windowedColumnRates(peers[i], evalMs, windowMs, variant, at.steadyFrom?.[i]);
      if (columns === null) continue;
      const { plan } = columns.layout;
      if (!forEachMethodSum(plan, columns.rates, columns.calls, sum)) sum.addRates(sumByMethod(plan, columns.rates, columns.calls));
    }
    return { evalMs, perPeer: [], fleet: sum.result() };
  }
  const perPeer = peers.map((samples, i) => (Number.isNaN(evalMs) ? [] : windowedMethodRates(samples, evalMs, windowMs, variant, at.steadyFrom?.[i])));
  return { evalMs, perPeer, fleet: sumAcrossPeers(perPeer) };
}

/** The `sum by (le, gorpc_server_method)` across peers: bucket rates added per method and bound. */
export function sumAcrossPeers(perPeer: readonly (readonly MethodRates[])[]): MethodRates[] {
  const sum = new FleetSum();
  for (const rates of perPeer) sum.addRates(rates);
  return sum.result();
}

/** The fleet's sums, fed peer by peer: each peer's methods, each followed by its buckets. */
class FleetSum implements MethodSumVisitor, BucketVisitor {
  private readonly byMethod = new Map<string, BucketSum>();
  private current: BucketSum | null = null;

  /** A peer's rates. */
  addRates(rates: readonly MethodRates[]): void {
    for (const method of rates) {
      this.method(method.method, method.callsPerSecond);
      // Packed rates (a monitor's) are read from their arrays: ~70,000 bucket objects an interval fewer at 100 peers.
      if (method instanceof PackedMethodRates) method.forEachBucket(this);
      else for (const bucket of method.buckets) this.bucket(bucket.upperBound, bucket.count);
    }
  }

  method(method: string, callsPerSecond: number): void {
    let sum = this.byMethod.get(method);
    if (sum === undefined) this.byMethod.set(method, (sum = new BucketSum()));
    sum.startPeer();
    // Calls per second add up where they are known (a peer with one scrape in the window has none).
    if (!Number.isNaN(callsPerSecond)) sum.calls = Number.isNaN(sum.calls) ? callsPerSecond : sum.calls + callsPerSecond;
    this.current = sum;
  }

  // Methods, not arrow-function fields: those are closures made with each sum, whose optimized
  // code V8 drops at a full collection while no sum lives (see src/feed/fleet-monitor.ts).
  bucket(upperBound: number, rate: number): void {
    this.current!.add(upperBound, rate);
  }

  /** Every method's sums, in order of first appearance, buckets ascending. */
  result(): MethodRates[] {
    // Loops, not closures made per evaluation (see src/feed/fleet-monitor.ts).
    const out: MethodRates[] = [];
    for (const [method, sum] of this.byMethod) {
      const buckets: Bucket[] = [];
      for (let i = 0; i < sum.bounds.length; i++) buckets.push({ upperBound: sum.bounds[i], count: sum.sums[i] });
      out.push({ method, buckets: buckets.sort(byBound), callsPerSecond: sum.calls });
    }
    return out;
  }
}

function byBound(a: Bucket, b: Bucket): number {
  return a.upperBound - b.upperBound;
}

/**
 * One method's bucket rates summed across peers, per bound, in peer order. The sums are a plain
 * array of doubles (a Map's would box each new value: 70,000 numbers an evaluation at 100 peers),
 * and a peer's bounds are looked up only where they leave the order the peer before had.
 */
class BucketSum {
  readonly bounds: number[] = [];
  readonly sums: number[] = [];
  calls = NaN;
  private readonly slotOf = new Map<number, number>();
  private next = 0;

  /** The next bounds are a new peer's: expected in the order of the first slot on. */
  startPeer(): void {
    this.next = 0;
  }

  add(upperBound: number, count: number): void {
    let slot = this.next < this.bounds.length && this.bounds[this.next] === upperBound ? this.next : this.slotOf.get(upperBound);
    if (slot === undefined) {
      slot = this.bounds.length;
      this.slotOf.set(upperBound, slot);
      this.bounds.push(upperBound === 0 ? 0 : upperBound); // -0 as +0, as a Map's key would be
      this.sums.push(0);
    }
    this.sums[slot] += count;
    this.next = slot + 1;
  }
}
