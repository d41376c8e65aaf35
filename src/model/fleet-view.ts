// The fleet screen's view-model: a two-line fleet header (peers up, the server and its data's age
// with --prometheus, a third line for its trouble; the pinset once and who is
// out of sync, summed queue and errors), the peer list (worst first by default, filtered,
// scrolled around the selection, saying how many rows are above and below), the fleet's RPC
// latency per method (scrolled when focused), a status line with the selected peer's trouble,
// and the key line; or the `?` help in place of the lists. Views only draw it.

import { captionCells, fitColumns, peerCells, type FleetCell } from './fleet-columns.js';
import type { FleetLatency } from './fleet-latency.js';
import { filterFleet, fleetPeer, fleetSummary, sortFleet, type FleetPeer, type FleetPeerInput, type FleetSort } from './fleet-peers.js';
import { MIN_SIZE } from './dashboard-layout.js';
import type { Glyphs } from './glyphs.js';
import type { ScrollRange } from './fleet-display.js';
import { fleetHelpEntries, fleetKeyHints } from './fleet-hints.js';
import { buildHelpView, type HelpView } from './help-view.js';
import { fitHints, type KeyHint } from './key-hints.js';
import { paneTitle, type PaneTitleView, type Segment } from './pane-view.js';
import { rpcRows } from './snapshot.js';
import { fitEnd, padEnd, padStart, textWidth } from './text-fit.js';
import { formatCount, formatDuration, formatInterval, formatMs, formatRate, quantileName } from './units.js';
import { serverNoteLine, serverSegments, type FleetServerStatus } from './fleet-server.js';
import { escapeControl } from '../util/escape-control.js';
import { shortPeerId } from './cluster-api/short-id.js';
import type { PinErrors } from './cluster-api/pin-errors.js';

/** What the user set with keys on the fleet screen. */
export interface FleetDisplay {
  /** Selected peer by name; null selects the first row. */
  readonly selected: string | null;
  readonly sort: FleetSort;
  /** Peer name filter (substring, any case). */
  readonly filter: string;
  readonly filterEditing: boolean;
  readonly quantile: number;
  /** The list the arrow keys move: the peers or the fleet latency. */
  readonly focus: 'peers' | 'latency';
  /** First latency row shown (kept in range when the list shrinks). */
  readonly latencyTop: number;
  readonly helpOpen: boolean;
  /** The REST API's pins in error are shown in the overlay (`e`). */
  readonly errorsOpen: boolean;
  /** First line of the open overlay shown. */
  readonly helpOffset: number;
  /** The display is frozen; polling goes on. */
  readonly paused: boolean;
}

/** One peer row. */
export interface FleetRowView {
  readonly name: string;
  readonly selected: boolean;
  /** The marker cell, then one cell per column. */
  readonly marker: string;
  readonly cells: readonly FleetCell[];
}

/** The fleet screen. */
export interface FleetView {
  readonly width: number;
  readonly height: number;
  /** Set when the terminal is too small: the only line to draw. */
  readonly tooSmall: string | null;
  /** Two header lines. */
  readonly header: readonly (readonly Segment[])[];
  readonly peersTitle: PaneTitleView;
  /** Column captions, after the two cells of the selection marker. */
  readonly caption: readonly FleetCell[];
  readonly rows: readonly FleetRowView[];
  readonly latencyTitle: PaneTitleView;
  /** The latency caption and rows (or the line saying why there are none). */
  readonly latencyLines: readonly string[];
  /** The latency list's rows and how many it shows, for its scroll keys. */
  readonly latencyRange: ScrollRange;
  /** The `?` overlay in place of the lists, or null. */
  readonly help: HelpView | null;
  /** The selected peer's state and trouble, one line. */
  readonly status: readonly Segment[];
  readonly keys: readonly KeyHint[];
  /** Peer names in display order (after filter and sort), for the selection keys. */
  readonly order: readonly string[];
  /** Peer rows a page key moves by. */
  readonly pageRows: number;
}

/** What the fleet screen is built from. */
export interface FleetViewInput {
  readonly peers: readonly FleetPeerInput[];
  readonly latency: FleetLatency;
  readonly display: FleetDisplay;
  readonly intervalMs: number;
  /** Window of rates and quantiles, ms. */
  readonly windowMs: number;
  /** Terminal size; the frame is one row shorter and one column narrower. */
  readonly columns: number;
  readonly rows: number;
  readonly nowMs: number;
  readonly glyphs: Glyphs;
  /** The server the figures come from (`--prometheus`): named in the header, its trouble on a third line; absent when scraping. */
  readonly server?: FleetServerStatus | null;
  /** The REST API's state for the header and the `e` overlay, or null when the API is off. */
  readonly api?: FleetApiView | null;
}

