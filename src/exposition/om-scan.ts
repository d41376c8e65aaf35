// Scanner for one line of OpenMetrics 1.0, following Prometheus' lexer (`openmetricslex.l`) and
// parser (`openmetricsparse.go`): single spaces only, no comments, `# EOF`, UNIT and exemplars.

import { parseGoFloat, type FloatOut } from './float.js';
import { describeByte } from './decode.js';
import {
  BACKSLASH, COMMA, EQUALS, HASH, LBRACE, LF, LINE_EOF, LINE_HELP, LINE_SAMPLE, LINE_TYPE, LINE_UNIT, LineScan,
  QUOTE, RBRACE, SP, TAB, isLabelStart, isNameStart, matchAscii, scanLabelName, scanName,
} from './line-scan.js';
import { quoteBytes } from './text-scan.js';

const OM_TYPES = new Set(['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']);
const floatOut: FloatOut = { value: 0 };

/** Scans the OpenMetrics line starting at `p` into `out`; false (with `out.errPos/errMsg`) when it is invalid. */
export function scanOmLine(b: Uint8Array, n: number, p: number, out: LineScan): boolean {
  out.reset();
  const c = b[p];
  if (c === HASH) return scanMeta(b, n, p, out);
  if (isNameStart(c)) return scanSample(b, n, p, out);
  if (c === LF) return out.fail(p, 'blank lines are not allowed in OpenMetrics');
  if (c === SP || c === TAB) return out.fail(p, `expected metric name or "#", got ${describeByte(b, p)} (OpenMetrics allows no leading blanks)`);
  return out.fail(p, `expected metric name or "#", got ${describeByte(b, p)}`);
}

/** `# HELP|TYPE|UNIT name text` or `# EOF`. */
function scanMeta(b: Uint8Array, n: number, p: number, out: LineScan): boolean {
  if (p + 1 >= n || b[p + 1] !== SP) return out.fail(p + 1, `expected " " after "#", got ${describeByte(b, p + 1)} (OpenMetrics has no comments)`);
  const r = p + 2;
  if (matchAscii(b, n, r, 'EOF')) {
    const e = r + 3;
    if (e < n && b[e] !== LF) return out.fail(e, `expected end of line after "# EOF", got ${describeByte(b, e)}`);
    out.kind = LINE_EOF;
    out.lineEnd = e;
    out.next = e < n ? e + 1 : n;
    return true;
  }
  const kind = matchAscii(b, n, r, 'HELP ') ? LINE_HELP : matchAscii(b, n, r, 'TYPE ') ? LINE_TYPE : matchAscii(b, n, r, 'UNIT ') ? LINE_UNIT : -1;
  if (kind < 0) return out.fail(r, `expected HELP, TYPE, UNIT or EOF after "# ", got ${quoteBytes(b, r, Math.min(n, r + 5))} (OpenMetrics has no comments)`);
  const word = kind === LINE_HELP ? 'HELP' : kind === LINE_TYPE ? 'TYPE' : 'UNIT';
  const s = r + 5;
  if (s >= n || !isNameStart(b[s])) return out.fail(s, `expected metric name after ${word}, got ${describeByte(b, s)}`);
  const e = scanName(b, n, s);
  if (e >= n || b[e] !== SP) return out.fail(e, `expected " " and text after metric name in ${word}, got ${describeByte(b, e)}`);
  const lineEnd = b.indexOf(LF, e + 1);
  if (lineEnd < 0) return out.fail(n, `expected end of line after ${word}, got end of input`);
  out.nameStart = s;
  out.nameEnd = e;
  out.textStart = e + 1;
  out.textEnd = lineEnd;
  const len = lineEnd - (e + 1);
  if (kind === LINE_TYPE) {
    const t = String.fromCharCode.apply(null, b.subarray(e + 1, Math.min(lineEnd, e + 17)) as unknown as number[]);
    if (len > 16 || !OM_TYPES.has(t)) {
      return out.fail(e + 1, `invalid metric type ${JSON.stringify(t)}: expected counter, gauge, histogram, gaugehistogram, summary, info, stateset or unknown`);
    }
  } else if (kind === LINE_UNIT && len > 0) {
    // The unit must be a `_`-separated suffix of the family name.
    const nameLen = e - s;
    let ok = nameLen > len && b[e - len - 1] === 0x5f;
    for (let k = 0; ok && k < len; k++) ok = b[e - len + k] === b[e + 1 + k];
    if (!ok) return out.fail(e + 1, `unit ${quoteBytes(b, e + 1, lineEnd)} is not a suffix of metric ${quoteBytes(b, s, e)}`);
  }
  out.kind = kind;
  out.lineEnd = lineEnd;
  out.next = lineEnd + 1;
  return true;
}

