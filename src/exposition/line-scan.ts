// The per-line result that both grammar scanners fill in (one reusable object holding offsets into
// the payload), plus the byte classes the two grammars share.

/** Line kind: blank or whitespace-only (text format). */
export const LINE_BLANK = 0;
/** Line kind: a comment that is not metadata (text format). */
export const LINE_COMMENT = 1;
/** Line kind: `# HELP`. */
export const LINE_HELP = 2;
/** Line kind: `# TYPE`. */
export const LINE_TYPE = 3;
/** Line kind: `# UNIT` (OpenMetrics). */
export const LINE_UNIT = 4;
/** Line kind: a sample. */
export const LINE_SAMPLE = 5;
/** Line kind: `# EOF` (OpenMetrics). */
export const LINE_EOF = 6;

/** Line feed. */
export const LF = 0x0a;
/** Space. */
export const SP = 0x20;
/** Horizontal tab. */
export const TAB = 0x09;
/** `#`. */
export const HASH = 0x23;
/** `"`. */
export const QUOTE = 0x22;
/** `\`. */
export const BACKSLASH = 0x5c;
/** `{`. */
export const LBRACE = 0x7b;
/** `}`. */
export const RBRACE = 0x7d;
/** `,`. */
export const COMMA = 0x2c;
/** `=`. */
export const EQUALS = 0x3d;

/** One scanned line: what kind it is and where its parts are. Offsets are absolute payload offsets. */
export class LineScan {
  /** One of the LINE_* kinds. */
  kind = LINE_BLANK;
  /** Offset of the line's LF, or the payload length when the line has none. */
  lineEnd = 0;
  /** Offset where the next line starts. */
  next = 0;
  /** Metric name span (samples and metadata). */
  nameStart = 0;
  nameEnd = 0;
  /** Raw (still escaped) metadata text span. */
  textStart = 0;
  textEnd = 0;
  /** Sample: offset of the first value byte; the series key is `[line start, keyEnd)`. */
  keyEnd = 0;
  /** Sample labels: entry k is `labels[4k..4k+3]` = name start, name end, value start, value end. */
  labelCount = 0;
  /** Label spans of the sample, then (from index `labelCount`) those of the exemplar. */
  labels = new Int32Array(64);
  /** Sample value. */
  value = 0;
  /** Whether the sample carries a timestamp, and its value in ms. */
  hasTs = false;
  ts = 0;
  /** OpenMetrics exemplar: present, label count, value, timestamp in ms. */
  hasExemplar = false;
  exLabelCount = 0;
  exValue = 0;
  exHasTs = false;
  exTs = 0;
  /** Where and why the line was rejected (valid after a scanner returned false). */
  errPos = 0;
  errMsg = '';

  /** Records a rejection and returns false, so scanners can `return out.fail(…)`. */
  fail(pos: number, msg: string): false {
    this.errPos = pos;
    this.errMsg = msg;
    return false;
  }

  /** Appends one label span (growing the span array when needed). */
  pushLabel(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const k = (this.labelCount + this.exLabelCount) * 4;
    if (k + 4 > this.labels.length) {
      const grown = new Int32Array(this.labels.length * 2);
      grown.set(this.labels);
      this.labels = grown;
    }
    this.labels[k] = nameStart;
    this.labels[k + 1] = nameEnd;
    this.labels[k + 2] = valueStart;
    this.labels[k + 3] = valueEnd;
  }

  /** Resets the per-line fields before a scan. */
  reset(): void {
    this.labelCount = 0;
    this.exLabelCount = 0;
    this.hasTs = false;
    this.hasExemplar = false;
    this.exHasTs = false;
  }
}

/** Byte classes: bit 1 metric-name start, 2 metric-name byte, 4 label-name start, 8 label-name byte. */
const CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  const digit = c >= 0x30 && c <= 0x39;
  CLASS[c] = (letter || c === 0x3a ? 1 : 0) | (letter || digit || c === 0x3a ? 2 : 0) | (letter ? 4 : 0) | (letter || digit ? 8 : 0);
}

/** `[a-zA-Z_:]`: first byte of a metric name. */
export function isNameStart(c: number): boolean {
  return (CLASS[c] & 1) !== 0;
}

/** `[a-zA-Z_]`: first byte of a label name. */
export function isLabelStart(c: number): boolean {
  return (CLASS[c] & 4) !== 0;
}

/** Offset of the first byte at or after `p` that is not SP or TAB. */
export function skipBlanks(b: Uint8Array, n: number, p: number): number {
  while (p < n && (b[p] === SP || b[p] === TAB)) p++;
  return p;
}

/** Offset just after the metric name starting at `p`. */
export function scanName(b: Uint8Array, n: number, p: number): number {
  while (p < n && (CLASS[b[p]] & 2) !== 0) p++;
  return p;
}

/** Offset just after the label name starting at `p`. */
export function scanLabelName(b: Uint8Array, n: number, p: number): number {
  while (p < n && (CLASS[b[p]] & 8) !== 0) p++;
  return p;
}

/** Offset of the next LF at or after `p`, or `n`. */
export function findLineEnd(b: Uint8Array, n: number, p: number): number {
  const i = b.indexOf(LF, p);
  return i < 0 ? n : i;
}

/** True when `b` at `p` holds the ASCII `word` exactly. */
export function matchAscii(b: Uint8Array, n: number, p: number, word: string): boolean {
  if (p + word.length > n) return false;
  for (let k = 0; k < word.length; k++) if (b[p + k] !== word.charCodeAt(k)) return false;
  return true;
}
