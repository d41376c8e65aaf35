// The fleet read from a Prometheus-compatible server, outside React: one refresh every interval on
// one PollScheduler — never two at once, so a slow server delays the next refresh instead of
// stacking them. A refresh asks its cheap rows first (the first one is published at once, so
// every peer is on screen before the server has gone over every bucket series), then the latency
// at the one quantile shown (showQuantile: the keys 1–4 ask for another). The first latency of a
// quantile comes with what the server already holds before it: one range query ending at the
// refresh's instant, beside the fleet's buckets, fills every peer's latency trend. Each refresh
// moves every peer's status (a PeerStatusFeed a peer's dashboard can follow) and publishes the
// same FleetState as the scraping FleetMonitor, with the server's status (name, data age, what is
// still loading, failure, warnings). A failed refresh keeps every row's last data (stale).

import type { FleetServerStatus } from '../model/fleet-server.js';
import { prometheusFleet, type PrometheusFleet } from '../model/prometheus-fleet.js';
import { historyStepCount, historySteps } from '../model/prometheus-history.js';
import type { PrometheusSelection } from '../model/prometheus-queries.js';
import { keptQuantiles } from '../model/quantile-keys.js';
import { quantileName } from '../model/units.js';
import type { MethodRates } from '../model/rpc-latency.js';
import { stepInterval } from '../model/scrape-status.js';
import { asPollFailureKind, type PrometheusClient, type PrometheusFailure } from '../sources/prometheus/client.js';
import type { FleetHistory } from '../sources/prometheus/fleet-history.js';
import { readInstant, refreshLatency, refreshLatencyWithHistory, refreshRowsAt, withoutLatency } from '../sources/prometheus/fleet-refresh.js';
import { fleetTrendCapacity, type FleetState } from './fleet-monitor.js';
import type { FleetSource, FleetSourceMember } from './fleet-source.js';
import { ServerPeers } from './server-peers.js';
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

/** The fleet as one server sees it, refreshed every interval. */
export class PrometheusFleetMonitor implements FleetSource {
  private readonly now: () => number;
  private readonly scheduler: PollScheduler;
  private readonly peers: ServerPeers;
  private readonly listeners = new Set<() => void>();
  private state: FleetState;
  /** The server as the last refresh left it; what is loading is added when published. */
  private server: Omit<FleetServerStatus, 'loading'>;
  private capacity: number | null = null;
  private historyNotes: string[] = [];
  private historyNotesUntilMs = -Infinity;
  /** The quantile asked of the server for each peer (the one on screen). */
  private shown: number;
  /** The quantile whose history was asked for, or null. */
  private historyFor: number | null = null;
  /** The quantile of the newest latency taken in, or null before any. */
  private latencyFor: number | null = null;
  /** A refresh's rows or latency has been published. */
  private published = false;
  /** The fleet's bucket rates and instant of the newest good refresh. */
  private fleetRates: readonly MethodRates[] = [];
  private evalMs = NaN;
  private intervalMs: number;
  private started = false;
  private stopped = false;
  private refreshes = 0;
  /** The quantiles every trend keeps (the keys' and the configured one); only the shown one is asked. */
  private readonly keys: readonly number[];
  private readonly first = new Latch();
  private readonly history = new Latch();

  constructor(private readonly options: PrometheusFleetMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs;
    this.keys = keptQuantiles(options.quantile);
    this.shown = options.quantile;
    this.peers = new ServerPeers({ server: options.client.server, peerLabel: options.peerLabel, windowMs: options.windowMs, keys: this.keys, changeInterval: (d) => this.changeInterval(d) });
    if (options.history === false) this.history.open();
    this.server = { server: options.client.server, dataMs: null, failure: null, warnings: [] };
    this.state = { peers: [], latency: { evalMs: NaN, perPeer: [], fleet: [] }, crashed: null, server: { ...this.server, loading: this.loadingNow() } };
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
    return this.peers.members;
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
    this.peers.setInterval(next, this.now());
    this.publish();
  }

  /**
   * Asks the server for each peer's `q`-quantile from the next refresh on (now, when none is in
   * flight), and for its history: the trends start again from that (the server holds the past).
   */
  showQuantile(q: number): void {
    if (q === this.shown || !this.keys.includes(q)) return;
    this.shown = q;
    this.peers.restartTrends(this.capacity ?? fleetTrendCapacity(1));
    // Whatever history was filled is gone with the trends: the next refresh of `q` asks for it.
    this.historyFor = null;
    this.publish();
    this.scheduler.kick();
  }

