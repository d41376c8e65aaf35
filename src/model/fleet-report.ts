// The fleet at one instant as plain data: what `--once --json` prints for several targets (and
// what `--once` lays out as text). Every peer's RPC rows are evaluated at the same instant as the
// fleet's — the newest scrape of any peer — as a Prometheus scraping them all would.

import { fleetPeer, fleetSummary, type FleetSummary } from './fleet-peers.js';
import type { FleetLatency } from './fleet-latency.js';
import type { FleetPeerInput } from './fleet-peers.js';
import { rpcRows, type ClusterRates, type PeerSnapshot, type ProcessFigures, type RpcRow } from './snapshot.js';

/** One peer of the report. */
export interface FleetReportPeer {
  readonly peer: string;
  readonly target: string;
  /** Whether the peer was read (its figures are from its newest good scrape). */
  readonly up: boolean;
  /** Why its latest poll failed, or null. */
  readonly error: string | null;
  readonly cluster: PeerSnapshot['cluster'] | null;
  readonly rates: ClusterRates | null;
  readonly process: ProcessFigures | null;
  readonly rpc: readonly RpcRow[];
}

/** The whole report (`to` is the evaluation instant, unix ms). */
export interface FleetReport {
  readonly from: number | null;
  readonly to: number | null;
  readonly quantile: number;
  readonly windowMs: number;
  readonly peers: readonly FleetReportPeer[];
  readonly fleet: FleetSummary & { readonly rpc: readonly RpcRow[] };
  readonly errors: readonly string[];
}

/** The report of `peers` (as their monitors published them) and their latency at quantile q. */
export function fleetReport(peers: readonly FleetPeerInput[], latency: FleetLatency, q: number, windowMs: number, errors: readonly string[]): FleetReport {
  const evalMs = Number.isNaN(latency.evalMs) ? null : latency.evalMs;
  const figures = peers.map((p) => fleetPeer(p, q, evalMs ?? 0));
  const froms = peers.map((p) => p.status.snapshot?.from ?? null).filter((f): f is number => f !== null);
  return {
    from: froms.length === 0 ? null : Math.min(...froms),
    to: evalMs,
    quantile: q,
    windowMs,
    peers: peers.map((p, i) => {
      const snapshot = p.status.snapshot;
      return {
        peer: p.name,
        target: p.target,
        up: snapshot !== null,
        // The end of a replayed recording is how a replay stops, not a failure of the peer.
        error: p.status.failure === null || p.status.failure.kind === 'replay-end' ? null : p.status.failure.message,
        cluster: snapshot?.cluster ?? null,
        rates: snapshot?.rates ?? null,
        process: snapshot?.process ?? null,
        rpc: rpcRows(latency.perPeer[i] ?? [], q),
      };
    }),
    fleet: { ...fleetSummaryForReport(figures), rpc: rpcRows(latency.fleet, q) },
    errors,
  };
}

/** The summary, counting as up every peer that was read (a one-shot report has no staleness). */
function fleetSummaryForReport(figures: ReturnType<typeof fleetPeer>[]): FleetSummary {
  return fleetSummary(figures.map((f) => (f.snapshot !== null ? { ...f, health: 'up' as const } : { ...f, health: 'down' as const })));
}
