// Interning the new series of one payload under the target's caps (see `SeriesTable`): when a
// series would pass a cap, the table is compacted once to the series this payload uses, and a
// series still refused after that is dropped with its samples; the payload is then reported as
// truncated and its arrays are rebuilt without the dropped samples.

import type { SeriesCap, SeriesDraft, SeriesTable } from './series-table.js';
import type { Exemplar, Series, Truncation } from './types.js';

/** Interns one payload's series under the caps and remembers which samples were dropped. */
export class CappedIntern {
  /** Sample indices whose series was refused, ascending. */
  readonly dropped: number[] = [];
  private compacted = false;
  private cap: SeriesCap | null = null;

  constructor(
    private readonly table: SeriesTable,
    /** Per-sample series of the payload (null where not interned yet); written here. */
    private readonly scratch: (Series | null)[],
    /** Samples in the payload. */
    private readonly count: number,
  ) {}

  /** Interns `draft` as the series of sample `index`; null (the sample is dropped) when refused. */
  intern(index: number, family: string, draft: SeriesDraft, hash?: number): Series | null {
    let s = this.table.tryIntern(family, draft, hash);
    if (s === null && !this.compacted) {
      this.compacted = true;
      this.scratch[index] = null;
      // Forget the series this payload does not use, then try once more.
      this.table.compact(this.scratch.slice(0, this.count));
      s = this.table.tryIntern(family, draft, hash);
    }
    if (s === null) {
      this.cap ??= this.table.refusedBy;
      this.dropped.push(index);
    }
    this.scratch[index] = s;
    return s;
  }

  /** What was lost, or undefined when nothing was (`stoppedEarly`: the sample cap cut the payload). */
  truncation(stoppedEarly: boolean): Truncation | undefined {
    if (this.dropped.length === 0 && !stoppedEarly) return undefined;
    return { cap: this.cap ?? 'series', droppedSamples: this.dropped.length, stoppedEarly };
  }
}

/** The payload's arrays without the samples at `dropped` (ascending indices into the first `count`). */
export function withoutSamples(
  dropped: readonly number[],
  count: number,
  scratch: readonly (Series | null)[],
  values: Float64Array,
  timestamps: Float64Array | null,
  exemplars: ReadonlyMap<number, Exemplar> | null,
): { series: Series[]; values: Float64Array; timestamps: Float64Array | null; exemplars: Map<number, Exemplar> | null } {
  const kept = count - dropped.length;
  const series: Series[] = new Array<Series>(kept);
  const outValues = new Float64Array(kept);
  const outTimestamps = timestamps === null ? null : new Float64Array(kept);
  const outExemplars = exemplars === null ? null : new Map<number, Exemplar>();
  let d = 0;
  let j = 0;
  for (let i = 0; i < count; i++) {
    if (d < dropped.length && dropped[d] === i) {
      d++;
      continue;
    }
    series[j] = scratch[i] as Series;
    outValues[j] = values[i];
    if (outTimestamps !== null) outTimestamps[j] = (timestamps as Float64Array)[i];
    const exemplar = exemplars?.get(i);
    if (exemplar !== undefined) outExemplars?.set(j, exemplar);
    j++;
  }
  return { series, values: outValues, timestamps: outTimestamps, exemplars: outExemplars };
}
