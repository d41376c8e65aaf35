// The fleet's latency history from a Prometheus-compatible server, asked once when the live view
// starts and when another quantile is shown: one range query per quantile asked (the one shown),
// histogram_quantile(q, …) over the refresh's own per-peer bucket rates (peerQuantileQuery),
// whatever the number of peers, so the sparklines are full. The step is the refresh interval
// (widened by the client when a series would pass 11,000 points).

import { fleetQueries, peerQuantileQuery, repeatsMethodPeer, type FleetQueries, type PrometheusSelection } from '../../model/prometheus-queries.js';
import type { PrometheusClient, PrometheusFailure, QueryAnswer } from './client.js';
import type { MatrixSeries } from './envelope.js';

/** What one history fill asks. */
export interface FleetHistoryOptions extends PrometheusSelection {
  readonly windowMs: number;
  /** The quantiles to ask for, one range query each, in order. */
  readonly keys: readonly number[];
  /** The last step's time, unix ms (the refresh's instant, when the range also gives its latency). */
  readonly endMs: number;
  readonly stepMs: number;
  /** Steps asked for (at least 1). */
  readonly steps: number;
}

/** The range answers, one per key, or why there are none. */
export type FleetHistory =
  | { readonly ok: true; readonly perKey: readonly (readonly MatrixSeries[])[]; readonly warnings: readonly string[]; readonly dropped: number }
  | { readonly ok: false; readonly failure: PrometheusFailure };

/** Asks the server for each peer's and method's quantiles at `steps` steps ending at `endMs`. */
export async function fetchFleetHistory(client: PrometheusClient, options: FleetHistoryOptions): Promise<FleetHistory> {
  let queries: FleetQueries;
  try {
    queries = fleetQueries(options, options.windowMs);
  } catch (error) {
    return { ok: false, failure: { kind: 'bad-url', message: (error as Error).message } };
  }
  const startMs = options.endMs - (Math.max(1, options.steps) - 1) * options.stepMs;
  const perKey: MatrixSeries[][] = [];
  const warnings = new Set<string>();
  let dropped = 0;
  for (const q of options.keys) {
    const { answer } = await askPeerQuantile((expression) => client.queryRange(expression, startMs, options.endMs, options.stepMs), q, queries, options.peerLabel);
    if (!answer.ok) return answer;
    if (answer.data.resultType !== 'matrix') {
      return { ok: false, failure: { kind: 'bad-answer', message: `${client.server} answered the history's range query with something other than a matrix` } };
    }
    perKey.push([...answer.data.result]);
    for (const w of [...answer.warnings, ...answer.infos]) warnings.add(w);
    dropped += answer.dropped;
  }
  return { ok: true, perKey, warnings: [...warnings], dropped };
}

/**
 * Each peer's q-quantile asked with `ask` (an instant or a range query of the expression) over the
 * bucket series as they are, and again over their sums when the answer has a (method, peer) twice
 * (peerQuantileQuery); with how many queries that took.
 */
export async function askPeerQuantile(
  ask: (expression: string) => Promise<QueryAnswer>,
  q: number,
  queries: FleetQueries,
  peerLabel: string,
): Promise<{ readonly answer: QueryAnswer; readonly sent: number }> {
  const answer = await ask(peerQuantileQuery(q, queries, false));
  const series = answer.ok && (answer.data.resultType === 'vector' || answer.data.resultType === 'matrix') ? answer.data.result : [];
  if (!repeatsMethodPeer(series, peerLabel)) return { answer, sent: 1 };
  return { answer: await ask(peerQuantileQuery(q, queries, true)), sent: 2 };
}
