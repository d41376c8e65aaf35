// The cluster pane: twelve gauges in a grid of fixed-width cells (label left, value right):
// pin counts, pin errors (highlighted when > 0), disk (free, or used in reposize mode), pin and
// block rates, and the peer process. A queue that keeps growing is highlighted and marked.

import { NOT_A_CLUSTER_HINT } from './cluster-catalogue.js';
import { GAUGE_COUNT } from './dashboard-layout.js';
import type { Glyphs } from './glyphs.js';
import { paneTitle, type PaneTitleView, type Tone } from './pane-view.js';
import type { PeerSnapshot } from './snapshot.js';
import { padEnd, padStart, textWidth, wrapText } from './text-fit.js';
import { formatBytes, formatCount, formatPercent, formatRate } from './units.js';

/** One gauge cell; label and value together are exactly the gauge width. */
export interface GaugeCellView {
  /** The label, padded on the right. */
  readonly label: string;
  /** The value, padded on the left. */
  readonly value: string;
  /** How to draw the value (and a highlighted label). */
  readonly tone: Tone;
}

/** The cluster pane. */
export interface ClusterView {
  readonly title: PaneTitleView;
  /** Rows of the pane below the title (gauge rows, or the explanation when this is no cluster peer). */
  readonly height: number;
  /** Gauge rows; empty when `message` is shown instead. */
  readonly rows: readonly (readonly GaugeCellView[])[];
  /** Lines replacing the gauges (e.g. "no IPFS Cluster metrics found"). */
  readonly message: readonly string[];
}

/** What the cluster pane is made of. */
export interface ClusterInput {
  readonly snapshot: PeerSnapshot | null;
  readonly queueGrowing: boolean;
  readonly focused: boolean;
  readonly width: number;
  /** Rows including the title. */
  readonly height: number;
  readonly gaugesPerRow: number;
  readonly gaugeWidth: number;
  readonly glyphs: Glyphs;
}

interface Gauge {
  readonly label: string;
  readonly value: string;
  readonly tone: Tone;
}

/** The twelve gauges of a snapshot, in reading order. */
export function gauges(snapshot: PeerSnapshot | null, queueGrowing: boolean, glyphs: Glyphs): Gauge[] {
  const c = snapshot?.cluster;
  const r = snapshot?.rates;
  const p = snapshot?.process;
  const disk = c?.informerDisk ?? null;
  const errors = c?.pinErrors ?? null;
  const list: Gauge[] = [
    { label: 'pins', value: formatCount(c?.pins), tone: 'plain' },
    {
      label: queueGrowing ? `queued ${glyphs.growing}` : 'queued',
      value: formatCount(c?.pinQueued),
      tone: queueGrowing ? 'warn' : 'plain',
    },
    { label: 'pinning', value: formatCount(c?.pinning), tone: 'plain' },
    { label: 'pin errors', value: formatCount(errors), tone: errors !== null && errors > 0 ? 'bad' : 'plain' },
    { label: 'IPFS pins', value: formatCount(c?.ipfsPins), tone: 'plain' },
    disk !== null && disk < 0
      ? { label: 'disk used', value: formatBytes(-disk), tone: 'plain' }
      : { label: 'disk free', value: formatBytes(disk), tone: 'plain' },
    { label: 'pins/s', value: formatRate(r?.pinAdd), tone: 'plain' },
    { label: 'blocks/s', value: formatRate(r?.blocksAdded), tone: 'plain' },
    { label: 'RSS', value: formatBytes(p?.residentMemoryBytes), tone: 'plain' },
    { label: 'CPU', value: formatPercent(p?.cpuPercent), tone: 'plain' },
    { label: 'goroutines', value: formatCount(p?.goroutines), tone: 'plain' },
    { label: 'conns', value: formatCount(p?.libp2pConnections), tone: 'plain' },
  ];
  return list.slice(0, GAUGE_COUNT);
}

/** Builds the cluster pane. */
export function buildClusterView(input: ClusterInput): ClusterView {
  const { glyphs, width } = input;
  const title = paneTitle('Cluster', width, input.focused, glyphs);
  const height = Math.max(0, input.height - 1);
  if (input.snapshot?.missing.clusterMetrics === true) {
    return { title, height, rows: [], message: wrapText(NOT_A_CLUSTER_HINT, width).slice(0, height) };
  }
  const cells = gauges(input.snapshot, input.queueGrowing, glyphs).map((g) => gaugeCell(g, input.gaugeWidth, glyphs.ellipsis));
  const rows: GaugeCellView[][] = [];
  for (let i = 0; i < cells.length; i += input.gaugesPerRow) rows.push(cells.slice(i, i + input.gaugesPerRow));
  return { title, height, rows: rows.slice(0, height), message: [] };
}

function gaugeCell(g: Gauge, width: number, ellipsis: string): GaugeCellView {
  const valueWidth = Math.min(textWidth(g.value), width);
  const labelWidth = Math.max(0, width - valueWidth);
  return { label: padEnd(g.label, labelWidth, ellipsis), value: padStart(g.value, width - labelWidth, ellipsis), tone: g.tone };
}
