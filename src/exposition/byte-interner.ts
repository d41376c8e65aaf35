// Turns short ASCII byte runs (metric names, label names, repeated label values) into one shared
// string each, without decoding or allocating when the bytes were seen before.

import { asciiString } from './float.js';

/** Longest byte run that is interned; longer ones are decoded every time. */
const MAX_LEN = 128;

/** Open-addressing set of byte strings, each mapped to one shared JavaScript string. */
export class ByteInterner {
  private slots = new Int32Array(256); // entry index + 1; 0 = empty
  private hashes = new Int32Array(128);
  private offsets = new Int32Array(128);
  private lengths = new Int32Array(128);
  private pool = new Uint8Array(4096);
  private poolUsed = 0;
  private readonly strings: string[] = [];
  /** `tokenHash` of the string returned by the last `get`. */
  lastHash = 0;

  /** The shared string for the ASCII bytes `b[s, e)` (its `tokenHash` is left in `lastHash`). */
  get(b: Uint8Array, s: number, e: number): string {
    const len = e - s;
    let h = 0x811c9dc5;
    for (let k = s; k < e; k++) h = Math.imul(h ^ b[k], 0x01000193);
    this.lastHash = h;
    if (len > MAX_LEN) return asciiString(b, s, e);
    const slots = this.slots;
    const mask = slots.length - 1;
    const pool = this.pool;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const idx = slots[i] - 1;
      if (idx < 0) return this.insert(b, s, e, h, i);
      if (this.hashes[idx] === h && this.lengths[idx] === len) {
        const o = this.offsets[idx];
        let j = 0;
        while (j < len && pool[o + j] === b[s + j]) j++;
        if (j === len) return this.strings[idx];
      }
    }
  }

  /** Number of distinct strings held. */
  get size(): number {
    return this.strings.length;
  }

  /** Adds a new entry at free slot `slot`. */
  private insert(b: Uint8Array, s: number, e: number, h: number, slot: number): string {
    const idx = this.strings.length;
    const len = e - s;
    const str = asciiString(b, s, e);
    if (idx === this.hashes.length) {
      this.hashes = grownInt32(this.hashes);
      this.offsets = grownInt32(this.offsets);
      this.lengths = grownInt32(this.lengths);
    }
    if (this.poolUsed + len > this.pool.length) {
      const pool = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    this.pool.set(b.subarray(s, e), this.poolUsed);
    this.offsets[idx] = this.poolUsed;
    this.lengths[idx] = len;
    this.hashes[idx] = h;
    this.poolUsed += len;
    this.strings.push(str);
    this.slots[slot] = idx + 1;
    if ((idx + 1) * 2 > this.slots.length) this.rehash();
    return str;
  }

  /** Doubles the slot array and re-inserts every entry. */
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let idx = 0; idx < this.strings.length; idx++) {
      let i = this.hashes[idx] & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = idx + 1;
    }
    this.slots = slots;
  }
}

/** FNV-1a over the UTF-16 code units of `s`; for ASCII equal to the byte hash `ByteInterner.get` computes. */
export function tokenHash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h;
}

/** A copy of `a` with twice the length. */
function grownInt32(a: Int32Array): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
