// The fleet read from a Prometheus-compatible server, outside React: one refresh (refreshFleet:
// a fixed number of queries whatever the number of peers) every interval on one PollScheduler —
// never two at once, so a slow server delays the next refresh instead of stacking them. Once the
// first refresh is published, one range query per kept quantile puts what the server already
// holds before it in every peer's latency trend. Each refresh moves every peer's status (a PeerStatusFeed a peer's
// dashboard can follow) and publishes the same FleetState as the scraping FleetMonitor, with the
// server's status (name, data age, failure, warnings). A failed refresh keeps every row's last
// data (stale).

import type { FleetServerStatus } from '../model/fleet-server.js';
import { pinsetSpeedOf, type FleetPeerInput } from '../model/fleet-peers.js';
import { LatencyTrend } from '../model/latency-trend.js';
import { prometheusFleet, type PrometheusFleet, type PrometheusFleetAnswers } from '../model/prometheus-fleet.js';
import { historyStepCount, historySteps, methodPeerCount, trendWithHistory } from '../model/prometheus-history.js';
import type { PrometheusSelection } from '../model/prometheus-queries.js';
import { keptQuantiles } from '../model/quantile-keys.js';
import { GROWING_SCRAPES, isQueueGrowing } from '../model/queue-growth.js';
import type { MethodRates } from '../model/rpc-latency.js';
import { stepInterval } from '../model/scrape-status.js';
import { asPollFailureKind, type PrometheusClient } from '../sources/prometheus/client.js';
import { fetchFleetHistory } from '../sources/prometheus/fleet-history.js';
import { refreshFleet, type FleetRefresh } from '../sources/prometheus/fleet-refresh.js';
import { fleetTrendCapacity, type FleetState } from './fleet-monitor.js';
import type { FleetSource, FleetSourceMember } from './fleet-source.js';
import { PeerStatusFeed } from './peer-status.js';
import { PollScheduler } from './poll-scheduler.js';
import { settledWithin } from '../util/event-loop.js';
import { Latch } from '../util/latch.js';

/** How the server is asked and its answers kept. */
export interface PrometheusFleetMonitorOptions extends PrometheusSelection {
  /** The server (its owner closes it). */
  readonly client: PrometheusClient;
  /** First interval between refresh starts, ms. */
  readonly intervalMs: number;
  /** Window of rates and quantiles, ms. */
  readonly windowMs: number;
  readonly quantile: number;
  /** Fill the trends from the server's history after the first publish (default true). */
  readonly history?: boolean;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** How long the history fill's failure or warnings stay on the header, ms. */
export const HISTORY_NOTE_MS = 60_000;

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

/** The fleet as one server sees it, refreshed every interval. */
export class PrometheusFleetMonitor implements FleetSource {
  private readonly now: () => number;
  private readonly scheduler: PollScheduler;
  private readonly entries = new Map<string, PeerEntry>();
  private readonly listeners = new Set<() => void>();
  private ordered: PeerEntry[] = [];
  private membersList: readonly FleetSourceMember[] = [];
  private state: FleetState;
  private server: FleetServerStatus;
  private capacity: number | null = null;
  private historyNotes: string[] = [];
  private historyNotesUntilMs = -Infinity;
  private historyAsked = false;
  /** The fleet's bucket rates and instant of the newest good refresh. */
  private fleetRates: readonly MethodRates[] = [];
  private evalMs = NaN;
  private intervalMs: number;
  private started = false;
  private stopped = false;
  private refreshes = 0;
  /** The first refresh is in (or the monitor stopped); then the history fill is done. */
  /** The quantiles asked for and kept in every trend: the keys' and the configured one. */
  private readonly keys: readonly number[];
  private readonly first = new Latch();
  private readonly history = new Latch();

  constructor(private readonly options: PrometheusFleetMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs;
    this.keys = keptQuantiles(options.quantile);
    if (options.history === false) this.history.open();
    this.server = { server: options.client.server, dataMs: null, failure: null, warnings: [] };
    this.state = { peers: [], latency: { evalMs: NaN, perPeer: [], fleet: [] }, crashed: null, server: this.server };
    this.scheduler = new PollScheduler({
      intervalMs: options.intervalMs,
      now: this.now,
      run: () => this.run(),
      onError: (error) => {
        this.crash(error);
        return false;
      },
    });
  }

  /** The peers seen so far, ordered by name. */
  get members(): readonly FleetSourceMember[] {
    return this.membersList;
  }

  /** Refreshes started so far (for tests). */
  get refreshCount(): number {
    return this.refreshes;
  }

