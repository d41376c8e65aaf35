// The fleet's peers as plain data: each peer's health (up, stale, down) from its scrape status,
// its worst method, the orders the fleet screen offers (trouble first by default), and the fleet
// summary — peers up, the shared pinset shown once with the peers that disagree (out of sync),
// and the summed queue, pinning and pin errors.

import { worstQuantile, type TrendPoint } from './latency-trend.js';
import type { PeerSample } from './peer-sample.js';
import type { ScrapeStatus } from './scrape-status.js';
import { peerHealth, type PeerHealth } from './peer-health.js';
import type { PeerApiFacts } from './fleet-api.js';
import { slowestMethod, type PeerSnapshot } from './snapshot.js';

export { peerHealth, type PeerHealth } from './peer-health.js';

/** One peer of the fleet as its monitor last published it. */
export interface FleetPeerInput {
  /** Unique label: the peer's name, else host:port of its URL. */
  readonly name: string;
  /** The scraped URL (or replayed folder). */
  readonly target: string;
  readonly status: ScrapeStatus;
  /** How fast its pinset gauge moved over the window, pins per second (null when unknown): the leeway of "out of sync". */
  readonly pinsPerSecond?: number | null;
  /** What the cluster's REST API says of it (fleet-api.ts), or absent. */
  readonly api?: PeerApiFacts | null;
  /** False for a peer known only from the REST API: no metrics target scrapes it. */
  readonly scraped?: boolean;
}

/** The slowest method of a peer at a quantile. */
export interface WorstMethod {
  readonly method: string;
  readonly latencyMs: number;
}

/** A peer's figures for the fleet. */
export interface FleetPeer {
  readonly name: string;
  readonly target: string;
  readonly health: PeerHealth;
  /** How old the shown data is when not up, ms (null without data). */
  readonly staleForMs: number | null;
  /** Why the latest poll failed (one escaped line), or null. */
  readonly reason: string | null;
  /** The newest good snapshot (kept while polls fail; null before any). */
  readonly snapshot: PeerSnapshot | null;
  readonly queueGrowing: boolean;
  /** The slowest method at the fleet's quantile (null without calls). */
  readonly worst: WorstMethod | null;
  /** The peer's latency trend, oldest first. */
  readonly trend: readonly TrendPoint[];
  /** How fast its pinset gauge moved over the window, pins per second (null when unknown). */
  readonly pinsPerSecond: number | null;
  /** What the REST API says of it, or null. */
  readonly api: PeerApiFacts | null;
  /** False when only the REST API knows it (no metrics: Enter cannot open it). */
  readonly scraped: boolean;
}

/** How fast a peer's pinset gauge moved over its kept samples (oldest first), pins per second; null with fewer than two. */
export function pinsetSpeed(samples: readonly PeerSample[]): number | null {
  // pinsetSpeedOf without a point object per sample, read from the two ends inward (nearly always
  // one sample each): the fleet asks this of every peer at every publish.
  let first = 0;
  while (first < samples.length && !Number.isFinite(samples[first].gauges.pins)) first++;
  if (first === samples.length) return null;
  let last = samples.length - 1;
  while (!Number.isFinite(samples[last].gauges.pins)) last--;
  return speedBetween(samples[first].tMs, samples[first].gauges.pins, samples[last].tMs, samples[last].gauges.pins);
}

/** How fast a pinset size moved between its oldest and newest known values (oldest first), pins per second; null with fewer than two. */
export function pinsetSpeedOf(points: readonly { readonly tMs: number; readonly pins: number }[]): number | null {
  let first: { tMs: number; pins: number } | undefined;
  let last: { tMs: number; pins: number } | undefined;
  for (const p of points) {
    if (!Number.isFinite(p.pins)) continue;
    first ??= p;
    last = p;
  }
  return first === undefined || last === undefined ? null : speedBetween(first.tMs, first.pins, last.tMs, last.pins);
}

/** Pins per second from one known pinset size to a later one; null when no time passed. */
function speedBetween(firstMs: number, firstPins: number, lastMs: number, lastPins: number): number | null {
  return lastMs <= firstMs ? null : (lastPins - firstPins) / ((lastMs - firstMs) / 1000);
}

