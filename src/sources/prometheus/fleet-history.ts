// The fleet's latency history from a Prometheus-compatible server, asked once when the live view
// starts and when another quantile is shown: one range query per quantile asked (the one shown),
// histogram_quantile(q, …) over the refresh's own per-peer bucket rates (peerQuantileQuery),
// whatever the number of peers, so the sparklines are full. The step is the refresh interval (widened by the client when a series would pass 11,000 points).

import { fleetQueries, peerQuantileQuery, repeatsMethodPeer, type FleetQueries, type PrometheusSelection } from '../../model/prometheus-queries.js';
import type { PrometheusClient, PrometheusFailure } from './client.js';
import type { MatrixSeries } from './envelope.js';

/** What one history fill asks. */
export interface FleetHistoryOptions extends PrometheusSelection {
  readonly windowMs: number;
  /** The quantiles to ask for, one range query each, in order. */
  readonly keys: readonly number[];
  /** The last step's time, unix ms (one step before the first refresh's instant). */
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
    let answer = await client.queryRange(peerQuantileQuery(q, queries, false), startMs, options.endMs, options.stepMs);
    if (answer.ok && answer.data.resultType === 'matrix' && repeatsMethodPeer(answer.data.result, options.peerLabel)) {
      answer = await client.queryRange(peerQuantileQuery(q, queries, true), startMs, options.endMs, options.stepMs);
    }
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
