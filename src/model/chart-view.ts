// The focused chart pane: the selected method's quantile over the kept trend, plotted by
// asciichart with an ms axis, and a caption line giving the time span (oldest left, now right).

import type { Glyphs } from './glyphs.js';
import { CHART_LABEL_WIDTH, chartPoints, plotLatency } from './latency-chart.js';
import { quantileSeries, type TrendPoint } from './latency-trend.js';
import { paneTitle, type PaneTitleView } from './pane-view.js';
import { fitEnd, textWidth } from './text-fit.js';
import { formatDuration, quantileName } from './units.js';
import { escapePrefix } from '../util/escape-control.js';

/** The chart pane. */
export interface ChartView {
  readonly title: PaneTitleView;
  /** Rows below the title. */
  readonly height: number;
  /** Plot lines then the caption, or one explanation line. */
  readonly lines: readonly string[];
  /** Whether `lines` is a plot (drawn in the accent tone) or a message. */
  readonly plotted: boolean;
}

/** What the chart is made of. */
export interface ChartInput {
  /** Method to plot; null when there is none to select. */
  readonly method: string | null;
  readonly trend: readonly TrendPoint[];
  readonly quantile: number;
  readonly focused: boolean;
  readonly width: number;
  /** Rows including the title. */
  readonly height: number;
  readonly glyphs: Glyphs;
}

/** Builds the chart pane. */
export function buildChartView(input: ChartInput): ChartView {
  const { glyphs, width, trend } = input;
  const height = Math.max(0, input.height - 1);
  const q = quantileName(input.quantile);
  const name = input.method === null ? 'no method' : escapePrefix(input.method, width);
  const first = trend[0];
  const last = trend[trend.length - 1];
  const span = first !== undefined && last !== undefined ? formatDuration((last.tMs - first.tMs) / 1000) : '0s';
  const title = paneTitle(`${name} ${glyphs.dot} ${q} latency ${glyphs.dot} last ${span} ${glyphs.dot} Esc closes`, width, input.focused, glyphs);
  if (input.method === null) return { title, height, lines: ['no method selected'], plotted: false };
  // A short history is drawn against the right edge (newest at "now"), as the sparklines are.
  const series = quantileSeries(trend, input.method, input.quantile);
  const pad = Math.max(0, chartPoints(width) - series.length);
  const plot = plotLatency([...new Array<null>(pad).fill(null), ...series], { width, height: height - 1, symbols: glyphs.chart });
  if (plot === null) return { title, height, lines: [fitEnd(`no ${q} data for ${name} yet (the method had no calls)`, width, glyphs.ellipsis)], plotted: false };
  const lines = plot.map((l) => fitEnd(l, width, ''));
  return { title, height, lines: [...lines, caption(`-${span}`, 'now', CHART_LABEL_WIDTH + 2 + pad, width)], plotted: true };
}

/** `left` from column `start` (where the data begins) and `right` at the end of the plot. */
function caption(left: string, right: string, start: number, width: number): string {
  const end = CHART_LABEL_WIDTH + 2 + chartPoints(width);
  const from = Math.max(0, Math.min(start, end - textWidth(left) - textWidth(right) - 1));
  const room = end - from - textWidth(left) - textWidth(right);
  if (room < 1) return fitEnd(' '.repeat(CHART_LABEL_WIDTH + 2) + left, width, '');
  return ' '.repeat(from) + left + ' '.repeat(room) + right;
}
