// The history of a peer that has been up `uptimeS` seconds when the demo starts: OC views,
// pin pipeline and block counters as they would stand after that long, built analytically from
// the catalogue's lifetime rates in O(methods × buckets), and coherent with each other
// (pins = base + Track − Untrack, pin_add = IPFSConnector.Pin + pinning, client 500s = pin
// failures, …). With uptime 0 everything starts at zero and no OC series exists yet.

import { RPC_METHODS } from './catalogue.js';
import { addHistory, type SampleHistory } from './distribution.js';
import { clientSeries, createOcViews, rpcSeries, type OcViews } from './oc-views.js';
import { CONCURRENT_PINS, INFORMER_PERIOD_MS, NORMAL_PINS, PIN_FAILURE_SHARE, startPin, type InFlightPin, type PinPipeline } from './pin-pipeline.js';
import { chance, intBetween, normal, type Prng } from './prng.js';
import { ADD_FAILURE_SHARE, ADDS_PER_S, BLOCK_BYTES, BLOCKS_PER_ADD, IPFS_BACKGROUND_PER_S, type BlockCounters } from './traffic.js';

/** Everything the uptime history decides. */
export interface SeededHistory {
  readonly views: OcViews;
  readonly pins: PinPipeline;
  readonly blocks: BlockCounters;
}

const REST_GETS_LIFETIME_PER_S = 7162 / 224_000;

/** Builds the state of a peer started `uptimeS` seconds before `startMs`. */
export function seedHistory(rng: Prng, startMs: number, uptimeS: number): SeededHistory {
  const count = (perSecond: number): number => (uptimeS > 0 ? Math.max(0, Math.round(perSecond * uptimeS * (1 + 0.05 * normal(rng)))) : 0);
  const phaseMs = Math.floor(rng.next() * INFORMER_PERIOD_MS);
  const informerRuns = uptimeS > 0 ? Math.floor((uptimeS * 1000 + phaseMs) / INFORMER_PERIOD_MS) : 0;
  const calls = new Map<string, number>();
  for (const m of RPC_METHODS) calls.set(m.name, m.driver === 'informer' ? informerRuns : count(m.lifetimePerSecond));
  const n = (name: string): number => calls.get(name) ?? 0;
  calls.set('PinTracker.Track', Math.max(n('PinTracker.Track'), n('Cluster.Pin')));
  calls.set('PinTracker.Untrack', Math.max(n('PinTracker.Untrack'), n('Cluster.Unpin')));

  const views = createOcViews();
  for (const m of RPC_METHODS) {
    const total = n(m.name);
    if (total === 0) continue;
    const s = rpcSeries(views, m.name);
    addHistory(s.latency, { count: total, median: m.medianMs, sigma: m.sigma }, rng);
    const local = Math.round(total * m.localFraction);
    addHistory(s.received, { count: local, median: m.argBytes, sigma: 0 }, rng);
    addHistory(s.received, { count: total - local, median: 0, sigma: 0 }, rng);
    addHistory(s.sent, { count: total, median: 0, sigma: 0 }, rng);
  }

  const pinCalls = n('IPFSConnector.Pin');
  const failures = Math.round(pinCalls * PIN_FAILURE_SHARE);
  const blocks = seedBlocks(count);
  seedHttp(views, rng, {
    pinOk: pinCalls - failures,
    failures,
    repoStats: n('IPFSConnector.RepoStat'),
    pinLsCids: n('IPFSConnector.PinLsCid'),
    ipfsUnpins: n('IPFSConnector.Unpin'),
    background: count(IPFS_BACKGROUND_PER_S / 3),
    apiPins: n('Cluster.Pin'),
    apiUnpins: n('Cluster.Unpin'),
    gets: count(REST_GETS_LIFETIME_PER_S),
    adds: blocks.puts,
    addFailures: blocks.putErrors,
  });

  const inFlight: InFlightPin[] = [];
  const queued = uptimeS > 0 && chance(rng, 0.4) ? intBetween(rng, 1, 25) : 0;
  const pinning = uptimeS <= 0 ? 0 : queued > 0 ? CONCURRENT_PINS : intBetween(rng, 1, CONCURRENT_PINS - 2);
  for (let i = 0; i < pinning; i++) {
    const pin = startPin(rng, startMs);
    const elapsed = rng.next() * pin.durationMs;
    inFlight.push({ ...pin, endMs: pin.endMs - elapsed });
  }
  const basePins = intBetween(rng, 30_000, 40_000);
  const storageMaxBytes = 2e12;
  const repoBytes = Math.round(5e11 + 2e11 * rng.next());
  const pins: PinPipeline = {
    pins: basePins + n('PinTracker.Track') - n('PinTracker.Untrack'),
    queued,
    errored: uptimeS > 0 ? Math.min(failures, intBetween(rng, 0, 4)) : 0,
    ipfsPins: Math.round(basePins / 3) + pinCalls - failures - n('IPFSConnector.Unpin'),
    pinAdd: pinCalls + pinning,
    pinAddErrors: failures,
    inFlight,
    failedAtMs: [],
    burstUntilMs: startMs,
    burstRate: 0,
    repoBytes,
    storageMaxBytes,
    diskWeight: informerRuns > 0 ? storageMaxBytes - repoBytes : undefined,
    nextInformerMs: startMs + (INFORMER_PERIOD_MS - phaseMs),
    tuning: NORMAL_PINS,
  };
  return { views, pins, blocks };
}

