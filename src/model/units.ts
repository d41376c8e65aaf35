// Human-readable numbers for narrow terminals: bytes, durations, milliseconds and rates.
// Every function returns a short string and "–" (or "-" in ASCII) is left to the caller for nulls.

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** Bytes in binary units with three significant digits, e.g. `284 MiB`, `1.10 TiB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  let unit = 0;
  while (v >= 1024 && unit < BYTE_UNITS.length - 1) {
    v /= 1024;
    unit++;
  }
  return sign + (unit === 0 ? String(Math.round(v)) : threeDigits(v)) + ' ' + BYTE_UNITS[unit];
}

/** A duration in seconds as its two largest units, e.g. `2d 14h`, `3m 05s`, `42s`. */
export function formatUptime(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** Milliseconds with precision that suits the magnitude: `0.26`, `24.0`, `17500`. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const a = Math.abs(ms);
  if (a >= 1000) return String(Math.round(ms));
  if (a >= 10) return ms.toFixed(1);
  if (a >= 0.1) return ms.toFixed(2);
  return ms.toPrecision(2);
}

/** A per-second rate: `0`, `0.05`, `3.2`, `1.2k`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return String(perSecond);
  const a = Math.abs(perSecond);
  if (a === 0) return '0';
  if (a >= 1e6) return threeDigits(perSecond / 1e6) + 'M';
  if (a >= 1e4) return threeDigits(perSecond / 1e3) + 'k';
  if (a >= 100) return String(Math.round(perSecond));
  if (a >= 1) return perSecond.toFixed(1);
  return perSecond.toFixed(2);
}

/** A plain count with thin grouping for large numbers: `48213`, `1.2M`. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e7) return threeDigits(n / 1e6) + 'M';
  return String(Math.round(n));
}

function threeDigits(v: number): string {
  const a = Math.abs(v);
  if (a >= 100) return v.toFixed(0);
  if (a >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
