// One refresh of the fleet from a Prometheus-compatible server, in two phases with a fixed number
// of instant queries each, whatever the number of peers.
// - Rows (cheap: a few series per peer): the clock query at "now" gives the newest sample time of
//   every peer's `up`; the evaluation instant is the OLDEST of those, the newest instant at which
//   every peer's scrape is in: on Prometheus no sample at or before it can still arrive (each
//   target's next scrape is later), and an engine that hides its newest samples (VictoriaMetrics'
//   -search.latencyOffset) shows only settled ones at "now", so the instant falls behind its
//   offset by itself, with no flag. Then `up`, the gauges, the counter rates and each (method,
//   peer)'s calls per second, all at that instant.
// - Latency (dear: every bucket series of every peer, ~170,000 at 200 demo peers, about a second
//   of a Prometheus's time each): the fleet's summed bucket rates, and each peer's latency as the
//   server's own histogram_quantile at the quantiles asked (a series per method and peer) — never
//   as bucket rates (a series per bucket: 20 MB of JSON a refresh at 200 peers) — over the bucket
//   series as they are, or their sums when a (method, peer) comes back twice (peerQuantileQuery).
// A live monitor shows the rows before the latency comes; `refreshFleet` does both.

import type { LabelledValue, PrometheusFleetAnswers } from '../../model/prometheus-fleet.js';
import { valuesAt } from '../../model/prometheus-history.js';
import { fleetQueries, type FleetQueries, type PrometheusSelection } from '../../model/prometheus-queries.js';
import type { InstantLane, PrometheusClient, PrometheusFailure, QueryAnswer } from './client.js';
import type { VectorSample } from './envelope.js';
import { askPeerQuantile, fetchFleetHistory, type FleetHistory } from './fleet-history.js';

/** What one refresh asks. */
export interface FleetRefreshOptions extends PrometheusSelection {
  readonly windowMs: number;
  /** The quantiles asked for each peer: the one shown (each costs the server a pass over every bucket series). */
  readonly keys: readonly number[];
  /** Wall clock, unix ms (for tests). */
  readonly now?: () => number;
}

/** What every phase's answers carry besides their data. */
interface PhaseNotes {
  /** The engine's warnings and infos from every query, raw and de-duplicated (escape before showing). */
  readonly warnings: readonly string[];
  /** Series left out over the caps, over all queries. */
  readonly dropped: number;
  /** Queries sent. */
  readonly queries: number;
}

/** Instant answers in the order asked, or the first failure. */
type Asked = ({ readonly ok: true; readonly vectors: VectorSample[][] } & PhaseNotes) | { readonly ok: false; readonly failure: PrometheusFailure; readonly queries: number };

/** A phase's answers, or why there are none. */
type Phase<T> = ({ readonly ok: true } & T & PhaseNotes) | { readonly ok: false; readonly failure: PrometheusFailure; readonly queries: number };

/** The rows' answers: the instant and every peer's figures but its latency. */
export type RowsAnswers = Pick<PrometheusFleetAnswers, 'evalMs' | 'up' | 'gauges' | 'rates' | 'peerCalls'>;
/** The latency's answers at the rows' instant. */
export type LatencyAnswers = Pick<PrometheusFleetAnswers, 'latencyFleet' | 'peerQuantiles'>;

/** The first phase's result. */
export type RowsRefresh = Phase<{ readonly answers: RowsAnswers }>;
/** The second phase's result. */
export type LatencyRefresh = Phase<{ readonly answers: LatencyAnswers }>;
/** The answers of one whole refresh, or why there are none. */
export type FleetRefresh = Phase<{ readonly answers: PrometheusFleetAnswers }>;

/** The rows' answers with no latency yet: no quantile and no fleet buckets (a method's calls per second only). */
export function withoutLatency(rows: RowsAnswers, keys: readonly number[]): PrometheusFleetAnswers {
  return { ...rows, latencyFleet: [], peerQuantiles: { keys, perKey: keys.map(() => []) } };
}

/** The evaluation instant from the clock query's answer (sample times in seconds): the oldest of each peer's newest, unix ms; NaN when empty. */
export function evaluationInstant(clock: readonly VectorSample[], peerLabel: string): number {
  const newest = new Map<string, number>();
  for (const s of clock) {
    const peer = s.labels[peerLabel] ?? '';
    const ms = Math.round(s.value * 1000);
    if (Number.isFinite(ms) && !(ms <= (newest.get(peer) ?? -Infinity))) newest.set(peer, ms);
  }
  let oldest = NaN;
  for (const ms of newest.values()) if (!(ms >= oldest)) oldest = ms;
  return oldest;
}

/** The evaluation instant, and how many peers the clock query saw. */
export type InstantRead = Phase<{ readonly evalMs: number; readonly peers: number }>;

