// Canonical identity of a sample line: decoded name and labels, empty values dropped, names sorted,
// `le`/`quantile` rewritten to their canonical float form so that `le="1"` and `le="1.0"` coincide.
// Consecutive lines usually repeat the name and most label bytes, so the previous line's strings are
// reused when the bytes are equal.

import { formatCanonicalFloat, parseGoFloat, type FloatOut } from './float.js';
import { decodeEscaped } from './decode.js';
import type { LineScan } from './line-scan.js';
import { HASH_SEED, mixHash, type FloatLabel, type SeriesDraft, type SeriesTable } from './series-table.js';
import { tokenHash } from './byte-interner.js';

const floatOut: FloatOut = { value: 0 };
/** Labels remembered from the previous line, by position. */
const CACHED = 8;

/** Builds drafts (not yet interned series) for one payload; one instance per parse. */
export class DraftBuilder {
  /** Offset and message of the last rejection (after a method returned null). */
  errPos = 0;
  errMsg = '';
  /** `seriesHash` of the last draft. */
  hash = 0;
  private readonly names: string[] = [];
  private readonly values: string[] = [];
  private readonly order: number[] = [];
  /** Token hashes of `names` and `values`. */
  private readonly nameHashes: number[] = [];
  private readonly valueHashes: number[] = [];
  private prevName = '';
  private prevNameHash = 0;
  private prevNameStart = 0;
  private prevNameLen = -1;
  /** Per label position: previous name span, string and hash, previous value span, string and hash. */
  private readonly prevSpans = new Int32Array(CACHED * 4).fill(-1);
  private readonly prevKeys: string[] = new Array<string>(CACHED).fill('');
  private readonly prevValues: string[] = new Array<string>(CACHED).fill('');
  private readonly prevHashes = new Int32Array(CACHED * 2).fill(tokenHash(''));

  constructor(private readonly b: Uint8Array, private readonly table: SeriesTable) {}

  /** The draft series of the sample in `scan`, or null (see `errPos`/`errMsg`) on bad UTF-8 or a repeated label. */
  draft(scan: LineScan): SeriesDraft | null {
    const b = this.b;
    const ns = scan.nameStart;
    const nl = scan.nameEnd - ns;
    let name = this.prevName;
    if (nl !== this.prevNameLen || !sameBytes(b, ns, this.prevNameStart, nl)) {
      name = this.table.names.get(b, ns, scan.nameEnd);
      this.prevName = name;
      this.prevNameHash = this.table.names.lastHash;
      this.prevNameStart = ns;
      this.prevNameLen = nl;
    }
    let h = mixHash(HASH_SEED, this.prevNameHash);
    const count = scan.labelCount;
    if (!this.decodeLabels(scan, 0, count)) return null;
    let le = NaN;
    let quantile = NaN;
    const labels: Record<string, string> = {};
    const { names, values, order, nameHashes, valueHashes } = this;
    for (let i = 0; i < count; i++) {
      const k = order[i];
      let v = values[k];
      if (v === '') continue;
      const key = names[k];
      let vh = valueHashes[k];
      if (key === 'le' || key === 'quantile') {
        const f = floatLabel(this.table, v);
        if (f !== null) {
          v = f.text;
          vh = f.hash;
          if (key === 'le') le = f.value;
          else quantile = f.value;
        }
      }
      h = mixHash(mixHash(h, nameHashes[k]), vh);
      if (key === '__proto__') Object.defineProperty(labels, key, { value: v, enumerable: true, writable: true, configurable: true });
      else labels[key] = v;
    }
    this.hash = h;
    return { id: -1, name, family: '', labels, le, quantile };
  }

  /** The exemplar labels of `scan` (stored after the sample's own labels), or null on an error. */
  exemplarLabels(scan: LineScan): Record<string, string> | null {
    const count = scan.exLabelCount;
    if (!this.decodeLabels(scan, scan.labelCount, count)) return null;
    const labels: Record<string, string> = {};
    for (let i = 0; i < count; i++) {
      const k = this.order[i];
      const key = this.names[k];
      if (key === '__proto__') Object.defineProperty(labels, key, { value: this.values[k], enumerable: true, writable: true, configurable: true });
      else labels[key] = this.values[k];
    }
    return labels;
  }

