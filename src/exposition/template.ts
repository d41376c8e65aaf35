// The layout of the last accepted payload of a target: per line, the bytes of its series key
// (sample lines) or of the whole line (metadata and other lines), so that the next scrape can be
// matched line by line with byte comparisons, plus a lazy hash index for re-synchronising. The
// bytes are front-coded: a line keeps only what follows the prefix it shares with the line
// before (a histogram's bucket lines differ in their last few bytes), 40 KB of a demo peer's
// 198 KB payload instead of a copy of it all; the fast path compares that prefix with the
// previous line of the payload being read, which matched the line before.

import type { ExpositionFormat, Family, Series } from './types.js';
import type { MetaEntry } from './families.js';
import type { SampleFamilies } from './sample-families.js';
import { equalUpTo } from './bytes-equal.js';
import { seriesHash } from './series-table.js';

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

/** Every this many records one keeps its whole key (shared 0): rebuilding any key copies at most this many pieces. */
export const KEY_RESTART = 32;

/**
 * The records a pass reads into while a template holds its own: one set for the process, not one
 * per target (parses run one at a time), taken by a pass and given back when it ends — its own
 * when the template kept its records, else the template's old ones. 2 MiB less at 100 peers.
 */
let spareRecords: Records | null = null;

/** The spare records (the caller now owns them), or null when none is free. */
export function takeSpareRecords(): Records | null {
  const r = spareRecords;
  spareRecords = null;
  return r;
}

/** Gives records back as the spare (records that no template holds). */
export function giveSpareRecords(records: Records): void {
  spareRecords = records;
}

/**
 * Growable parallel arrays of per-line records: span start and length, kind, an index (sample or
 * metadata), and, in a template, how many leading bytes the key shares with the record before.
 * While a payload is read, `start` is a payload offset; in a template, where the unshared bytes
 * begin in its front-coded bytes (`frontCode`).
 */
export class Records {
  start: Int32Array;
  len: Int32Array;
  kind: Uint8Array;
  aux: Int32Array;
  shared: Uint16Array;

  constructor(capacity: number) {
    this.start = new Int32Array(capacity);
    this.len = new Int32Array(capacity);
    this.kind = new Uint8Array(capacity);
    this.aux = new Int32Array(capacity);
    this.shared = new Uint16Array(capacity);
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
    const shared = new Uint16Array(cap);
    start.set(this.start.subarray(0, used));
    len.set(this.len.subarray(0, used));
    kind.set(this.kind.subarray(0, used));
    aux.set(this.aux.subarray(0, used));
    shared.set(this.shared.subarray(0, used));
    this.start = start;
    this.len = len;
    this.kind = kind;
    this.aux = aux;
    this.shared = shared;
  }
}

/**
 * The front-coded bytes of the first `count` records of `payload`: each record's span less the
 * prefix it shares with the record before (none at every KEY_RESTART-th). Fills `records.shared`
 * and points `records.start` into the returned bytes.
 */
export function frontCode(payload: Uint8Array, records: Records, count: number): Uint8Array {
  const { start, len, shared } = records;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  let total = 0;
  for (let r = 0; r < count; r++) {
    let p = 0;
    if (r % KEY_RESTART !== 0) {
      const s = start[r];
      const before = start[r - 1];
      p = equalUpTo(view, s, view, before, 0, Math.min(len[r], len[r - 1], 0xffff));
    }
    shared[r] = p;
    total += len[r] - p;
  }
  const out = new Uint8Array(total);
  for (let r = 0, o = 0; r < count; r++) {
    const from = start[r] + shared[r];
    const n = len[r] - shared[r];
    out.set(payload.subarray(from, from + n), o);
    start[r] = o;
    o += n;
  }
  return out;
}

/** What the parser derived from the last accepted payload, kept to re-read the next one cheaply. */
export class Template {
  /** A view of `bytes`, for word-wise comparisons. */
  readonly view: DataView;
  private hash: Int32Array | null = null;
  private scratch: Uint8Array = new Uint8Array(256);