/** The start of the first phase: the instant (the clock query). */
export async function readInstant(client: PrometheusClient, options: FleetRefreshOptions): Promise<InstantRead> {
  const queries = queriesOf(options);
  if ('failure' in queries) return { ok: false, failure: queries.failure, queries: 0 };
  const clock = await client.query(queries.clock, (options.now ?? Date.now)());
  if (!clock.ok) return { ok: false, failure: clock.failure, queries: 1 };
  const clockVector = vectorOf(clock);
  if (clockVector === null) return { ok: false, failure: notVector(client, 'clock'), queries: 1 };
  const evalMs = evaluationInstant(clockVector, options.peerLabel);
  if (Number.isNaN(evalMs)) {
    const which = options.selector === null ? 'with an ipfscluster_pins (or older pinset) gauge' : `matching ${options.selector}`;
    return { ok: false, failure: { kind: 'bad-answer', message: `${client.server} has no scrape target ${which} (no up series)` }, queries: 1 };
  }
  const peers = new Set(clockVector.map((s) => s.labels[options.peerLabel] ?? '')).size;
  return { ok: true, evalMs, peers, warnings: [...new Set([...clock.warnings, ...clock.infos])], dropped: clock.dropped, queries: 1 };
}

/** The rest of the first phase: `up`, gauges, rates and calls per second at the instant read. */
export async function refreshRowsAt(client: PrometheusClient, options: FleetRefreshOptions, instant: Extract<InstantRead, { ok: true }>): Promise<RowsRefresh> {
  const queries = queriesOf(options);
  if ('failure' in queries) return { ok: false, failure: queries.failure, queries: 0 };
  const { evalMs } = instant;
  const asked = await askAll(client, evalMs, [
    ['up', queries.up],
    ['gauges', queries.gauges],
    ['rates', queries.rates],
    ['peerCalls', queries.peerCalls],
  ]);
  if (!asked.ok) return { ...asked, queries: asked.queries + instant.queries };
  const [up, gauges, rates, peerCalls] = asked.vectors;
  return { ok: true, answers: { evalMs, up, gauges, rates, peerCalls }, ...joined(instant, asked) };
}

/** The first phase: the instant, then `up`, gauges, rates and calls per second at it. */
export async function refreshRows(client: PrometheusClient, options: FleetRefreshOptions): Promise<RowsRefresh> {
  const instant = await readInstant(client, options);
  return instant.ok ? refreshRowsAt(client, options, instant) : instant;
}

/**
 * The second phase at the rows' instant: the fleet's bucket rates and, beside them, each peer's
 * quantiles at `options.keys`. The fleet's go on the connection `fleetLane`: `beside` once the
 * rows are in; `main` while they are still being asked, behind them.
 */
export async function refreshLatency(client: PrometheusClient, options: FleetRefreshOptions, evalMs: number, fleetLane: InstantLane = 'beside'): Promise<LatencyRefresh> {
  const queries = queriesOf(options);
  if ('failure' in queries) return { ok: false, failure: queries.failure, queries: 0 };
  // Two passes over every bucket series, each about a second of the server's time at 200 peers:
  // side by side, on two connections, so that a server with two cores gives both at once.
  const [fleet, peers] = await Promise.all([askAll(client, evalMs, [['latencyFleet', queries.latencyFleet]], fleetLane), askPeerQuantiles(client, queries, options, evalMs)]);
  if (!fleet.ok) return { ...fleet, queries: fleet.queries + peers.queries };
  if (!peers.ok) return { ...peers, queries: fleet.queries + peers.queries };
  return { ok: true, answers: { latencyFleet: fleet.vectors[0], peerQuantiles: { keys: options.keys, perKey: peers.vectors } }, ...joined(fleet, peers) };
}

/** The first latency of a quantile with its history, and how the history went. */
export interface LatencyWithHistory {
  readonly latency: LatencyRefresh;
  readonly history: FleetHistory;
}

/**
 * The second phase with `steps` steps of history before `evalMs`, every `stepMs`: the fleet's
 * bucket rates behind the rows (the first frame's rows come sooner when nothing dear runs beside
 * them but the range; measured at 200 peers on two cores) beside one range query per key, whose last
 * step is the instant itself — each peer's quantiles now and their history in one pass over the
 * buckets instead of two. An engine whose range has no point at the instant (one that moves the
 * steps), or a failed range, gets the instant per-peer queries after all.
 */
