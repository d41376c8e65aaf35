// Turns label values and HELP text from payload bytes into strings: escape handling and UTF-8
// validation. Only the slow path (a series or metadata line not seen before) calls these.

import { asciiString } from './float.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
let scratch = new Uint8Array(256);

/** Which backslash escapes are undone: label values (and OpenMetrics HELP) also unescape `\"`. */
export type EscapeMode = 'label' | 'help';

/**
 * Decodes `buf[start, end)` as UTF-8 after undoing `\\`, `\n` (and `\"` in `label` mode); any other
 * backslash is kept with the character after it. Returns undefined when the bytes are not valid UTF-8.
 */
export function decodeEscaped(buf: Uint8Array, start: number, end: number, mode: EscapeMode): string | undefined {
  let escapes = false;
  let high = false;
  for (let k = start; k < end; k++) {
    const c = buf[k];
    if (c === 0x5c) escapes = true;
    else if (c >= 0x80) high = true;
  }
  if (!escapes) return high ? decodeUtf8(buf.subarray(start, end)) : asciiString(buf, start, end);
  if (scratch.length < end - start) scratch = new Uint8Array((end - start) * 2);
  const out = scratch;
  const quote = mode === 'label';
  let o = 0;
  for (let k = start; k < end; k++) {
    const c = buf[k];
    if (c === 0x5c && k + 1 < end) {
      const d = buf[k + 1];
      if (d === 0x5c || (d === 0x22 && quote)) {
        out[o++] = d;
        k++;
        continue;
      }
      if (d === 0x6e) {
        out[o++] = 0x0a;
        k++;
        continue;
      }
    }
    out[o++] = c;
  }
  return high ? decodeUtf8(out.subarray(0, o)) : asciiString(out, 0, o);
}

/** Decodes UTF-8 strictly (a byte-order mark is kept); undefined when the bytes are not valid UTF-8. */
function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Describes the byte at `pos` for an error message: `"'"`, `end of line`, `end of input`, `byte 0xff`. */
export function describeByte(buf: Uint8Array, pos: number): string {
  if (pos >= buf.length) return 'end of input';
  const c = buf[pos];
  if (c === 0x0a) return 'end of line';
  if (c >= 0x20 && c < 0x7f) return JSON.stringify(String.fromCharCode(c));
  if (c === 0x09) return '"\\t"';
  if (c === 0x0d) return '"\\r"';
  return 'byte 0x' + c.toString(16).padStart(2, '0');
}
