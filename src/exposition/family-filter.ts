// A pre-filter for the live monitors: copies out of a payload only the lines of the families they
// read (metadata and samples), so that the parser, its template and its series table hold those
// alone. Lines are split exactly where the parser splits them (a text-format label value may hold
// a raw LF). Families come in one block, so a name is looked up only when it differs from the
// previous line's. What is dropped is not read: a malformed line of an unwanted family is skipped,
// unless the filter cannot tell where it ends or whose it is; such lines are kept, for the parser
// to reject at their own line and column (`originalPosition` maps a position back).

import type { ExpositionFormat } from './types.js';
import { SAMPLE_SUFFIXES, familyCandidates } from './families.js';
import { fitsForReuse } from '../util/buffer-reuse.js';
import { TextSampleEnds } from './text-sample-end.js';
import { ByteInterner } from './byte-interner.js';
import { HASH, LF, SP, TAB, findLineEnd, isNameStart, matchAscii, scanName, skipBlanks } from './line-scan.js';

/** Every family a sample of one of `sampleNames` can belong to: what a filter must keep to read them. */
export function familiesOfSamples(sampleNames: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const name of sampleNames) for (const f of familyCandidates(name)) out.add(f);
  return out;
}

/** What to do with a line that is not a sample: drop it, keep the rest of the payload, or ask its name. */
const DROP = 0;
const KEEP_REST = 1;
const BY_NAME = 2;
/** Verdict bits on a name: keep its samples, keep its metadata lines. */
const SAMPLE_KEPT = 1;
const META_KEPT = 2;
/** Names remembered per payload besides the previous sample's (a histogram's lines cycle through three). */
const RECENT = 4;
/** Names whose verdict is remembered across payloads (a real peer has ~150; beyond this, forget them all). */
const MAX_NAMES = 4096;

/**
 * Keeps the lines of a set of families. One instance may serve many targets: `filter` writes into
 * the instance's scratch buffer, valid until its next call, so the caller must parse the result
 * before filtering again (the parser copies what it keeps).
 */
export class FamilyFilter {
  private scratch = new Uint8Array(0);
  /** Kept runs of the last call: start in the input and in the output. */
  private runIn = new Int32Array(64);
  private runOut = new Int32Array(64);
  private runs = 0;
  private outLength = 0;
  private readonly ends = new TextSampleEnds();
  /** Name span and end of the metadata line `classify*` last read. */
  private nameStart = 0;
  private nameEnd = 0;
  private lineEnd = 0;
  /** The last few names decided in this payload. */
  private readonly recentStart = new Int32Array(RECENT);
  private readonly recentLen = new Int32Array(RECENT);
  private readonly recentVerdict = new Uint8Array(RECENT);
  private recentCount = 0;
  /** Every name decided so far (all targets), and its verdict. */
  private names = new ByteInterner();
  private readonly decided = new Map<string, number>();

  /** `families`: family names to keep (see `familiesOfSamples`). */
  constructor(private readonly families: ReadonlySet<string>) {}

