// The peers of a fleet read from a server, kept between its refreshes: each one's PeerStatusFeed
// (what a peer's dashboard follows), latency trend, recent queue and pinset gauges, and when it
// went missing from the answers. The PrometheusFleetMonitor hands it each refresh's fleet, a
// failure, or a history fill; it moves every peer's status and says what to publish.

import { comparePeerNames, pinsetSpeedOf, type FleetPeerInput } from '../model/fleet-peers.js';
import { LatencyTrend } from '../model/latency-trend.js';
import type { PrometheusFleet } from '../model/prometheus-fleet.js';
import { trendWithHistory, type HistorySteps } from '../model/prometheus-history.js';
import { GROWING_SCRAPES, isQueueGrowing } from '../model/queue-growth.js';
import type { MethodRates } from '../model/rpc-latency.js';
import type { PollFailureKind } from '../model/failure-kinds.js';
import type { FleetSourceMember } from './fleet-source.js';
import { PeerStatusFeed } from './peer-status.js';

/** A peer gone from the server's answers is dropped after this long (its row says so until then). */
export const FORGET_ABSENT_MS = 10 * 60_000;

/** What is kept of one peer between refreshes. */
interface PeerEntry {
  readonly name: string;
  readonly feed: PeerStatusFeed;
  trend: LatencyTrend;
  /** Time of the newest trend point (refreshes at an unchanged instant add none). */
  lastPointMs: number;
  /** The queued-pins gauge at the last few instants. */
  readonly queued: number[];
  /** The pinset gauge over the window: (instant, pins). */
  readonly pins: { tMs: number; pins: number }[];
  uptimeSeconds: number | null;
  /** When it was first missing from an answer, or null. */
  absentSinceMs: number | null;
  methodRates: readonly MethodRates[];
}

/** How the peers are named and their trends kept. */
export interface ServerPeersOptions {
  /** The server as shown (`host:port/prefix`). */
  readonly server: string;
  readonly peerLabel: string;
  readonly windowMs: number;
  /** The quantiles every trend keeps. */
  readonly keys: readonly number[];
  /** A peer's dashboard asks for another interval. */
  readonly changeInterval: (direction: 1 | -1) => void;
}

/** A refresh's fleet as the peers take it in. */
export interface TakenFleet {
  readonly fleet: PrometheusFleet;
  readonly atMs: number;
  readonly intervalMs: number;
  readonly durationMs: number;
  /** Trend points' capacity. */
  readonly capacity: number;
  /** The quantile of the answers' latency, or null for the rows alone (no trend point, queue or pinset). */
  readonly asked: number | null;
  /** The quantile on screen: a latency at another adds no trend point. */
  readonly shown: number;
}

/** Every peer seen in a server's answers, ordered by name. */
export class ServerPeers {
  private readonly entries = new Map<string, PeerEntry>();
  private ordered: PeerEntry[] = [];
  /** Entries were added or dropped since the order was made. */
  private unordered = false;
  private membersList: readonly FleetSourceMember[] = [];

  constructor(private readonly options: ServerPeersOptions) {}

  get members(): readonly FleetSourceMember[] {
    return this.membersList;
  }

  /** A good refresh: each peer's status and, with a latency, its trend, queue and pinset speed; peers gone from it go stale. */
  takeIn(taken: TakenFleet): void {
    const { fleet, atMs, asked } = taken;
    const evalMs = fleet.latency.evalMs;
    const seen = new Set<string>();
    for (const peer of fleet.peers) {
      seen.add(peer.name);
      const entry = this.entryOf(peer.name, taken.intervalMs, taken.capacity, atMs);
      entry.absentSinceMs = null;
      const fresh = asked !== null && evalMs > entry.lastPointMs;
      if (fresh) entry.lastPointMs = evalMs;
      const pushes = fresh && asked === taken.shown;
      const snapshot = peer.status.snapshot;
      if (peer.status.failure !== null || snapshot === null) {
        if (pushes) entry.trend.pushGap(evalMs);
        entry.methodRates = [];
        const message = peer.status.failure?.message ?? 'no figures';
        entry.feed.dispatch({ type: 'poll-failed', atMs, kind: 'network', message, trend: entry.trend.points() });
        continue;
      }
      if (pushes) entry.trend.push(evalMs, snapshot.methodRates);
      if (fresh) {
        keepLast(entry.queued, snapshot.cluster.pinQueued ?? NaN, GROWING_SCRAPES + 1);
        if (snapshot.cluster.pins !== null) entry.pins.push({ tMs: evalMs, pins: snapshot.cluster.pins });
        while (entry.pins.length > 0 && entry.pins[0].tMs < evalMs - this.options.windowMs) entry.pins.shift();
      }
      entry.methodRates = snapshot.methodRates;
      const uptime = snapshot.process.uptimeSeconds;
      const restarted = asked !== null && uptime !== null && entry.uptimeSeconds !== null && uptime < entry.uptimeSeconds;
      if (asked !== null) entry.uptimeSeconds = uptime;
      const { durationMs } = taken;
      entry.feed.dispatch({ type: 'poll-succeeded', atMs, snapshot, trend: entry.trend.points(), queueGrowing: isQueueGrowing(entry.queued), durationMs, restarted });
    }
    this.forgetAbsent(seen, atMs);
    if (this.unordered) this.reorder();
  }