  /** Decodes `count` label spans from `first` into `names`/`values`, with `order` sorting them by name. */
  private decodeLabels(scan: LineScan, first: number, count: number): boolean {
    const b = this.b;
    const spans = scan.labels;
    const prev = this.prevSpans;
    const { names, values, order } = this;
    const cache = first === 0;
    for (let i = 0; i < count; i++) {
      const o = (first + i) * 4;
      const ks = spans[o];
      const ke = spans[o + 1];
      const vs = spans[o + 2];
      const ve = spans[o + 3];
      const c = i * 4;
      const cached = cache && i < CACHED;
      let key: string;
      let kh: number;
      if (cached && prev[c + 1] - prev[c] === ke - ks && sameBytes(b, ks, prev[c], ke - ks)) {
        key = this.prevKeys[i];
        kh = this.prevHashes[i * 2];
      } else {
        key = this.table.names.get(b, ks, ke);
        kh = this.table.names.lastHash;
      }
      let value: string | undefined;
      let vh: number;
      if (cached && prev[c + 3] - prev[c + 2] === ve - vs && sameBytes(b, vs, prev[c + 2], ve - vs)) {
        value = this.prevValues[i];
        vh = this.prevHashes[i * 2 + 1];
      } else {
        let plain = ve - vs <= 64;
        for (let k = vs; plain && k < ve; k++) plain = b[k] !== 0x5c && b[k] < 0x80;
        if (plain) {
          value = this.table.names.get(b, vs, ve);
          vh = this.table.names.lastHash;
        } else {
          value = decodeEscaped(b, vs, ve, 'label');
          if (value === undefined) return this.fail(vs, `invalid UTF-8 in value of label "${key}"`);
          vh = tokenHash(value);
        }
      }
      if (cached) {
        prev[c] = ks;
        prev[c + 1] = ke;
        prev[c + 2] = vs;
        prev[c + 3] = ve;
        this.prevKeys[i] = key;
        this.prevValues[i] = value;
        this.prevHashes[i * 2] = kh;
        this.prevHashes[i * 2 + 1] = vh;
      }
      this.nameHashes[i] = kh;
      this.valueHashes[i] = vh;
      names[i] = key;
      values[i] = value;
      order[i] = i;
    }
    if (count > 1) this.sortOrder(count);
    for (let i = 0; i < count; i++) {
      const k = order[i];
      if ((i > 0 && names[order[i - 1]] === names[k]) || (first === 0 && names[k] === '__name__')) {
        return this.fail(spans[(first + k) * 4], `label name "${names[k]}" is not unique`);
      }
    }
    return true;
  }

  /** Sorts `order[0, count)` by label name: insertion sort for the usual handful, the built-in sort beyond. */
  private sortOrder(count: number): void {
    const { names, order } = this;
    if (count > 16) {
      const sorted = order.slice(0, count).sort((x, y) => (names[x] < names[y] ? -1 : names[x] > names[y] ? 1 : x - y));
      for (let i = 0; i < count; i++) order[i] = sorted[i];
      return;
    }
    for (let i = 1; i < count; i++) {
      const k = order[i];
      const key = names[k];
      let j = i - 1;
      while (j >= 0 && names[order[j]] > key) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = k;
    }
  }

  /** Records a rejection. */
  private fail(pos: number, msg: string): false {
    this.errPos = pos;
    this.errMsg = msg;
    return false;
  }
}

/** True when `b[x, x + len)` equals `b[y, y + len)`. */
function sameBytes(b: Uint8Array, x: number, y: number, len: number): boolean {
  if (x === y) return true;
  for (let j = 0; j < len; j++) if (b[x + j] !== b[y + j]) return false;
  return true;
}

/** The canonical text and value of an `le`/`quantile` value, or null when it is not a float. */
function floatLabel(table: SeriesTable, raw: string): FloatLabel | null {
  const known = table.floatLabels.get(raw);
  if (known !== undefined) return known;
  let f: FloatLabel | null = null;
  if (raw.length <= 64) {
    const bytes = new Uint8Array(raw.length);
    let ascii = true;
    for (let k = 0; k < raw.length; k++) {
      const c = raw.charCodeAt(k);
      if (c > 0x7f) ascii = false;
      bytes[k] = c;
    }
    if (ascii && parseGoFloat(bytes, 0, raw.length, floatOut) === null) {
      const text = formatCanonicalFloat(floatOut.value);
      f = table.floatLabels.get(text) ?? { text, value: floatOut.value, hash: tokenHash(text) };
    }
  }
  table.floatLabels.set(raw, f);
  return f;
}