  /**
   * The lines of `input` that belong to the kept families; from the first line it cannot read (a
   * line the parser would reject, or whose end it cannot tell; in OpenMetrics also `# EOF`), all the
   * rest. A view of the scratch buffer. A sample is kept when its name, or its name without a type
   * suffix (`_bucket`, `_total`, …), is a kept family; a metadata line when it may decide the family
   * of a kept sample (`decide`): then every kept sample gets the family, type, help and unit that
   * the parser gives it in the whole payload.
   */
  filter(input: Uint8Array, format: ExpositionFormat): Uint8Array {
    const b = input;
    const n = b.length;
    if (this.scratch.length < n || !fitsForReuse(this.scratch.length, n)) this.scratch = new Uint8Array(n + (n >> 3));
    const dv = new DataView(b.buffer, b.byteOffset, n);
    const om = format === 'openmetrics';
    const ends = this.ends;
    this.runs = 0;
    this.outLength = 0;
    this.recentCount = 0;
    let runStart = -1;
    let prev = -1; // start of the previous sample line
    let prevNameLen = 0;
    let prevKeep = false;
    let p = 0;
    while (p < n) {
      const s = p;
      let keep: boolean;
      let end: number;
      const same = prev < 0 ? 0 : commonPrefix(b, dv, s, prev, Math.min(om ? prevNameLen + 1 : ends.keyLength, n - s));
      if (same > prevNameLen) {
        // A further sample of the previous sample's name: same verdict; read only where it differs.
        keep = prevKeep;
        end = om ? findLineEnd(b, n, s + same) : ends.next(b, n, s, same);
        prev = s;
      } else if (isNameStart(b[s])) {
        const nameEnd = scanName(b, n, s);
        end = om ? findLineEnd(b, n, nameEnd) : ends.first(b, n, s, nameEnd);
        keep = (this.verdictOf(b, dv, s, nameEnd) & SAMPLE_KEPT) !== 0;
        prev = s;
        prevNameLen = nameEnd - s;
        prevKeep = keep;
      } else {
        const what = om ? this.classifyOm(b, n, s) : this.classifyText(b, n, s);
        keep = what === BY_NAME && (this.verdictOf(b, dv, this.nameStart, this.nameEnd) & META_KEPT) !== 0;
        end = what === KEEP_REST ? -1 : this.lineEnd;
      }
      if (end < 0) {
        if (runStart < 0) runStart = s;
        break;
      }
      if (keep) {
        if (runStart < 0) runStart = s;
      } else if (runStart >= 0) {
        this.copyRun(b, runStart, s);
        runStart = -1;
      }
      p = end < n ? end + 1 : n;
    }
    if (runStart >= 0) this.copyRun(b, runStart, n);
    return this.scratch.subarray(0, this.outLength);
  }

  /**
   * Where a 1-based line and byte column of the last `filter` output lies in its `input`
   * (the same bytes, so the column only changes when a line was cut out of the middle).
   */
  originalPosition(input: Uint8Array, line: number, column: number): { line: number; column: number } {
    const out = this.scratch.subarray(0, this.outLength);
    let off = 0;
    for (let l = 1; l < line; l++) {
      const lf = out.indexOf(LF, off);
      if (lf < 0) return { line, column };
      off = lf + 1;
    }
    off += column - 1;
    // The end of the output stands for the end of the input (an OpenMetrics payload's missing `# EOF`).
    let pos = input.length;
    if (off < this.outLength) {
      let r = this.runs - 1;
      while (r > 0 && this.runOut[r] > off) r--;
      pos = this.runIn[r] + (off - this.runOut[r]);
    }
    let origLine = 1;
    let lineStart = 0;
    for (let i = input.indexOf(LF); i >= 0 && i < pos; i = input.indexOf(LF, i + 1)) {
      origLine++;
      lineStart = i + 1;
    }
    return { line: origLine, column: pos - lineStart + 1 };
  }

  /**
   * Verdicts on name `b[s, e)`: bit SAMPLE_KEPT for its samples, bit META_KEPT for its metadata
   * lines; from the recent names when it is one of them.
   */
  private verdictOf(b: Uint8Array, dv: DataView, s: number, e: number): number {
    const len = e - s;
    const known = Math.min(this.recentCount, RECENT);
    for (let k = 0; k < known; k++) {
      if (this.recentLen[k] === len && commonPrefix(b, dv, s, this.recentStart[k], len) === len) return this.recentVerdict[k];
    }
    const verdict = this.decide(b, s, e);
    const slot = this.recentCount++ % RECENT;
    this.recentStart[slot] = s;
    this.recentLen[slot] = len;
    this.recentVerdict[slot] = verdict;
    return verdict;
  }

  /**
   * Samples named `b[s, e)` are kept when a kept family can own them; metadata lines of that name
   * also when the name is the family of a kept sample name (`x` for a kept `x_total`). Then every
   * name that can decide a kept sample's family keeps its metadata. Decided once per filter.
   */
  private decide(b: Uint8Array, s: number, e: number): number {
    if (this.names.size > MAX_NAMES) {
      this.names = new ByteInterner();
      this.decided.clear();
    }
    const name = this.names.get(b, s, e);
    let verdict = this.decided.get(name);
    if (verdict === undefined) {
      const sample = familyCandidates(name).some((f) => this.families.has(f));
      const meta = sample || SAMPLE_SUFFIXES.some((suffix) => this.families.has(name + suffix));
      verdict = (sample ? SAMPLE_KEPT : 0) | (meta ? META_KEPT : 0);
      this.decided.set(name, verdict);
    }
    return verdict;
  }

