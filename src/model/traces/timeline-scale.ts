// Maps microseconds to terminal columns for the timeline: `col = floor((t − viewStart) /
// (viewEnd − viewStart) × width)`, at least one cell per bar, clipped to the view (children can
// stick out of their parent when clock skew correction is off), and tick labels.

import { formatDurationCompact } from './format-duration.js';

/** The visible time window, µs since the epoch (the whole trace, or a zoomed part). */
export interface TimeView {
  /** Left edge. */
  readonly startUs: number;
  /** Right edge. */
  readonly endUs: number;
}

/** A bar in cells. */
export interface BarCells {
  /** First column (0-based). */
  readonly start: number;
  /** Columns covered, ≥ 1. */
  readonly width: number;
  /** The span starts before the view. */
  readonly clippedLeft: boolean;
  /** The span ends after the view. */
  readonly clippedRight: boolean;
}

/** The bar of a span starting at `startUs` lasting `durationUs` in a `width`-column view; null when outside it. */
export function barCells(startUs: number, durationUs: number, view: TimeView, width: number): BarCells | null {
  const cols = Math.floor(width);
  if (cols <= 0) return null;
  const range = view.endUs - view.startUs;
  const endUs = startUs + Math.max(0, durationUs);
  if (range <= 0) return { start: 0, width: cols, clippedLeft: false, clippedRight: false };
  if (endUs < view.startUs || startUs > view.endUs) return null;
  const col = (t: number): number => Math.floor(((t - view.startUs) / range) * cols);
  const clippedLeft = startUs < view.startUs;
  const clippedRight = endUs > view.endUs;
  const first = Math.min(cols - 1, Math.max(0, col(startUs)));
  const last = Math.min(cols, Math.max(0, col(endUs)));
  return { start: first, width: Math.max(1, last - first), clippedLeft, clippedRight };
}

/** One tick: its column and its label (time since the view start, compact form). */
export interface Tick {
  /** Column of the tick. */
  readonly col: number;
  /** e.g. `0μs`, `12.5ms`. */
  readonly label: string;
}

/** `count` + 1 evenly spaced ticks from the view start (col 0) to its end (col width). */
export function timelineTicks(view: TimeView, width: number, count = 4): Tick[] {
  const cols = Math.max(0, Math.floor(width));
  const n = Math.max(1, Math.floor(count));
  const range = Math.max(0, view.endUs - view.startUs);
  const ticks: Tick[] = [];
  for (let k = 0; k <= n; k++) ticks.push({ col: Math.round((k / n) * cols), label: formatDurationCompact((k / n) * range) });
  return ticks;
}