/** The fleet's view of one peer at `nowMs`, its worst method taken at quantile q. */
export function fleetPeer(input: FleetPeerInput, q: number, nowMs: number): FleetPeer {
  const { status } = input;
  const api = input.api ?? null;
  const scraped = input.scraped !== false;
  // A peer only the REST API knows is as the API says; a scraped one as its scrapes say.
  const health = scraped ? peerHealth(status, nowMs) : api?.down === true ? 'down' : 'up';
  const snapshot = status.snapshot;
  const worst = snapshot === null ? null : slowestMethod(snapshot.methodRates, q);
  return {
    name: input.name,
    target: input.target,
    health,
    staleForMs: health === 'up' || status.lastOkMs === null ? null : Math.max(0, nowMs - status.lastOkMs),
    reason: scraped ? (status.failure?.message ?? null) : apiReason(api),
    snapshot,
    queueGrowing: status.queueGrowing,
    worst,
    trend: status.trend,
    pinsPerSecond: input.pinsPerSecond ?? null,
    api,
    scraped,
  };
}

/** Why the REST API counts a peer down, or what it failed at; null when nothing is wrong. */
function apiReason(api: PeerApiFacts | null): string | null {
  if (api === null) return null;
  if (api.down) return `the REST API has it down (${api.alerts.includes('ping') ? 'its ping alert fired' : 'missing from the ping metric'})`;
  if (api.error !== '') return `the REST API could not ask it: ${api.error}`;
  return null;
}

/** The highest q-quantile of any method at each of the last `count` trend points (null for a gap or no calls). */
export function worstQuantileSeries(trend: readonly TrendPoint[], q: number, count: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = Math.max(0, trend.length - count); i < trend.length; i++) out.push(worstQuantile(trend[i], q));
  return out;
}

/** The orders of the fleet list; `s` cycles through them. */
export const FLEET_SORTS = ['trouble', 'name', 'queued', 'errors', 'latency'] as const;
/** One order of the fleet list. */
export type FleetSort = (typeof FLEET_SORTS)[number];

const HEALTH_RANK: Readonly<Record<PeerHealth, number>> = { down: 0, stale: 1, up: 2 };

/** Worst first: down, stale, pin errors, a growing queue, a longer queue, then the highest latency; ties by name. */
export function compareTrouble(a: FleetPeer, b: FleetPeer): number {
  return (
    HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
    Number(errorsOf(b) > 0) - Number(errorsOf(a) > 0) ||
    Number(b.queueGrowing) - Number(a.queueGrowing) ||
    queuedOf(b) - queuedOf(a) ||
    (b.worst?.latencyMs ?? -1) - (a.worst?.latencyMs ?? -1) ||
    compareNames(a, b)
  );
}

function queuedOf(peer: FleetPeer): number {
  return peer.snapshot?.cluster.pinQueued ?? 0;
}

/** Descending by `read` (null last), then by name. */
function byDesc(read: (p: FleetPeer) => number | null): (a: FleetPeer, b: FleetPeer) => number {
  return (a, b) => (read(b) ?? -1) - (read(a) ?? -1) || compareNames(a, b);
}

// Made once: comparators made per frame would be optimized again after every full collection.
const COMPARE: Readonly<Record<FleetSort, (a: FleetPeer, b: FleetPeer) => number>> = {
  trouble: compareTrouble,
  name: compareNames,
  queued: byDesc((p) => p.snapshot?.cluster.pinQueued ?? null),
  errors: byDesc((p) => p.snapshot?.cluster.pinErrors ?? null),
  latency: byDesc((p) => p.worst?.latencyMs ?? null),
};

/** `peers` in the order `sort`, a new array. */
export function sortFleet(peers: readonly FleetPeer[], sort: FleetSort): FleetPeer[] {
  return [...peers].sort(COMPARE[sort]);
}

/** Peers whose name contains `filter` (case-insensitive); all when it is empty. */
export function filterFleet(peers: readonly FleetPeer[], filter: string): FleetPeer[] {
  const needle = filter.toLowerCase();
  return needle === '' ? [...peers] : peers.filter((p) => p.name.toLowerCase().includes(needle));
}

/**
 * Up peers whose pinset size is not the majority's, by more than the pinset could have moved
 * between their scrape and the majority's: peers are scraped at different moments, and a pin
 * added in between is not a peer out of sync.
 */
