// What the demo cluster's REST API (demo-1's) knows at one simulated instant, read from the
// simulated peers themselves, in the order a real v1.1.6 cluster shows a killed peer: a peer
// inside one of its `refused` windows is down, but stays in the peerset while its last `ping`
// is valid (pings every 5 s, the demo's monitor_ping_interval, valid 10 s) — `/peers` lists it
// last as `{"id","error"}` and `/pins` gives it `cluster_error`; once its ping expires it leaves
// `/peers` and `ping`, and demo-1's checker raises a `ping` alert at its next tick. Informer
// metrics (`freespace`, `pinqueue`, `tag:group`) are sent every 15 s and valid 30 s, so a down
// peer keeps them until their own TTL. The pins in error are one per unit of a live peer's
// `pins_pin_error` gauge. Deterministic in (peers, start, instant): the same clock gives the same
// answers however often it is asked.

import { createHash } from 'node:crypto';
import { cidFor, type DemoDirectory } from './demo-rest-ids.js';
import { dialError, goTime, pingValue, restMetric, type RestAlert, type RestGlobalPinInfo, type RestMetric, type RestPinInfo } from './demo-rest-shapes.js';
import type { FaultSchedule } from './fault-spec.js';
import { advanceTo, type DemoPeerState } from './peer-state.js';

/** cluster.monitor_ping_interval of the demo, ms; a ping is valid twice that. */
export const PING_PERIOD_MS = 5_000;
export const PING_TTL_MS = 2 * PING_PERIOD_MS;
/** Informers send every metric_ttl / 2; metric_ttl is 30 s. */
export const INFORMER_PERIOD_MS = 15_000;
export const INFORMER_TTL_MS = 30_000;
/** Names `/monitor/metrics` lists (a real v1.1.6 peer gives them in map order). */
export const METRIC_NAMES = ['tag:group', 'ping', 'pinqueue', 'freespace'] as const;
/** Most alerts kept (the real monitor resets its list past 1000). */
const MAX_ALERTS = 1000;
/** Streams started in one window of this length in every STREAM_ERROR_EVERY end with an X-Stream-Error. */
export const STREAM_ERROR_WINDOW_MS = 15_000;
const STREAM_ERROR_EVERY = 8;
/** The trailer a stream cut short carries. */
export const STREAM_ERROR_MESSAGE = 'context deadline exceeded';

/** Statuses a pin filter may name; `error` stands for the three error statuses. */
const STATUSES = new Set(['cluster_error', 'pin_error', 'unpin_error', 'error', 'pinned', 'pinning', 'unpinning', 'unpinned', 'remote', 'pin_queued', 'unpin_queued', 'queued', 'sharded', 'unexpectedly_unpinned']);

/** One simulated peer as the REST API reads it. */
export interface RestViewPeer {
  /** K of demo-K. */
  readonly k: number;
  readonly state: DemoPeerState;
  /** Its faults, in ms since the cluster's start; its `refused` windows are its outages. */
  readonly faults: FaultSchedule;
}

/** The cluster the REST API describes. */
export interface RestView {
  /** Unix ms at which the cluster (and its fault schedules) started. */
  readonly startMs: number;
  readonly peers: readonly RestViewPeer[];
  /** Its peers' IDs. */
  readonly directory: DemoDirectory;
}

/** A peer at an instant. */
export interface PeerAt {
  readonly peer: RestViewPeer;
  /** Answering (outside its outages). */
  readonly up: boolean;
  /** Its last ping still valid: it is in the peerset (up, or down for less than a ping TTL). */
  readonly inPeerset: boolean;
  /** The last instant it was up (unix ms): now, or just before its outage began. */
  readonly lastUpMs: number;
}

/** The tick of a period, on demo-K's own phase, at or before `atMs`. */
export function tickAtOrBefore(view: RestView, k: number, periodMs: number, atMs: number): number {
  const phase = (k * 4111) % periodMs;
  return view.startMs + phase + Math.floor((atMs - view.startMs - phase) / periodMs) * periodMs;
}

