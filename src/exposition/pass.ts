// One read of one payload, line by line. Each line is first compared with the line the previous
// scrape had at this point (`fast-run.ts`: byte comparison of the series key, then only the value
// is read); a line that does not match is scanned with the full grammar (`slowLine`) and, if it is
// a known series elsewhere in the template, the comparison re-synchronises there.

import type { ExpositionFormat, Exemplar, Series } from './types.js';
import { LINE_EOF, LINE_HELP, LINE_SAMPLE, LINE_TYPE, LINE_UNIT, LineScan } from './line-scan.js';
import { scanTextLine } from './text-scan.js';
import { scanOmLine } from './om-scan.js';
import { decodeEscaped } from './decode.js';
import { DraftBuilder } from './series-key.js';
import { REC_EOF, REC_LITERAL, REC_META, REC_SAMPLE, REC_SKIP, REC_UNSAFE, Records, takeSpareRecords, type Template } from './template.js';
import type { SampleFamilies } from './sample-families.js';
import { fastRun } from './fast-run.js';
import type { MetaEntry } from './families.js';
import type { SeriesDraft, SeriesTable } from './series-table.js';

/** Record kind of a metadata line that did not come from the template (its `aux` indexes `Pass.newMeta`). */
export const REC_META_NEW = 5;

/** State of one read; `run()` fills it, the caller (`parse.ts`) turns it into an Exposition. */
export class Pass {
  readonly om: boolean;
  readonly view: DataView;
  readonly scan = new LineScan();
  private readonly drafts: DraftBuilder;
  /** Template of the previous scrape, or on a cold table another table's (`SeriesTable.startingTemplate`); null for a different format. */
  readonly tpl: Template | null;
  /** Records of this payload. While `inOrder`, only `start` is written (the rest equals the template's). */
  readonly recs: Records;
  /** Records written so far, next payload offset, next expected template record, samples so far. */
  nrec = 0;
  pos = 0;
  rec = 0;
  /** Where the line that matched template record `rec - 1` starts, or -1 when the line before was not that record's. */
  matchedAt = -1;
  count = 0;
  values: Float64Array;
  timestamps: Float64Array | null = null;
  exemplars: Map<number, Exemplar> | null = null;
  /** Series per sample (null for drafts); while `inOrder`, entries equal the template's and are not written. */
  readonly series: (Series | null)[];
  /** Samples whose series is new to the template: sample index and draft. */
  readonly pendingIndex: number[] = [];
  readonly pendingDraft: SeriesDraft[] = [];
  readonly pendingHash: number[] = [];
  /** Metadata lines read with the full grammar (not matched in the template). */
  readonly newMeta: MetaEntry[] = [];
  /** Every line so far matched the template's next record (always false without a template). */
  inOrder: boolean;
  /** Metadata so far equals the template's, line for line; count of template metadata lines matched. */
  metaSame = true;
  metaMatched = 0;
  private lastMetaRec = -1;
  sawEof = false;
  /** Most samples read, kept or skipped (the table's series cap); `stopped` once a further sample line was met. */
  readonly maxSamples: number;
  /** Samples of families not kept, so far. */
  skippedSamples = 0;
  stopped = false;
  /** Stopped at the sample cap with every line before it matched in order. */
  stoppedInOrder = false;
  errPos = -1;
  errMsg = '';

  constructor(
    readonly buf: Uint8Array,
    readonly format: ExpositionFormat,
    readonly table: SeriesTable,
    /** The families read (null: all); samples and metadata of others are checked, then skipped. */
    readonly keep: SampleFamilies | null,
  ) {
    this.om = format === 'openmetrics';
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const t = table.startingTemplate;
    this.tpl = t !== null && t.format === format && t.keep === keep ? t : null;
    this.inOrder = this.tpl !== null;
    this.maxSamples = Math.max(0, table.limits.maxSeries);
    const guess = Math.min(buf.length >> 6, this.maxSamples);
    this.values = new Float64Array(this.tpl !== null ? this.tpl.series.length : 16 + guess);
    this.recs = takeSpareRecords() ?? new Records(this.tpl !== null ? this.tpl.count + 16 : 64 + guess);
    this.series = table.scratch;
    this.drafts = new DraftBuilder(buf, table);
  }

  /** Reads the whole payload; false (with `errPos`/`errMsg`) at the first invalid line. */
  run(): boolean {
    const n = this.buf.length;
    while (this.pos < n) {
      // After "# EOF" only the full grammar runs (it rejects any further line).
      if (this.tpl !== null && !this.sawEof) fastRun(this);
      if (this.pos >= n) break;
      if (!this.slowLine()) return false;
      if (this.stopped) return true;
    }
    if (this.om && !this.sawEof) return this.fail(n, 'expected "# EOF" at the end of an OpenMetrics payload');
    return true;
  }

