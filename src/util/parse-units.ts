// Parsing of the command line's durations (`2s`, `1m30s`, `500ms`) and sizes (`64MiB`, `10MB`).

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Record<string, number> = {
  '': 1, b: 1,
  k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9,
  ki: 1024, kib: 1024, mi: 1024 ** 2, mib: 1024 ** 2, gi: 1024 ** 3, gib: 1024 ** 3,
};

/** Milliseconds of a Go-style duration such as `2s`, `1m30s`, `1.5s` or `250ms`; null if invalid. */
export function parseDuration(text: string): number | null {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    matched = re.lastIndex;
  }
  if (matched !== text.length || text.length === 0) return null;
  // To the microsecond: `1.001s` is 1001 ms, not 1000.9999999999999 (binary fractions).
  return Math.round(total * 1000) / 1000;
}

/** Bytes of a size such as `64MiB`, `10MB`, `512k` or `1048576`; null if invalid. */
export function parseSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  if (m === null) return null;
  const factor = SIZE_UNITS[m[2].toLowerCase()];
  if (factor === undefined) return null;
  return Math.floor(Number(m[1]) * factor);
}
