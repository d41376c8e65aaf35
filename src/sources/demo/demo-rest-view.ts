// What the demo cluster's REST API (demo-1's) knows at one simulated instant, read from the
// simulated peers themselves: who is up (a peer inside one of its `refused` windows is down: it
// leaves the peerset and the `ping` metric at once, with a `ping` alert, as seen on a real v1.1.6
// cluster), each peer's informer metrics (sent every 15 s, valid 30 s, so a down peer's
// `freespace` and `pinqueue` stay until their TTL runs out), and the pins in error, one per unit
// of a peer's `pins_pin_error` gauge. Deterministic in (peers, start, instant): the same clock
// gives the same answers however often it is asked.

import { createHash } from 'node:crypto';
import { cidFor, clusterPeerId, ipfsPeerId } from './demo-rest-ids.js';
import { goTime, ipfsAddresses, pingValue, restMetric, type RestAlert, type RestGlobalPinInfo, type RestMetric } from './demo-rest-shapes.js';
import type { FaultSchedule } from './fault-spec.js';
import { advanceTo, type DemoPeerState } from './peer-state.js';

/** Informer and ping period (cluster.monitor_ping_interval, informer metric_ttl / 2), ms. */
export const METRIC_PERIOD_MS = 15_000;
/** TTL of ping, freespace and pinqueue: twice the period. */
export const METRIC_TTL_MS = 30_000;
/** Names `/monitor/metrics` lists, in the order a real v1.1.6 peer gave them. */
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
}

/** The outage demo-K is in at `atMs` (unix ms from, to), or null when it is up. */
export function outageAt(view: RestView, peer: RestViewPeer, atMs: number): { fromMs: number; toMs: number } | null {
  const t = atMs - view.startMs;
  const w = peer.faults.find((f) => f.fault === 'refused' && t >= f.fromMs && t < f.toMs);
  return w === undefined ? null : { fromMs: view.startMs + w.fromMs, toMs: view.startMs + w.toMs };
}

/** The peers up at `atMs`: the peerset, in order. */
export function livePeers(view: RestView, atMs: number): RestViewPeer[] {
  return view.peers.filter((p) => outageAt(view, p, atMs) === null);
}

/** When demo-K last sent its metrics at or before `atMs` (each peer on its own phase). */
export function lastSentMs(view: RestView, k: number, atMs: number): number {
  const phase = (k * 4111) % METRIC_PERIOD_MS;
  const since = atMs - view.startMs - phase;
  return view.startMs + phase + Math.floor(since / METRIC_PERIOD_MS) * METRIC_PERIOD_MS;
}

/** `/monitor/metrics/{name}` at `atMs`: the latest valid, unexpired metric of each peer that has one. */
export function metricsAt(view: RestView, name: string, atMs: number): RestMetric[] {
  const out: RestMetric[] = [];
  for (const peer of view.peers) {
    const outage = outageAt(view, peer, atMs);
    if (outage !== null && name === 'ping') continue; // gone from ping as soon as it is down
    const sentMs = lastSentMs(view, peer.k, outage === null ? atMs : outage.fromMs);
    if (atMs >= sentMs + METRIC_TTL_MS) continue; // expired
    // A down peer's state stops at its outage: what it last sent.
    advanceTo(peer.state, outage === null ? atMs : outage.fromMs);
    const pins = peer.state.pins;
    if (name === 'ping') out.push(restMetric('ping', peer.k, pingValue(peer.k), 0, sentMs, METRIC_TTL_MS));
    else if (name === 'tag:group') out.push(restMetric('tag:group', peer.k, 'default', 0, sentMs, METRIC_TTL_MS));
    else if (name === 'pinqueue') out.push(restMetric('pinqueue', peer.k, String(pins.queued), -pins.queued, sentMs, METRIC_TTL_MS));
    else if (name === 'freespace' && pins.diskWeight !== undefined && pins.diskWeight > 0) {
      const free = Math.round(pins.diskWeight);
      out.push(restMetric('freespace', peer.k, String(free), free, sentMs, METRIC_TTL_MS));
    }
  }
  return out;
}

/** `/health/alerts` at `atMs`: a `ping` alert per outage begun, newest first. */
export function alertsAt(view: RestView, atMs: number): RestAlert[] {
  const alerts: { at: number; alert: RestAlert }[] = [];
  for (const peer of view.peers) {
    for (const w of peer.faults) {
      const fromMs = view.startMs + w.fromMs;
      if (w.fault !== 'refused' || fromMs > atMs) continue;
      const sentMs = lastSentMs(view, peer.k, fromMs);
      const metric = restMetric('ping', peer.k, pingValue(peer.k), 0, sentMs, fromMs - sentMs);
      alerts.push({ at: fromMs, alert: { ...metric, triggered_at: goTime(fromMs) } });
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

const PIN_ERRORS = [
  'context deadline exceeded',
  'pin/add: context deadline exceeded',
  'Post "http://127.0.0.1:5001/api/v0/pin/add": context deadline exceeded',
] as const;

/** `/pins?filter=…` at `atMs`: the pins in error of every live peer (the demo lists no other status). */
export function pinErrorsAt(view: RestView, statuses: ReadonlySet<string>, atMs: number): RestGlobalPinInfo[] {
  if (!statuses.has('pin_error')) return [];
  const live = livePeers(view, atMs);
  const out: RestGlobalPinInfo[] = [];
  for (const peer of live) {
    advanceTo(peer.state, atMs);
    const { errored, pinAddErrors, failedAtMs } = peer.state.pins;
    for (let j = 0; j < errored; j++) {
      const n = pinAddErrors - j; // the newest failures are the ones still in error
      const recorded = failedAtMs.length - 1 - j;
      const failedMs = recorded >= 0 ? failedAtMs[recorded] : peer.state.startMs - (j + 1) * 137_000;
      const h = hashOf(`demo-${peer.k} failure ${n}`);
      const other = live[(live.indexOf(peer) + 1) % live.length];
      const id = clusterPeerId(peer.k);
      out.push({
        cid: cidFor(`demo-${peer.k} pin ${n}`),
        name: h % 3 === 0 ? '' : `demo-dataset-${h % 997}`,
        allocations: other === peer ? [id] : [id, clusterPeerId(other.k)],
        origins: [],
        created: goTime(Math.floor(failedMs) - 60_000 - (h % 3_600_000)),
        metadata: null,
        peer_map: {
          [id]: {
            peername: `demo-${peer.k}`,
            ipfs_peer_id: ipfsPeerId(peer.k),
            ipfs_peer_addresses: ipfsAddresses(peer.k),
            status: 'pin_error',
            timestamp: goTime(Math.floor(failedMs)),
            error: PIN_ERRORS[h % PIN_ERRORS.length],
            attempt_count: 1 + (h % 4),
            priority_pin: false,
          },
        },
      });
    }
  }
  return out;
}

/** Whether a stream started at `atMs` is cut by an error (one 15 s window in every two minutes). */
export function streamErrorAt(atMs: number): boolean {
  return Math.floor(atMs / STREAM_ERROR_WINDOW_MS) % STREAM_ERROR_EVERY === STREAM_ERROR_EVERY - 1;
}