export async function refreshLatencyWithHistory(
  client: PrometheusClient,
  options: FleetRefreshOptions,
  evalMs: number,
  steps: { readonly stepMs: number; readonly steps: number },
): Promise<LatencyWithHistory> {
  const { selector, peerLabel, windowMs, keys } = options;
  const queries = queriesOf(options);
  if ('failure' in queries) return { latency: { ok: false, failure: queries.failure, queries: 0 }, history: { ok: false, failure: queries.failure } };
  const [latency, history] = await Promise.all([
    refreshLatency(client, { ...options, keys: [] }, evalMs, 'main'),
    fetchFleetHistory(client, { selector, peerLabel, windowMs, keys, endMs: evalMs, stepMs: steps.stepMs, steps: steps.steps + 1 }),
  ]);
  if (!latency.ok) return { latency, history };
  const now = history.ok ? history.perKey.map((series) => valuesAt(series, evalMs)) : [null];
  if (now.every((v) => v !== null)) {
    const perKey = now as LabelledValue[][];
    const answers = { latencyFleet: latency.answers.latencyFleet, peerQuantiles: { keys, perKey } };
    return { latency: { ...latency, answers, queries: latency.queries + keys.length }, history };
  }
  const peers = await askPeerQuantiles(client, queries, options, evalMs);
  if (!peers.ok) return { latency: { ...peers, queries: latency.queries + peers.queries }, history };
  const answers = { latencyFleet: latency.answers.latencyFleet, peerQuantiles: { keys, perKey: peers.vectors } };
  return { latency: { ok: true, answers, ...joined(latency, peers) }, history };
}

/** Each peer's quantiles at `options.keys`: over the bucket series as they are, or their sums when a (method, peer) comes back twice. */
async function askPeerQuantiles(client: PrometheusClient, queries: FleetQueries, options: FleetRefreshOptions, evalMs: number): Promise<Asked> {
  const asked = await Promise.all(options.keys.map((q) => askPeerQuantile((expression) => client.query(expression, evalMs), q, queries, options.peerLabel)));
  const sent = asked.reduce((n, a) => n + a.sent, 0);
  return collect(client, options.keys.map((q) => `quantile ${q}`), asked.map((a) => a.answer), sent);
}

/** Two sets of answers' notes together: warnings de-duplicated, drops and queries added. */
function joined(a: PhaseNotes, b: PhaseNotes): PhaseNotes {
  return { warnings: [...new Set([...a.warnings, ...b.warnings])], dropped: a.dropped + b.dropped, queries: a.queries + b.queries };
}

/** Both phases, one after the other (`--once`). */
export async function refreshFleet(client: PrometheusClient, options: FleetRefreshOptions): Promise<FleetRefresh> {
  const rows = await refreshRows(client, options);
  if (!rows.ok) return rows;
  const latency = await refreshLatency(client, options, rows.answers.evalMs);
  if (!latency.ok) return { ...latency, queries: rows.queries + latency.queries };
  const warnings = new Set([...rows.warnings, ...latency.warnings]);
  return { ok: true, answers: { ...rows.answers, ...latency.answers }, warnings: [...warnings], dropped: rows.dropped + latency.dropped, queries: rows.queries + latency.queries };
}

function queriesOf(options: FleetRefreshOptions): FleetQueries | { failure: PrometheusFailure } {
  try {
    return fleetQueries(options, options.windowMs);
  } catch (error) {
    return { failure: { kind: 'bad-url', message: (error as Error).message } };
  }
}

/** Asks every (name, expression) at `evalMs`, one after another on the client's connection `lane`; the first failure wins. */
async function askAll(client: PrometheusClient, evalMs: number, named: readonly (readonly [string, string])[], lane: InstantLane = 'main'): Promise<Asked> {
  const answers = await Promise.all(named.map(([, expression]) => client.query(expression, evalMs, {}, lane)));
  return collect(client, named.map(([name]) => name), answers, named.length);
}

/** The instant vectors of `answers` (named, in order) with their notes, or the first failure; `sent` queries were asked for them. */
function collect(client: PrometheusClient, names: readonly string[], answers: readonly QueryAnswer[], sent: number): Asked {
  const warnings = new Set<string>();
  let dropped = 0;
  const vectors: VectorSample[][] = [];
  for (let i = 0; i < answers.length; i++) {
    const answer = answers[i];
    if (!answer.ok) return { ok: false, failure: answer.failure, queries: sent };
    const vector = vectorOf(answer);
    if (vector === null) return { ok: false, failure: notVector(client, names[i]), queries: sent };
    vectors.push(vector);
    for (const w of [...answer.warnings, ...answer.infos]) warnings.add(w);
    dropped += answer.dropped;
  }
  return { ok: true, vectors, warnings: [...warnings], dropped, queries: sent };
}

function vectorOf(answer: Extract<QueryAnswer, { ok: true }>): VectorSample[] | null {
  return answer.data.resultType === 'vector' ? [...answer.data.result] : null;
}

function notVector(client: PrometheusClient, query: string): PrometheusFailure {
  return { kind: 'bad-answer', message: `${client.server} answered the ${query} query with something other than an instant vector` };
}