  /** Ends in-order mode: fills the records and series that in-order lines did not write. */
  diverge(): void {
    if (!this.inOrder) return;
    this.inOrder = false;
    const T = this.tpl as Template;
    const { len, kind, aux } = this.recs;
    const t = T.records;
    len.set(t.len.subarray(0, this.nrec));
    kind.set(t.kind.subarray(0, this.nrec));
    aux.set(t.aux.subarray(0, this.nrec));
    for (let i = 0; i < this.count; i++) this.series[i] = T.series[i];
  }

  /** Reads one line with the full grammar. */
  private slowLine(): boolean {
    const b = this.buf;
    const n = b.length;
    const pos = this.pos;
    if (this.sawEof) return this.fail(pos, 'unexpected data after "# EOF"');
    const scan = this.scan;
    if (!(this.om ? scanOmLine(b, n, pos, scan) : scanTextLine(b, n, pos, scan))) return this.fail(scan.errPos, scan.errMsg);
    const kind = scan.kind;
    if (kind === LINE_SAMPLE) {
      if (!this.sample(pos)) return false;
    } else if (kind === LINE_HELP || kind === LINE_TYPE || kind === LINE_UNIT) {
      if (!this.metaLine(pos)) return false;
    } else {
      if (kind === LINE_EOF) this.sawEof = true;
      this.literal(pos, kind === LINE_EOF ? REC_EOF : REC_LITERAL);
    }
    this.pos = scan.next;
    return true;
  }

  /** A sample line: find its series in the template or draft a new one. */
  private sample(pos: number): boolean {
    if (this.count + this.skippedSamples >= this.maxSamples) {
      // The sample cap: stop here, keeping what was read (the caller reports the truncation).
      this.stoppedInOrder = this.inOrder;
      if (this.tpl !== null) this.diverge();
      this.stopped = true;
      return true;
    }
    if (this.keep !== null && !this.keep.samplesKept(this.buf, this.scan.nameStart, this.scan.nameEnd)) return this.skipped(pos);
    const scan = this.scan;
    const keyEnd = scan.keyEnd;
    const safe = this.selfDelimiting(keyEnd);
    const r = this.matchTemplate(pos, keyEnd, safe);
    const found: Series | null = r >= 0 ? this.tpl!.series[this.tpl!.records.aux[r]] : null;
    const index = this.count;
    if (found === null) {
      if (this.inOrder) this.diverge();
      const draft = this.drafts.draft(scan);
      if (draft === null) return this.fail(this.drafts.errPos, this.drafts.errMsg);
      this.pendingIndex.push(index);
      this.pendingDraft.push(draft);
      this.pendingHash.push(this.drafts.hash);
    }
    if (index === this.values.length) this.growValues(index);
    this.values[index] = scan.value;
    this.series[index] = found;
    if (scan.hasTs) {
      if (this.timestamps === null) this.timestamps = new Float64Array(this.values.length).fill(NaN);
      this.timestamps[index] = scan.ts;
    }
    if (scan.hasExemplar) {
      const labels = this.drafts.exemplarLabels(scan);
      if (labels === null) return this.fail(this.drafts.errPos, this.drafts.errMsg);
      this.exemplars ??= new Map();
      this.exemplars.set(index, { labels, value: scan.exValue, timestampMs: scan.exHasTs ? scan.exTs : undefined });
    }
    this.count++;
    this.record(pos, keyEnd - pos, safe ? REC_SAMPLE : REC_UNSAFE, index);
    return true;
  }

  /**
   * A sample of a family not kept: rejected where a kept one would be (its labels are decoded and
   * checked), and matched against the template so that the next payload skips it on the fast path.
   */
  private skipped(pos: number): boolean {
    const scan = this.scan;
    const keyEnd = scan.keyEnd;
    const safe = this.selfDelimiting(keyEnd);
    this.matchTemplate(pos, keyEnd, safe);
    if (this.drafts.draft(scan) === null) return this.fail(this.drafts.errPos, this.drafts.errMsg);
    if (scan.hasExemplar && this.drafts.exemplarLabels(scan) === null) return this.fail(this.drafts.errPos, this.drafts.errMsg);
    this.record(pos, keyEnd - pos, safe ? REC_SKIP : REC_UNSAFE, -1);
    this.skippedSamples++;
    return true;
  }

  /** A key ending in a blank or `}` is self-delimiting: equal key bytes mean the same name and labels. */
  private selfDelimiting(keyEnd: number): boolean {
    const last = this.buf[keyEnd - 1];
    return this.om || last === 0x20 || last === 0x09 || last === 0x7d;
  }

  /**
   * The template's record of the sample key at pos…keyEnd — the expected one, the next, or any —
   * or -1; reading goes on after a record found (`rec`, `matchedAt`), and leaves the fast path
   * unless it is the expected one.
   */
  private matchTemplate(pos: number, keyEnd: number, safe: boolean): number {
    const r = this.templateRecord(pos, keyEnd, safe);
    if (r >= 0) this.rec = r + 1;
    this.matchedAt = r >= 0 ? pos : -1;
    return r;
  }

