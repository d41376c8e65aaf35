// Go's strconv.FormatFloat(f, 'g', -1, 64) as used by prometheus/common expfmt: the shortest
// digits that round-trip, exponent form when the decimal exponent is < -4 or >= 6 (shortest mode
// decides with precision 6), at least two exponent digits (`1.048576e+06`), and expfmt's
// spellings `+Inf`, `-Inf`, `NaN`.

/** Formats a sample value or `le` bound exactly as a Go Prometheus exporter prints it. */
export function formatGoFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if (value === 0) return '0';
  if (Number.isInteger(value) && value < 1e6 && value > -1e6) return String(value); // the common case
  const sign = value < 0 ? '-' : '';
  // toExponential() without an argument yields the shortest round-tripping digits.
  const [mantissa, expText] = Math.abs(value).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expAbs = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${expAbs < 10 ? '0' : ''}${expAbs}`;
  }
  const point = exp + 1; // digits before the decimal point
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
