// A painted frame as the screen writer compares it: one row per terminal row, either a row of
// cells (every character one column wide, each with a style number), which can be updated cell
// by cell, or a raw row (wide or combining characters, hyperlinks), which is rewritten whole
// when it changes. Style numbers index a small table of SGR sequences shared by all frames.

import stringWidth from 'string-width';
import { osc8 } from '../model/hyperlinks.js';
import type { StyledLine } from './styled-line.js';
import type { TextStyle } from './theme.js';

/** A row whose characters each take exactly one column. */
export interface CellRow {
  readonly kind: 'cells';
  /** Exactly `width` UTF-16 units, one per column (blank-padded). */
  readonly chars: string;
  /** Style number of each column. */
  readonly styles: Uint8Array;
  /** First column from which the row is blank (spaces in style 0) to its end. */
  readonly blankFrom: number;
}

/** A row drawn as one string of text and escapes. */
export interface RawRow {
  readonly kind: 'raw';
  /** Text with SGR and OSC 8 sequences, fitted to the width by display width. */
  readonly text: string;
}

/** One terminal row of a frame. */
export type FrameRow = CellRow | RawRow;

/** A whole frame: `rows.length` rows of `width` columns. */
export interface FrameRows {
  readonly width: number;
  readonly rows: readonly FrameRow[];
}

const SGR_BY_STYLE: string[] = ['\u001B[0m'];
const STYLE_NUMBERS = new Map<string, number>([['', 0]]);
const COLOR_SGR = { cyan: '36', green: '32', yellow: '33', red: '31' } as const;

/** Style numbers already worked out, per style object (the theme's styles are shared constants). */
const NUMBER_OF_STYLE = new WeakMap<TextStyle, number>();

/** The style number of `style` (at most 2 × 2 × 2 × 5 = 40 distinct ones exist). */
export function styleNumber(style: TextStyle): number {
  let n = NUMBER_OF_STYLE.get(style);
  if (n === undefined) NUMBER_OF_STYLE.set(style, (n = numberFor(style)));
  return n;
}

function numberFor(style: TextStyle): number {
  const codes: string[] = [];
  if (style.bold === true) codes.push('1');
  if (style.dim === true) codes.push('2');
  if (style.inverse === true) codes.push('7');
  if (style.color !== undefined) codes.push(COLOR_SGR[style.color]);
  const key = codes.join(';');
  let n = STYLE_NUMBERS.get(key);
  if (n === undefined) {
    n = SGR_BY_STYLE.length;
    SGR_BY_STYLE.push(`\u001B[0;${key}m`);
    STYLE_NUMBERS.set(key, n);
  }
  return n;
}

/** The SGR sequence that sets style number `n` from any state. */
export function styleSgr(n: number): string {
  return SGR_BY_STYLE[n];
}

/** Characters that are one column wide in every terminal: Latin, punctuation, arrows, box drawing, blocks, shapes, braille. */
const ONE_COLUMN = /^[\u0020-\u007E\u00A0-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u23CE\u2500-\u25FC\u2800-\u28FF]*$/;

/**
 * Builds the rows of a `width`×`height` frame from painted lines (missing lines are blank).
 * With the previous frame and the lines it was built from, a row whose runs are the same
 * (same texts, styles and links) is taken over as it is: most rows do not change each second.
 */
export function frameRows(lines: readonly StyledLine[], width: number, height: number, before?: { frame: FrameRows; lines: readonly StyledLine[] }): FrameRows {
  const reuse = before !== undefined && before.frame.width === width;
  const rows: FrameRow[] = [];
  for (let r = 0; r < height; r++) {
    const runs = lines[r] ?? [];
    const old = reuse ? before.frame.rows[r] : undefined;
    rows.push(old !== undefined && sameRuns(runs, before!.lines[r] ?? []) ? old : frameRow(runs, width));
  }
  return { width, rows };
}

/** True when `a` and `b` draw the same: run for run the same text, style object and link. */
function sameRuns(a: StyledLine, b: StyledLine): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.text !== y.text || x.style !== y.style || x.link !== y.link) return false;
  }
  return true;
}

/** One row: cells when every character is one column wide and nothing is linked, else raw. */
export function frameRow(runs: StyledLine, width: number): FrameRow {
  let text = '';
  let simple = true;
  for (const r of runs) {
    text += r.text;
    if (r.link !== undefined || !ONE_COLUMN.test(r.text)) simple = false;
  }
  if (!simple) return rawRow(runs, width);
  const styles = new Uint8Array(width);
  let at = 0;
  for (const r of runs) {
    if (at >= width) break;
    const n = styleNumber(r.style);
    const end = Math.min(width, at + r.text.length);
    if (n !== 0) styles.fill(n, at, end);
    at = end;
  }
  const chars = text.length >= width ? text.slice(0, width) : text + ' '.repeat(width - text.length);
  let blankFrom = width;
  while (blankFrom > 0 && styles[blankFrom - 1] === 0 && chars.charCodeAt(blankFrom - 1) === 0x20) blankFrom--;
  return { kind: 'cells', chars, styles, blankFrom };
}

/** A raw row: each run's SGR and text, cut where its display width would pass `width`. */
function rawRow(runs: StyledLine, width: number): RawRow {
  let text = '';
  let used = 0;
  for (const r of runs) {
    if (used >= width) break;
    let piece = r.text;
    let w = stringWidth(piece);
    const cut = used + w > width;
    if (cut) {
      piece = cutToWidth(piece, width - used);
      w = stringWidth(piece);
    }
    used += w;
    text += styleSgr(styleNumber(r.style)) + (r.link === undefined ? piece : osc8(r.link, piece));
    if (cut) break; // the row ends where it was cut, even if a later run would fit the gap
  }
  return { kind: 'raw', text };
}

/** The longest prefix of `text` (whole code points) at most `width` columns wide. */
function cutToWidth(text: string, width: number): string {
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width) break;
    out += ch;
  }
  return out;
}