  /**
   * One refresh: the rows (published at once the first time, before any latency is on screen),
   * then the latency at the shown quantile — the first time that quantile is asked, with its history.
   */
  private async run(): Promise<void> {
    this.refreshes++;
    const startedMs = this.now();
    const asked = this.shown;
    const { client, selector, peerLabel, windowMs } = this.options;
    const ask = { selector, peerLabel, windowMs, keys: [asked], now: this.now };
    const instant = await readInstant(client, ask);
    if (this.stopped) return;
    if (!instant.ok) return this.failed(instant.failure);
    const { evalMs } = instant;
    this.capacity ??= fleetTrendCapacity(instant.peers);
    const historyWanted = this.options.history !== false && this.historyFor !== asked;
    if (historyWanted) this.historyFor = asked;
    const steps = historyWanted ? historyStepCount(this.capacity, instant.peers) : 0;
    // The rows' queries go first on the instant connection, the fleet's buckets behind them; a
    // history's range query starts at once on a connection of its own.
    const rowsAsked = refreshRowsAt(client, ask, instant);
    const withHistory = steps > 0 ? refreshLatencyWithHistory(client, ask, evalMs, { stepMs: this.intervalMs, steps }) : null;
    const rows = await rowsAsked;
    if (this.stopped) return;
    if (!rows.ok) {
      await withHistory;
      return this.failed(rows.failure, historyWanted);
    }
    const read = { peerLabel, windowMs, quantile: asked, intervalMs: this.intervalMs };
    if (!this.published) {
      this.takeIn(prometheusFleet(withoutLatency(rows.answers, [asked]), read), rows, this.now() - startedMs, null);
      this.publish();
      this.first.open();
    }
    const { latency, history } = withHistory !== null ? await withHistory : { latency: await refreshLatency(client, ask, evalMs), history: null };
    if (this.stopped) return;
    if (history !== null) this.noteHistory(history);
    if (!latency.ok) return this.failed(latency.failure, historyWanted);
    const fleet = prometheusFleet({ ...rows.answers, ...latency.answers }, read);
    const notes = { warnings: [...new Set([...rows.warnings, ...latency.warnings])], dropped: rows.dropped + latency.dropped };
    this.takeIn(fleet, notes, this.now() - startedMs, asked);
    this.latencyFor = asked;
    // Another quantile was asked for meanwhile: its own history follows.
    if (history?.ok === true && asked === this.shown) {
      const byStep = historySteps(this.keys.map((k) => (k === asked ? history.perKey[0] : [])), this.keys.length, peerLabel);
      this.peers.fillTrends(byStep, fleet.peers.map((p) => p.name), this.capacity!);
      this.historyFor = asked;
    }
    this.publish();
    this.first.open();
    if (historyWanted) this.history.open();
  }

  /** A failed refresh: every row keeps its data and says why; the first frame is not held back by it. A history it asked is asked again. */
  private failed(failure: PrometheusFailure, historyWanted = false): void {
    if (historyWanted) this.historyFor = null;
    this.takeFailure(failure);
    this.publish();
    this.first.open();
  }

  /** What the header says is on its way: the shown quantile's latency (with its history the first time); null when it is in. */
  private loadingNow(): string | null {
    if (this.latencyFor === this.shown) return null;
    return this.latencyFor === null ? 'latency' : `${quantileName(this.shown)} latency`;
  }

  /** The history's warnings, or why it could not be read, on the header for HISTORY_NOTE_MS. */
  private noteHistory(history: FleetHistory): void {
    this.historyNotesUntilMs = this.now() + HISTORY_NOTE_MS;
    if (!history.ok) {
      this.historyNotes = [`history not loaded (the sparklines fill as refreshes come): ${history.failure.message}`];
      return;
    }
    this.historyNotes = [...history.warnings];
    if (history.dropped > 0) this.historyNotes.push(`history: ${history.dropped} series or points over the caps left out`);
  }

  /** A good refresh (with its latency unless `asked` is null) into the peers and the server's status. */
  private takeIn(fleet: PrometheusFleet, notes: { readonly warnings: readonly string[]; readonly dropped: number }, durationMs: number, asked: number | null): void {
    const atMs = this.now();
    this.capacity ??= fleetTrendCapacity(fleet.peers.length);
    this.peers.takeIn({ fleet, atMs, intervalMs: this.intervalMs, durationMs, capacity: this.capacity, asked, shown: this.shown });
    const evalMs = fleet.latency.evalMs;
    const warnings = [...notes.warnings, ...(atMs < this.historyNotesUntilMs ? this.historyNotes : [])];
    if (notes.dropped > 0) warnings.push(`${this.options.client.server} sent more than cluster-top keeps: ${notes.dropped} series or points left out`);
    this.server = { server: this.options.client.server, dataMs: evalMs, failure: null, warnings };
    this.published = true;
    if (asked === null) return;
    this.fleetRates = fleet.latency.fleet;
    this.evalMs = evalMs;
  }

  /** A failed refresh: every row keeps its data and says why (one line, the engine's words escaped). */
  private takeFailure(failure: PrometheusFailure): void {
    this.peers.takeFailure(asPollFailureKind(failure.kind), failure.message, this.now());
    this.server = { ...this.server, failure: failure.message };
  }

  private publish(): void {
    const { peers, perPeer } = this.peers.inputs();
    this.state = { peers, latency: { evalMs: this.evalMs, perPeer, fleet: this.fleetRates }, crashed: null, server: { ...this.server, loading: this.loadingNow() } };
    for (const listener of this.listeners) listener();
  }

  private crash(error: unknown): void {
    this.state = { ...this.state, crashed: { error } };
    this.peers.crash(error);
    this.first.open();
    this.history.open();
    for (const listener of this.listeners) listener();
  }
}
