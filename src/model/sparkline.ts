// One-row sparklines: a series (null = no data) downsampled to a width and drawn with an
// 8-level ramp (`▁▂▃▄▅▆▇█`, or ASCII). Gaps stay blank, never drawn as zero; the newest value is
// at the right edge, and a short series leaves the left side blank.

/** `values` reduced to at most `width` points: the maximum of each group (peaks matter for
 * latency), null for a group without data. Groups are cut from the newest end, so the newest
 * point always has a column of its own when nothing is dropped. */
export function downsample(values: readonly (number | null)[], width: number): (number | null)[] {
  if (width <= 0) return [];
  if (values.length <= width) return values.slice();
  const out = new Array<number | null>(width);
  downsampleInto(values, width, out);
  return out;
}

/** downsample() written into `out` (grown as needed); returns how many points it wrote. */
function downsampleInto(values: readonly (number | null)[], width: number, out: (number | null)[]): number {
  const n = values.length;
  if (n <= width) {
    for (let i = 0; i < n; i++) out[i] = values[i];
    return n;
  }
  for (let g = 0; g < width; g++) {
    // Group g (0 = oldest) covers [start, end) counted from the newest end.
    const end = n - Math.floor(((width - 1 - g) * n) / width);
    const start = n - Math.floor(((width - g) * n) / width);
    let best: number | null = null;
    for (let i = start; i < end; i++) {
      const v = values[i];
      if (v !== null && Number.isFinite(v) && (best === null || v > best)) best = v;
    }
    out[g] = best;
  }
  return width;
}

/** Options of one sparkline. */
export interface SparklineOptions {
  /** Levels, lowest first. */
  readonly ramp: string;
  /** Value drawn as the top level; defaults to the series maximum. The bottom is always 0. */
  readonly max?: number;
}

/**
 * The points of the sparkline being drawn, reused from call to call (the live view draws a dozen
 * sparklines a second; nothing here can re-enter).
 */
const scratch: (number | null)[] = [];

/** `values` as exactly `width` cells: newest right, blank for no data or no room. */
export function sparkline(values: readonly (number | null)[], width: number, options: SparklineOptions): string {
  if (width <= 0) return '';
  const count = downsampleInto(values, width, scratch);
  // The levels as whole code points (eight of them: splitting costs less than remembering).
  const ramp = [...options.ramp];
  let max = options.max ?? 0;
  if (options.max === undefined) {
    for (let i = 0; i < count; i++) {
      const v = scratch[i];
      if (v !== null && v > max) max = v;
    }
  }
  let out = ' '.repeat(width - count);
  for (let i = 0; i < count; i++) {
    const v = scratch[i];
    if (v === null || !Number.isFinite(v)) out += ' ';
    else if (v <= 0 || max <= 0) out += ramp[0];
    else out += ramp[Math.min(ramp.length - 1, Math.max(0, Math.ceil((v / max) * ramp.length) - 1))];
  }
  return out;
}
