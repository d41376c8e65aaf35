// Pins in error, from the items of `GET /pins?filter=pin_error,unpin_error,cluster_error`
// (`GlobalPinInfo`: one CID with a status per peer): one row per CID and peer in an error
// status, the peer named by its peername (else its short ID). The rows kept are bounded; the rest
// are counted. Pure: the client feeds items one by one as the stream delivers them.

import { asObject, boundedString, MAX_NAME_CHARS, MAX_TEXT_CHARS, rfc3339ToMs } from './shapes.js';
import { shortPeerId } from './short-id.js';

/** The statuses that mean a pin is in error on a peer. */
export const ERROR_STATUSES: ReadonlySet<string> = new Set(['pin_error', 'unpin_error', 'cluster_error', 'error']);

/** The REST API filter that asks for them. */
export const ERROR_FILTER = 'pin_error,unpin_error,cluster_error';

/** Most rows kept by default. */
export const MAX_PIN_ERROR_ROWS = 1000;

/** One CID in error on one peer. */
export interface PinErrorRow {
  readonly cid: string;
  /** The pin's name ('' when none). */
  readonly name: string;
  /** The peer's name, else its short ID. */
  readonly peer: string;
  /** The full peer ID. */
  readonly peerId: string;
  /** `pin_error`, `unpin_error`, `cluster_error` or `error`. */
  readonly status: string;
  /** The error message ('' when none). */
  readonly error: string;
  /** Attempts so far (`attempt_count`). */
  readonly attempts: number;
  /** When the status was set, as sent (RFC 3339, '' when none). */
  readonly timestamp: string;
  /** The same as unix ms (0 when unreadable). */
  readonly timestampMs: number;
}

/** The pins in error as one refresh saw them. */
export interface PinErrors {
  /** Rows, in the order the stream gave them (at most the cap). */
  readonly rows: readonly PinErrorRow[];
  /** Rows beyond the cap, counted only. */
  readonly more: number;
  /** Stream items that were not a GlobalPinInfo, counted only. */
  readonly skipped: number;
}

/** Gathers rows from GlobalPinInfo items, up to `maxRows`. */
export class PinErrorCollector {
  private readonly rows: PinErrorRow[] = [];
  private more = 0;
  private skipped = 0;

  constructor(private readonly maxRows = MAX_PIN_ERROR_ROWS) {}

  /** Takes one item of the stream. */
  add(item: unknown): void {
    const o = asObject(item);
    const cid = o === null ? '' : boundedString(o.cid, MAX_NAME_CHARS);
    const peers = o === null ? null : asObject(o.peer_map);
    if (cid === '' || peers === null) {
      this.skipped++;
      return;
    }
    const name = boundedString(o!.name, MAX_NAME_CHARS);
    for (const peerId of Object.keys(peers)) {
      const info = asObject(peers[peerId]);
      const status = info === null ? '' : boundedString(info.status, MAX_NAME_CHARS);
      if (info === null || !ERROR_STATUSES.has(status)) continue;
      if (this.rows.length >= this.maxRows) {
        this.more++;
        continue;
      }
      const id = peerId.length > MAX_NAME_CHARS ? boundedString(peerId, MAX_NAME_CHARS) : peerId;
      const peername = boundedString(info.peername, MAX_NAME_CHARS);
      const attempts = info.attempt_count;
      const timestamp = boundedString(info.timestamp, 64);
      this.rows.push({
        cid,
        name,
        peer: peername !== '' ? peername : shortPeerId(id),
        peerId: id,
        status,
        error: boundedString(info.error, MAX_TEXT_CHARS),
        attempts: typeof attempts === 'number' && Number.isInteger(attempts) && attempts >= 0 ? attempts : 0,
        timestamp,
        timestampMs: rfc3339ToMs(timestamp),
      });
    }
  }

  /** What was gathered. */
  result(): PinErrors {
    return { rows: [...this.rows], more: this.more, skipped: this.skipped };
  }
}

/** Rows per peer ID (for the fleet rows' error count), the rows beyond the cap not included. */
export function pinErrorsPerPeer(errors: PinErrors): ReadonlyMap<string, number> {
  const counts = new Map<string, number>();
  for (const row of errors.rows) counts.set(row.peerId, (counts.get(row.peerId) ?? 0) + 1);
  return counts;
}
