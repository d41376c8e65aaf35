// The columns of the fleet list: which fit the width (the least useful go first; state and peer
// never go), how wide each is, and one peer's cells, fitted and escaped.

import type { FleetPeer } from './fleet-peers.js';
import { worstQuantileSeries } from './fleet-peers.js';
import type { Glyphs } from './glyphs.js';
import type { Tone } from './pane-view.js';
import { sparkline } from './sparkline.js';
import { padEnd, padStart } from './text-fit.js';
import { formatCount, formatMs, formatRate, formatBytes, quantileName } from './units.js';
import { escapeControl } from '../util/escape-control.js';

/** The columns, by the name a caption shows. */
export type FleetColumnId = 'state' | 'peer' | 'pins' | 'queued' | 'pinning' | 'errors' | 'ipfsPins' | 'disk' | 'pinRate' | 'slowest' | 'quantile' | 'trend';

/** A column that made it onto the screen. */
export interface FleetColumn {
  readonly id: FleetColumnId;
  readonly width: number;
  /** Right-aligned numbers, left-aligned names. */
  readonly right: boolean;
}

interface ColumnSpec {
  readonly id: FleetColumnId;
  /** Narrowest width; the peer, slowest and trend columns grow into spare room. */
  readonly width: number;
  readonly right: boolean;
  /** Lower goes first when the row is too wide; Infinity never goes. */
  readonly keep: number;
  /** Largest width spare room may give it. */
  readonly grow?: number;
}

/** The peer column's narrowest width (see fitColumns). */
const PEER_WIDTH_MIN = 10;

/** Left to right; `keep` says which go first at 80 columns. */
const SPECS: readonly ColumnSpec[] = [
  { id: 'state', width: 2, right: false, keep: Infinity },
  { id: 'peer', width: PEER_WIDTH_MIN, right: false, keep: Infinity, grow: 20 },
  { id: 'pins', width: 8, right: true, keep: 6 },
  { id: 'queued', width: 7, right: true, keep: 10 },
  { id: 'pinning', width: 8, right: true, keep: 3 },
  { id: 'errors', width: 7, right: true, keep: 9 },
  { id: 'ipfsPins', width: 10, right: true, keep: 1 },
  { id: 'disk', width: 10, right: true, keep: 4 },
  { id: 'pinRate', width: 7, right: true, keep: 2 },
  { id: 'slowest', width: 20, right: false, keep: 8, grow: 28 },
  { id: 'quantile', width: 9, right: true, keep: 8 },
  { id: 'trend', width: 8, right: false, keep: 5, grow: 24 },
];

/** Gap between two columns. */
export const COLUMN_GAP = 1;

/** Narrowest and widest peer column. */
const PEER_WIDTH = { min: PEER_WIDTH_MIN, max: 24 } as const;

/**
 * The columns that fit `width` (marker column excluded), spare room given to peer, slowest and
 * trend. The peer column starts as wide as the longest label (`peerWidth`, within 10–24 cells):
 * peers told apart matter more than the columns it pushes out.
 */
export function fitColumns(width: number, peerWidth: number = PEER_WIDTH.min): FleetColumn[] {
  // Loops, not closures: this runs at every frame (see fleet-monitor.ts).
  const peer = Math.max(PEER_WIDTH.min, Math.min(PEER_WIDTH.max, peerWidth));
  const chosen: ColumnSpec[] = [];
  for (const spec of SPECS) chosen.push(spec.id === 'peer' ? { ...spec, width: peer, grow: Math.max(peer, spec.grow ?? peer) } : spec);
  while (totalWidth(chosen) > width) {
    let drop = -1;
    for (let i = 0; i < chosen.length; i++) if (chosen[i].keep !== Infinity && (drop < 0 || chosen[i].keep < chosen[drop].keep)) drop = i;
    if (drop < 0) break;
    // The slowest method and its quantile go together.
    const id = chosen[drop].id;
    for (let i = chosen.length - 1; i >= 0; i--) if (chosen[i].id === id || (id === 'slowest' && chosen[i].id === 'quantile') || (id === 'quantile' && chosen[i].id === 'slowest')) chosen.splice(i, 1);
  }
  const columns: FleetColumn[] = [];
  for (const spec of chosen) columns.push({ id: spec.id, width: spec.width, right: spec.right });
  let spare = width - totalWidth(chosen);
  for (const id of GROWING) {
    for (let i = 0; i < chosen.length; i++) {
      if (chosen[i].id !== id) continue;
      const add = Math.max(0, Math.min(spare, (chosen[i].grow ?? chosen[i].width) - chosen[i].width));
      columns[i] = { ...columns[i], width: chosen[i].width + add };
      spare -= add;
    }
  }
  return columns;
}

/** The columns that take spare room, in turn. */
const GROWING: readonly FleetColumnId[] = ['peer', 'slowest', 'trend'];