  private templateRecord(pos: number, keyEnd: number, safe: boolean): number {
    const T = this.tpl;
    if (T === null) return -1;
    const b = this.buf;
    if (safe && this.inOrder && this.rec < T.count && T.sameKey(this.rec, b, pos, keyEnd)) return this.rec;
    this.diverge();
    if (!safe) return -1;
    if (this.rec < T.count && T.sameKey(this.rec, b, pos, keyEnd)) return this.rec;
    if (this.rec + 1 < T.count && T.sameKey(this.rec + 1, b, pos, keyEnd)) return this.rec + 1;
    return T.find(b, pos, keyEnd);
  }

  /** A HELP, TYPE or UNIT line that the fast path did not match. */
  private metaLine(pos: number): boolean {
    const T = this.tpl;
    const scan = this.scan;
    if (this.keep !== null && !this.keep.metadataKept(this.buf, scan.nameStart, scan.nameEnd)) {
      // Of a family not kept: checked as a kept one would be, then kept as a plain line.
      if (this.metaText() === undefined) return false;
      this.literal(pos, REC_LITERAL);
      return true;
    }
    if (T !== null) this.diverge();
    let r = this.rec;
    if (T !== null && r < T.count && !this.sameLine(T, r, pos, scan.lineEnd)) r++;
    if (T !== null && r < T.count && T.records.kind[r] === REC_META && this.sameLine(T, r, pos, scan.lineEnd)) {
      this.matchedMeta(r);
      this.record(pos, scan.lineEnd - pos, REC_META, T.records.aux[r]);
      this.rec = r + 1;
      this.matchedAt = pos;
      return true;
    }
    this.matchedAt = -1;
    const name = this.table.names.get(this.buf, scan.nameStart, scan.nameEnd);
    const text = this.metaText();
    if (text === undefined) return false;
    const kind = scan.kind === LINE_HELP ? 'help' : scan.kind === LINE_TYPE ? 'type' : 'unit';
    this.metaSame = false;
    this.newMeta.push({ kind, name, text });
    this.record(pos, scan.lineEnd - pos, REC_META_NEW, this.newMeta.length - 1);
    return true;
  }

  /** The unescaped text of the metadata line in `scan`; undefined (after `fail`) when it is not UTF-8. */
  private metaText(): string | undefined {
    const b = this.buf;
    const scan = this.scan;
    let text: string | undefined;
    if (scan.kind === LINE_HELP) {
      text = decodeEscaped(b, scan.textStart, scan.textEnd, this.om ? 'label' : 'help');
      if (text === undefined) this.fail(scan.textStart, 'HELP text is not valid UTF-8');
    } else {
      text = decodeEscaped(b, scan.textStart, scan.textEnd, 'label');
      if (text === undefined) this.fail(scan.textStart, 'UNIT is not valid UTF-8');
    }
    return text;
  }

  /** A comment, blank or `# EOF` line the fast path did not match: re-synchronise on the next template line. */
  private literal(pos: number, kind: number): void {
    const T = this.tpl;
    const end = this.scan.lineEnd;
    this.matchedAt = -1;
    if (T !== null) {
      this.diverge();
      if (this.rec < T.count && this.sameLine(T, this.rec, pos, end)) this.rec += 1;
      else if (this.rec + 1 < T.count && this.sameLine(T, this.rec + 1, pos, end)) this.rec += 2;
      else return this.record(pos, end - pos, kind, -1);
      this.matchedAt = pos;
    }
    this.record(pos, end - pos, kind, -1);
  }

  /** True when template record `r` is a non-sample line with exactly the bytes `buf[s, e)`. */
  private sameLine(T: Template, r: number, s: number, e: number): boolean {
    const kind = T.records.kind[r];
    return kind !== REC_SAMPLE && kind !== REC_UNSAFE && T.sameBytes(r, this.buf, s, e);
  }

  /** Bookkeeping for a template metadata line seen again: they must come back in the same order. */
  matchedMeta(r: number): void {
    if (r <= this.lastMetaRec) this.metaSame = false;
    this.lastMetaRec = r;
    this.metaMatched++;
  }

  /** Appends a full record for the template of the next scrape. */
  private record(start: number, len: number, kind: number, aux: number): void {
    const recs = this.recs;
    if (this.nrec === recs.start.length) recs.grow(this.nrec);
    recs.start[this.nrec] = start;
    recs.len[this.nrec] = len;
    recs.kind[this.nrec] = kind;
    recs.aux[this.nrec] = aux;
    this.nrec++;
  }

  /** Doubles the value (and timestamp) arrays, keeping the first `used` entries. */
  growValues(used: number): Float64Array {
    const values = new Float64Array(Math.max(16, this.values.length * 2));
    values.set(this.values.subarray(0, used));
    this.values = values;
    if (this.timestamps !== null) {
      const ts = new Float64Array(values.length).fill(NaN);
      ts.set(this.timestamps.subarray(0, used));
      this.timestamps = ts;
    }
    return values;
  }

  /** Records the first error and returns false. */
  private fail(pos: number, msg: string): false {
    this.errPos = pos;
    this.errMsg = msg;
    return false;
  }
}