/** `name[{labels}] value[ timestamp][ # {labels} value[ timestamp]]`. */
function scanSample(b: Uint8Array, n: number, q: number, out: LineScan): boolean {
  let p = scanName(b, n, q);
  out.nameStart = q;
  out.nameEnd = p;
  if (p < n && b[p] === LBRACE) {
    p = scanLabels(b, n, p + 1, out, false);
    if (p < 0) return false;
  }
  if (p >= n || b[p] !== SP) return out.fail(p, `expected " " before the value, got ${describeByte(b, p)}`);
  out.keyEnd = p + 1;
  p = scanNumber(b, n, p + 1, out, 'value');
  if (p < 0) return false;
  out.value = floatOut.value;
  if (p < n && b[p] === SP && !isExemplarStart(b, n, p)) {
    p = scanNumber(b, n, p + 1, out, 'timestamp');
    if (p < 0) return false;
    out.hasTs = true;
    out.ts = Math.trunc(floatOut.value * 1000);
  }
  if (p < n && b[p] === SP) {
    if (!isExemplarStart(b, n, p)) return out.fail(p + 1, `expected end of line or exemplar after timestamp, got ${describeByte(b, p + 1)}`);
    p = scanExemplar(b, n, p + 4, out);
    if (p < 0) return false;
  }
  if (p >= n) return out.fail(p, 'expected end of line, got end of input (OpenMetrics must end with "# EOF")');
  out.kind = LINE_SAMPLE;
  out.lineEnd = p;
  out.next = p + 1;
  return true;
}

/** True when ` # {` starts at `p`. */
function isExemplarStart(b: Uint8Array, n: number, p: number): boolean {
  return p + 3 < n && b[p + 1] === HASH && b[p + 2] === SP && b[p + 3] === LBRACE;
}

/** Exemplar after ` # {`: labels, ` value`, optional ` timestamp`; returns the offset of the LF or -1. */
function scanExemplar(b: Uint8Array, n: number, p: number, out: LineScan): number {
  p = scanLabels(b, n, p, out, true);
  if (p < 0) return -1;
  if (p >= n || b[p] !== SP) return fail(out, p, `expected " " before the exemplar value, got ${describeByte(b, p)}`);
  p = scanNumber(b, n, p + 1, out, 'exemplar value');
  if (p < 0) return -1;
  out.exValue = floatOut.value;
  if (p < n && b[p] === SP) {
    p = scanNumber(b, n, p + 1, out, 'exemplar timestamp');
    if (p < 0) return -1;
    out.exHasTs = true;
    out.exTs = Math.trunc(floatOut.value * 1000);
  }
  out.hasExemplar = true;
  if (p < n && b[p] !== LF) return fail(out, p, `expected end of line after exemplar, got ${describeByte(b, p)}`);
  return p;
}

/** One `[^ \n]+` number token into `floatOut`; timestamps must be finite. Returns its end or -1. */
function scanNumber(b: Uint8Array, n: number, s: number, out: LineScan, what: string): number {
  let p = s;
  while (p < n && b[p] !== SP && b[p] !== LF) p++;
  if (p === s) return fail(out, s, `expected ${what}, got ${describeByte(b, s)}`);
  const why = parseGoFloat(b, s, p, floatOut);
  if (why !== null) return fail(out, s, `invalid ${what} ${quoteBytes(b, s, p)}: ${why}`);
  if (what.endsWith('timestamp') && !Number.isFinite(floatOut.value)) return fail(out, s, `invalid ${what} ${quoteBytes(b, s, p)}: must be finite`);
  return p;
}

/** Labels after `{` (no blanks, no trailing comma); returns the offset after `}` or -1. */
function scanLabels(b: Uint8Array, n: number, p: number, out: LineScan, exemplar: boolean): number {
  if (p < n && b[p] === RBRACE) return p + 1;
  for (;;) {
    if (p >= n || !isLabelStart(b[p])) return fail(out, p, `expected label name, got ${describeByte(b, p)}`);
    const ns = p;
    const ne = scanLabelName(b, n, p);
    if (ne >= n || b[ne] !== EQUALS) return fail(out, ne, `expected "=" after label name, got ${describeByte(b, ne)}`);
    p = ne + 1;
    if (p >= n || b[p] !== QUOTE) return fail(out, p, `expected label value in double quotes, got ${describeByte(b, p)}`);
    const vs = p + 1;
    p = vs;
    while (p < n) {
      const c = b[p];
      if (c === QUOTE || c === LF) break;
      if (c === BACKSLASH) {
        if (p + 1 >= n || b[p + 1] === LF) break;
        p += 2;
      } else p++;
    }
    if (p >= n || b[p] !== QUOTE) return fail(out, p, `expected closing '"' of label value, got ${describeByte(b, p)}`);
    out.pushLabel(ns, ne, vs, p);
    if (exemplar) out.exLabelCount++;
    else out.labelCount++;
    p++;
    if (p < n && b[p] === RBRACE) return p + 1;
    if (p >= n || b[p] !== COMMA) return fail(out, p, `expected "," or "}" after label value, got ${describeByte(b, p)}`);
    p++;
  }
}

/** Records an error for helpers that return an offset. */
function fail(out: LineScan, pos: number, msg: string): -1 {
  out.fail(pos, msg);
  return -1;
}
