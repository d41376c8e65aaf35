// One refresh of the fleet from a Prometheus-compatible server: a fixed number of instant queries
// whatever the number of peers. First the clock query at "now" gives the newest sample time of
// every peer's `up`; the evaluation instant is the OLDEST of those, the newest instant at which
// every peer's scrape is in: on Prometheus no sample at or before it can still arrive (each
// target's next scrape is later), and an engine that hides its newest samples (VictoriaMetrics'
// -search.latencyOffset) shows only settled ones at "now", so the instant falls behind its offset
// by itself, with no flag. Then the figures' queries, all at that instant. Each peer's latency is
// asked as the server's own histogram_quantile at each kept quantile (a series per method and
// peer) with its calls per second, never as bucket rates (a series per bucket: ~150,000 for 200
// peers, 20 MB of JSON a refresh); only the whole fleet's bucket rates are asked, a few hundred.

import type { PrometheusFleetAnswers } from '../../model/prometheus-fleet.js';
import { fleetQueries, quantileQuery, type FleetQueries, type PrometheusSelection } from '../../model/prometheus-queries.js';
import type { PrometheusClient, PrometheusFailure, QueryAnswer } from './client.js';
import type { VectorSample } from './envelope.js';

/** What one refresh asks. */
export interface FleetRefreshOptions extends PrometheusSelection {
  readonly windowMs: number;
  /** The quantiles asked for each peer (quantile-keys.ts keptQuantiles). */
  readonly keys: readonly number[];
  /** Wall clock, unix ms (for tests). */
  readonly now?: () => number;
}

/** The answers of one refresh, or why there are none. */
export type FleetRefresh =
  | {
      readonly ok: true;
      readonly answers: PrometheusFleetAnswers;
      /** The engine's warnings and infos from every query, raw and de-duplicated (escape before showing). */
      readonly warnings: readonly string[];
      /** Series left out over the caps, over all queries. */
      readonly dropped: number;
      /** Queries sent. */
      readonly queries: number;
    }
  | { readonly ok: false; readonly failure: PrometheusFailure; readonly queries: number };

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

/** Runs one refresh against `client`. */
export async function refreshFleet(client: PrometheusClient, options: FleetRefreshOptions): Promise<FleetRefresh> {
  let queries: FleetQueries;
  try {
    queries = fleetQueries(options, options.windowMs);
  } catch (error) {
    return { ok: false, failure: { kind: 'bad-url', message: (error as Error).message }, queries: 0 };
  }
  const now = (options.now ?? Date.now)();
  const clock = await client.query(queries.clock, now);
  if (!clock.ok) return { ok: false, failure: clock.failure, queries: 1 };
  const clockVector = vectorOf(clock);
  if (clockVector === null) return { ok: false, failure: notVector(client, 'clock'), queries: 1 };
  const evalMs = evaluationInstant(clockVector, options.peerLabel);
  if (Number.isNaN(evalMs)) {
    const which = options.selector === null ? 'with an ipfscluster_pins (or older pinset) gauge' : `matching ${options.selector}`;
    return { ok: false, failure: { kind: 'bad-answer', message: `${client.server} has no scrape target ${which} (no up series)` }, queries: 1 };
  }
  const names = ['up', 'gauges', 'rates', 'peerCalls', 'latencyFleet'] as const;
  const expressions = [...names.map((name) => queries[name]), ...options.keys.map((q) => quantileQuery(q, queries.latencyPerPeer))];
  // One keep-alive connection: these go out one after another on it.
  const answers = await Promise.all(expressions.map((expression) => client.query(expression, evalMs)));
  const sent = 1 + expressions.length;
  const warnings = new Set<string>([...clock.warnings, ...clock.infos]);
  let dropped = clock.dropped;
  const vectors: VectorSample[][] = [];
  for (let i = 0; i < expressions.length; i++) {
    const answer = answers[i];
    if (!answer.ok) return { ok: false, failure: answer.failure, queries: sent };
    const vector = vectorOf(answer);
    if (vector === null) return { ok: false, failure: notVector(client, names[i] ?? `quantile ${options.keys[i - names.length]}`), queries: sent };
    vectors.push(vector);
    for (const w of [...answer.warnings, ...answer.infos]) warnings.add(w);
    dropped += answer.dropped;
  }
  const [up, gauges, rates, peerCalls, latencyFleet, ...perKey] = vectors;
  const answersAt = { evalMs, up, gauges, rates, peerCalls, latencyFleet, peerQuantiles: { keys: options.keys, perKey } };
  return { ok: true, answers: answersAt, warnings: [...warnings], dropped, queries: sent };
}

function vectorOf(answer: Extract<QueryAnswer, { ok: true }>): VectorSample[] | null {
  return answer.data.resultType === 'vector' ? [...answer.data.result] : null;
}

function notVector(client: PrometheusClient, query: string): PrometheusFailure {
  return { kind: 'bad-answer', message: `${client.server} answered the ${query} query with something other than an instant vector` };
}
