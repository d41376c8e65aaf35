// Owns what the dashboard shows on the terminal: takes each painted frame, compares it with the
// one on screen and writes only the difference (see frame-diff). Anything that may have
// disturbed the screen behind its back (a resize) makes the next frame a whole repaint.

import { frameRows, type FrameRows } from './frame-rows.js';
import { frameUpdate } from './frame-diff.js';
import type { StyledLine } from './styled-line.js';

/** Where frames go: a terminal stream, or anything with a `write` in tests. */
export interface ScreenOutput {
  write(text: string): unknown;
}

/** Receives painted frames. */
export interface FrameSink {
  /** Shows `lines` as a `width`×`height` frame at the top-left of the screen. */
  show(lines: readonly StyledLine[], width: number, height: number): void;
}

/** A FrameSink that writes the difference from the previous frame to `output`. */
export class ScreenWriter implements FrameSink {
  private shown: FrameRows | null = null;
  private shownLines: readonly StyledLine[] = [];
  private style = -1;

  constructor(private readonly output: ScreenOutput) {}

  show(lines: readonly StyledLine[], width: number, height: number): void {
    const next = frameRows(lines, width, height, this.shown === null ? undefined : { frame: this.shown, lines: this.shownLines });
    const update = frameUpdate(this.shown, next, this.style);
    this.shown = next;
    this.shownLines = lines;
    this.style = update.style;
    if (update.text !== '') this.output.write(update.text);
  }

  /** Forgets what the screen shows: the next frame is drawn whole. */
  invalidate(): void {
    this.shown = null;
    this.style = -1;
  }
}