/** What the fleet screen shows of the REST API. */
export interface FleetApiView {
  /** The API's base URL. */
  readonly url: string;
  /** Its last error line, which names the REST API (`REST API at host:port …`), or null. */
  readonly error: string | null;
  /** The pins in error of the last refresh (null before one), and whether one is under way. */
  readonly pinErrors: PinErrors | null;
  readonly refreshingErrors: boolean;
}

/** Rows around the lists: header 2, peers title and caption, latency title and caption, status, keys. */
const FIXED_ROWS = 8;

function nameOf(peer: FleetPeer): string {
  return peer.name;
}

/** The widest peer name on screen, in cells (escaped). */
function widestName(peers: readonly FleetPeer[]): number {
  let widest = 0;
  for (const peer of peers) widest = Math.max(widest, textWidth(escapeControl(peer.name)));
  return widest;
}

/** Builds the fleet screen. */
export function buildFleetView(input: FleetViewInput): FleetView {
  const { display, glyphs, nowMs } = input;
  const width = Math.max(1, input.columns - 1);
  const height = Math.max(1, input.rows - 1);
  const q = display.quantile;
  // Loops and module-level functions, not closures made per frame: V8 keeps a closure's
  // optimized code only while one of its instances lives (see fleet-monitor.ts).
  const peers = new Array<FleetPeer>(input.peers.length);
  for (let i = 0; i < peers.length; i++) peers[i] = fleetPeer(input.peers[i], q, nowMs);
  const shown = sortFleet(filterFleet(peers, display.filter), display.sort);
  const order = shown.map(nameOf);
  const keys = fitHints(fleetKeyHints(display, glyphs), width);
  const empty = { width, height, header: [], peersTitle: paneTitle('', width, true, glyphs), caption: [], rows: [], latencyTitle: paneTitle('', width, false, glyphs), latencyLines: [], latencyRange: { total: 0, rows: 0 }, help: null, status: [], keys, order, pageRows: 1 };
  if (input.columns < MIN_SIZE.columns || input.rows < MIN_SIZE.rows) {
    const need = `${MIN_SIZE.columns}${glyphs.times}${MIN_SIZE.rows}`;
    return { ...empty, tooSmall: fitEnd(`terminal too small: need ${need}, have ${input.columns}${glyphs.times}${input.rows}`, width, glyphs.ellipsis) };
  }
  const methods = rpcRows(input.latency.fleet, q);
  const header = headerLines(peers, input, width);
  // Peers take the rows they need, leaving the latency list a third at least; it takes the rest.
  const room = Math.max(2, height - FIXED_ROWS - (header.length - 2));
  const latencyMin = Math.min(methods.length, Math.max(2, Math.floor(room / 3)));
  const peerRows = Math.max(1, Math.min(shown.length, room - latencyMin));
  const latencyRows = Math.max(1, Math.min(methods.length, room - peerRows));
  const selectedAt = Math.max(0, display.selected === null ? 0 : order.indexOf(display.selected));
  const first = Math.max(0, Math.min(selectedAt - Math.floor(peerRows / 2), shown.length - peerRows));
  const visible = shown.slice(first, first + peerRows);
  const columns = fitColumns(width - 2, widestName(shown));
  const rows: FleetRowView[] = [];
  for (let i = 0; i < visible.length; i++) {
    const peer = visible[i];
    const selected = first + i === selectedAt;
    rows.push({ name: peer.name, selected, marker: selected ? `${glyphs.marker} ` : '  ', cells: peerCells(peer, columns, q, glyphs) });
  }
  const selected = shown[selectedAt] ?? null;
  const latencyTop = Math.max(0, Math.min(display.latencyTop, methods.length - latencyRows));
  const latencyShown = Math.min(latencyRows, methods.length - latencyTop);
  const latencyTitle = [`RPC latency ${quantileName(q)}`, 'whole fleet', `${methods.length} methods`];
  if (methods.length > latencyShown) latencyTitle.push(`${latencyTop + 1}-${latencyTop + latencyShown}`, `${latencyTop} above, ${methods.length - latencyTop - latencyShown} below`);
  // The help takes every row between the header and the key line.
  const help = display.helpOpen
    ? buildHelpView(fleetHelpEntries(glyphs), height - 3, width, display.helpOffset, glyphs)
    : display.errorsOpen
      ? pinErrorsView(input.api ?? null, height - 3, width, display.helpOffset, nowMs, glyphs)
      : null;
  return {
    ...empty,
    tooSmall: null,
    header,
    peersTitle: paneTitle(peersTitleText(display, shown.length, peers.length, first, visible.length, glyphs), width, display.focus === 'peers', glyphs),
    caption: captionCells(columns, q, glyphs),
    rows,
    latencyTitle: paneTitle(latencyTitle.join(` ${glyphs.dot} `), width, display.focus === 'latency', glyphs),
    latencyLines: latencyLines(methods.slice(latencyTop), latencyRows, width, q, glyphs, peers.length === 0),
    latencyRange: { total: methods.length, rows: latencyRows },
    help,
    status: peers.length === 0 ? [{ text: 'no peers yet', tone: 'dim' }] : statusLine(selected, width, glyphs),
    pageRows: peerRows,
  };
}

