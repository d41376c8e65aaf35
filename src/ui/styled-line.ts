// What the painters produce: a screen line as runs of text, each with its attributes (and, in
// the traces pane, a hyperlink). Text is already escaped and fitted by the view-model.

import { PLAIN, type TextStyle } from './theme.js';

/** A run of text drawn with one set of attributes. */
export interface StyledRun {
  readonly text: string;
  readonly style: TextStyle;
  /** An OSC 8 hyperlink target for the run. */
  readonly link?: string;
}

/** One screen line, left to right. */
export type StyledLine = readonly StyledRun[];

/** A run of `text` with `style` (plain by default). */
export function run(text: string, style: TextStyle = PLAIN): StyledRun {
  return { text, style };
}

/** A line of one run. */
export function line(text: string, style: TextStyle = PLAIN): StyledLine {
  return [{ text, style }];
}

/** The text of a line without attributes (what a monochrome terminal would show). */
export function lineText(styled: StyledLine): string {
  let text = '';
  for (const r of styled) text += r.text;
  return text;
}
