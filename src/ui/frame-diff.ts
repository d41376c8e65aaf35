// The bytes that turn one painted frame into the next on a terminal whose screen shows the
// first (pure: frames in, escape sequences out). Only what changed is sent: in a row of cells,
// the runs of changed cells, each after a cursor jump, with an SGR only where the style
// changes; unchanged stretches shorter than a jump are re-sent instead (a jump costs ~5 bytes);
// a row that ends blank is cut with erase-to-end-of-line. A raw row is rewritten whole when its
// text differs. Without a previous frame the screen is cleared and every row drawn.

import { styleSgr, type CellRow, type FrameRow, type FrameRows, type RawRow } from './frame-rows.js';

/** The update and the style the terminal is left in. */
export interface FrameUpdate {
  readonly text: string;
  /** Style number in force after `text` (see styleSgr). */
  readonly style: number;
}

const CSI = '\u001B[';
const ERASE_TO_END = `${CSI}0m${CSI}K`;
/** Unchanged cells shorter than this between two changes are re-sent rather than jumped over. */
const JOIN_GAP = 4;

/**
 * The update from `prev` (null: unknown screen) to `next`; `style` is the style number the
 * terminal is in before it (-1: unknown).
 */
export function frameUpdate(prev: FrameRows | null, next: FrameRows, style: number): FrameUpdate {
  const out = new Output(style);
  const whole = prev === null || prev.width !== next.width || prev.rows.length !== next.rows.length;
  if (whole) {
    out.text += `${CSI}0m${CSI}H${CSI}2J`;
    out.style = 0;
  }
  next.rows.forEach((row, r) => {
    const old = whole ? null : prev.rows[r];
    if (old === row) return;
    if (old === null) {
      if (row.kind === 'raw' ? row.text !== '' : row.blankFrom > 0) writeWholeRow(out, r, row);
    } else if (row.kind === 'cells' && old.kind === 'cells') writeChangedCells(out, r, old, row);
    else if (row.kind !== old.kind || (row as RawRow).text !== (old as RawRow).text) writeWholeRow(out, r, row);
  });
  return { text: out.text, style: out.style };
}

/** The bytes being built, and the terminal style they leave. */
class Output {
  text = '';
  constructor(public style: number) {}

  /** Cells `from`..`to` (exclusive) of `row`, setting styles as needed. */
  cells(row: CellRow, from: number, to: number): void {
    let start = from;
    for (let c = from; c < to; c++) {
      const s = row.styles[c];
      if (s !== this.style) {
        this.text += row.chars.slice(start, c) + styleSgr(s);
        this.style = s;
        start = c;
      }
    }
    this.text += row.chars.slice(start, to);
  }

  /** Erase from the cursor to the end of the row (in style 0, so no colour spills). */
  eraseToEnd(): void {
    this.text += ERASE_TO_END;
    this.style = 0;
  }
}

function moveTo(row: number, column: number): string {
  return `${CSI}${row + 1};${column + 1}H`;
}

/**
 * Row `r` drawn whole: erased first, then drawn (erasing after drawing would, on xterm and
 * others, also erase a character just written in the last column, where the cursor waits).
 */
function writeWholeRow(out: Output, r: number, row: FrameRow): void {
  out.text += moveTo(r, 0);
  out.eraseToEnd();
  if (row.kind === 'raw') {
    out.text += row.text;
    out.style = -1; // the row's own SGRs left it in some style
  } else out.cells(row, 0, row.blankFrom);
}

function writeChangedCells(out: Output, r: number, old: CellRow, row: CellRow): void {
  const width = row.chars.length;
  const same = (c: number) => old.chars.charCodeAt(c) === row.chars.charCodeAt(c) && old.styles[c] === row.styles[c];
  let cursor = -1; // column the cursor is at in this row, -1 before the first jump
  let c = 0;
  while (c < width) {
    if (same(c)) {
      c++;
      continue;
    }
    // A change starts at c: extend it over later changes separated by short unchanged gaps.
    let end = c + 1;
    for (;;) {
      while (end < width && !same(end)) end++;
      let gap = end;
      while (gap < width && gap - end < JOIN_GAP && same(gap)) gap++;
      if (gap < width && gap - end < JOIN_GAP && !same(gap)) end = gap;
      else break;
    }
    if (cursor < 0) out.text += moveTo(r, c);
    else if (cursor !== c) out.text += `${CSI}${c + 1}G`;
    if (end >= row.blankFrom && old.blankFrom > row.blankFrom) {
      // The row's new end is blank where the old one was not: draw up to it, then erase the rest.
      if (c < row.blankFrom) out.cells(row, c, row.blankFrom);
      out.eraseToEnd();
      return;
    }
    out.cells(row, c, end);
    cursor = end;
    c = end;
  }
}
