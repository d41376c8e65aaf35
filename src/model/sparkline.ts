// One-row sparklines: a series (null = no data) downsampled to a width and drawn with an
// 8-level ramp (`▁▂▃▄▅▆▇█`, or ASCII). Gaps stay blank, never drawn as zero; the newest value is
// at the right edge, and a short series leaves the left side blank.

/** `values` reduced to at most `width` points: the maximum of each group (peaks matter for
 * latency), null for a group without data. Groups are cut from the newest end, so the newest
 * point always has a column of its own when nothing is dropped. */
export function downsample(values: readonly (number | null)[], width: number): (number | null)[] {
  const n = values.length;
  if (width <= 0) return [];
  if (n <= width) return values.slice();
  const out = new Array<number | null>(width);
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
  return out;
}

/** Options of one sparkline. */
export interface SparklineOptions {
  /** Levels, lowest first. */
  readonly ramp: string;
  /** Value drawn as the top level; defaults to the series maximum. The bottom is always 0. */
  readonly max?: number;
}

/** `values` as exactly `width` cells: newest right, blank for no data or no room. */
export function sparkline(values: readonly (number | null)[], width: number, options: SparklineOptions): string {
  if (width <= 0) return '';
  const points = downsample(values, width);
  const ramp = [...options.ramp];
  let max = options.max ?? 0;
  if (options.max === undefined) for (const v of points) if (v !== null && v > max) max = v;
  let out = ' '.repeat(width - points.length);
  for (const v of points) {
    if (v === null || !Number.isFinite(v)) out += ' ';
    else if (v <= 0 || max <= 0) out += ramp[0];
    else out += ramp[Math.min(ramp.length - 1, Math.max(0, Math.ceil((v / max) * ramp.length) - 1))];
  }
  return out;
}
