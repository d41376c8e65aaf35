// Duration bars of the trace list on a log scale. A never-ending `cluster/pushInformerMetrics`
// trace lasts minutes to hours; on a linear scale it would flatten every millisecond request
// to one cell. The scale spans at least one decade below the longest trace, so traces of
// similar length keep similar bars, and every bar has at least one cell.

/** Bar lengths in cells for each duration (µs), on one log scale from the list's shortest to its longest. */
export function logBarWidths(durationsUs: readonly number[], width: number): number[] {
  const cells = Math.max(0, Math.floor(width));
  if (durationsUs.length === 0) return [];
  const positive = durationsUs.map((d) => Math.max(1, d));
  const hi = Math.max(...positive);
  const lo = Math.min(Math.min(...positive), hi / 10);
  return positive.map((d) => logBarCells(d, lo, hi, cells));
}

/** Cells for `us` on a log scale where `loUs` gets 1 cell and `hiUs` gets `width` (clamped). */
export function logBarCells(us: number, loUs: number, hiUs: number, width: number): number {
  if (width <= 0) return 0;
  const lo = Math.max(1, loUs);
  const hi = Math.max(lo, hiUs);
  if (hi <= lo) return width;
  const frac = (Math.log(Math.max(lo, Math.min(hi, us))) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
  return 1 + Math.round(frac * (width - 1));
}
