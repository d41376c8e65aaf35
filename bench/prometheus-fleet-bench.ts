// The fleet read from a real Prometheus: a demo cluster of N peers served by its own process,
// scraped by Debian's `prometheus` (loopback, every 5 s, job "ipfs-cluster"), which is given
// `historySeconds` to gather data; then `cluster-top --prometheus URL --interval 5s` (its default
// timeout: each peer's quantiles are asked of the server, a series per method and peer) in a 120×40
// pane of a private tmux server. Figures: the time from the key press to the first frame with
// every peer's row, to the first with every row's latency, and to the first with the history's
// sparklines too (the header's "loading …" gone),
// and, after a warm-up, CPU % of one core and peak RSS of cluster-top (Prometheus' own cost is
// not counted: it runs whether or not cluster-top does).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrometheus } from '../test/support/prometheus-oracle.js';
import { serveCluster, watchInTmux, type FleetRun } from './fleet-bench.js';
import { sleep } from './terminal-bench.js';
import { TmuxServer } from './tmux.js';

/** One run's figures, with the data the server had gathered when cluster-top started. */
export interface PrometheusFleetRun extends FleetRun {
  /** ms from the key press to the first frame with every row's latency (the header no longer says "loading latency"). */
  readonly latencyFrameMs: number;
  /** ms to the first frame with the history's sparklines too (nothing loading). */
  readonly completeFrameMs: number;
  readonly historySeconds: number;
  readonly intervalSeconds: number;
}

const INTERVAL_S = 5;

/** Watches `peers` demo peers through a Prometheus that has scraped them for `historySeconds`. */
export async function runPrometheusFleetRun(peers: number, seconds: number, warmupSeconds: number, historySeconds: number): Promise<PrometheusFleetRun> {
  const cluster = await serveCluster(peers);
  const work = mkdtempSync(join(tmpdir(), 'cluster-top-bench-prom-'));
  const targets = cluster.urls.map((url) => new URL(url).host);
  const config = ['global:', `  scrape_interval: ${INTERVAL_S}s`, `  scrape_timeout: ${INTERVAL_S}s`, 'scrape_configs:', '  - job_name: ipfs-cluster', '    static_configs:', `      - targets: ${JSON.stringify(targets)}`, ''].join('\n');
  let prometheus: Awaited<ReturnType<typeof startPrometheus>> | null = null;
  const tmux = new TmuxServer();
  try {
    prometheus = await startPrometheus(work, config);
    await sleep(historySeconds * 1000);
    const args = ['--prometheus', prometheus.base, '--selector', '{job="ipfs-cluster"}', '--interval', `${INTERVAL_S}s`, '--window', `${6 * INTERVAL_S}s`, '--no-traces', '--no-config'];
    // The first frame with every peer's row: some demo peers are down by now (demo-4's outages start at 60 s), so any count up.
    const header = (screen: string): string => screen.split('\n', 1)[0];
    const { laterMs, ...run } = await watchInTmux(tmux, args, new RegExp(`fleet of ${peers} · \\d+ up`), seconds, warmupSeconds, {
      latency: (screen) => !/loading latency/.test(header(screen)),
      complete: (screen) => !/loading/.test(header(screen)),
    });
    return { peers, ...run, latencyFrameMs: laterMs.latency, completeFrameMs: laterMs.complete, historySeconds, intervalSeconds: INTERVAL_S };
  } finally {
    tmux.shutdown();
    await prometheus?.stop();
    rmSync(work, { recursive: true, force: true });
    cluster.child.kill('SIGTERM');
  }
}
