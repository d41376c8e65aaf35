// Test support: scrape statuses of fleet peers, built through the real reducer from hand-made
// samples (gauges as given, Cluster.Pin's calls in a chosen bucket), for the fleet's model tests.

import { LatencyTrend } from '../../src/model/latency-trend.js';
import type { PeerSample } from '../../src/model/peer-sample.js';
import { windowedMethodRates } from '../../src/model/rpc-latency.js';
import { initialScrapeStatus, scrapeStatusReducer, type ScrapeStatus } from '../../src/model/scrape-status.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { latencyLayout, sampleAt } from './samples.js';

const LAYOUT = latencyLayout(['Cluster.Pin', 'Cluster.Status'], [1, 10, 100]);

/** Two samples 1 s apart; Cluster.Pin's calls land in the bucket below `pinBound`, Cluster.Status's below 1. */
export function samplesWith(gauges: Partial<PeerSample['gauges']>, pinBucket = 1): PeerSample[] {
  return [0, 1].map((i) => {
    const pin = [0, 0, 0, 0].map((_, b) => (b >= pinBucket ? 10 * i : 0));
    const status = [10 * i, 10 * i, 10 * i, 10 * i];
    const s = sampleAt(1000 * i, LAYOUT, [pin, status]);
    return { ...s, gauges: { ...s.gauges, ...gauges } };
  });
}

/** A status after `samples` were scraped at t = 0 and 1 s (interval 1 s), then the `failures`. */
export function statusOf(samples: readonly PeerSample[], failures: readonly { kind: 'refused' | 'timeout'; atMs: number }[] = [], queueGrowing = false): ScrapeStatus {
  let status = initialScrapeStatus(1000, 0);
  const trend = new LatencyTrend();
  for (let i = 0; i < samples.length; i++) {
    const upTo = samples.slice(0, i + 1);
    const rates = trend.push(samples[i].tMs, windowedMethodRates(upTo, samples[i].tMs, 60_000, 'prom3'));
    status = scrapeStatusReducer(status, {
      type: 'poll-succeeded', atMs: samples[i].tMs, durationMs: 1, restarted: false, queueGrowing, trend: trend.points(),
      snapshot: buildSnapshot(upTo, { target: 't', quantile: 0.95, windowMs: 60_000, variant: 'prom3' }, rates),
    });
  }
  for (const f of failures) {
    trend.pushGap(f.atMs);
    status = scrapeStatusReducer(status, { type: 'poll-failed', atMs: f.atMs, kind: f.kind, message: `${f.kind}!`, trend: trend.points() });
  }
  return status;
}

