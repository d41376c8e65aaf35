// A peer's health from its scrape status, one vocabulary for the fleet's rows and the peer
// dashboard's header: up (the latest poll was answered), stale (it failed; recent data is shown
// with its age), down (nothing listens, or no data for two intervals).

import type { ScrapeStatus } from './scrape-status.js';

/** Up: the latest poll succeeded. Stale: it failed, recent data is shown. Down: unreachable, or no data for two intervals. */
export type PeerHealth = 'up' | 'stale' | 'down';

/** Failures that say the peer is not there at all, whatever the age of its data. */
const UNREACHABLE = new Set(['refused', 'dns']);

/** A peer's health at `nowMs`. */
export function peerHealth(status: ScrapeStatus, nowMs: number): PeerHealth {
  if (status.failure === null) return status.snapshot === null ? 'down' : 'up';
  // A replay that reached its end shows its last data: the peer was not down.
  if (status.failure.kind === 'replay-end' && status.snapshot !== null) return 'stale';
  if (status.snapshot === null || status.lastOkMs === null || UNREACHABLE.has(status.failure.kind)) return 'down';
  return nowMs - status.lastOkMs >= 2 * status.intervalMs ? 'down' : 'stale';
}