function seedBlocks(count: (perSecond: number) => number): BlockCounters {
  const puts = count(ADDS_PER_S / 2);
  const putErrors = Math.round(puts * ADD_FAILURE_SHARE);
  const added = Math.round((puts - putErrors) * BLOCKS_PER_ADD * 1.5);
  return { puts, putErrors, added, addedBytes: added * BLOCK_BYTES };
}

interface HttpHistory {
  readonly pinOk: number;
  readonly failures: number;
  readonly repoStats: number;
  readonly pinLsCids: number;
  readonly ipfsUnpins: number;
  readonly background: number;
  readonly apiPins: number;
  readonly apiUnpins: number;
  readonly gets: number;
  readonly adds: number;
  readonly addFailures: number;
}

function seedHttp(views: OcViews, rng: Prng, h: HttpHistory): void {
  const add = (d: Parameters<typeof addHistory>[0], parts: SampleHistory[]): void => {
    for (const part of parts) addHistory(d, part, rng);
  };
  const ok = clientSeries(views, 'POST', '200');
  const okParts = [h.pinOk, h.repoStats, h.pinLsCids, h.ipfsUnpins, h.background];
  if (okParts.some((x) => x > 0)) {
    add(ok.latency, [
      lg(h.pinOk, 1800, 1.4),
      lg(h.repoStats, 8, 0.6),
      lg(h.pinLsCids, 5.4, 0.7),
      lg(h.ipfsUnpins, 36, 0.9),
      lg(h.background, 4, 0.8),
    ]);
    add(ok.received, [
      lg(h.pinOk, 2500, 0.6),
      lg(h.repoStats, 300, 0.2),
      lg(h.pinLsCids, 120, 0.3),
      lg(h.ipfsUnpins, 200, 0.3),
      lg(h.background, 900, 1),
    ]);
    add(ok.sent, [lg(okParts.reduce((a, b) => a + b, 0), 0, 0)]);
  } else views.client.delete('POST 200');
  if (h.failures > 0) {
    const bad = clientSeries(views, 'POST', '500');
    add(bad.latency, [lg(h.failures, 2500, 1.5)]);
    add(bad.received, [lg(h.failures, 160, 0.3)]);
    add(bad.sent, [lg(h.failures, 0, 0)]);
  }

  const bigGets = Math.round(h.gets * 0.04);
  const total = h.gets + h.apiPins + h.apiUnpins + h.adds;
  if (total === 0) return;
  const s = views.server;
  s.started = total;
  const nonZero = (entries: [string, number][]): [string, number][] => entries.filter(([, v]) => v > 0);
  for (const [k, v] of nonZero([['DELETE', h.apiUnpins], ['GET', h.gets], ['POST', h.apiPins + h.adds]])) s.byMethod.set(k, v);
  const notFound = Math.round(h.gets * 0.015);
  const errors = Math.round(h.gets * 0.01) + h.addFailures;
  for (const [k, v] of nonZero([['200', total - notFound - errors], ['404', notFound], ['500', errors]])) s.byStatus.set(k, v);
  add(s.latency, [
    lg(h.gets - bigGets, 3.5, 0.8),
    lg(bigGets, 1400, 1),
    lg(h.apiPins, 22, 0.8),
    lg(h.apiUnpins, 21, 0.7),
    lg(h.adds, 900, 0.8),
  ]);
  add(s.responseBytes, [
    lg(h.gets - bigGets, 420, 0.6),
    lg(bigGets, 2e6, 1.2),
    lg(h.apiPins, 650, 0.5),
    lg(h.apiUnpins, 300, 0.4),
    lg(h.adds, 9000, 0.3),
  ]);
  add(s.requestBytes, [lg(Math.round(h.apiPins * 0.02), 380, 0.5), lg(h.adds, 15e6, 1)]);
}

function lg(count: number, median: number, sigma: number): SampleHistory {
  return { count, median, sigma };
}
