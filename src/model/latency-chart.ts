// The focused chart: one method's latency quantile over the kept history, drawn by asciichart
// with a labelled ms axis. asciichart throws on NaN and cannot clip, so gaps are filled for the
// plot and then blanked column by column, and the scale is fixed to [0, max] by clamping.

import asciichart from 'asciichart';
import { downsample } from './sparkline.js';
import { formatMs } from './units.js';

/** Width of the value labels left of the axis (`412 ms`, `4.12 s`, `2.05 min`). */
export const CHART_LABEL_WIDTH = 8;

/** Size and symbols of one plot. */
export interface LatencyPlotOptions {
  /** Total width in cells, labels included. */
  readonly width: number;
  /** Rows of the plot (at least 2). */
  readonly height: number;
  /** asciichart's ten line symbols. */
  readonly symbols: readonly string[];
}

/** How many series points fit in a plot `width` cells wide (labels, a space and the axis first). */
export function chartPoints(width: number): number {
  return Math.max(0, width - CHART_LABEL_WIDTH - 2);
}

/** `series` (ms, null = gap, oldest first) as `height` lines, or null when there is nothing to draw.
 * Column x shows point x (a step to the next point's level when there is one), so a lone point
 * between gaps still shows; a gap column stays blank. */
export function plotLatency(series: readonly (number | null)[], options: LatencyPlotOptions): string[] | null {
  const columns = chartPoints(options.width);
  if (columns < 1 || options.height < 2) return null;
  const points = downsample(series, columns);
  let max = 0;
  let first: number | null = null;
  for (const v of points) {
    if (v === null) continue;
    if (first === null) first = v;
    if (v > max) max = v;
  }
  if (first === null) return null;
  if (max <= 0) max = 1;
  // Gaps take the last known value (the first known one before any), so asciichart sees none;
  // the newest value is repeated once because asciichart draws a column per step between points.
  let carried = first;
  const filled = points.map((v) => {
    if (v !== null) carried = Math.min(max, Math.max(0, v));
    return carried;
  });
  filled.push(carried);
  const text = asciichart.plot(filled, {
    min: 0,
    max,
    height: options.height - 1,
    offset: 3,
    symbols: [...options.symbols],
    // The axis starts at 0, which needs no unit (`0.00 ms` under labels in seconds read as a mix-up).
    format: (value) => (value === 0 ? '0' : formatMs(value)).padStart(CHART_LABEL_WIDTH).slice(-CHART_LABEL_WIDTH),
  });
  const plotStart = CHART_LABEL_WIDTH + 2;
  const blank = new Set<number>();
  points.forEach((v, x) => {
    if (v === null) blank.add(plotStart + x);
  });
  // asciichart leaves one empty column after the last step; drop it so a line is `width` wide.
  const lines = text.split('\n').map((line) => [...line].slice(0, plotStart + columns));
  return lines.map((chars) => chars.map((ch, i) => (blank.has(i) ? ' ' : ch)).join(''));
}
