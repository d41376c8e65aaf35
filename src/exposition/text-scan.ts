// Scanner for one line of the Prometheus text format 0.0.4, following Prometheus' own lexer
// (`promlex.l`) and parser (`promparse.go`) rather than the looser published grammar.

import { parseGoFloat, type FloatOut } from './float.js';
import { describeByte } from './decode.js';
import {
  BACKSLASH, COMMA, EQUALS, HASH, LBRACE, LF, LINE_BLANK, LINE_COMMENT, LINE_HELP, LINE_SAMPLE, LINE_TYPE,
  LineScan, QUOTE, RBRACE, SP, TAB, findLineEnd, isLabelStart, isNameStart, matchAscii, scanLabelName, scanName,
  skipBlanks,
} from './line-scan.js';

const TEXT_TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const floatOut: FloatOut = { value: 0 };

/** Scans the text-format line starting at `p` into `out`; false (with `out.errPos/errMsg`) when it is invalid. */
export function scanTextLine(b: Uint8Array, n: number, p: number, out: LineScan): boolean {
  out.reset();
  const q = skipBlanks(b, n, p);
  if (q >= n || b[q] === LF) return endLine(out, LINE_BLANK, q, n);
  const c = b[q];
  if (c === HASH) return scanComment(b, n, q, out);
  if (isNameStart(c)) {
    if (q !== p) return out.fail(p, 'invalid metric name: blanks before the metric name');
    return scanSample(b, n, q, out);
  }
  return out.fail(q, `expected metric name or "#", got ${describeByte(b, q)}`);
}

/** Sets the line kind and end, and where the next line starts. */
function endLine(out: LineScan, kind: number, lineEnd: number, n: number): true {
  out.kind = kind;
  out.lineEnd = lineEnd;
  out.next = lineEnd < n ? lineEnd + 1 : n;
  return true;
}

/** `# HELP name text`, `# TYPE name type`, or any other comment. */
function scanComment(b: Uint8Array, n: number, q: number, out: LineScan): boolean {
  let r = q + 1;
  if (r < n && (b[r] === SP || b[r] === TAB)) {
    r = skipBlanks(b, n, r);
    const help = matchAscii(b, n, r, 'HELP');
    if ((help || matchAscii(b, n, r, 'TYPE')) && r + 4 < n && (b[r + 4] === SP || b[r + 4] === TAB)) {
      const word = help ? 'HELP' : 'TYPE';
      const s = skipBlanks(b, n, r + 4);
      if (s >= n || !isNameStart(b[s])) return out.fail(s, `expected metric name after ${word}, got ${describeByte(b, s)}`);
      const e = scanName(b, n, s);
      out.nameStart = s;
      out.nameEnd = e;
      let lineEnd: number;
      if (e >= n || b[e] === LF) {
        out.textStart = out.textEnd = lineEnd = e;
      } else if (b[e] === SP || b[e] === TAB) {
        lineEnd = findLineEnd(b, n, e + 1);
        out.textStart = e + 1;
        out.textEnd = lineEnd;
      } else {
        return out.fail(e, `expected blank after metric name in ${word}, got ${describeByte(b, e)}`);
      }
      if (!help) {
        const t = String.fromCharCode.apply(null, b.subarray(out.textStart, Math.min(out.textEnd, out.textStart + 16)) as unknown as number[]);
        if (out.textEnd - out.textStart > 16 || !TEXT_TYPES.has(t)) {
          return out.fail(out.textStart, `invalid metric type ${JSON.stringify(t)}: expected counter, gauge, histogram, summary or untyped`);
        }
      }
      return endLine(out, help ? LINE_HELP : LINE_TYPE, lineEnd, n);
    }
  }
  return endLine(out, LINE_COMMENT, findLineEnd(b, n, q), n);
}

