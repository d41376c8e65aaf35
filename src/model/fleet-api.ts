// The fleet's rows with what the cluster's REST API says of each peer: a row whose name (or peer
// ID) the API knows gets its version, ID, free space, queue, alerts and pins in error; a peer the
// API lists but no metrics target scrapes becomes a row of its own, its health from the API (down
// by its ping alert or its absence from `ping`), so no peer of the cluster is missing. The API's
// own peer is matched to the one local target when the fleet was made from the API. Pure.

import type { ApiPeer } from './cluster-api/membership.js';
import type { PinErrors } from './cluster-api/pin-errors.js';
import { pinErrorsPerPeer } from './cluster-api/pin-errors.js';
import type { FleetPeerInput } from './fleet-peers.js';
import { initialScrapeStatus } from './scrape-status.js';
import { shortPeerId } from './cluster-api/short-id.js';

/** What the REST API says of one fleet row's peer. */
export interface PeerApiFacts {
  readonly id: string;
  readonly peername: string;
  readonly version: string;
  /** Down by its ping alert, or by its absence from the `ping` metric. */
  readonly down: boolean;
  /** Why /peers could not ask it ('' when it could). */
  readonly error: string;
  /** Free space in bytes (null: missing from `freespace`: full or down). */
  readonly freespace: number | null;
  readonly pinqueue: number | null;
  /** Its current alerts' names (`ping`, `freespace`, …), newest first. */
  readonly alerts: readonly string[];
  /** Its pins in error in the last /pins answer (null before one). */
  readonly pinErrors: number | null;
}

/** The API's peers and pins in error, as the fleet rows need them. */
export interface FleetApiInput {
  readonly peers: readonly ApiPeer[];
  readonly pinErrors: PinErrors | null;
  /** The metrics target that is the API's own peer (the fleet made from the API), or null. */
  readonly selfTarget: string | null;
}

/** `rows` with the API's facts, then a row for each API peer no row matched (by name, peer ID, or the self target). */
export function withApiFacts(rows: readonly FleetPeerInput[], api: FleetApiInput, intervalMs: number, nowMs: number): FleetPeerInput[] {
  const errors = api.pinErrors === null ? null : pinErrorsPerPeer(api.pinErrors);
  const facts = (p: ApiPeer): PeerApiFacts => ({
    id: p.id,
    peername: p.peername,
    version: p.version,
    down: p.down,
    error: p.error,
    freespace: p.freespace,
    pinqueue: p.pinqueue,
    alerts: p.alerts.map((a) => a.name),
    pinErrors: errors === null ? null : (errors.get(p.id) ?? 0),
  });
  const used = new Set<string>();
  const byKey = new Map<string, ApiPeer>();
  for (const p of api.peers) {
    byKey.set(p.id, p);
    if (p.peername !== '' && !byKey.has(p.peername)) byKey.set(p.peername, p);
  }
  const self = api.peers.find((p) => p.self);
  const out = rows.map((row): FleetPeerInput => {
    const match = (api.selfTarget !== null && row.target === api.selfTarget ? self : undefined) ?? byKey.get(row.name);
    if (match === undefined || used.has(match.id)) return row;
    used.add(match.id);
    return { ...row, api: facts(match) };
  });
  // The peers no target scrapes: rows of their own, with no metrics.
  const blank = initialScrapeStatus(intervalMs, nowMs);
  for (const p of api.peers) {
    if (used.has(p.id)) continue;
    out.push({ name: p.peername === '' ? p.id : p.peername, target: '', status: blank, api: facts(p), scraped: false });
  }
  return out;
}

/** A peer as a dashboard's header names it: `peer1 (12D3KooW…x9Qa) v1.1.6` when the REST API knows it. */
export function peerTitle(name: string, api: { readonly id: string; readonly version: string } | null, ellipsis: string): string {
  if (api === null) return name;
  return [name, `(${shortPeerId(api.id, ellipsis)})`, api.version === '' ? '' : `v${api.version}`].filter((x) => x !== '').join(' ');
}
