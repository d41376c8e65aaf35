// Human units for the dashboard: bytes, milliseconds, per-second rates, durations, counts and
// quantile names, each short enough for a fixed-width cell. Missing values print as a dash.
// Settings (an interval, a size limit) are printed as the command line writes them, so that what
// `config` or `--help` shows can be typed back.

/** What a missing value (null, NaN, ±Infinity) prints as, unless the caller gives its own. */
export const DASH = '-';

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Three significant digits at most: 0.42, 4.20, 42.0, 420. */
function threeDigits(v: number): string {
  const a = Math.abs(v);
  if (a >= 99.95) return v.toFixed(0);
  if (a >= 9.995) return v.toFixed(1);
  return v.toFixed(2);
}

function isNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Bytes in binary units, e.g. `512 MiB`, `1.10 TiB`; negative values keep their sign. */
export function formatBytes(bytes: number | null | undefined, dash = DASH): string {
  if (!isNumber(bytes)) return dash;
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let unit = 0;
  while (v >= 1023.5 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return unit === 0 ? `${sign}${Math.round(v)} B` : `${sign}${threeDigits(v)} ${BYTE_UNITS[unit]}`;
}

/** A latency given in ms, e.g. `0.42 ms`, `412 ms`, `4.12 s`, `2.05 min`. */
export function formatMs(ms: number | null | undefined, dash = DASH): string {
  if (!isNumber(ms)) return dash;
  if (Math.abs(ms) < 999.5) return `${threeDigits(ms)} ms`;
  if (Math.abs(ms) < 59_950) return `${threeDigits(ms / 1000)} s`;
  return `${threeDigits(ms / 60_000)} min`;
}

/** A per-second rate without unit: `0`, `<0.01`, `0.40`, `12.3`, `1.23k`, `4.50M`. */
export function formatRate(perSecond: number | null | undefined, dash = DASH): string {
  if (!isNumber(perSecond)) return dash;
  const a = Math.abs(perSecond);
  if (a === 0) return '0';
  if (a < 0.005) return perSecond < 0 ? '>-0.01' : '<0.01';
  if (a < 999.5) return threeDigits(perSecond);
  if (a < 999_500) return `${threeDigits(perSecond / 1000)}k`;
  return `${threeDigits(perSecond / 1e6)}M`;
}

/** A count: exact below a million (`12034`), then `1.23M`, `4.56G`. */
export function formatCount(n: number | null | undefined, dash = DASH): string {
  if (!isNumber(n)) return dash;
  const r = Math.round(n);
  if (Math.abs(r) < 1_000_000) return String(r);
  if (Math.abs(r) < 999_500_000) return `${threeDigits(r / 1e6)}M`;
  return `${threeDigits(r / 1e9)}G`;
}

/** A percentage: `0.3%`, `12.5%`, `105%`. */
export function formatPercent(p: number | null | undefined, dash = DASH): string {
  if (!isNumber(p)) return dash;
  return Math.abs(p) >= 99.95 ? `${p.toFixed(0)}%` : `${p.toFixed(1)}%`;
}

/** A duration in whole seconds, two units at most, a zero minor unit left out: `42s`, `3m05s`, `1m`, `2h03m`, `4d`. */
export function formatDuration(seconds: number | null | undefined, dash = DASH): string {
  if (!isNumber(seconds) || seconds < 0) return dash;
  const s = Math.floor(seconds);
  const two = (n: number) => String(n).padStart(2, '0');
  const pair = (major: number, majorUnit: string, minor: number, minorUnit: string) =>
    minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit}${two(minor)}${minorUnit}`;
  if (s < 60) return `${s}s`;
  if (s < 3600) return pair(Math.floor(s / 60), 'm', s % 60, 's');
  if (s < 86_400) return pair(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'm');
  return pair(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

/**
 * A duration setting written the way the command line takes it, whole units first and nothing
 * lost: `250ms`, `2s`, `2.5s`, `1m30s`, `1h`, `1h5s` (a zero
 * unit is left out). parseDuration reads it back to the same
 * millisecond (fractions of a millisecond are rounded). The one way settings' durations are
 * printed (`config`, `--help`, `--once`, the live view's header).
 */
export function formatInterval(ms: number): string {
  const total = Math.round(ms);
  if (!Number.isFinite(total) || total < 0) return DASH;
  if (total < 1000) return `${total}ms`;
  const hours = Math.floor(total / 3_600_000);
  const minutes = Math.floor((total % 3_600_000) / 60_000);
  const rest = total % 60_000;
  const seconds = rest === 0 ? '' : rest % 1000 === 0 ? `${rest / 1000}s` : `${(rest / 1000).toFixed(3).replace(/0+$/, '')}s`;
  return `${hours > 0 ? `${hours}h` : ''}${minutes > 0 ? `${minutes}m` : ''}${seconds}`;
}

const SIZE_SETTING_UNITS: readonly (readonly [number, string])[] = [
  [1024 ** 3, 'GiB'],
  [1024 ** 2, 'MiB'],
  [1024, 'KiB'],
  [1e9, 'GB'],
  [1e6, 'MB'],
  [1e3, 'kB'],
];

/**
 * A size setting written the way the command line takes it: the largest binary unit that divides
 * it (`64MiB`, `512KiB`), else a decimal one (`10MB`), else bytes (`1000001`). parseSize reads
 * it back exactly. The one way settings' sizes are printed (`config`, `--help`).
 */
export function formatSize(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) return DASH;
  if (bytes > 0) for (const [factor, unit] of SIZE_SETTING_UNITS) if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  return String(bytes);
}

/** The usual name of a quantile: 0.5 → `p50`, 0.95 → `p95`, 0.999 → `p99.9`. */
export function quantileName(q: number): string {
  const pct = Number((q * 100).toFixed(3));
  return `p${pct}`;
}