  readonly getState = (): FleetState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.scheduler.start();
  }

  stop(): void {
    this.stopped = true;
    this.scheduler.stop();
    this.first.open();
    this.history.open();
  }

  /** Resolves once the first refresh is in (the history comes after it), or after `ms`. */
  async firstAnswers(ms: number): Promise<void> {
    await settledWithin(this.first.opened, ms);
  }

  /** Resolves once the history fill is done (loaded, failed, or not asked), or after `ms`. */
  async historyFilled(ms: number): Promise<void> {
    await settledWithin(this.history.opened, ms);
  }

  changeInterval(direction: 1 | -1): void {
    const next = stepInterval(this.intervalMs, direction);
    if (next === this.intervalMs) return;
    this.intervalMs = next;
    this.scheduler.setInterval(next);
    const atMs = this.now();
    for (const entry of this.ordered) entry.feed.dispatch({ type: 'interval-set', intervalMs: next, atMs });
    this.publish();
  }

  /**
   * One refresh: asks, takes the answers in, publishes; the first time one works, then fills the
   * trends with the server's history and publishes again (the first frame does not wait for it).
   */
  private async run(): Promise<void> {
    this.refreshes++;
    const startedMs = this.now();
    const { client, selector, peerLabel, windowMs } = this.options;
    const refresh = await refreshFleet(client, { selector, peerLabel, windowMs, keys: this.keys, now: this.now });
    if (this.stopped) return;
    if (refresh.ok) {
      const fleet = prometheusFleet(refresh.answers, { peerLabel, windowMs, quantile: this.options.quantile, intervalMs: this.intervalMs });
      this.capacity ??= fleetTrendCapacity(fleet.peers.length);
      this.takeIn(fleet, refresh, this.now() - startedMs);
      this.publish();
      this.first.open();
      if (!this.historyAsked && this.options.history !== false) {
        this.historyAsked = true;
        await this.fillHistory(fleet, refresh.answers.evalMs, refresh.answers.peerCalls);
        this.history.open();
        if (this.stopped) return;
        this.publish();
      }
      return;
    }
    this.takeFailure(refresh);
    this.publish();
    this.first.open();
  }

  /** One range query per kept quantile over the steps before `evalMs`, into each peer's trend. */
  private async fillHistory(fleet: PrometheusFleet, evalMs: number, methodSeries: PrometheusFleetAnswers['peerCalls']): Promise<void> {
    const { client, selector, peerLabel, windowMs } = this.options;
    const { keys } = this;
    const steps = historyStepCount(this.capacity!, methodPeerCount(methodSeries, peerLabel), keys.length);
    if (steps === 0) return;
    this.historyNotesUntilMs = this.now() + HISTORY_NOTE_MS;
    const history = await fetchFleetHistory(client, { selector, peerLabel, windowMs, keys, endMs: evalMs - this.intervalMs, stepMs: this.intervalMs, steps });
    if (!history.ok) {
      this.historyNotes = [`history not loaded (the sparklines fill as refreshes come): ${history.failure.message}`];
    } else {
      this.historyNotes = [...history.warnings];
      if (history.dropped > 0) this.historyNotes.push(`history: ${history.dropped} series or points over the caps left out`);
      const steps = historySteps(history.perKey, keys.length, peerLabel);
      for (const peer of fleet.peers) {
        const entry = this.entryOf(peer.name);
        entry.trend = trendWithHistory(steps, peer.name, entry.trend.points(), this.capacity!, keys);
        entry.feed.dispatch({ type: 'trend-filled', trend: entry.trend.points() });
      }
    }
    // The notes join the server's warnings now, not at the next refresh.
    this.server = { ...this.server, warnings: [...this.server.warnings, ...this.historyNotes] };
  }