function outOfSync(up: readonly FleetPeer[], pinset: number): string[] {
  // The agreeing peers' sample times, sorted: the nearest to each other peer's is then found by
  // binary search, not by comparing every pair (10,000 pairs a frame at 100 peers while a pin
  // goes round, each time read anew).
  const times: number[] = [];
  let speed = 0;
  for (const p of up) {
    if (p.snapshot?.cluster.pins === pinset) {
      const at = sampledAt(p);
      if (at !== null) times.push(at);
    }
    if (p.pinsPerSecond !== null && Number.isFinite(p.pinsPerSecond)) speed = Math.max(speed, Math.abs(p.pinsPerSecond));
  }
  const agreeingAt = Float64Array.from(times).sort();
  const out: string[] = [];
  for (const p of up) {
    const pins = p.snapshot?.cluster.pins;
    const at = sampledAt(p);
    if (pins === null || pins === undefined || pins === pinset || at === null) continue;
    const skewMs = nearestGap(agreeingAt, at);
    const leeway = Number.isFinite(skewMs) ? Math.ceil((speed * skewMs) / 1000) : 0;
    if (Math.abs(pins - pinset) > leeway) out.push(p.name);
  }
  return out.sort();
}

/** The smallest |t − x| over the ascending `sorted` (Infinity when it is empty). */
function nearestGap(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  let gap = lo < sorted.length ? sorted[lo] - t : Infinity;
  if (lo > 0) gap = Math.min(gap, t - sorted[lo - 1]);
  return gap;
}

/** When a peer's pinset gauge was sampled, unix ms, or null. */
function sampledAt(peer: FleetPeer): number | null {
  return peer.snapshot?.sampledMs ?? peer.snapshot?.to ?? null;
}

function errorsOf(peer: FleetPeer): number {
  return peer.snapshot?.cluster.pinErrors ?? peer.api?.pinErrors ?? 0;
}

/** Orders peer names as people number peers: demo-2 before demo-10. */
export const comparePeerNames: (a: string, b: string) => number = new Intl.Collator('en', { numeric: true }).compare;

function compareNames(a: FleetPeer, b: FleetPeer): number {
  return comparePeerNames(a.name, b.name);
}

/** The fleet at a glance. */
export interface FleetSummary {
  readonly peersUp: number;
  readonly peersTotal: number;
  /** The pinset size: `ipfscluster_pins` as most up peers report it (the pinset is shared, never summed); null when none does. */
  readonly pinset: number | null;
  /** Up peers that report another pinset size: out of sync. */
  readonly pinsetDisagree: readonly string[];
  /** Summed over the peers with data (up or stale); null when none has the gauge. */
  readonly pinQueued: number | null;
  readonly pinning: number | null;
  readonly pinErrors: number | null;
}

/** The summary of `peers`. */
export function fleetSummary(peers: readonly FleetPeer[]): FleetSummary {
  // Module-level functions, not closures made per frame (see src/feed/fleet-monitor.ts).
  const up = peers.filter(isUp);
  const votes = new Map<number, number>();
  for (const p of up) {
    const pins = p.snapshot?.cluster.pins;
    if (pins !== null && pins !== undefined) votes.set(pins, (votes.get(pins) ?? 0) + 1);
  }
  // The most reported size; between equally many, the larger (the pinset only lags behind).
  let pinset: number | null = null;
  for (const [pins, n] of votes) if (pinset === null || n > votes.get(pinset)! || (n === votes.get(pinset)! && pins > pinset)) pinset = pins;
  const withData = peers.filter(hasData);
  return {
    peersUp: up.length,
    peersTotal: peers.length,
    pinset,
    pinsetDisagree: pinset === null ? [] : outOfSync(up, pinset),
    pinQueued: total(withData, 'pinQueued', 'pinqueue'),
    pinning: total(withData, 'pinning', null),
    pinErrors: total(withData, 'pinErrors', 'pinErrors'),
  };
}

function isUp(peer: FleetPeer): boolean {
  return peer.health === 'up';
}

function hasData(peer: FleetPeer): boolean {
  return peer.health !== 'down';
}

/** A cluster gauge summed over `peers`; a peer without metrics counts with what the REST API says of it (`fromApi`, null: nothing). */
function total(peers: readonly FleetPeer[], gauge: 'pinQueued' | 'pinning' | 'pinErrors', fromApi: 'pinqueue' | 'pinErrors' | null): number | null {
  let sum: number | null = null;
  for (const p of peers) {
    const v = p.snapshot !== null ? p.snapshot.cluster[gauge] : p.api === null || fromApi === null ? null : p.api[fromApi];
    if (v !== null) sum = (sum ?? 0) + v;
  }
  return sum;
}