/** Cells `specs` take side by side, gaps included. */
function totalWidth(specs: readonly ColumnSpec[]): number {
  let sum = 0;
  for (const spec of specs) sum += spec.width;
  return sum + COLUMN_GAP * (specs.length - 1);
}

/** Column captions at quantile q. */
export function captionOf(id: FleetColumnId, q: number): string {
  const captions: Record<FleetColumnId, string> = {
    state: '', peer: 'peer', pins: 'pins', queued: 'queued', pinning: 'pinning', errors: 'errors',
    ipfsPins: 'IPFS pins', disk: 'free disk', pinRate: 'pins/s', slowest: 'slowest method', quantile: quantileName(q), trend: 'trend',
  };
  return captions[id];
}

/** One cell: its fitted text and tone. */
export interface FleetCell {
  readonly text: string;
  readonly tone: Tone;
}

/** The caption row, fitted to the columns. */
export function captionCells(columns: readonly FleetColumn[], q: number, glyphs: Glyphs): FleetCell[] {
  const cells: FleetCell[] = [];
  for (const column of columns) cells.push(fitCell(captionOf(column.id, q), 'dim', column, glyphs));
  return cells;
}

/** A peer's cells at quantile q. */
export function peerCells(peer: FleetPeer, columns: readonly FleetColumn[], q: number, glyphs: Glyphs): FleetCell[] {
  // A loop and a module-level function, not closures made per peer and frame (see fleet-monitor.ts).
  const cells = new Array<FleetCell>(columns.length);
  for (let i = 0; i < columns.length; i++) cells[i] = peerCell(peer, columns[i], q, glyphs);
  return cells;
}

/** One of a peer's cells at quantile q. */
function peerCell(peer: FleetPeer, column: FleetColumn, q: number, glyphs: Glyphs): FleetCell {
  const c = peer.snapshot?.cluster;
  const dataTone: Tone = peer.health === 'up' ? 'plain' : 'dim';
  switch (column.id) {
    case 'state':
      return fitCell(peer.health === 'up' ? glyphs.ok : peer.health === 'stale' ? glyphs.stale : glyphs.failed, peer.health === 'up' ? 'good' : peer.health === 'stale' ? 'warn' : 'bad', column, glyphs);
    case 'peer':
      // Cut from the start: the end tells peers apart (`…0.0.1:8890`, `…frankfurt-02`).
      return { text: padEnd(keepEnd(escapeControl(peer.name), column.width, glyphs.ellipsis), column.width, glyphs.ellipsis), tone: peer.health === 'down' ? 'bad' : 'plain' };
    case 'pins':
      return fitCell(formatCount(c?.pins), dataTone, column, glyphs);
    case 'queued':
      return fitCell((peer.queueGrowing ? glyphs.growing : '') + formatCount(c?.pinQueued ?? peer.api?.pinqueue), peer.queueGrowing ? 'warn' : dataTone, column, glyphs);
    case 'pinning':
      return fitCell(formatCount(c?.pinning), dataTone, column, glyphs);
    case 'errors': {
      const errors = c?.pinErrors ?? peer.api?.pinErrors;
      return fitCell(formatCount(errors), (errors ?? 0) > 0 ? 'bad' : dataTone, column, glyphs);
    }
    case 'ipfsPins':
      return fitCell(formatCount(c?.ipfsPins), dataTone, column, glyphs);
    case 'disk': {
      // The informer's gauge (negative: bytes used), else the REST API's freespace metric.
      const disk = c?.informerDisk ?? peer.api?.freespace ?? null;
      return fitCell(disk === null ? '-' : disk < 0 ? `${formatBytes(-disk)} used` : formatBytes(disk), dataTone, column, glyphs);
    }
    case 'pinRate':
      return fitCell(formatRate(peer.snapshot?.rates.pinAdd), dataTone, column, glyphs);
    case 'slowest':
      return fitCell(peer.worst === null ? '-' : escapeControl(peer.worst.method), dataTone, column, glyphs);
    case 'quantile':
      return fitCell(formatMs(peer.worst?.latencyMs), dataTone, column, glyphs);
    case 'trend':
      return fitCell(sparkline(worstQuantileSeries(peer.trend, q, column.width), column.width, { ramp: glyphs.ramp }), 'accent', column, glyphs);
  }
}

/** `text` in at most `width` cells, its start replaced by `ellipsis` when it is cut. */
function keepEnd(text: string, width: number, ellipsis: string): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return ellipsis + chars.slice(chars.length - (width - [...ellipsis].length)).join('');
}

function fitCell(text: string, tone: Tone, column: FleetColumn, glyphs: Glyphs): FleetCell {
  return { text: fit(text, column, glyphs), tone };
}

function fit(text: string, column: FleetColumn, glyphs: Glyphs): string {
  return column.right ? padStart(text, column.width, glyphs.ellipsis) : padEnd(text, column.width, glyphs.ellipsis);
}
