// Output in plain ASCII, for `--ascii` and for a locale that is not UTF-8 (LANG=C), where a
// terminal shows other bytes as garbage. Text keeps its meaning: the typographic marks cluster-top
// writes become their ASCII stand-ins (`…` → `~`, as the ASCII glyph set ends a cut cell; `—` →
// `-`; `μ` → `u`), anything else outside ASCII a visible `\uXXXX` escape. JSON gets JSON's own
// `\uXXXX` escapes instead, so that it parses to the same document.

import { ASCII_GLYPHS } from '../model/glyphs.js';

/** The marks cluster-top's own text uses, and what they become. */
const STAND_INS: Readonly<Record<string, string>> = {
  '…': ASCII_GLYPHS.ellipsis,
  '—': '-',
  '–': '-',
  '→': '->',
  '≥': '>=',
  '×': 'x',
  'μ': 'u',
  'µ': 'u',
  '·': '|',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
};

const NON_ASCII = /[^\x00-\x7f]/gu;
const NON_ASCII_UNITS = /[^\x00-\x7f]/g;

function asciiPiece(ch: string): string {
  const stand = STAND_INS[ch];
  if (stand !== undefined) return stand;
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every character outside ASCII as its stand-in or as `\uXXXX` (`\u{1f600}` beyond the BMP). */
export function asciiText(text: string): string {
  return text.replace(NON_ASCII, asciiPiece);
}

/**
 * `asciiText(text)` in at most `width` columns: when it is longer, as much as fits before a
 * closing `~`, never cutting a stand-in or an escape in two.
 */
export function asciiFit(text: string, width: number): string {
  const whole = asciiText(text);
  if (whole.length <= width) return whole;
  let out = '';
  for (const ch of text) {
    const piece = ch.charCodeAt(0) < 0x80 ? ch : asciiPiece(ch);
    if (out.length + piece.length > width - ASCII_GLYPHS.ellipsis.length) break;
    out += piece;
  }
  return out + ASCII_GLYPHS.ellipsis;
}

/** A JSON document with every character outside ASCII written as a JSON `\uXXXX` escape: the same value. */
export function asciiJson(json: string): string {
  return json.replace(NON_ASCII_UNITS, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
