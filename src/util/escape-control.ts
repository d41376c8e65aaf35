// Makes remote text (HTTP bodies, status lines, label values) safe to print on a terminal:
// every character that could move the cursor, change colours, reorder text or corrupt the
// screen is replaced by a visible backslash escape. Backslashes themselves are kept, so
// escaping twice gives the same result as escaping once.

/**
 * One character (or lone surrogate) that must not reach the terminal raw:
 * C0 controls incl. TAB/LF/CR, DEL, C1 controls, bidi marks/embeddings/overrides/isolates,
 * and surrogates that are not part of a valid pair.
 */
const UNSAFE =
  /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** UNSAFE for a single code point: a lone surrogate here is always unpaired. */
const UNSAFE_SINGLE = /^(?:[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udfff])$/;

/** Short escapes for the common whitespace controls; everything else uses \xNN or \uNNNN. */
const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeOne(ch: string): string {
  const short = SHORT[ch];
  if (short !== undefined) return short;
  const code = ch.charCodeAt(0);
  const hex = code.toString(16).padStart(code <= 0xff ? 2 : 4, '0');
  return code <= 0xff ? `\\x${hex}` : `\\u${hex}`;
}

/** Replaces every terminal-unsafe character of `text` by a visible escape (`\x1b`, `\u202e`, …). */
export function escapeControl(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/**
 * `escapeControl`, then cut to at most `max` code points, ending with "…" when cut.
 * The cut never splits an escape sequence or a surrogate pair.
 */
export function oneLine(text: string, max = 200): string {
  // At most 2·max code units can reach the output (a surrogate pair is one cell): a huge text is
  // cut first, so that a 1 MB label costs no more than a short one. The cut text is still longer
  // than `max` cells, so it ends with "…" below.
  if (text.length > 2 * max + 2) text = text.slice(0, 2 * max + 2);
  const escaped = escapeControl(text);
  if (escaped.length <= max) return escaped; // UTF-16 length >= code point count
  if (codePointCount(escaped) <= max) return escaped;
  if (max <= 1) return max === 1 ? '…' : '';
  const budget = max - 1;
  let out = '';
  let used = 0;
  for (const ch of text) {
    // `for…of` yields whole pairs, or a lone surrogate on its own.
    const piece = UNSAFE_SINGLE.test(ch) ? escapeOne(ch) : ch;
    const width = piece.length === 2 && piece.codePointAt(0)! > 0xffff ? 1 : piece.length;
    if (used + width > budget) break;
    out += piece;
    used += width;
  }
  return out + '…';
}

/**
 * `escapeControl` of the start of `text` that can show in `cells` cells, plus enough beyond it that
 * a text too long for them still measures more than `cells` (so `fitEnd` marks the cut).
 */
export function escapePrefix(text: string, cells: number): string {
  const room = 2 * Math.max(0, cells) + 2;
  return escapeControl(text.length > room ? text.slice(0, room) : text);
}

function codePointCount(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
