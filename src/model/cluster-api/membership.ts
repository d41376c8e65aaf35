// Cluster membership as the REST API of one peer shows it over time, as a pure reducer. A peer
// that is killed vanishes from `GET /peers` (and, within the ping TTL, from the `ping` metric),
// so the list cannot be trusted to name it: every peer ever seen — in /peers, in a metric, in an
// alert, or as the peer itself — keeps its row, and a row is marked down when a `ping` alert for
// it is newer than its last ping metric, or when the `ping` metric answered without it.
// `freespace` is not issued at 0, so a peer missing from it is full (or down): its free space is
// then null, never a stale number. At most `maxPeers` rows are kept; later newcomers are counted.

import { pingPeername, metricNumber, type ApiAlert, type ApiId, type ApiMetric } from './shapes.js';

/** Alerts kept per peer (the newest). */
export const MAX_ALERTS_PER_PEER = 8;
/** Peers remembered by default. */
export const MAX_PEERS = 10_000;

/** An alert of one peer, in short. */
export interface PeerAlert {
  /** The expired metric: `ping`, `freespace`, … */
  readonly name: string;
  /** When it fired, unix ms (0 when unknown). */
  readonly triggeredAtMs: number;
  /** When the metric expired, unix ms (0 when unknown). */
  readonly expiredAtMs: number;
}

/** One cluster peer as last seen. */
export interface ApiPeer {
  readonly id: string;
  /** '' when never learnt. */
  readonly peername: string;
  /** '' when never learnt. */
  readonly version: string;
  /** Why /peers could not ask it (its `{"id","error"}` item), '' otherwise. */
  readonly error: string;
  /** Its ping alert is newer than its last ping, or the ping metric answered without it. */
  readonly down: boolean;
  /** Free space in bytes; null when missing from the last `freespace` answer (full or down) or never seen. */
  readonly freespace: number | null;
  /** Pin queue length; null when missing from the last `pinqueue` answer or never seen. */
  readonly pinqueue: number | null;
  /** Its current alerts, newest first (at most MAX_ALERTS_PER_PEER). */
  readonly alerts: readonly PeerAlert[];
  /** Listed by the last /peers answer. */
  readonly listed: boolean;
  /** When its newest ping metric was received, unix ms (0 when never). */
  readonly lastPingMs: number;
  /** Listed by the last `ping` answer. */
  readonly inPing: boolean;
  /** This is the peer whose REST API is read. */
  readonly self: boolean;
}

/** What one membership refresh got; null for a request that failed (its last answer stands). */
export interface MembershipObservation {
  readonly self: ApiId | null;
  readonly peers: readonly ApiId[] | null;
  readonly ping: readonly ApiMetric[] | null;
  readonly freespace: readonly ApiMetric[] | null;
  readonly pinqueue: readonly ApiMetric[] | null;
  readonly alerts: readonly ApiAlert[] | null;
}

/** Every peer seen, by ID, in the order first seen. */
export interface Membership {
  readonly peers: ReadonlyMap<string, ApiPeer>;
  /** Peers the last refresh saw but did not remember, the cap being reached. */
  readonly overflow: number;
}

/** No peer seen yet. */
export const EMPTY_MEMBERSHIP: Membership = { peers: new Map(), overflow: 0 };

const blank = (id: string): ApiPeer => ({
  id, peername: '', version: '', error: '', down: false, freespace: null, pinqueue: null,
  alerts: [], listed: false, lastPingMs: 0, inPing: false, self: false,
});