  constructor(
    /** Grammar of the payload. */
    readonly format: ExpositionFormat,
    /** The records' unshared bytes (frontCode). */
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
    /** `seriesHash` of each of `series`, when known (a template of the same series array hands them on). */
    private hashes: Int32Array | null = null,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /**
   * The bytes of a payload whose first `count` records matched this template's, in order: this
   * template's own, with `records` pointed into them as this template's are.
   */
  sharedWith(records: Records, count: number): Uint8Array {
    records.start.set(this.records.start.subarray(0, count));
    records.shared.set(this.records.shared.subarray(0, count));
    return this.bytes;
  }

  /** `seriesHash` of each of `series`, computed when first asked: a table whose first payload was read against this template is charged with them. */
  seriesHashes(): Int32Array {
    if (this.hashes === null) {
      const hashes = new Int32Array(this.series.length);
      for (let i = 0; i < hashes.length; i++) hashes[i] = seriesHash(this.series[i].name, this.series[i].labels);
      this.hashes = hashes;
    }
    return this.hashes;
  }

  /** The series hashes if computed already, for a template of the same series. */
  get knownSeriesHashes(): Int32Array | null {
    return this.hashes;
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
    const kind = this.records.kind[r];
    return (kind === REC_SAMPLE || kind === REC_SKIP) && this.sameBytes(r, buf, s, e);
  }

  /** True when record `r`'s key (or whole line) is exactly `buf[s, e)`. */
  sameBytes(r: number, buf: Uint8Array, s: number, e: number): boolean {
    const { start, len, shared } = this.records;
    if (len[r] !== e - s) return false;
    // The unshared end first: it is where neighbouring keys differ.
    const sh = shared[r];
    const t = this.bytes;
    for (let j = sh, ts = start[r] - sh; j < e - s; j++) if (buf[s + j] !== t[ts + j]) return false;
    if (sh === 0) return true;
    const before = this.keyOf(r - 1);
    for (let j = 0; j < sh; j++) if (buf[s + j] !== before[j]) return false;
    return true;
  }

  /** Record `r`'s whole key in the first `records.len[r]` bytes of the returned array, rebuilt from its restart (overwritten by the next call). */
  private keyOf(r: number): Uint8Array {
    let k = r;
    while (this.records.shared[k] > 0) k--;
    for (; k <= r; k++) this.scratch = this.nextKey(k, this.scratch);
    return this.scratch;
  }

  /** `key` (holding record `r - 1`'s key, or anything when `r` shares nothing) made record `r`'s: its unshared bytes written after the shared ones; a wider array when `key` is too short. */
  private nextKey(r: number, key: Uint8Array): Uint8Array {
    const { start, len, shared } = this.records;
    if (len[r] > key.length) {
      const wider = new Uint8Array(Math.max(len[r], key.length * 2));
      wider.set(key);
      key = wider;
    }
    key.set(this.bytes.subarray(start[r], start[r] + len[r] - shared[r]), shared[r]);
    return key;
  }

  /** Open-addressing index (record + 1, 0 = empty) of the first record of every distinct sample key. */
  private buildHash(): Int32Array {
    const { len, kind } = this.records;
    let size = 16;
    while (size < this.count * 2) size *= 2;
    const table = new Int32Array(size);
    const mask = size - 1;
    // Every key rebuilt in order, each on the one before.
    let key: Uint8Array = new Uint8Array(256);
    for (let r = 0; r < this.count; r++) {
      key = this.nextKey(r, key);
      if (kind[r] !== REC_SAMPLE && kind[r] !== REC_SKIP) continue;
      for (let h = hashBytes(key, 0, len[r]) & mask; ; h = (h + 1) & mask) {
        const other = table[h] - 1;
        if (other < 0) {
          table[h] = r + 1;
          break;
        }
        if (this.sameKey(other, key, 0, len[r])) break;
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
