// Series shared between the tables of different targets. The peers of a cluster export the same
// series, and each target's table held an object per series (with its labels and bounds: 12 MiB
// at 100 demo peers). A table meeting a series new to it asks the pool, which hands out the
// object another table already holds, or adopts the new one and gives it the next id; ids are
// unique in the process, hence in any table. The pool holds series weakly — one no table holds
// any more is collected — and drops the entries of collected ones whenever it would grow, so
// what it keeps is bounded by the series alive, however many come and go.
// It also keeps the layout of the payload a table of the pool accepted last: a table's first
// payload is read against it, so that a new target of a cluster whose peers export the same lines
// is read on the fast path from its first scrape (template.ts).

import type { Series } from './types.js';
import type { SeriesDraft } from './series-table.js';
import type { Template } from './template.js';

/** Weakly held series by family, name and labels. */
export class SeriesPool {
  private refs: WeakRef<Series>[] = [];
  private hashes = new Int32Array(256); // by index in `refs`
  private slots = new Int32Array(512); // index in `refs` + 1; 0 = empty
  private nextId = 0;
  /**
   * The template a table of this pool stored last (parser-internal): a table without one of its
   * own reads against it. Its records stay with the table that made it.
   */
  latestTemplate: Template | null = null;

  /** Entries held, alive or not yet dropped. */
  get size(): number {
    return this.refs.length;
  }

  /**
   * The series of `family` equal to `draft` that some table holds, or `draft` made that series
   * (given the next id and `family`). `hash` is `seriesHash(draft.name, draft.labels)`.
   */
  intern(family: string, draft: SeriesDraft, hash: number): Series {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const k = slots[i] - 1;
      if (k < 0) break;
      if (this.hashes[k] !== hash) continue;
      const s = this.refs[k].deref();
      if (s !== undefined && sameSeries(s, family, draft)) return s;
    }
    draft.id = this.nextId++;
    draft.family = family;
    if (this.refs.length === this.hashes.length) this.rebuild();
    this.add(new WeakRef(draft), hash);
    return draft;
  }

  private add(ref: WeakRef<Series>, hash: number): void {
    const k = this.refs.length;
    this.refs.push(ref);
    this.hashes[k] = hash;
    const mask = this.slots.length - 1;
    let i = hash & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = k + 1;
  }

  /** Drops collected series, in arrays sized so that those alive fill at most a quarter of them. */
  private rebuild(): void {
    const refs = this.refs;
    const hashes = this.hashes;
    const live = refs.flatMap((ref, k) => (ref.deref() !== undefined ? [k] : []));
    let capacity = 256;
    while (capacity < live.length * 4) capacity *= 2;
    this.refs = [];
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity * 2);
    for (const k of live) this.add(refs[k], hashes[k]);
  }
}

/** The pool every SeriesTable shares unless given its own. */
export const SHARED_SERIES = new SeriesPool();

/** True when `s` is the series of `family` that `draft` describes (same name and labels). */
export function sameSeries(s: Series, family: string, draft: SeriesDraft): boolean {
  return s.family === family && s.name === draft.name && sameLabels(s.labels, draft.labels);
}

/** True when both label sets have the same names and values. */
function sameLabels(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let n = 0;
  for (const k in a) {
    if (b[k] !== a[k]) return false;
    n++;
  }
  for (const k in b) {
    if (--n < 0) return false;
    void k;
  }
  return n === 0;
}
