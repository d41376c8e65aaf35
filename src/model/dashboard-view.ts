// The dashboard's view-model: everything the views draw, as fitted strings and tones, built
// from the scrape status, the display settings (focus, selection, sort, quantile, filter, open
// overlays) and the layout. Views only draw this; no view computes or formats numbers.

import { effectiveFocus, MIN_SIZE, type DashboardLayout } from './dashboard-layout.js';
import type { Glyphs } from './glyphs.js';
import { buildChartView, type ChartView } from './chart-view.js';
import { buildClusterView, type ClusterView } from './cluster-view.js';
import { buildHeaderView, type HeaderView } from './header-view.js';
import { fitHints, helpEntries, keyHints, type KeyHint } from './key-hints.js';
import { buildLatencyView, methodFigures, selectedIndex, type LatencyView, type SortMode } from './latency-view.js';
import { paneTitle, type PaneId, type PaneTitleView, type Segment } from './pane-view.js';
import type { ScrapeStatus } from './scrape-status.js';
import { fitEnd, padEnd, textWidth } from './text-fit.js';

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
  readonly paused: boolean;
  /** Method filter (substring, any case). */
  readonly filter: string;
  /** The filter is being typed. */
  readonly filterEditing: boolean;
}

/** The traces pane (a placeholder until the traces feature fills it). */
export interface TracesView {
  readonly title: PaneTitleView;
  readonly height: number;
  readonly lines: readonly string[];
}

/** The `?` overlay. */
export interface HelpView {
  readonly title: PaneTitleView;
  readonly height: number;
  readonly lines: readonly (readonly Segment[])[];
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
}

/** Placeholder text of the traces pane. */
export const TRACES_PLACEHOLDER = 'Jaeger traces of this peer will be listed here.';

/** Builds the whole view-model. */
export function buildDashboardView(input: DashboardInput): DashboardView {
  const { status, display, layout, glyphs } = input;
  const { width } = layout;
  const figures = methodFigures(status.snapshot, display);
  const methods = figures.map((f) => f.method);
  const focus = effectiveFocus(display.focus, layout.panes);
  const header = buildHeaderView({ target: input.target, status, paused: display.paused, nowMs: input.nowMs, width, glyphs });
  const keys = fitHints(keyHints({ focus, helpOpen: display.helpOpen, filterEditing: display.filterEditing }, glyphs), width);
  const base = { width, height: layout.frameRows, header, keys, focus, methods, cluster: null, latency: null, chart: null, traces: null, help: null };
  if (layout.tooSmall) {
    const need = `${MIN_SIZE.columns}${glyphs.times}${MIN_SIZE.rows}`;
    const have = `${layout.columns}${glyphs.times}${layout.rows}`;
    return { ...base, tooSmall: fitEnd(`terminal too small: need ${need}, have ${have}`, width, glyphs.ellipsis) };
  }
  if (display.helpOpen) return { ...base, tooSmall: null, help: buildHelpView(layout.body, width, glyphs) };
  const selected = methods.length > 0 ? methods[selectedIndex(figures, display.selected)] : null;
  return {
    ...base,
    tooSmall: null,
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
        ? buildLatencyView({ ...display, snapshot: status.snapshot, trend: status.trend, focused: focus === 'latency', width, height: layout.latency, glyphs })
        : null,
    chart:
      layout.chart > 0
        ? buildChartView({ method: selected, trend: status.trend, quantile: display.quantile, focused: focus === 'chart', width, height: layout.chart, glyphs })
        : null,
    traces:
      layout.traces > 0
        ? { title: paneTitle('Traces', width, focus === 'traces', glyphs), height: layout.traces - 1, lines: [fitEnd(TRACES_PLACEHOLDER, width, glyphs.ellipsis)] }
        : null,
  };
}

function buildHelpView(body: number, width: number, glyphs: Glyphs): HelpView {
  const height = Math.max(0, body - 1);
  const entries = helpEntries(glyphs);
  const keyWidth = entries.reduce((m, e) => Math.max(m, textWidth(e.key)), 0) + 2;
  const lines = entries.slice(0, height).map((e): Segment[] => [
    { text: '  ' + padEnd(e.key, keyWidth, glyphs.ellipsis), tone: 'accent' },
    { text: fitEnd(e.label, Math.max(0, width - keyWidth - 2), glyphs.ellipsis), tone: 'plain' },
  ]);
  return { title: paneTitle('Keys', width, true, glyphs), height, lines };
}
