// The steady-state value reader: the bytes after an already-matched series key, when they are a
// plain value followed by the end of the line. Anything unusual returns -1 and the caller re-reads
// the line with the full grammar, so this never decides what is valid.

import { parseGoFloat, type FloatOut } from './float.js';

const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p;

/** The value read by the last successful `readFastValue`. */
export const fastOut: FloatOut = { value: 0 };

/**
 * Reads the value starting at `p` and returns the offset of the line's end (its LF, or `n` in text
 * format), or -1 when the line is not "value [blanks] end of line" (timestamps, exemplars, errors).
 * With `checkOnly` (a skipped sample), a rare form's value may be left unknown (parseGoFloat).
 */
export function readFastValue(b: Uint8Array, n: number, p: number, om: boolean, checkOnly = false): number {
  let i = p;
  let c = b[i];
  const neg = c === 0x2d;
  if (neg) i++;
  let mant = 0;
  let nd = 0;
  let frac = 0;
  while (i < n) {
    c = b[i];
    const d = c - 0x30;
    if (d < 0 || d > 9) break;
    mant = mant * 10 + d;
    nd++;
    i++;
  }
  if (c === 0x2e && i < n) {
    i++;
    while (i < n) {
      c = b[i];
      const d = c - 0x30;
      if (d < 0 || d > 9) break;
      mant = mant * 10 + d;
      nd++;
      frac++;
      i++;
    }
  }
  let e10 = -frac;
  // Below 2^53 every step of the mantissa was exact, so one multiplication or division rounds correctly.
  let simple = nd > 0 && mant < 9007199254740992;
  if (simple && i < n && (c | 0x20) === 0x65) {
    i++;
    let eneg = false;
    if (i < n && (b[i] === 0x2b || b[i] === 0x2d)) {
      eneg = b[i] === 0x2d;
      i++;
    }
    let exp = 0;
    let ed = 0;
    while (i < n) {
      const d = b[i] - 0x30;
      if (d < 0 || d > 9) break;
      exp = exp * 10 + d;
      ed++;
      i++;
    }
    simple = ed > 0 && ed <= 3;
    e10 += eneg ? -exp : exp;
  }
  if (i < n) {
    c = b[i];
    if (c !== 0x0a && c !== 0x20 && (om || (c !== 0x09 && c !== 0x7b))) simple = false;
  }
  if (simple && e10 >= -22 && e10 <= 22) {
    const v = e10 === 0 ? mant : e10 > 0 ? mant * POW10[e10] : mant / POW10[-e10];
    fastOut.value = neg ? -v : v;
  } else {
    // Rare forms (NaN, Inf, long mantissas, big exponents): find the token and use the full parser.
    i = p;
    while (i < n) {
      c = b[i];
      if (c === 0x0a || c === 0x20 || (!om && (c === 0x09 || c === 0x7b))) break;
      i++;
    }
    if (parseGoFloat(b, p, i, fastOut, checkOnly) !== null) return -1;
  }
  if (om) return i < n && b[i] === 0x0a ? i : -1;
  while (i < n && (b[i] === 0x20 || b[i] === 0x09)) i++;
  return i >= n || b[i] === 0x0a ? i : -1;
}
