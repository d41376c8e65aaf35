// Where everything goes for a terminal of a given size: which panes are shown, how many rows
// each gets and how wide the gauge cells are. The live frame stays one row shorter than the
// terminal (Ink 6.8 clears the whole screen on every frame once a frame reaches the terminal
// height), and its last column stays empty so no line ever triggers the terminal's auto-wrap.

import type { PaneId } from './pane-view.js';

/** Smallest terminal the dashboard draws in; below it shows a "too small" line. */
export const MIN_SIZE = { columns: 60, rows: 16 } as const;
/** Smallest terminal with the traces pane. */
export const TRACES_MIN_SIZE = { columns: 80, rows: 24 } as const;
/** Smallest terminal where an open chart gets a pane of its own beside the latency list. */
export const CHART_PANE_MIN_SIZE = { columns: 100, rows: 30 } as const;
/** Number of gauges in the cluster pane. */
export const GAUGE_COUNT = 12;
/** Gauge cell width including the gap after it. */
const GAUGE_STRIDE = 20;
/** Blank cells between two gauges. */
export const GAUGE_GAP = 2;
/** Share of the rows under the cluster pane the traces pane gets without the focus (3 to 12 rows). */
const TRACES_SHARE = 0.35;
const TRACES_MIN_ROWS = 3;
const TRACES_MAX_ROWS = 12;
/** Rows the latency list keeps while the focused traces pane takes the rest (title, captions, two methods). */
const LATENCY_KEEP = 4;
/** Fewest rows an open chart pane gets. */
const CHART_MIN_ROWS = 8;

/** How an open chart is shown: as its own pane, or in place of the latency list. */
export type ChartMode = 'pane' | 'replace';

/** The dashboard's geometry for one terminal size. */
export interface DashboardLayout {
  /** Terminal size. */
  readonly columns: number;
  readonly rows: number;
  /** Usable width: columns − 1. */
  readonly width: number;
  /** Height of the live frame: rows − 1. */
  readonly frameRows: number;
  /** The terminal is below MIN_SIZE. */
  readonly tooSmall: boolean;
  /** Rows between the header and the key line. */
  readonly body: number;
  /** Rows per pane, 0 when hidden. */
  readonly cluster: number;
  readonly latency: number;
  readonly chart: number;
  readonly traces: number;
  /** How an open chart is shown at this size. */
  readonly chartMode: ChartMode;
  /** Visible panes in focus order. */
  readonly panes: readonly PaneId[];
  /** Gauges per cluster row and the width of one gauge cell (without the gap). */
  readonly gaugesPerRow: number;
  readonly gaugeWidth: number;
}

/** How much room the traces pane gets: none (`--no-traces`), a share, or all but a glimpse of the list (focused). */
export type TracesRoom = 'off' | 'compact' | 'expanded';

/** What changes the layout besides the terminal size. */
export interface LayoutOptions {
  /** A method's chart is open. */
  readonly chartOpen: boolean;
  /** Room for the traces pane (default 'compact'). */
  readonly traces?: TracesRoom;
  /** Rows the latency list can fill (title, captions, every method); rows beyond go to the traces pane. */
  readonly latencyRows?: number;
  /** Rows the traces pane can fill (title, captions, every trace); rows beyond go back to the latency list. */
  readonly tracesRows?: number;
}

/** The layout for a `columns`×`rows` terminal (missing or zero sizes count as 80×24). */
export function computeLayout(columns: number | undefined, rows: number | undefined, options: LayoutOptions): DashboardLayout {
  const cols = columns !== undefined && columns > 0 ? Math.floor(columns) : 80;
  const rws = rows !== undefined && rows > 0 ? Math.floor(rows) : 24;
  const width = Math.max(1, cols - 1);
  const frameRows = Math.max(1, rws - 1);
  const tooSmall = cols < MIN_SIZE.columns || rws < MIN_SIZE.rows;
  const body = Math.max(0, frameRows - 2);
  const gaugesPerRow = Math.max(1, Math.floor((width + GAUGE_GAP) / GAUGE_STRIDE));
  const gaugeWidth = Math.floor((width + GAUGE_GAP) / gaugesPerRow) - GAUGE_GAP;
  const cluster = 1 + Math.ceil(GAUGE_COUNT / gaugesPerRow);
  const room = options.traces ?? 'compact';
  const under = Math.max(0, body - cluster);
  const compact = Math.min(TRACES_MAX_ROWS, Math.max(TRACES_MIN_ROWS, Math.floor(under * TRACES_SHARE)));
  const tracesShown = room !== 'off' && cols >= TRACES_MIN_SIZE.columns && rws >= TRACES_MIN_SIZE.rows;
  let traces = !tracesShown ? 0 : room === 'expanded' ? Math.max(compact, under - LATENCY_KEEP) : compact;
  // Rows the traces would leave blank show more of the latency list instead.
  if (traces > 0 && options.tracesRows !== undefined) traces = Math.min(traces, Math.max(TRACES_MIN_ROWS, options.tracesRows));
  let rest = Math.max(0, under - traces);
  const fill = options.latencyRows === undefined ? rest : Math.max(LATENCY_KEEP, options.latencyRows);
  if (traces > 0 && !options.chartOpen && rest > fill) {
    // Rows the list would leave blank show more traces instead.
    traces += rest - fill;
    rest = fill;
  }
  const roomy = cols >= CHART_PANE_MIN_SIZE.columns && rws >= CHART_PANE_MIN_SIZE.rows && rest >= CHART_MIN_ROWS + LATENCY_KEEP;
  const chartMode: ChartMode = roomy ? 'pane' : 'replace';
  let chart = 0;
  let latency = rest;
  if (options.chartOpen && chartMode === 'pane') {
    chart = Math.max(CHART_MIN_ROWS, Math.floor(rest / 2));
    latency = rest - chart;
  } else if (options.chartOpen) {
    chart = rest;
    latency = 0;
  }
  const panes: PaneId[] = ['cluster'];
  if (latency > 0) panes.push('latency');
  if (chart > 0) panes.push('chart');
  if (traces > 0) panes.push('traces');
  return { columns: cols, rows: rws, width, frameRows, tooSmall, body, cluster, latency, chart, traces, chartMode, panes, gaugesPerRow, gaugeWidth };
}

/** Panes with keys of their own take the focus; the cluster gauges have none, so Tab skips them. */
export function takesFocus(pane: PaneId): boolean {
  return pane !== 'cluster';
}

/** The pane that really has the focus: `focus` if shown, else the chart or latency list. */
export function effectiveFocus(focus: PaneId, panes: readonly PaneId[]): PaneId {
  if (panes.includes(focus)) return focus;
  if (focus === 'latency' && panes.includes('chart')) return 'chart';
  if (panes.includes('latency')) return 'latency';
  return panes.includes('chart') ? 'chart' : panes[0] ?? 'cluster';
}