function peersTitleText(display: FleetDisplay, shown: number, total: number, first: number, visible: number, glyphs: Glyphs): string {
  const parts = [`Peers ${glyphs.dot} by ${display.sort}`];
  if (display.filter !== '' || display.filterEditing) parts.push(`filter "${escapeControl(display.filter)}"${display.filterEditing ? '_' : ''} (${shown} of ${total})`);
  if (shown > visible) {
    const below = shown - first - visible;
    parts.push(`${first + 1}-${first + visible} of ${shown}`, `${first} above, ${below} below`);
  }
  return parts.join(` ${glyphs.dot} `);
}

function headerLines(peers: readonly FleetPeer[], input: FleetViewInput, width: number): Segment[][] {
  const { glyphs } = input;
  const s = fleetSummary(peers);
  const down = s.peersTotal - s.peersUp;
  const first: Segment[] = [
    { text: `cluster-top ${glyphs.dot} fleet of ${s.peersTotal} `, tone: 'title' },
    { text: `${glyphs.dot} ${s.peersUp} up`, tone: down === 0 ? 'good' : 'warn' },
  ];
  if (input.server != null) first.push(...serverSegments(input.server, input.nowMs, glyphs));
  if (input.display.paused) {
    // Paused: the frozen data's age counts up, from the newest answer of any peer.
    const newest = Math.max(...input.peers.map((p) => p.status.lastOkMs ?? -Infinity));
    const age = Number.isFinite(newest) ? ` ${glyphs.dot} data ${formatDuration(Math.max(0, input.nowMs - newest) / 1000)} old` : '';
    first.push({ text: ` ${glyphs.dot} paused${age}`, tone: 'warn' });
  }
  first.push({ text: ` ${glyphs.dot} every ${formatInterval(input.intervalMs)} ${glyphs.dot} ${quantileName(input.display.quantile)} over ${formatInterval(input.windowMs)}`, tone: 'dim' });
  const pinset: Segment[] = [{ text: `pinset ${formatCount(s.pinset)}`, tone: 'plain' }];
  if (s.pinsetDisagree.length > 0) {
    pinset.push({ text: ` ${glyphs.dot} out of sync: ${s.pinsetDisagree.map((n) => escapeControl(n)).join(', ')}`, tone: 'warn' });
  }
  const sums: Segment[] = [
    { text: ` ${glyphs.dot} queued ${formatCount(s.pinQueued)} ${glyphs.dot} pinning ${formatCount(s.pinning)} ${glyphs.dot} `, tone: 'plain' },
    { text: `pin errors ${formatCount(s.pinErrors)}`, tone: (s.pinErrors ?? 0) > 0 ? 'bad' : 'plain' },
  ];
  // The REST API's trouble, after the sums: the rows stay as last seen.
  // The API's error lines name it (`REST API at host:port …`: sources/cluster-api/errors.ts).
  if (input.api?.error != null) sums.push({ text: ` ${glyphs.dot} ${escapeControl(input.api.error)}`, tone: 'warn' });
  const lines = [fitSegments(first, width, glyphs), fitSegments([...pinset, ...sums], width, glyphs)];
  const note = serverNoteLine(input.server, glyphs);
  return note === null ? lines : [...lines, fitSegments(note, width, glyphs)];
}

