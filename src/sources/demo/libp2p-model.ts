// The go-libp2p subset a cluster peer registers on its /metrics (v1.1.1+): swarm connections
// opened/closed per direction (open = opened − closed, which never goes negative), dial errors,
// identify exchanges and event-bus counts that follow the connections.

import { chance, normal, poisson, type Prng } from './prng.js';

/** Connection direction label values. */
export const DIRECTIONS = ['inbound', 'outbound'] as const;
/** A connection direction. */
export type Direction = (typeof DIRECTIONS)[number];

/** The `error,ip_version,transport` label sets of `libp2p_swarm_dial_errors_total`, with rates per second. */
export const DIAL_ERRORS: readonly { readonly error: string; readonly ipVersion: string; readonly perSecond: number }[] = [
  { error: 'connection refused', ipVersion: 'ip4', perSecond: 0.0018 },
  { error: 'deadline', ipVersion: 'ip4', perSecond: 0.00043 },
  { error: 'other', ipVersion: 'ip6', perSecond: 0.0001 },
];

/** Event-bus subscribers per event type (constant after start-up), sorted by event name. */
export const EVENT_SUBSCRIBERS: Readonly<Record<string, number>> = {
  EvtLocalAddressesUpdated: 3,
  EvtLocalReachabilityChanged: 2,
  EvtPeerConnectednessChanged: 4,
  EvtPeerIdentificationCompleted: 3,
  EvtPeerIdentificationFailed: 1,
  EvtPeerProtocolsUpdated: 2,
};

/** libp2p counters and gauges. */
export interface Libp2pState {
  readonly opened: Record<Direction, number>;
  readonly closed: Record<Direction, number>;
  /** Dial errors, parallel to DIAL_ERRORS. */
  readonly dialErrors: number[];
  readonly identify: Record<Direction, number>;
  /** `libp2p_eventbus_events_emitted_total` by event. */
  readonly events: Record<string, number>;
  readonly addrsCount: number;
  readonly protocolsCount: number;
}

const OPEN_PER_S: Record<Direction, number> = { inbound: 0.1, outbound: 0.15 };
const LIFETIME_OPEN_PER_S: Record<Direction, number> = { inbound: 1893 / 224_000, outbound: 2741 / 224_000 };
const TYPICAL_OPEN: Record<Direction, number> = { inbound: 22, outbound: 29 };
const IDENTIFY_FAILURE_SHARE = 0.013;
const CONNECTEDNESS_SHARE = 0.6; // open/close events that change a peer's connectedness

/** Open connections in one direction. */
export function openConnections(s: Libp2pState, dir: Direction): number {
  return s.opened[dir] - s.closed[dir];
}

/** The libp2p state of a peer that has been up `uptimeS` seconds. */
export function createLibp2p(rng: Prng, uptimeS: number): Libp2pState {
  const jitter = (): number => Math.max(0, 1 + 0.05 * normal(rng));
  const opened = { inbound: 0, outbound: 0 };
  const closed = { inbound: 0, outbound: 0 };
  for (const dir of DIRECTIONS) {
    opened[dir] = Math.round(LIFETIME_OPEN_PER_S[dir] * uptimeS * jitter());
    const open = Math.min(opened[dir], Math.round(TYPICAL_OPEN[dir] * jitter()));
    closed[dir] = opened[dir] - open;
  }
  const total = opened.inbound + opened.outbound;
  const failed = Math.round(total * IDENTIFY_FAILURE_SHARE);
  return {
    opened,
    closed,
    dialErrors: DIAL_ERRORS.map((d) => Math.round(d.perSecond * uptimeS * jitter())),
    identify: { inbound: total, outbound: total },
    events: {
      EvtLocalAddressesUpdated: uptimeS > 0 ? 1 + Math.round((36 / 224_000) * uptimeS * jitter()) : 0,
      EvtLocalReachabilityChanged: uptimeS > 0 ? 1 + (uptimeS > 600 ? 1 : 0) : 0,
      EvtPeerConnectednessChanged: Math.round(CONNECTEDNESS_SHARE * (total + closed.inbound + closed.outbound)),
      EvtPeerIdentificationCompleted: total - failed,
      EvtPeerIdentificationFailed: failed,
      EvtPeerProtocolsUpdated: uptimeS > 0 ? 1 + Math.round((13 / 224_000) * uptimeS) : 0,
    },
    addrsCount: 6,
    protocolsCount: 14,
  };
}

/** Advances connections, dial errors, identify and events over one step [t0, t1) (ms). */
export function stepLibp2p(s: Libp2pState, rng: Prng, t0: number, t1: number): void {
  const dt = (t1 - t0) / 1000;
  for (const dir of DIRECTIONS) {
    const opens = poisson(rng, OPEN_PER_S[dir] * dt);
    const open = openConnections(s, dir) + opens;
    const closes = Math.min(open, poisson(rng, (open * OPEN_PER_S[dir] * dt) / TYPICAL_OPEN[dir]));
    s.opened[dir] += opens;
    s.closed[dir] += closes;
    for (let i = 0; i < opens; i++) {
      s.identify.inbound += 1;
      s.identify.outbound += 1;
      if (chance(rng, IDENTIFY_FAILURE_SHARE)) s.events.EvtPeerIdentificationFailed += 1;
      else s.events.EvtPeerIdentificationCompleted += 1;
    }
    for (let i = opens + closes; i > 0; i--) {
      if (chance(rng, CONNECTEDNESS_SHARE)) s.events.EvtPeerConnectednessChanged += 1;
    }
  }
  DIAL_ERRORS.forEach((d, i) => {
    s.dialErrors[i] += poisson(rng, d.perSecond * dt);
  });
  if (chance(rng, dt / 6000)) s.events.EvtLocalAddressesUpdated += 1;
}