  /** A good refresh: each peer's status, trend, queue and pinset speed; peers gone from it go stale. */
  private takeIn(fleet: PrometheusFleet, refresh: Extract<FleetRefresh, { ok: true }>, durationMs: number): void {
    const atMs = this.now();
    const evalMs = refresh.answers.evalMs;
    const seen = new Set<string>();
    for (const peer of fleet.peers) {
      seen.add(peer.name);
      const entry = this.entryOf(peer.name);
      entry.absentSinceMs = null;
      const fresh = evalMs > entry.lastPointMs;
      if (fresh) entry.lastPointMs = evalMs;
      const snapshot = peer.status.snapshot;
      if (peer.status.failure !== null || snapshot === null) {
        if (fresh) entry.trend.pushGap(evalMs);
        entry.methodRates = [];
        const message = peer.status.failure?.message ?? 'no figures';
        entry.feed.dispatch({ type: 'poll-failed', atMs, kind: 'network', message, trend: entry.trend.points() });
        continue;
      }
      if (fresh) {
        entry.trend.push(evalMs, snapshot.methodRates);
        keepLast(entry.queued, snapshot.cluster.pinQueued ?? NaN, GROWING_SCRAPES + 1);
        if (snapshot.cluster.pins !== null) entry.pins.push({ tMs: evalMs, pins: snapshot.cluster.pins });
        while (entry.pins.length > 0 && entry.pins[0].tMs < evalMs - this.options.windowMs) entry.pins.shift();
      }
      entry.methodRates = snapshot.methodRates;
      const uptime = snapshot.process.uptimeSeconds;
      const restarted = uptime !== null && entry.uptimeSeconds !== null && uptime < entry.uptimeSeconds;
      entry.uptimeSeconds = uptime;
      entry.feed.dispatch({ type: 'poll-succeeded', atMs, snapshot, trend: entry.trend.points(), queueGrowing: isQueueGrowing(entry.queued), durationMs, restarted });
    }
    this.forgetAbsent(seen, atMs);
    const warnings = [...refresh.warnings, ...(atMs < this.historyNotesUntilMs ? this.historyNotes : [])];
    if (refresh.dropped > 0) warnings.push(`${this.options.client.server} sent more than cluster-top keeps: ${refresh.dropped} series or points left out`);
    this.server = { server: this.options.client.server, dataMs: evalMs, failure: null, warnings };
    this.fleetRates = fleet.latency.fleet;
    this.evalMs = evalMs;
  }

  /** Peers missing from a good answer go stale, and are dropped after FORGET_ABSENT_MS. */
  private forgetAbsent(seen: ReadonlySet<string>, atMs: number): void {
    let dropped = false;
    for (const entry of this.ordered) {
      if (seen.has(entry.name)) continue;
      entry.absentSinceMs ??= atMs;
      if (atMs - entry.absentSinceMs > FORGET_ABSENT_MS) {
        this.entries.delete(entry.name);
        dropped = true;
        continue;
      }
      entry.methodRates = [];
      entry.feed.dispatch({ type: 'poll-failed', atMs, kind: 'network', message: `no longer in ${this.options.client.server}'s answers`, trend: entry.trend.points() });
    }
    if (dropped) this.reorder();
  }

  /** A failed refresh: every row keeps its data and says why (one line, the engine's words escaped). */
  private takeFailure(refresh: Extract<FleetRefresh, { ok: false }>): void {
    const atMs = this.now();
    const { failure } = refresh;
    for (const entry of this.ordered) {
      entry.feed.dispatch({ type: 'poll-failed', atMs, kind: asPollFailureKind(failure.kind), message: failure.message, trend: entry.trend.points() });
    }
    this.server = { ...this.server, failure: failure.message };
  }

  private entryOf(name: string): PeerEntry {
    let entry = this.entries.get(name);
    if (entry !== undefined) return entry;
    const { client, peerLabel } = this.options;
    const feed = new PeerStatusFeed(`${client.server} ${peerLabel}=${JSON.stringify(name)}`, this.intervalMs, this.now(), (d) => this.changeInterval(d));
    entry = { name, feed, trend: new LatencyTrend(this.capacity ?? fleetTrendCapacity(1), this.keys), lastPointMs: -Infinity, queued: [], pins: [], uptimeSeconds: null, absentSinceMs: null, methodRates: [] };
    this.entries.set(name, entry);
    this.reorder();
    return entry;
  }

  private reorder(): void {
    this.ordered = [...this.entries.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    this.membersList = this.ordered.map((e) => ({ name: e.name, monitor: e.feed }));
  }

  private publish(): void {
    const peers: FleetPeerInput[] = this.ordered.map((e) => ({ name: e.name, target: e.feed.target, status: e.feed.getState().status, pinsPerSecond: pinsetSpeedOf(e.pins) }));
    const perPeer = this.ordered.map((e) => e.methodRates);
    this.state = { peers, latency: { evalMs: this.evalMs, perPeer, fleet: this.fleetRates }, crashed: null, server: this.server };
    for (const listener of this.listeners) listener();
  }

  private crash(error: unknown): void {
    this.state = { ...this.state, crashed: { error } };
    for (const entry of this.ordered) entry.feed.crash(error);
    this.first.open();
    this.history.open();
    for (const listener of this.listeners) listener();
  }
}

function keepLast(values: number[], value: number, n: number): void {
  values.push(value);
  if (values.length > n) values.splice(0, values.length - n);
}