  /** Appends `input[s, e)` to the output as one run. */
  private copyRun(input: Uint8Array, s: number, e: number): void {
    if (this.runs === this.runIn.length) {
      const grownIn = new Int32Array(this.runs * 2);
      const grownOut = new Int32Array(this.runs * 2);
      grownIn.set(this.runIn);
      grownOut.set(this.runOut);
      this.runIn = grownIn;
      this.runOut = grownOut;
    }
    this.runIn[this.runs] = s;
    this.runOut[this.runs] = this.outLength;
    this.runs++;
    this.scratch.set(input.subarray(s, e), this.outLength);
    this.outLength += e - s;
  }

  /** Text format 0.0.4, a line that does not start with a name: its verdict (and `lineEnd`). */
  private classifyText(b: Uint8Array, n: number, s: number): number {
    this.lineEnd = findLineEnd(b, n, s);
    const q = skipBlanks(b, n, s);
    if (q >= n || b[q] === LF) return DROP; // blank line
    if (b[q] !== HASH) return KEEP_REST; // blanks before a name, or no name: the parser rejects it
    let r = q + 1;
    if (r >= n || (b[r] !== SP && b[r] !== TAB)) return DROP; // a plain comment
    r = skipBlanks(b, n, r);
    if (!(matchAscii(b, n, r, 'HELP') || matchAscii(b, n, r, 'TYPE')) || r + 4 >= n || (b[r + 4] !== SP && b[r + 4] !== TAB)) return DROP;
    const ns = skipBlanks(b, n, r + 4);
    if (ns >= n || !isNameStart(b[ns])) return KEEP_REST;
    const ne = scanName(b, n, ns);
    if (ne < n && b[ne] !== LF && b[ne] !== SP && b[ne] !== TAB) return KEEP_REST;
    this.nameStart = ns;
    this.nameEnd = ne;
    return BY_NAME;
  }

  /** OpenMetrics 1.0, a line that does not start with a name: its verdict (and `lineEnd`). */
  private classifyOm(b: Uint8Array, n: number, s: number): number {
    this.lineEnd = findLineEnd(b, n, s);
    if (b[s] !== HASH || s + 1 >= n || b[s + 1] !== SP) return KEEP_REST;
    const r = s + 2;
    if (!(matchAscii(b, n, r, 'HELP ') || matchAscii(b, n, r, 'TYPE ') || matchAscii(b, n, r, 'UNIT '))) return KEEP_REST; // `# EOF` too
    const ns = r + 5;
    if (ns >= n || !isNameStart(b[ns])) return KEEP_REST;
    const ne = scanName(b, n, ns);
    if (ne >= n || b[ne] !== SP) return KEEP_REST;
    this.nameStart = ns;
    this.nameEnd = ne;
    return BY_NAME;
  }
}

/** Length of the common prefix of `b` at `s` and at `t`, at most `max` bytes. */
function commonPrefix(b: Uint8Array, dv: DataView, s: number, t: number, max: number): number {
  let j = 0;
  while (
    j + 16 <= max &&
    ((dv.getInt32(s + j, true) ^ dv.getInt32(t + j, true)) |
      (dv.getInt32(s + j + 4, true) ^ dv.getInt32(t + j + 4, true)) |
      (dv.getInt32(s + j + 8, true) ^ dv.getInt32(t + j + 8, true)) |
      (dv.getInt32(s + j + 12, true) ^ dv.getInt32(t + j + 12, true))) === 0
  ) j += 16;
  while (j + 4 <= max && dv.getInt32(s + j, true) === dv.getInt32(t + j, true)) j += 4;
  while (j < max && b[s + j] === b[t + j]) j++;
  return j;
}
