// The dashboard's view-model: everything the views draw, as fitted strings and tones, built
// from the scrape status, the display settings (focus, selection, sort, quantile, filter, open
// overlays), the traces loop's status and the layout. Views only draw this; no view computes
// or formats numbers.

import { effectiveFocus, MIN_SIZE, type DashboardLayout } from './dashboard-layout.js';
import type { Glyphs } from './glyphs.js';
import { buildChartView, type ChartView } from './chart-view.js';
import { buildClusterView, type ClusterView } from './cluster-view.js';
import { buildHeaderView, type HeaderView } from './header-view.js';
import { fitHints, helpEntries, keyHints, type KeyHint } from './key-hints.js';
import { buildHelpView, type HelpView } from './help-view.js';
import { buildLatencyView, methodFigures, selectedIndex, type LatencyView, type SortMode } from './latency-view.js';
import type { PaneId } from './pane-view.js';
import type { ScrapeStatus } from './scrape-status.js';
import { fitEnd } from './text-fit.js';
import type { TraceJump, TracesScreen, TracesView } from './traces-display.js';
import { buildTracesPane, type TracesPaneInput } from './traces-pane-view.js';

export type { TracesView } from './traces-display.js';

/** The display settings the user changes with keys. */
export interface DisplayInput {
  /** Pane with the keyboard focus. */
  readonly focus: PaneId;
  /** Selected method; null selects the first row. */
  readonly selected: string | null;
  readonly sort: SortMode;
  /** Quantile φ shown, e.g. 0.95. */
  readonly quantile: number;
  readonly chartOpen: boolean;
  readonly helpOpen: boolean;
  /** First help line shown (clamped to the lines there are). */
  readonly helpOffset: number;
  readonly paused: boolean;
  /** Method filter (substring, any case). */
  readonly filter: string;
  /** The filter is being typed. */
  readonly filterEditing: boolean;
}

/** The whole screen. */
export interface DashboardView {
  /** Usable width. */
  readonly width: number;
  /** Rows of the live frame (terminal rows − 1). */
  readonly height: number;
  /** Set when the terminal is too small: the only line to draw. */
  readonly tooSmall: string | null;
  readonly header: HeaderView;
  /** Panes, null when hidden. */
  readonly cluster: ClusterView | null;
  readonly latency: LatencyView | null;
  readonly chart: ChartView | null;
  readonly traces: TracesView | null;
  readonly help: HelpView | null;
  /** Key hints for the focused pane. */
  readonly keys: readonly KeyHint[];
  /** Pane that really has the focus. */
  readonly focus: PaneId;
  /** Methods in display order (filtered and sorted), for selection keys. */
  readonly methods: readonly string[];
  /** What the traces pane's keys act on; null when the pane is not shown. */
  readonly tracesScreen: TracesScreen | null;
  /** Where `t` jumps from the selected method; null when the traces pane is not shown. */
  readonly jump: TraceJump | null;
}

/** What the view-model is built from. */
export interface DashboardInput {
  readonly target: string;
  readonly status: ScrapeStatus;
  readonly display: DisplayInput;
  readonly layout: DashboardLayout;
  /** Wall-clock time to show ages against, unix ms. */
  readonly nowMs: number;
  readonly glyphs: Glyphs;
  /** The traces pane's data and settings; null or absent without traces (`--no-traces`). */
  readonly traces?: TracesSource | null;
}

/** What the traces pane is built from, besides the geometry and the focus. */
export type TracesSource = Omit<TracesPaneInput, 'focused' | 'width' | 'height' | 'nowMs' | 'glyphs'>;

/** Builds the whole view-model. */
export function buildDashboardView(input: DashboardInput): DashboardView {
  const { status, display, layout, glyphs } = input;
  const { width } = layout;
  const figures = methodFigures(status.snapshot, display);
  const methods = figures.map((f) => f.method);
  const focus = effectiveFocus(display.focus, layout.panes);
  const header = buildHeaderView({ target: input.target, status, paused: display.paused, nowMs: input.nowMs, width, glyphs });
  const selected = methods.length > 0 ? methods[selectedIndex(figures, display.selected)] : null;
  const tracesShown = input.traces != null && layout.traces > 0 && !layout.tooSmall;
  const figure = figures.find((f) => f.method === selected);
  const jump = tracesShown && figure !== undefined ? { operation: `Recv.${figure.method}`, minDurationUs: figure.latencyMs === null ? null : Math.floor(figure.latencyMs * 1000) } : null;
  const tracesPane =
    tracesShown && !display.helpOpen && input.traces != null
      ? buildTracesPane({ ...input.traces, focused: focus === 'traces', width, height: layout.traces, nowMs: input.nowMs, glyphs })
      : null;
  const help = display.helpOpen && !layout.tooSmall ? buildHelpView(helpEntries(glyphs), layout.body, width, display.helpOffset, glyphs) : null;
  const hints = {
    focus,
    helpOpen: display.helpOpen,
    helpScrolls: help !== null && help.total > help.height,
    filterEditing: display.filterEditing,
    jump: jump !== null,
    traces: tracesPane?.screen.mode ?? null,
  };
  const keys = fitHints(keyHints(hints, glyphs), width);
  const base = { width, height: layout.frameRows, header, keys, focus, methods, cluster: null, latency: null, chart: null, traces: null, help: null, tracesScreen: null, jump: null };
  if (layout.tooSmall) {
    const need = `${MIN_SIZE.columns}${glyphs.times}${MIN_SIZE.rows}`;
    const have = `${layout.columns}${glyphs.times}${layout.rows}`;
    return { ...base, tooSmall: fitEnd(`terminal too small: need ${need}, have ${have}`, width, glyphs.ellipsis) };
  }
  if (help !== null) return { ...base, tooSmall: null, help };
  return {
    ...base,
    tooSmall: null,
    tracesScreen: tracesPane?.screen ?? null,
    jump,
    cluster: buildClusterView({
      snapshot: status.snapshot,
      queueGrowing: status.queueGrowing,
      focused: focus === 'cluster',
      width,
      height: layout.cluster,
      gaugesPerRow: layout.gaugesPerRow,
      gaugeWidth: layout.gaugeWidth,
      glyphs,
    }),
    latency:
      layout.latency > 0
        ? buildLatencyView({ ...display, snapshot: status.snapshot, trend: status.trend, focused: focus === 'latency', width, height: layout.latency, glyphs, failure: status.failure?.message ?? null })
        : null,
    chart:
      layout.chart > 0
        ? buildChartView({ method: selected, trend: status.trend, quantile: display.quantile, focused: focus === 'chart', width, height: layout.chart, glyphs })
        : null,
    traces: tracesPane?.view ?? null,
  };
}

/** The help overlay scrolled to `offset` (clamped), its title saying which lines are shown and whether more are above or below. */
