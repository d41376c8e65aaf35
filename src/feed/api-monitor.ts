// The cluster as one peer's REST API shows it, outside React: membership and health (`/id`,
// `/peers`, `/health/alerts`, the `ping`, `freespace` and `pinqueue` metrics) refreshed every
// apiIntervalMs, and the pins in error (the expensive `/pins?filter=…`) every errorsIntervalMs
// and on demand. Each kind runs on its own schedule, never twice at once (a request for one in
// flight joins it). Membership goes through the model's reducer, which remembers every peer ever
// seen; the monitor publishes an immutable ApiState that the UI reads with useSyncExternalStore,
// and step() refreshes everything once for `--once`.

import { EMPTY_MEMBERSHIP, MAX_PEERS, membershipRows, reduceMembership, type ApiPeer, type Membership } from '../model/cluster-api/membership.js';
import { MAX_PIN_ERROR_ROWS, type PinErrors } from '../model/cluster-api/pin-errors.js';
import type { ApiAlert, ApiId, ApiMetric } from '../model/cluster-api/shapes.js';
import type { ApiFailureKind } from '../model/failure-kinds.js';
import type { ApiAnswer, ApiMetricName } from '../sources/cluster-api/client.js';
import { oneLine } from '../util/escape-control.js';
import { PollScheduler } from './poll-scheduler.js';

/** The requests the monitor makes (ClusterApiClient has them). */
export interface ApiSource {
  id(): Promise<ApiAnswer<ApiId>>;
  peers(): Promise<ApiAnswer<readonly ApiId[]>>;
  alerts(): Promise<ApiAnswer<readonly ApiAlert[]>>;
  metric(name: ApiMetricName): Promise<ApiAnswer<readonly ApiMetric[]>>;
  pinErrors(maxRows?: number): Promise<ApiAnswer<PinErrors>>;
}

/** How the monitor refreshes. */
export interface ApiMonitorOptions {
  readonly source: ApiSource;
  /** Between membership refreshes, ms (default 15 s). */
  readonly apiIntervalMs?: number;
  /** Between pin-error refreshes, ms (default 5 min); Infinity: on demand only. */
  readonly errorsIntervalMs?: number;
  /** Peers remembered at most (default 10,000). */
  readonly maxPeers?: number;
  /** Pin-error rows kept at most (default 1,000; the rest are counted). */
  readonly maxPinErrorRows?: number;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** What the monitor publishes; a new object after each change, never mutated. */
export interface ApiState {
  /** The peer whose API is read, from its last good `/id` (null before one). */
  readonly self: ApiId | null;
  /** Every peer ever seen: the peer itself first, then by name. */
  readonly peers: readonly ApiPeer[];
  /** Peers the last refresh saw but did not remember (the cap reached). */
  readonly peersNotKept: number;
  /** The last pin-error refresh that answered (null before one). */
  readonly pinErrors: PinErrors | null;
  /** One escaped line: what went wrong in the last membership refresh, else in the last pin-error refresh, else null. */
  readonly error: string | null;
  /** What failed the last membership refresh (null when it answered, even with a stream error). */
  readonly failureKind: ApiFailureKind | null;
  /** The last pin-error refresh's error line, or null. */
  readonly pinErrorsError: string | null;
  /** When the last membership refresh ended, unix ms (null before one). */
  readonly refreshedAt: number | null;
  /** When the last pin-error refresh ended, unix ms (null before one). */
  readonly errorsRefreshedAt: number | null;
  /** A refresh of each kind is in flight. */
  readonly refreshing: { readonly membership: boolean; readonly pinErrors: boolean };
  /** A bug met while taking an answer in (the live view rethrows it); refreshing then stops. */
  readonly crashed: { readonly error: unknown } | null;
}

/** Default interval between membership refreshes. */
export const DEFAULT_API_INTERVAL_MS = 15_000;
/** Default interval between pin-error refreshes. */
export const DEFAULT_ERRORS_INTERVAL_MS = 5 * 60_000;

/** Failures of /id that the other requests would meet too: the refresh stops there. */
const FATAL: ReadonlySet<ApiFailureKind> = new Set<ApiFailureKind>(['refused', 'dns', 'timeout', 'tls', 'bad-url', 'unauthorized', 'closed', 'network']);

/** The REST API's view of the cluster, refreshed on two schedules. */
export class ApiMonitor {
  private state: ApiState;
  private membership: Membership = EMPTY_MEMBERSHIP;
  private membershipError: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly membershipScheduler: PollScheduler;
  private readonly errorsScheduler: PollScheduler | null;
  private membershipRun: Promise<void> | null = null;
  private errorsRun: Promise<void> | null = null;
  private stopped = false;
  private started = false;