/** demo-K at `atMs`. */
export function peerAt(view: RestView, peer: RestViewPeer, atMs: number): PeerAt {
  const t = atMs - view.startMs;
  const outage = peer.faults.find((f) => f.fault === 'refused' && t >= f.fromMs && t < f.toMs);
  const lastUpMs = outage === undefined ? atMs : view.startMs + outage.fromMs - 1;
  const pingExpireMs = tickAtOrBefore(view, peer.k, PING_PERIOD_MS, lastUpMs) + PING_TTL_MS;
  return { peer, up: outage === undefined, inPeerset: outage === undefined || atMs < pingExpireMs, lastUpMs };
}

/** Every peer at `atMs`, in order. */
export function peersAt(view: RestView, atMs: number): PeerAt[] {
  return view.peers.map((p) => peerAt(view, p, atMs));
}

/** `/monitor/metrics/{name}` at `atMs`: the latest valid, unexpired metric of each peer that has one. */
export function metricsAt(view: RestView, name: string, atMs: number): RestMetric[] {
  const out: RestMetric[] = [];
  for (const { peer, lastUpMs } of peersAt(view, atMs)) {
    const k = peer.k;
    const [period, ttl] = name === 'ping' ? [PING_PERIOD_MS, PING_TTL_MS] : [INFORMER_PERIOD_MS, INFORMER_TTL_MS];
    const sentMs = tickAtOrBefore(view, k, period, lastUpMs);
    if (atMs >= sentMs + ttl) continue; // expired
    // A down peer's state stops where it went down: what it last sent.
    advanceTo(peer.state, lastUpMs);
    const pins = peer.state.pins;
    if (name === 'ping') out.push(restMetric(view.directory, 'ping', k, pingValue(view.directory, k), 0, sentMs, ttl));
    else if (name === 'tag:group') out.push(restMetric(view.directory, 'tag:group', k, 'default', 0, sentMs, ttl));
    // weight: the queue length over weight_bucket_size (100000), truncated
    else if (name === 'pinqueue') out.push(restMetric(view.directory, 'pinqueue', k, String(pins.queued), -Math.trunc(pins.queued / 100_000) || 0, sentMs, ttl));
    else if (name === 'freespace' && pins.diskWeight !== undefined && pins.diskWeight > 0) {
      const free = Math.round(pins.diskWeight);
      out.push(restMetric(view.directory, 'freespace', k, String(free), free, sentMs, ttl));
    }
  }
  return out;
}

/** `/health/alerts` at `atMs`: a `ping` alert per outage that outlived a ping, newest first. */
export function alertsAt(view: RestView, atMs: number): RestAlert[] {
  const alerts: { at: number; alert: RestAlert }[] = [];
  for (const peer of view.peers) {
    for (const w of peer.faults) {
      if (w.fault !== 'refused') continue;
      const sentMs = tickAtOrBefore(view, peer.k, PING_PERIOD_MS, view.startMs + w.fromMs - 1);
      const expireMs = sentMs + PING_TTL_MS;
      // demo-1's checker looks every ping period and sees the expired ping at its next look
      const triggeredMs = tickAtOrBefore(view, 1, PING_PERIOD_MS, expireMs + PING_PERIOD_MS - 1);
      if (triggeredMs > atMs || triggeredMs >= view.startMs + w.toMs) continue;
      const metric = restMetric(view.directory, 'ping', peer.k, pingValue(view.directory, peer.k), 0, sentMs, PING_TTL_MS);
      alerts.push({ at: triggeredMs, alert: { ...metric, triggered_at: goTime(triggeredMs) } });
    }
  }
  return alerts.sort((a, b) => b.at - a.at || a.alert.peer.localeCompare(b.alert.peer)).slice(0, MAX_ALERTS).map((a) => a.alert);
}

