// Per-target interning state, reused across scrapes of one target: the same series gets the same
// `Series` object and dense id on every scrape, and the previous payload's layout is kept so that
// an unchanged series set is re-read with byte comparisons only (see `template.ts`).
// Series are indexed by a hash of family, name and canonical labels, so no key string is retained.

import type { Series } from './types.js';
import type { Template, Records } from './template.js';
import { ByteInterner, tokenHash } from './byte-interner.js';

/** A series under construction: the parser fills `id` and `family` when it interns it. */
export interface SeriesDraft {
  id: number;
  name: string;
  family: string;
  labels: Readonly<Record<string, string>>;
  le: number;
  quantile: number;
}

/** Canonical rendering and value of an `le`/`quantile` label value. */
export interface FloatLabel {
  readonly text: string;
  readonly value: number;
  /** `tokenHash(text)`. */
  readonly hash: number;
}

/** Interned series of one target, plus the previous scrape's layout that `parseExposition` reuses. */
export class SeriesTable {
  private readonly all: Series[] = [];
  private slots = new Int32Array(1024); // series id + 1; 0 = empty
  private hashes = new Int32Array(512); // by series id
  /** Shared strings for names and repeated label values (parser-internal). */
  readonly names = new ByteInterner();
  /** Canonical form of each `le`/`quantile` value seen, by its raw text (parser-internal). */
  readonly floatLabels = new Map<string, FloatLabel | null>();
  /** Layout of the last accepted payload (parser-internal). */
  template: Template | null = null;
  /** Spare per-line record arrays, swapped with the template's (parser-internal). */
  spare: Records | null = null;
  /** Scratch array of per-sample series, reused across scrapes (parser-internal). */
  readonly scratch: (Series | null)[] = [];

  /** Number of series interned so far (ids are 0 … size-1). */
  get size(): number {
    return this.all.length;
  }

  /**
   * Returns the series of `family` equal to `draft`, or makes `draft` that series (giving it the next id).
   * `hash` is `seriesHash(draft.name, draft.labels)` when the caller already has it.
   */
  intern(family: string, draft: SeriesDraft, hash?: number): Series {
    const h = hash ?? seriesHash(draft.name, draft.labels);
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = h & mask;
    for (; ; i = (i + 1) & mask) {
      const id = slots[i] - 1;
      if (id < 0) break;
      const s = this.all[id];
      if (this.hashes[id] === h && s.family === family && s.name === draft.name && sameLabels(s.labels, draft.labels)) return s;
    }
    const id = this.all.length;
    draft.id = id;
    draft.family = family;
    this.all.push(draft);
    if (id === this.hashes.length) {
      const hashes = new Int32Array(id * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[id] = h;
    slots[i] = id + 1;
    if ((id + 1) * 2 > slots.length) this.rehash();
    return draft;
  }

  /** Doubles the slot array and re-inserts every series. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.all.length; id++) {
      let i = this.hashes[id] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
    this.slots = slots;
  }
}

/** Starting value of `mixHash` folds. */
export const HASH_SEED = 0x2545f491;

/** Folds one token hash into a running series hash. */
export function mixHash(h: number, token: number): number {
  h = Math.imul(h ^ token, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/** Hash of a sample name and its labels (in their canonical key order); the family is not part of it. */
export function seriesHash(name: string, labels: Readonly<Record<string, string>>): number {
  let h = mixHash(HASH_SEED, tokenHash(name));
  for (const k in labels) h = mixHash(mixHash(h, tokenHash(k)), tokenHash(labels[k]));
  return h;
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