function latencyLines(methods: ReturnType<typeof rpcRows>, rows: number, width: number, q: number, glyphs: Glyphs, noPeers: boolean): string[] {
  if (methods.length === 0) {
    const why = noPeers ? 'no RPC latency: no peer read yet' : 'no RPC latency from any peer yet (the gorpc histograms need tracing on)';
    return [fitEnd(why, width, glyphs.ellipsis)];
  }
  const nameWidth = Math.max(10, width - 2 - 10 - 10);
  const line = (name: string, quantile: string, calls: string) => `  ${padEnd(name, nameWidth, glyphs.ellipsis)}${padStart(quantile, 10, glyphs.ellipsis)}${padStart(calls, 10, glyphs.ellipsis)}`;
  const out = [line('method', quantileName(q), 'calls/s')];
  for (const m of methods.slice(0, rows)) out.push(line(escapeControl(m.method), formatMs(m.latencyMs), formatRate(m.callsPerSecond)));
  return out;
}

function statusLine(peer: FleetPeer | null, width: number, glyphs: Glyphs): Segment[] {
  if (peer === null) return [{ text: 'no peer matches the filter', tone: 'dim' }];
  const name = escapeControl(peer.name);
  // Who it is by the REST API (version, short peer ID), and where its metrics come from.
  const api = peer.api === null ? [] : [peer.api.version === '' ? '' : `v${escapeControl(peer.api.version)}`, shortPeerId(escapeControl(peer.api.id), glyphs.ellipsis)].filter((x) => x !== '');
  const target = peer.scraped ? escapeControl(peer.target) : 'no metrics URL (--metrics name=URL adds one)';
  if (peer.health === 'up') return fitSegments([{ text: [name, ...api, target, 'up'].join(` ${glyphs.dot} `), tone: 'dim' }], width, glyphs);
  if (!peer.scraped) {
    return fitSegments([{ text: `${[name, ...api].join(` ${glyphs.dot} `)} down: `, tone: 'bad' }, { text: peer.reason ?? '', tone: 'plain' }], width, glyphs);
  }
  const age = peer.staleForMs === null ? 'no data yet' : `data ${formatDuration(peer.staleForMs / 1000)} old`;
  return fitSegments([
    { text: `${name} ${peer.health} (${age}): `, tone: peer.health === 'down' ? 'bad' : 'warn' },
    { text: peer.reason ?? '', tone: 'plain' },
  ], width, glyphs);
}

/** The REST API's pins in error as overlay lines: peer and status, then CID, name, attempts, age and error. */
function pinErrorsView(api: FleetApiView | null, body: number, width: number, offset: number, nowMs: number, glyphs: Glyphs): HelpView {
  const errors = api?.pinErrors ?? null;
  const entries = (errors?.rows ?? []).map((r) => ({
    key: `${escapeControl(r.peer)} ${escapeControl(r.status)}`,
    label: [
      shortPeerId(escapeControl(r.cid), glyphs.ellipsis),
      r.name === '' ? null : escapeControl(r.name),
      `${r.attempts} attempt${r.attempts === 1 ? '' : 's'}`,
      r.timestampMs > 0 ? `${formatDuration(Math.max(0, nowMs - r.timestampMs) / 1000)} ago` : null,
      r.error === '' ? null : escapeControl(r.error),
    ].filter((x) => x !== null).join(` ${glyphs.dot} `),
  }));
  const state = api === null ? 'the REST API is off (--api URL turns it on)' : errors === null ? (api.refreshingErrors ? 'asking the REST API…' : 'not asked yet') : entries.length === 0 ? 'none' : `${entries.length}${errors.more > 0 ? ` of ${entries.length + errors.more}` : ''}`;
  const lines = entries.length > 0 ? entries : [{ key: '', label: state }];
  return buildHelpView(lines, body, width, offset, glyphs, `Pins in error ${glyphs.dot} ${state}${api?.refreshingErrors === true && errors !== null ? ` ${glyphs.dot} refreshing` : ''}`);
}

/** `segments` cut to `width` cells in total. */
function fitSegments(segments: readonly Segment[], width: number, glyphs: Glyphs): Segment[] {
  const out: Segment[] = [];
  let left = width;
  for (const s of segments) {
    if (left <= 0) break;
    const text = fitEnd(s.text, left, glyphs.ellipsis);
    out.push({ text, tone: s.tone });
    left -= [...text].length;
  }
  return out;
}
