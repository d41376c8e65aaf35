// "2 minutes ago": the relative start time Jaeger UI prints under each search row (dayjs
// `fromNow` with the English locale and its default thresholds). Calendar months are counted
// in UTC, so the text never depends on the machine's time zone.

/** One threshold row: label, largest rounded value it covers, and the unit it measures in. */
interface Threshold {
  readonly label: keyof typeof WORDS;
  readonly max?: number;
  readonly unit?: 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';
}

const WORDS = {
  s: 'a few seconds',
  m: 'a minute',
  mm: '%d minutes',
  h: 'an hour',
  hh: '%d hours',
  d: 'a day',
  dd: '%d days',
  M: 'a month',
  MM: '%d months',
  y: 'a year',
  yy: '%d years',
} as const;

const THRESHOLDS: readonly Threshold[] = [
  { label: 's', max: 44, unit: 'second' },
  { label: 'm', max: 89 },
  { label: 'mm', max: 44, unit: 'minute' },
  { label: 'h', max: 89 },
  { label: 'hh', max: 21, unit: 'hour' },
  { label: 'd', max: 35 },
  { label: 'dd', max: 25, unit: 'day' },
  { label: 'M', max: 45 },
  { label: 'MM', max: 10, unit: 'month' },
  { label: 'y', max: 17 },
  { label: 'yy', unit: 'year' },
];

/** `a few seconds ago`, `a minute ago`, `7 minutes ago`, `in 2 hours`, … for a time `atMs` seen at `nowMs`. */
export function relativeAge(atMs: number, nowMs: number): string {
  let result = 0;
  let text = '';
  for (let i = 0; i < THRESHOLDS.length; i++) {
    let t = THRESHOLDS[i];
    if (t.unit !== undefined) result = diff(atMs, nowMs, t.unit);
    const abs = Math.round(Math.abs(result));
    if (t.max === undefined || abs <= t.max) {
      if (abs === 1 && i > 0) t = THRESHOLDS[i - 1]; // "1 minutes" → "a minute"
      text = WORDS[t.label].replace('%d', String(abs));
      break;
    }
  }
  return result > 0 ? `in ${text}` : `${text} ago`;
}

/** `a − b` in the unit, fractional (dayjs `diff(…, unit, true)`). */
function diff(a: number, b: number, unit: NonNullable<Threshold['unit']>): number {
  const ms = a - b;
  switch (unit) {
    case 'second':
      return ms / 1000;
    case 'minute':
      return ms / 60_000;
    case 'hour':
      return ms / 3_600_000;
    case 'day':
      return ms / 86_400_000;
    case 'month':
      return monthDiff(a, b);
    case 'year':
      return monthDiff(a, b) / 12;
  }
}

/** Months from `b` to `a` with the fraction measured in the month around the anchor (moment's rule). */
function monthDiff(a: number, b: number): number {
  const da = new Date(a);
  const db = new Date(b);
  if (da.getUTCDate() < db.getUTCDate()) return -monthDiff(b, a);
  const whole = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
  const anchor = addMonths(a, whole);
  const before = b - anchor < 0;
  const anchor2 = addMonths(a, whole + (before ? -1 : 1));
  const fraction = (b - anchor) / (before ? anchor - anchor2 : anchor2 - anchor);
  return -(whole + fraction) || 0;
}

/** `ms` plus `n` calendar months (UTC), the day clamped to the target month's length. */
function addMonths(ms: number, n: number): number {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
}