/** Membership after one refresh. */
export function reduceMembership(state: Membership, seen: MembershipObservation, maxPeers = MAX_PEERS): Membership {
  const peers = new Map<string, ApiPeer>(state.peers);
  const newcomers = new Set<string>();
  const update = (id: string, change: (peer: ApiPeer) => ApiPeer): void => {
    let peer = peers.get(id);
    if (peer === undefined) {
      if (peers.size >= maxPeers) {
        newcomers.add(id);
        return;
      }
      peer = blank(id);
    }
    peers.set(id, change(peer));
  };
  const learn = (item: ApiId, self: boolean) => (p: ApiPeer): ApiPeer => ({
    ...p,
    peername: item.peername !== '' ? item.peername : p.peername,
    version: item.version !== '' ? item.version : p.version,
    error: item.error,
    self: p.self || self,
  });

  if (seen.self !== null) update(seen.self.id, learn(seen.self, true));
  if (seen.peers !== null) {
    const listed = new Set(seen.peers.map((p) => p.id));
    for (const [id, p] of peers) if (p.listed !== listed.has(id)) peers.set(id, { ...p, listed: listed.has(id) });
    for (const item of seen.peers) update(item.id, (p) => ({ ...learn(item, false)(p), listed: true }));
  }
  if (seen.ping !== null) {
    const newest = newestByPeer(seen.ping);
    for (const [id, p] of peers) if (!newest.has(id) && p.inPing) peers.set(id, { ...p, inPing: false });
    for (const [id, metric] of newest) {
      const name = pingPeername(metric);
      update(id, (p) => ({ ...p, inPing: true, lastPingMs: Math.max(p.lastPingMs, metric.receivedAtMs), peername: p.peername !== '' ? p.peername : name }));
    }
  }
  const numbers = (metrics: readonly ApiMetric[] | null, key: 'freespace' | 'pinqueue'): void => {
    if (metrics === null) return;
    const newest = newestByPeer(metrics);
    for (const [id, p] of peers) if (!newest.has(id) && p[key] !== null) peers.set(id, { ...p, [key]: null });
    for (const [id, metric] of newest) update(id, (p) => ({ ...p, [key]: metricNumber(metric) }));
  };
  numbers(seen.freespace, 'freespace');
  numbers(seen.pinqueue, 'pinqueue');
  if (seen.alerts !== null) {
    const byPeer = new Map<string, PeerAlert[]>();
    for (const alert of seen.alerts) {
      let list = byPeer.get(alert.peer);
      if (list === undefined) byPeer.set(alert.peer, (list = []));
      list.push({ name: alert.name, triggeredAtMs: alert.triggeredAtMs, expiredAtMs: alert.expireMs });
    }
    for (const [id, p] of peers) if (!byPeer.has(id) && p.alerts.length > 0) peers.set(id, { ...p, alerts: [] });
    for (const [id, list] of byPeer) {
      const alerts = list.sort((a, b) => b.triggeredAtMs - a.triggeredAtMs).slice(0, MAX_ALERTS_PER_PEER);
      update(id, (p) => ({ ...p, alerts }));
    }
  }
  // An empty ping answer says nothing of any one peer (a monitor that has just started): it marks no one down.
  const pingAnswered = seen.ping !== null ? seen.ping.length > 0 : [...peers.values()].some((p) => p.inPing);
  for (const [id, p] of peers) {
    const down = isDown(p, pingAnswered);
    if (down !== p.down) peers.set(id, { ...p, down });
  }
  return { peers, overflow: newcomers.size };
}

/** Down: a ping alert newer than the last ping received, or missing from a ping answer. */
function isDown(peer: ApiPeer, pingAnswered: boolean): boolean {
  const alerted = peer.alerts.some((a) => a.name === 'ping' && (peer.lastPingMs === 0 || a.triggeredAtMs >= peer.lastPingMs));
  return alerted || (pingAnswered && !peer.inPing);
}

/** The newest metric of each peer. */
function newestByPeer(metrics: readonly ApiMetric[]): Map<string, ApiMetric> {
  const newest = new Map<string, ApiMetric>();
  for (const metric of metrics) {
    const kept = newest.get(metric.peer);
    if (kept === undefined || metric.receivedAtMs > kept.receivedAtMs) newest.set(metric.peer, metric);
  }
  return newest;
}

/** The rows to show: the peer itself first, then by name (ID for a peer without one). */
export function membershipRows(state: Membership): readonly ApiPeer[] {
  return [...state.peers.values()].sort((a, b) => {
    if (a.self !== b.self) return a.self ? -1 : 1;
    const an = a.peername !== '' ? a.peername : a.id;
    const bn = b.peername !== '' ? b.peername : b.id;
    return an < bn ? -1 : an > bn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