/** `name [{labels}] value [timestamp]`. */
function scanSample(b: Uint8Array, n: number, q: number, out: LineScan): boolean {
  let p = scanName(b, n, q);
  out.nameStart = q;
  out.nameEnd = p;
  p = skipBlanks(b, n, p);
  if (p < n && b[p] === LBRACE) {
    p = scanLabels(b, n, p + 1, out);
    if (p < 0) return false;
    p = skipBlanks(b, n, p);
  }
  const vs = p;
  while (p < n) {
    const c = b[p];
    if (c === SP || c === TAB || c === LF || c === LBRACE) break;
    p++;
  }
  if (p === vs) return out.fail(vs, `expected value after metric, got ${describeByte(b, vs)}`);
  const why = parseGoFloat(b, vs, p, floatOut);
  if (why !== null) return out.fail(vs, `invalid value ${quoteBytes(b, vs, p)}: ${why}`);
  out.keyEnd = vs;
  out.value = floatOut.value;
  let r = skipBlanks(b, n, p);
  if (r >= n || b[r] === LF) return endLine(out, LINE_SAMPLE, r, n);
  const c = b[r];
  if (r === p || c < 0x30 || c > 0x39) {
    const hint = c === 0x2d && r !== p ? ' (negative timestamps are not accepted)' : '';
    return out.fail(r, `expected timestamp or end of line after value, got ${describeByte(b, r)}${hint}`);
  }
  const ts = r;
  while (r < n && b[r] >= 0x30 && b[r] <= 0x39) r++;
  const ms = parseTimestamp(b, ts, r);
  if (ms === undefined) return out.fail(ts, `timestamp ${quoteBytes(b, ts, r)} out of range`);
  out.hasTs = true;
  out.ts = ms;
  const e = skipBlanks(b, n, r);
  if (e < n && b[e] !== LF) return out.fail(e, `expected end of line after timestamp, got ${describeByte(b, e)}`);
  return endLine(out, LINE_SAMPLE, e, n);
}

/** Labels after `{`; returns the offset after `}` or -1 (with the error in `out`). */
function scanLabels(b: Uint8Array, n: number, p: number, out: LineScan): number {
  for (;;) {
    p = skipBlanks(b, n, p);
    if (p < n && b[p] === RBRACE) return p + 1;
    if (p >= n || !isLabelStart(b[p])) return fail(out, p, `expected label name or "}", got ${describeByte(b, p)}`);
    const ns = p;
    const ne = scanLabelName(b, n, p);
    p = skipBlanks(b, n, ne);
    if (p >= n || b[p] !== EQUALS) return fail(out, p, `expected "=" after label name, got ${describeByte(b, p)}`);
    p = skipBlanks(b, n, p + 1);
    if (p >= n || b[p] !== QUOTE) return fail(out, p, `expected label value in double quotes, got ${describeByte(b, p)}`);
    const vs = p + 1;
    p = vs;
    // A raw LF inside the quotes is accepted (Prometheus' lexer allows it); a backslash escapes any byte but LF.
    while (p < n) {
      const c = b[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) {
        if (p + 1 >= n || b[p + 1] === LF) return fail(out, p, 'invalid escape at end of line in label value');
        p += 2;
      } else p++;
    }
    if (p >= n) return fail(out, vs - 1, 'unterminated label value: expected closing \'"\'');
    out.pushLabel(ns, ne, vs, p);
    out.labelCount++;
    p = skipBlanks(b, n, p + 1);
    if (p < n && b[p] === COMMA) p++;
  }
}

/** Records an error for helpers that return an offset. */
function fail(out: LineScan, pos: number, msg: string): -1 {
  out.fail(pos, msg);
  return -1;
}

/** Parses `[0-9]+` as an int64 millisecond timestamp; undefined when it overflows int64. */
function parseTimestamp(b: Uint8Array, s: number, e: number): number | undefined {
  while (s < e - 1 && b[s] === 0x30) s++;
  const len = e - s;
  if (len > 19) return undefined;
  if (len === 19) {
    const max = '9223372036854775807';
    for (let k = 0; k < 19; k++) {
      const d = b[s + k] - max.charCodeAt(k);
      if (d < 0) break;
      if (d > 0) return undefined;
    }
  }
  let v = 0;
  for (let k = s; k < e; k++) v = v * 10 + (b[k] - 0x30);
  return len > 15 ? Number(String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[])) : v;
}

/** Quotes a short excerpt of the payload for an error message. */
export function quoteBytes(b: Uint8Array, s: number, e: number): string {
  const cut = Math.min(e, s + 40);
  let t = '';
  for (let k = s; k < cut; k++) t += b[k] < 0x80 ? String.fromCharCode(b[k]) : '\ufffd';
  return JSON.stringify(t) + (cut < e ? '…' : '');
}
