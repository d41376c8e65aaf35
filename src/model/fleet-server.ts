// The server a fleet's figures come from (`--prometheus`), as the fleet header shows it: its
// name, how old its newest evaluated sample is, what is still on its way (the latency after the
// rows, then the sparklines' history), the latest refresh's failure (the engine's errorType and
// error included), and the engine's warnings — all escaped, none dropped (a line
// too narrow for them all says how many there are).

import type { Glyphs } from './glyphs.js';
import type { Segment } from './pane-view.js';
import { formatDuration } from './units.js';
import { oneLine } from '../util/escape-control.js';

/** The server behind the fleet, as the monitor last saw it. */
export interface FleetServerStatus {
  /** host:port and path prefix, escaped. */
  readonly server: string;
  /** The evaluation instant of the newest good refresh (its newest settled sample), unix ms; null before any. */
  readonly dataMs: number | null;
  /** The latest refresh's failure, one escaped line; null when it worked. */
  readonly failure: string | null;
  /** The engine's warnings and infos of the latest good refresh (and a failed history fill), raw. */
  readonly warnings: readonly string[];
  /** What is asked of the server and not yet shown ("latency", "p99 history"), or null. */
  readonly loading: string | null;
}

/** Header segments naming the server and its data's age at `nowMs`. */
export function serverSegments(server: FleetServerStatus, nowMs: number, glyphs: Glyphs): Segment[] {
  const age = server.dataMs === null ? 'no data yet' : `data ${formatDuration(Math.max(0, nowMs - server.dataMs) / 1000)} old`;
  const loading = server.loading === null ? '' : ` ${glyphs.dot} loading ${server.loading}`;
  return [{ text: ` ${glyphs.dot} ${server.server} ${age}${loading}`, tone: server.failure === null ? 'plain' : 'warn' }];
}

/** The header's line about trouble at the server (its failure, then its warnings), or null when there is none. */
export function serverNoteLine(server: FleetServerStatus | null | undefined, glyphs: Glyphs): Segment[] | null {
  if (server == null) return null;
  if (server.failure !== null) return [{ text: `${glyphs.failed} ${server.failure}`, tone: 'bad' }];
  if (server.warnings.length === 0) return null;
  const n = server.warnings.length;
  const head = n === 1 ? `${server.server} warns: ` : `${server.server} warns (${n}): `;
  return [{ text: `${glyphs.stale} ${head}${server.warnings.map((w) => oneLine(w, 300)).join(` ${glyphs.dot} `)}`, tone: 'warn' }];
}
