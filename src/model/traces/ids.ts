// Trace and span ID normalisation. Jaeger 1.9–1.15 print IDs without zero padding (`"1"`),
// 1.16+ pad to 16 or 32 hex digits, and the v3 API of 1.25–1.53 sends base64 (proto bytes).
// Every ID is brought to lower-case hex padded to 16 or 32 digits before it is compared.

const HEX = /^[0-9a-f]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A trace ID as lower-case hex, left-padded to 16 (64-bit) or 32 (128-bit) digits. */
export function normalizeTraceId(raw: unknown): string {
  return normalize(raw, 32);
}

/** A span ID as lower-case hex, left-padded to 16 digits. */
export function normalizeSpanId(raw: unknown): string {
  return normalize(raw, 16);
}

/** The first `n` characters of a normalised ID, Jaeger UI's excerpt (7 by default). */
export function traceIdExcerpt(traceID: string, n = 7): string {
  return traceID.slice(0, n);
}

function normalize(raw: unknown, maxDigits: 16 | 32): string {
  if (typeof raw !== 'string' && typeof raw !== 'number') return '';
  const id = String(raw).trim();
  if (id === '') return '';
  const lower = id.toLowerCase();
  if (HEX.test(lower) && lower.length <= maxDigits) return pad(lower, maxDigits);
  // Base64 of 8 or 16 bytes (12 or 24 characters with padding): the v3 API before 1.54.
  if (BASE64.test(id) && (id.length === 12 || id.length === 24)) {
    const bytes = Buffer.from(id, 'base64');
    if (bytes.length === 8 || bytes.length === 16) return pad(bytes.toString('hex'), maxDigits);
  }
  return lower; // not an ID we understand: kept (lower-cased) so it still compares to itself
}

function pad(hex: string, maxDigits: 16 | 32): string {
  const width = hex.length <= 16 ? 16 : maxDigits;
  return hex.padStart(width, '0');
}
