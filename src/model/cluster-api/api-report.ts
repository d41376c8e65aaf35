// The REST API's view of the cluster as plain data, in the shape `--once --json` prints under
// "api" (issue #16): the peer itself, every peer ever seen with its health, and the pins in
// error. Strings stay raw here; the JSON printer escapes them for the terminal. Pure.

import type { ApiPeer, PeerAlert } from './membership.js';
import type { PinErrors } from './pin-errors.js';
import type { ApiId } from './shapes.js';
import { shortPeerId } from './short-id.js';

/** One peer of the report. */
export interface ApiReportPeer {
  readonly id: string;
  readonly peername: string;
  readonly version: string;
  /** Why /peers could not ask it, or null. */
  readonly error: string | null;
  readonly down: boolean;
  /** Bytes; null when missing (full or down). */
  readonly freespace: number | null;
  readonly pinqueue: number | null;
  readonly alerts: readonly PeerAlert[];
}

/** One pin in error on one peer. */
export interface ApiReportPinError {
  readonly cid: string;
  readonly name: string;
  readonly peer: string;
  readonly status: string;
  readonly error: string;
  readonly attempts: number;
  /** As sent (RFC 3339), or null. */
  readonly timestamp: string | null;
}

/** The whole "api" section. */
export interface ApiReport {
  readonly self: { readonly id: string; readonly shortId: string; readonly peername: string; readonly version: string } | null;
  readonly peers: readonly ApiReportPeer[];
  readonly pinErrors: readonly ApiReportPinError[];
  /** Rows beyond the kept ones (null before a pin-error refresh answered). */
  readonly morePinErrors: number | null;
  readonly error: string | null;
}

/** What the report is made of (an ApiState has all of it). */
export interface ApiReportInput {
  readonly self: ApiId | null;
  readonly peers: readonly ApiPeer[];
  readonly pinErrors: PinErrors | null;
  readonly error: string | null;
}

/** The "api" section of `--once --json`. */
export function apiReport(input: ApiReportInput): ApiReport {
  const { self } = input;
  return {
    self: self === null ? null : { id: self.id, shortId: shortPeerId(self.id), peername: self.peername, version: self.version },
    peers: input.peers.map((p) => ({
      id: p.id, peername: p.peername, version: p.version, error: p.error === '' ? null : p.error,
      down: p.down, freespace: p.freespace, pinqueue: p.pinqueue, alerts: p.alerts,
    })),
    pinErrors: (input.pinErrors?.rows ?? []).map((r) => ({
      cid: r.cid, name: r.name, peer: r.peer, status: r.status, error: r.error, attempts: r.attempts, timestamp: r.timestamp === '' ? null : r.timestamp,
    })),
    morePinErrors: input.pinErrors === null ? null : input.pinErrors.more,
    error: input.error,
  };
}
