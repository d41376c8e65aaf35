// The REST API's part of `--once`: one refresh of everything (membership, health and the pins in
// error) through the monitor the live view uses, run while the metrics are scraped, and turned
// into the report `--once --json` prints under "api". A failure (off, refused, 401) is the
// report's one-line error; it never changes the exit code, which the metrics decide.

import { ApiMonitor } from '../feed/api-monitor.js';
import { apiReport, type ApiReport } from '../model/cluster-api/api-report.js';
import type { ClusterApiClient } from '../sources/cluster-api/client.js';

/** One refresh of the REST API, as the "api" report; the client is closed after it. */
export async function readApiOnce(client: ClusterApiClient, now: () => number = Date.now): Promise<ApiReport> {
  const monitor = new ApiMonitor({ source: client, now });
  try {
    const state = await monitor.step();
    if (state.crashed !== null) throw state.crashed.error;
    return apiReport(state);
  } finally {
    monitor.stop();
    client.close();
  }
}