  /** A failed refresh: every row keeps its data and says why (`message`: one escaped line). */
  takeFailure(kind: PollFailureKind, message: string, atMs: number): void {
    for (const entry of this.ordered) entry.feed.dispatch({ type: 'poll-failed', atMs, kind, message, trend: entry.trend.points() });
  }

  /** Every trend started again, empty (another quantile is shown). */
  restartTrends(capacity: number): void {
    for (const entry of this.ordered) {
      entry.trend = new LatencyTrend(capacity, this.options.keys);
      entry.lastPointMs = -Infinity;
      entry.feed.dispatch({ type: 'trend-filled', trend: entry.trend.points() });
    }
  }

  /** The history's steps put before the points each named peer's trend holds. */
  fillTrends(steps: HistorySteps, names: readonly string[], capacity: number): void {
    for (const name of names) {
      const entry = this.entries.get(name);
      if (entry === undefined) continue;
      entry.trend = trendWithHistory(steps, name, entry.trend.points(), capacity, this.options.keys);
      entry.feed.dispatch({ type: 'trend-filled', trend: entry.trend.points() });
    }
  }

  /** The interval every peer's status carries. */
  setInterval(intervalMs: number, atMs: number): void {
    for (const entry of this.ordered) entry.feed.dispatch({ type: 'interval-set', intervalMs, atMs });
  }

  /** What the fleet state is made of: each peer's input and its methods' rates, in order. */
  inputs(): { readonly peers: FleetPeerInput[]; readonly perPeer: (readonly MethodRates[])[] } {
    return {
      peers: this.ordered.map((e) => ({ name: e.name, target: e.feed.target, status: e.feed.getState().status, pinsPerSecond: pinsetSpeedOf(e.pins) })),
      perPeer: this.ordered.map((e) => e.methodRates),
    };
  }

  crash(error: unknown): void {
    for (const entry of this.ordered) entry.feed.crash(error);
  }

  /** Peers missing from a good answer go stale, and are dropped after FORGET_ABSENT_MS. */
  private forgetAbsent(seen: ReadonlySet<string>, atMs: number): void {
    for (const entry of this.ordered) {
      if (seen.has(entry.name)) continue;
      entry.absentSinceMs ??= atMs;
      if (atMs - entry.absentSinceMs > FORGET_ABSENT_MS) {
        this.entries.delete(entry.name);
        this.unordered = true;
        continue;
      }
      entry.methodRates = [];
      entry.feed.dispatch({ type: 'poll-failed', atMs, kind: 'network', message: `no longer in ${this.options.server}'s answers`, trend: entry.trend.points() });
    }
  }

  private entryOf(name: string, intervalMs: number, capacity: number, atMs: number): PeerEntry {
    let entry = this.entries.get(name);
    if (entry !== undefined) return entry;
    const { server, peerLabel, keys, changeInterval } = this.options;
    const feed = new PeerStatusFeed(`${server} ${peerLabel}=${JSON.stringify(name)}`, intervalMs, atMs, changeInterval);
    entry = { name, feed, trend: new LatencyTrend(capacity, keys), lastPointMs: -Infinity, queued: [], pins: [], uptimeSeconds: null, absentSinceMs: null, methodRates: [] };
    this.entries.set(name, entry);
    this.unordered = true;
    return entry;
  }

  private reorder(): void {
    this.unordered = false;
    this.ordered = [...this.entries.values()].sort((a, b) => comparePeerNames(a.name, b.name));
    this.membersList = this.ordered.map((e) => ({ name: e.name, monitor: e.feed }));
  }
}

function keepLast(values: number[], value: number, n: number): void {
  values.push(value);
  if (values.length > n) values.splice(0, values.length - n);
}
