// Go `strconv.ParseFloat(s, 64)` over bytes, minus the `p`/`P`/`_` forms Prometheus refuses,
// and the canonical float rendering (Go `%g` plus `.0`) used for `le`/`quantile` label values.

/** Where `parseGoFloat` writes the value it parsed (one reusable object, no allocation per call). */
export interface FloatOut {
  value: number;
}

/** Exact powers of ten 10^0 … 10^22 (every one is a double without rounding). */
const POW10 = new Float64Array(23);
for (let i = 0, p = 1; i < 23; i++, p *= 10) POW10[i] = p;

/** Largest exponent magnitude kept while scanning; beyond it the result is 0 or out of range anyway. */
const EXP_CAP = 100000;

/**
 * Parses `buf[start, end)` as a Go float64 and writes it to `out.value`.
 * Returns null on success, otherwise a short reason ("invalid syntax", "value out of range", …).
 * With `checkOnly`, a number that is plainly in range (below 10^300) is accepted without working
 * out its value (out.value is NaN): a skipped sample's long mantissa then costs no string.
 */
export function parseGoFloat(buf: Uint8Array, start: number, end: number, out: FloatOut, checkOnly = false): string | null {
  if (start >= end) return 'empty number';
  let i = start;
  let c = buf[i];
  let neg = false;
  if (c === 0x2d || c === 0x2b) {
    neg = c === 0x2d;
    i++;
    if (i >= end) return 'invalid syntax';
    c = buf[i];
  }
  const body = i;
  if (c === 0x69 || c === 0x49 || c === 0x6e || c === 0x4e) return parseSpecial(buf, start, i, end, neg, out);
  let mant = 0;
  let frac = 0; // digits after the dot
  let digits = 0;
  while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
    mant = mant * 10 + (c - 0x30);
    digits++;
    i++;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
      mant = mant * 10 + (c - 0x30);
      frac++;
      digits++;
      i++;
    }
  }
  if (digits === 0) return syntaxReason(buf, start, end);
  let exp = 0;
  if (i < end && (buf[i] | 0x20) === 0x65) {
    i++;
    let eneg = false;
    if (i < end && (buf[i] === 0x2b || buf[i] === 0x2d)) {
      eneg = buf[i] === 0x2d;
      i++;
    }
    if (i >= end || buf[i] < 0x30 || buf[i] > 0x39) return syntaxReason(buf, start, end);
    while (i < end && (c = buf[i]) >= 0x30 && c <= 0x39) {
      if (exp < EXP_CAP) exp = exp * 10 + (c - 0x30);
      i++;
    }
    if (eneg) exp = -exp;
  }
  if (i !== end) return syntaxReason(buf, start, end);
  if (mant === 0) {
    out.value = neg ? -0 : 0;
    return null;
  }
  const e10 = exp - frac;
  let v: number;
  if (checkOnly && digits + e10 <= 300) {
    // The value is below 10^(digits + e10): finite; too small a one reads as 0, never an error.
    out.value = NaN;
    return null;
  }
  if (mant < 9007199254740992 && e10 >= -22 && e10 <= 22) {
    // Clinger's fast path: below 2^53 the mantissa was accumulated exactly, and 10^e10 is exact, so one rounding gives the right answer.
    v = e10 >= 0 ? mant * POW10[e10] : mant / POW10[-e10];
  } else {
    v = Number(asciiString(buf, body, end));
    if (v === Infinity) return 'value out of range';
  }
  out.value = neg ? -v : v;
  return null;
}

/** Parses `inf`, `infinity` (optionally signed) and `nan` (unsigned), case-insensitively. */
function parseSpecial(buf: Uint8Array, start: number, i: number, end: number, neg: boolean, out: FloatOut): string | null {
  const len = end - i;
  if ((buf[i] | 0x20) === 0x6e) {
    if (i !== start || len !== 3 || !matchWord(buf, i, 'nan')) return syntaxReason(buf, start, end);
    out.value = NaN;
    return null;
  }
  if ((len === 3 && matchWord(buf, i, 'inf')) || (len === 8 && matchWord(buf, i, 'infinity'))) {
    out.value = neg ? -Infinity : Infinity;
    return null;
  }
  return syntaxReason(buf, start, end);
}

/** True when `buf` at `i` spells the lower-case ASCII `word`, ignoring case. */
function matchWord(buf: Uint8Array, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((buf[i + k] | 0x20) !== word.charCodeAt(k)) return false;
  return true;
}

/** Explains a rejected number, naming the Prometheus-specific refusal when it applies. */
function syntaxReason(buf: Uint8Array, start: number, end: number): string {
  for (let k = start; k < end; k++) {
    const c = buf[k];
    if (c === 0x70 || c === 0x50 || c === 0x5f) return 'unsupported character in float';
  }
  return 'invalid syntax';
}

const SHORT_ASCII = 64;
const shortCodes: number[] = [];

/** Decodes bytes known to be ASCII, in chunks so that long input never overflows the argument limit. */
export function asciiString(buf: Uint8Array, start: number, end: number): string {
  // Short ones (a long float, a label value) through one reused array: no view made per string.
  if (end - start <= SHORT_ASCII) {
    const codes = shortCodes;
    codes.length = end - start;
    for (let k = start; k < end; k++) codes[k - start] = buf[k];
    return String.fromCharCode.apply(null, codes);
  }
  if (end - start <= 4096) return String.fromCharCode.apply(null, buf.subarray(start, end) as unknown as number[]);
  const parts: string[] = [];
  for (let k = start; k < end; k += 4096) {
    parts.push(String.fromCharCode.apply(null, buf.subarray(k, Math.min(end, k + 4096)) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Renders a float the way OpenMetrics' canonical numbers (and Prometheus 3 `le` normalisation) do:
 * Go's shortest `%g`, with `.0` appended when it has neither a dot nor an exponent; `+Inf`, `-Inf`, `NaN`.
 */
export function formatCanonicalFloat(x: number): string {
  if (x !== x) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const e = Math.abs(x).toExponential(); // shortest round-trip digits, e.g. "1.048576e+6"
  const ePos = e.indexOf('e');
  const digits = e.charCodeAt(1) === 0x2e ? e[0] + e.slice(2, ePos) : e.slice(0, ePos);
  const exp = Number(e.slice(ePos + 1));
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    return sign + mant + (exp < 0 ? 'e-' : 'e+') + (ae < 10 ? '0' + ae : String(ae));
  }
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) return sign + digits + '0'.repeat(exp + 1 - digits.length) + '.0';
  return sign + digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}
