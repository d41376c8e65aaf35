// Where a text-format sample line ends, found as the parser's lexer would find it: a quoted label
// value may hold a raw LF, so the end is the first LF outside quotes. Consecutive samples of one
// family share most of their bytes; the previous line's quotes are remembered, so a line that
// starts like it is read only from where it differs (as the parser's template does).

import { BACKSLASH, COMMA, EQUALS, LBRACE, LF, QUOTE, RBRACE, SP, TAB, isLabelStart, scanLabelName } from './line-scan.js';

/** Label values of the previous line whose quotes are remembered. */
const REMEMBERED = 16;

/** Reading state: after the metric name, after a value's closing quote, inside a quoted value. */
const AFTER_NAME = 0;
const AFTER_VALUE = 1;
const IN_VALUE = 2;

/** Finds sample line ends in one payload; `first` reads a whole line, `next` reuses the previous one. */
export class TextSampleEnds {
  /** The previous line's quotes, relative to its start. */
  private readonly opens = new Int32Array(REMEMBERED);
  private readonly closes = new Int32Array(REMEMBERED);
  private labels = 0;
  /** Length of the previous line's series key (name and labels): what `next` compares. */
  keyLength = 0;
  /** Length of the previous line's metric name. */
  nameLength = 0;

  /**
   * End (offset of the LF, or `n`) of the sample at `s` whose name ends at `nameEnd`; -1 when its
   * labels are malformed or a value is unterminated (the parser may then read on past the LF).
   */
  first(b: Uint8Array, n: number, s: number, nameEnd: number): number {
    this.nameLength = nameEnd - s;
    return this.read(b, n, s, nameEnd, 0, AFTER_NAME);
  }

  /**
   * Like `first`, for a line at `s` whose first `same` bytes equal the previous line's (which the
   * caller found to extend past its metric name).
   */
  next(b: Uint8Array, n: number, s: number, same: number): number {
    if (same >= this.keyLength) return lineEnd(b, n, s + same);
    const known = Math.min(this.labels, REMEMBERED);
    let k = 0;
    while (k < known && this.closes[k] < same) k++;
    if (k === known && this.labels > REMEMBERED) return this.read(b, n, s, s + this.nameLength, 0, AFTER_NAME);
    if (k < known && this.opens[k] < same) {
      // Inside value k (unless mid-escape, which only a read from its start can tell).
      if (same - 1 > this.opens[k] && b[s + same - 1] === BACKSLASH) return this.read(b, n, s, s + this.opens[k] + 1, k, IN_VALUE);
      return this.read(b, n, s, s + same, k, IN_VALUE);
    }
    if (k === 0) return this.read(b, n, s, s + this.nameLength, 0, AFTER_NAME);
    return this.read(b, n, s, s + this.closes[k - 1] + 1, k, AFTER_VALUE);
  }

  /** Reads from `p` in `state`, with `k` labels before it, recording quotes relative to `s`. */
  private read(b: Uint8Array, n: number, s: number, p: number, k: number, state: number): number {
    if (state === AFTER_NAME) {
      while (p < n && (b[p] === SP || b[p] === TAB)) p++;
      if (p >= n || b[p] !== LBRACE) return this.done(b, n, s, p, 0);
      p++;
    }
    for (;;) {
      if (state === IN_VALUE) {
        for (;;) {
          if (p >= n) return -1;
          const c = b[p];
          if (c === QUOTE) break;
          if (c === BACKSLASH) {
            if (p + 1 >= n || b[p + 1] === LF) return -1;
            p += 2;
          } else p++;
        }
        if (k < REMEMBERED) this.closes[k] = p - s;
        k++;
        p++;
      }
      if (state !== AFTER_NAME) {
        while (p < n && (b[p] === SP || b[p] === TAB)) p++;
        if (p < n && b[p] === COMMA) p++;
      }
      while (p < n && (b[p] === SP || b[p] === TAB)) p++;
      if (p < n && b[p] === RBRACE) return this.done(b, n, s, p + 1, k);
      if (p >= n || !isLabelStart(b[p])) return -1;
      p = scanLabelName(b, n, p);
      while (p < n && (b[p] === SP || b[p] === TAB)) p++;
      if (p >= n || b[p] !== EQUALS) return -1;
      p++;
      while (p < n && (b[p] === SP || b[p] === TAB)) p++;
      if (p >= n || b[p] !== QUOTE) return -1;
      if (k < REMEMBERED) this.opens[k] = p - s;
      p++;
      state = IN_VALUE;
    }
  }

  /** The key ended at `p` (after `}`, or where the value starts): records it and finds the LF. */
  private done(b: Uint8Array, n: number, s: number, p: number, labels: number): number {
    this.keyLength = p - s;
    this.labels = labels;
    return lineEnd(b, n, p);
  }
}

/** Offset of the first LF at or after `p`, or `n` (the rest of a sample line is short). */
function lineEnd(b: Uint8Array, n: number, p: number): number {
  while (p < n && b[p] !== LF) p++;
  return p;
}