  constructor(private readonly options: ApiMonitorOptions) {
    this.now = options.now ?? Date.now;
    this.state = {
      self: null, peers: [], peersNotKept: 0, pinErrors: null, error: null, failureKind: null, pinErrorsError: null,
      refreshedAt: null, errorsRefreshedAt: null, refreshing: { membership: false, pinErrors: false }, crashed: null,
    };
    const onError = (error: unknown): boolean => {
      this.crash(error);
      return false;
    };
    this.membershipScheduler = new PollScheduler({ intervalMs: options.apiIntervalMs ?? DEFAULT_API_INTERVAL_MS, now: this.now, run: () => this.refreshMembership(), onError });
    const errorsMs = options.errorsIntervalMs ?? DEFAULT_ERRORS_INTERVAL_MS;
    this.errorsScheduler = Number.isFinite(errorsMs) ? new PollScheduler({ intervalMs: errorsMs, now: this.now, run: () => this.refreshPinErrors(), onError }) : null;
  }

  /** The current state. */
  readonly getSnapshot = (): ApiState => this.state;

  /** Calls `listener` after each published change; returns the unsubscribe function. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts both schedules (each refreshes at once). */
  start(): void {
    if (this.stopped || this.started) return;
    this.started = true;
    this.membershipScheduler.start();
    this.errorsScheduler?.start();
  }

  /** Stops both schedules for good (refreshes in flight end unpublished; the source is the caller's to close). */
  stop(): void {
    this.stopped = true;
    this.membershipScheduler.stop();
    this.errorsScheduler?.stop();
  }

  /**
   * Refreshes the pins in error now (the `e` key): started, through the schedule, which counts
   * its next interval from this refresh, or runs one more right after the refresh in flight.
   */
  refreshErrors(): void {
    if (this.stopped) return;
    if (this.started && this.errorsScheduler !== null) this.errorsScheduler.kick();
    else void this.refreshPinErrors().catch((error: unknown) => this.crash(error));
  }

  /** Refreshes everything once (for `--once`); resolves when both refreshes are published. */
  async step(): Promise<ApiState> {
    await Promise.all([this.refreshMembership(), this.refreshPinErrors()]);
    return this.state;
  }

  /** One membership refresh; joins the one in flight. */
  private refreshMembership(): Promise<void> {
    this.membershipRun ??= this.runMembership().finally(() => (this.membershipRun = null));
    return this.membershipRun;
  }

  /** One pin-error refresh; joins the one in flight. */
  private refreshPinErrors(): Promise<void> {
    this.errorsRun ??= this.runPinErrors().finally(() => (this.errorsRun = null));
    return this.errorsRun;
  }

  private async runMembership(): Promise<void> {
    this.publish({ refreshing: { ...this.state.refreshing, membership: true } });
    const { source } = this.options;
    const self = await source.id();
    let answers: [ApiAnswer<readonly ApiAlert[]>, ApiAnswer<readonly ApiMetric[]>, ApiAnswer<readonly ApiMetric[]>, ApiAnswer<readonly ApiMetric[]>, ApiAnswer<readonly ApiId[]>] | null = null;
    if (self.ok || !FATAL.has(self.failure.kind)) {
      answers = await Promise.all([source.alerts(), source.metric('ping'), source.metric('freespace'), source.metric('pinqueue'), source.peers()]);
    }
    if (this.stopped) return;
    const [alerts, ping, freespace, pinqueue, peers] = answers ?? [null, null, null, null, null];
    const all = [self, alerts, ping, freespace, pinqueue, peers];
    const got = <T>(answer: ApiAnswer<T> | null): T | null => (answer !== null && answer.ok ? answer.value : null);
    this.membership = reduceMembership(this.membership, {
      self: got(self), peers: got(peers), ping: got(ping), freespace: got(freespace), pinqueue: got(pinqueue), alerts: got(alerts),
    }, this.options.maxPeers ?? MAX_PEERS);
    this.membershipError = firstError(all);
    this.publish({
      self: got(self) ?? this.state.self,
      peers: membershipRows(this.membership),
      peersNotKept: this.membership.overflow,
      failureKind: self.ok ? null : self.failure.kind,
      refreshedAt: this.now(),
      refreshing: { ...this.state.refreshing, membership: false },
    });
  }

  private async runPinErrors(): Promise<void> {
    this.publish({ refreshing: { ...this.state.refreshing, pinErrors: true } });
    const answer = await this.options.source.pinErrors(this.options.maxPinErrorRows ?? MAX_PIN_ERROR_ROWS);
    if (this.stopped) return;
    this.publish({
      pinErrors: answer.ok ? answer.value : this.state.pinErrors,
      pinErrorsError: firstError([answer]),
      errorsRefreshedAt: this.now(),
      refreshing: { ...this.state.refreshing, pinErrors: false },
    });
  }

  private publish(change: Partial<ApiState>): void {
    if (this.stopped && change.crashed === undefined) return;
    const next = { ...this.state, ...change };
    this.state = { ...next, error: this.membershipError ?? next.pinErrorsError };
    for (const listener of this.listeners) listener();
  }

  private crash(error: unknown): void {
    this.publish({ crashed: { error } });
    this.stop();
  }
}

/** The first failure's message, else the first stream error, as one line; null when all went well. */
function firstError(answers: readonly (ApiAnswer<unknown> | null)[]): string | null {
  for (const a of answers) if (a !== null && !a.ok) return oneLine(a.failure.message, 400);
  for (const a of answers) if (a !== null && a.ok && a.error !== null) return oneLine(a.error, 400);
  return null;
}
