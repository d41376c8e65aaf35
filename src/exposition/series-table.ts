// Per-target interning state, reused across scrapes of one target: the same series gets the same
// `Series` object and id on every scrape, and the previous payload's layout is kept so that
// an unchanged series set is re-read with byte comparisons only (see `template.ts`).
// Series are indexed by a hash of family, name and canonical labels, so no key string is retained;
// a series new to the table is found in or adopted by the process's pool (series-pool.ts), so
// targets exporting the same series share their objects.
// Memory is bounded: at most `limits.maxSeries` series and `limits.maxLabelBytes` of names and
// label text are held. When a new series would pass a cap, the table first forgets the series the
// current payload does not use (`compact`, keeping the live ones with their objects and ids), and
// refuses it (`tryIntern` → null) only if that is not enough; the parser reports it as truncated.

import type { Series } from './types.js';
import type { Template } from './template.js';
import { ByteInterner, tokenHash } from './byte-interner.js';
import { sameSeries, SHARED_SERIES, type SeriesPool } from './series-pool.js';

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

/** Caps on what one target's table holds. */
export interface SeriesLimits {
  /** Most distinct series held, and most samples read from one payload. */
  readonly maxSeries: number;
  /** Most UTF-16 code units of sample names, label names and label values held over all series. */
  readonly maxLabelBytes: number;
}

/** Default caps: 50 000 series (a real peer has ~2 000) and 8 Mi label characters. */
export const DEFAULT_SERIES_LIMITS: SeriesLimits = { maxSeries: 50_000, maxLabelBytes: 8 * 1024 * 1024 };

/** Why `tryIntern` refused a series. */
export type SeriesCap = 'series' | 'label-bytes';

/** Interned series of one target, plus the previous scrape's layout that `parseExposition` reuses. */
export class SeriesTable {
  /** Caps on series and label text. */
  readonly limits: SeriesLimits;
  private all: Series[] = [];
  private slots = new Int32Array(1024); // index in `all` + 1; 0 = empty
  private hashes = new Int32Array(512); // by index in `all`
  private labelChars = 0;
  /** Which cap the last refused `tryIntern` hit. */
  refusedBy: SeriesCap = 'series';
  /** Shared strings for names and repeated label values (parser-internal). */
  names = new ByteInterner();
  /** Canonical form of each `le`/`quantile` value seen, by its raw text (parser-internal). */
  floatLabels = new Map<string, FloatLabel | null>();
  /** Layout of the last accepted payload (parser-internal). */
  template: Template | null = null;
  /** Scratch array of per-sample series, reused across scrapes (parser-internal). */
  readonly scratch: (Series | null)[] = [];

  /** `pool`: where series new to this table are found or adopted (by default the process's). */
  constructor(
    limits: Partial<SeriesLimits> = {},
    private readonly pool: SeriesPool = SHARED_SERIES,
  ) {
    this.limits = { ...DEFAULT_SERIES_LIMITS, ...limits };
  }

  /**
   * The template the next payload is read against (parser-internal): this table's own, else (before
   * its first accepted payload, or after one whose series the caps refused) the latest of any
   * table sharing its pool (a peer of the same cluster, whose lines are most likely the same).
   */
  get startingTemplate(): Template | null {
    return this.template ?? this.pool.latestTemplate;
  }

  /** Stores the layout of the payload just accepted, and offers it to the tables sharing the pool (parser-internal). */
  keepTemplate(template: Template): void {
    this.template = template;
    this.pool.latestTemplate = template;
  }

  /** Number of series held (ids are unique within the table and never reused, but not dense after `compact`). */
  get size(): number {
    return this.all.length;
  }

  /** Code units of names and label text held (what `maxLabelBytes` caps). */
  get labelBytes(): number {
    return this.labelChars;
  }

  /**
   * Returns the series of `family` equal to `draft`, or makes `draft` that series (giving it the next id).
   * `hash` is `seriesHash(draft.name, draft.labels)` when the caller already has it. Ignores the caps.
   */
  intern(family: string, draft: SeriesDraft, hash?: number): Series {
    return this.lookup(family, draft, hash, false) as Series;
  }

  /** `intern`, but null (with `refusedBy` set) when a new series would pass a cap. */
  tryIntern(family: string, draft: SeriesDraft, hash?: number): Series | null {
    return this.lookup(family, draft, hash, true);
  }

  /**
   * Forgets every series not in `live` (and the name and float caches), keeping the live ones with
   * their objects and ids; a forgotten series met again is interned anew. Call between payloads' interning.
   */
  compact(live: Iterable<Series | null>): void {
    const kept = new Set<Series>();
    for (const s of live) if (s !== null) kept.add(s);
    const old = this.all;
    this.all = [];
    this.slots = new Int32Array(1024);
    this.hashes = new Int32Array(512);
    this.labelChars = 0;
    this.names = new ByteInterner();
    this.floatLabels = new Map();
    for (const s of old) if (kept.has(s)) this.insert(s, seriesHash(s.name, s.labels), labelChars(s));
  }

  /**
   * Drops the name and float caches when they hold far more entries than the series need (strings
   * of refused or churning series); they refill on demand. Call before a payload is read.
   */
  trimCaches(): void {
    const room = 4 * this.limits.maxSeries + 1024;
    if (this.names.size > room) this.names = new ByteInterner();
    if (this.floatLabels.size > room) this.floatLabels = new Map();
  }

  private lookup(family: string, draft: SeriesDraft, hash: number | undefined, capped: boolean): Series | null {
    const h = hash ?? seriesHash(draft.name, draft.labels);
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const k = slots[i] - 1;
      if (k < 0) break;
      const s = this.all[k];
      if (this.hashes[k] === h && sameSeries(s, family, draft)) return s;
    }
    const chars = labelChars(draft);
    if (capped && this.all.length >= this.limits.maxSeries) return this.refuse('series');
    if (capped && this.labelChars + chars > this.limits.maxLabelBytes) return this.refuse('label-bytes');
    const s = this.pool.intern(family, draft, h);
    this.insert(s, h, chars);
    return s;
  }

  private refuse(cap: SeriesCap): null {
    this.refusedBy = cap;
    return null;
  }

  /** Adds `s` (not yet held) under hash `h`. */
  private insert(s: Series, h: number, chars: number): void {
    const k = this.all.length;
    this.all.push(s);
    this.labelChars += chars;
    if (k === this.hashes.length) {
      const hashes = new Int32Array(k * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[k] = h;
    const mask = this.slots.length - 1;
    let i = h & mask;
    while (this.slots[i] !== 0) i = (i + 1) & mask;
    this.slots[i] = k + 1;
    if ((k + 1) * 2 > this.slots.length) this.rehash();
  }

  /** Doubles the slot array and re-inserts every series. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.all.length; k++) {
      let i = this.hashes[k] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = k + 1;
    }
    this.slots = slots;
  }
}

/** Code units of a series' name, label names and label values. */
function labelChars(s: { readonly name: string; readonly labels: Readonly<Record<string, string>> }): number {
  let n = s.name.length;
  for (const k in s.labels) n += k.length + s.labels[k].length;
  return n;
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