/** The statuses of a `filter` query value; null when it names none that exists (the real API's 400). */
export function parseStatusFilter(filter: string | null): Set<string> | null {
  if (filter === null || filter === '') return new Set(STATUSES);
  const wanted = new Set(filter.split(',').filter((s) => STATUSES.has(s)));
  if (wanted.size === 0) return null;
  if (wanted.has('error')) for (const s of ['pin_error', 'unpin_error', 'cluster_error']) wanted.add(s);
  return wanted;
}

/** A small deterministic number for a label. */
function hashOf(label: string): number {
  return createHash('sha256').update(label).digest().readUInt32BE(0);
}

/** What Kubo's pin/add failures read like through the cluster (a pin_timeout reads `context canceled`). */
const PIN_ERRORS = ['context canceled', 'context canceled', 'context deadline exceeded'] as const;

/**
 * `/pins?filter=…` at `atMs`: the pins in error of every reachable peer, with `cluster_error`
 * entries for the peers still in the peerset that cannot be reached. The demo's pinset lists no
 * other status, and a down peer's cluster_error only joins the CIDs listed anyway.
 */
export function pinErrorsAt(view: RestView, statuses: ReadonlySet<string>, atMs: number): RestGlobalPinInfo[] {
  if (!statuses.has('pin_error')) return [];
  const dir = view.directory;
  const all = peersAt(view, atMs).filter((p) => p.inPeerset);
  const live = all.filter((p) => p.up).map((p) => p.peer);
  const unreachable: [string, RestPinInfo][] = !statuses.has('cluster_error')
    ? []
    : all
        .filter((p) => !p.up)
        .map(({ peer: { k } }) => [
          dir.clusterId(k),
          { peername: `demo-${k}`, ipfs_peer_id: dir.ipfsId(k), status: 'cluster_error', timestamp: goTime(atMs), error: dialError(dir, k, true), attempt_count: 0, priority_pin: false },
        ]);
  const out: RestGlobalPinInfo[] = [];
  for (const [i, peer] of live.entries()) {
    advanceTo(peer.state, atMs);
    const { errored, pinAddErrors, failedAtMs } = peer.state.pins;
    const id = dir.clusterId(peer.k);
    const other = live[(i + 1) % live.length];
    for (let j = 0; j < errored; j++) {
      const n = pinAddErrors - j; // the newest failures are the ones still in error
      const recorded = failedAtMs.length - 1 - j;
      const failedMs = Math.floor(recorded >= 0 ? failedAtMs[recorded] : peer.state.startMs - (j + 1) * 137_000);
      const h = hashOf(`demo-${peer.k} failure ${n}`);
      const attempts = 1 + (h % 4);
      out.push({
        cid: cidFor(`demo-${peer.k} pin ${n}`),
        name: h % 3 === 0 ? '' : `demo-dataset-${h % 997}`,
        allocations: other === peer ? [id] : [id, dir.clusterId(other.k)],
        origins: [],
        created: goTime(Math.floor((failedMs - 60_000 - (h % 3_600_000)) / 1000) * 1000),
        metadata: null,
        peer_map: {
          [id]: {
            peername: `demo-${peer.k}`,
            ipfs_peer_id: dir.ipfsId(peer.k),
            status: 'pin_error',
            timestamp: goTime(failedMs),
            error: PIN_ERRORS[h % PIN_ERRORS.length],
            attempt_count: attempts,
            priority_pin: attempts < 5,
          },
          ...Object.fromEntries(unreachable),
        },
      });
    }
  }
  return out;
}

/**
 * Whether a stream started `sinceStartMs` after the cluster started is cut by an error: the last
 * 15 s window of every two minutes, counted from the start, so a newcomer's first refresh never
 * meets one.
 */
export function streamErrorAt(sinceStartMs: number): boolean {
  return Math.floor(sinceStartMs / STREAM_ERROR_WINDOW_MS) % STREAM_ERROR_EVERY === STREAM_ERROR_EVERY - 1;
}
