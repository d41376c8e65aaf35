// The layout of the last accepted payload of a target: per line, the byte span of its series key
// (sample lines) or of the whole line (metadata and other lines), so that the next scrape can be
// matched line by line with byte comparisons, plus a lazy hash index for re-synchronising.

import type { ExpositionFormat, Family, Series } from './types.js';
import type { MetaEntry } from './families.js';
import type { SampleFamilies } from './sample-families.js';

/** Record kind: a sample whose key (ending in a blank or `}`) can be matched by its bytes. */
export const REC_SAMPLE = 0;
/** Record kind: a comment or blank line, matched by its bytes. */
export const REC_LITERAL = 1;
/** Record kind: a HELP/TYPE/UNIT line, matched by its bytes; `aux` indexes `Template.meta`. */
export const REC_META = 2;
/** Record kind: `# EOF`. */
export const REC_EOF = 3;
/** Record kind: a sample whose key is not self-delimiting (`foo-1`), always read in full. */
export const REC_UNSAFE = 4;
/** Record kind: a sample of a family not kept (`ParseOptions.keep`), matched by its key's bytes like REC_SAMPLE. */
export const REC_SKIP = 6;

/** Growable parallel arrays of per-line records: span start and length, kind, and an index (sample or metadata). */
export class Records {
  start: Int32Array;
  len: Int32Array;
  kind: Uint8Array;
  aux: Int32Array;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.len = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.aux = new Int32Array(capacity);
  }

  /** Doubles the capacity, keeping the first `used` records. */
  grow(used: number): void {
    this.resize(used, Math.max(16, this.start.length * 2));
  }

  /**
   * Trims a capacity far above `used` (a first payload's records are sized from its byte length)
   * to a little above it: a template's records live as long as its target.
   */
  fit(used: number): void {
    if (this.start.length > used + (used >> 2) + 64) this.resize(used, used + (used >> 3) + 16);
  }

  private resize(used: number, cap: number): void {
    const start = new Int32Array(cap);
    const len = new Int32Array(cap);
    const kind = new Uint8Array(cap);
    const aux = new Int32Array(cap);
    start.set(this.start.subarray(0, used));
    len.set(this.len.subarray(0, used));
    kind.set(this.kind.subarray(0, used));
    aux.set(this.aux.subarray(0, used));
    this.start = start;
    this.len = len;
    this.kind = kind;
    this.aux = aux;
  }
}

/** What the parser derived from the last accepted payload, kept to re-read the next one cheaply. */
export class Template {
  /** Bytes the record spans point into (a private copy of the payload). */
  readonly view: DataView;
  private hash: Int32Array | null = null;

  constructor(
    /** Grammar of the payload. */
    readonly format: ExpositionFormat,
    /** The payload bytes. */
    readonly bytes: Uint8Array,
    /** Per-line records; `aux` is the sample index (samples) or index into `meta` (metadata). */
    readonly records: Records,
    /** Number of records in use. */
    readonly count: number,
    /** The payload's series, in order (the array handed out in the exposition). */
    readonly series: readonly Series[],
    /** The payload's metadata lines, in order. */
    readonly meta: readonly MetaEntry[],
    /** Families declared by those metadata lines. */
    readonly declared: ReadonlyMap<string, Family>,
    /** Every family of the payload (the map handed out in the exposition). */
    readonly families: ReadonlyMap<string, Family>,
    /** Family of each sample name under `declared`. */
    readonly familyOf: Map<string, string>,
    /** The families the payload was read for (null: all); a payload read for others cannot use this template. */
    readonly keep: SampleFamilies | null,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Index of a matchable sample record (kept or skipped) whose key bytes equal `buf[s, e)`, or -1. */
  find(buf: Uint8Array, s: number, e: number): number {
    const table = this.hash ?? this.buildHash();
    const mask = table.length - 1;
    for (let h = hashBytes(buf, s, e) & mask; ; h = (h + 1) & mask) {
      const r = table[h] - 1;
      if (r < 0) return -1;
      if (this.sameKey(r, buf, s, e)) return r;
    }
  }

  /** True when record `r` is a sample (kept or skipped) whose key bytes equal `buf[s, e)`. */
  sameKey(r: number, buf: Uint8Array, s: number, e: number): boolean {
    const { start, len, kind } = this.records;
    if ((kind[r] !== REC_SAMPLE && kind[r] !== REC_SKIP) || len[r] !== e - s) return false;
    const t = this.bytes;
    const ts = start[r];
    for (let j = 0; j < e - s; j++) if (buf[s + j] !== t[ts + j]) return false;
    return true;
  }

  /** Open-addressing index (record + 1, 0 = empty) of the first record of every distinct sample key. */
  private buildHash(): Int32Array {
    const { start, len, kind } = this.records;
    let size = 16;
    while (size < this.count * 2) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    for (let r = 0; r < this.count; r++) {
      if (kind[r] !== REC_SAMPLE && kind[r] !== REC_SKIP) continue;
      const s = start[r];
      const e = s + len[r];
      for (let h = hashBytes(this.bytes, s, e) & mask; ; h = (h + 1) & mask) {
        const other = table[h] - 1;
        if (other < 0) {
          table[h] = r + 1;
          break;
        }
        if (this.sameKey(other, this.bytes, s, e)) break;
      }
    }
    this.hash = table;
    return table;
  }
}

/** FNV-1a over `buf[s, e)`. */
function hashBytes(buf: Uint8Array, s: number, e: number): number {
  let h = 0x811c9dc5;
  for (let k = s; k < e; k++) h = Math.imul(h ^ buf[k], 0x01000193);
  return h >>> 0;
}
