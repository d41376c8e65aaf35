// The fleet's latency history from a Prometheus-compatible server, asked once when the live view
// starts: ONE range query of the per-peer bucket rates (the refresh's own latencyPerPeer
// expression) over the steps before the first refresh, whatever the number of peers, so the
// first frame's sparklines are full. The step is the refresh interval (widened by the client
// when a series would pass the API's 11,000 points).

import { fleetQueries, type PrometheusSelection } from '../../model/prometheus-queries.js';
import type { PrometheusClient, PrometheusFailure } from './client.js';
import type { MatrixSeries } from './envelope.js';

/** What one history fill asks. */
export interface FleetHistoryOptions extends PrometheusSelection {
  readonly windowMs: number;
  /** The last step's time, unix ms (one step before the first refresh's instant). */
  readonly endMs: number;
  readonly stepMs: number;
  /** Steps asked for (at least 1). */
  readonly steps: number;
}

/** The range answer, or why there is none. */
export type FleetHistory =
  | { readonly ok: true; readonly series: readonly MatrixSeries[]; readonly warnings: readonly string[]; readonly dropped: number }
  | { readonly ok: false; readonly failure: PrometheusFailure };

/** Asks the server for the per-peer bucket rates at `steps` steps ending at `endMs`. */
export async function fetchFleetHistory(client: PrometheusClient, options: FleetHistoryOptions): Promise<FleetHistory> {
  let expr: string;
  try {
    expr = fleetQueries(options, options.windowMs).latencyPerPeer;
  } catch (error) {
    return { ok: false, failure: { kind: 'bad-url', message: (error as Error).message } };
  }
  const startMs = options.endMs - (Math.max(1, options.steps) - 1) * options.stepMs;
  const answer = await client.queryRange(expr, startMs, options.endMs, options.stepMs);
  if (!answer.ok) return answer;
  if (answer.data.resultType !== 'matrix') {
    return { ok: false, failure: { kind: 'bad-answer', message: `${client.server} answered the history's range query with something other than a matrix` } };
  }
  return { ok: true, series: answer.data.result, warnings: [...answer.warnings, ...answer.infos], dropped: answer.dropped };
}
