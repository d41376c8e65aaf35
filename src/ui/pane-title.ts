// The rule line that opens every pane (heavier and highlighted when the pane has the focus),
// lines made of tone runs, and fitting a pane's lines to its rows.

import type { PaneTitleView, Segment } from '../model/pane-view.js';
import { line, type StyledLine } from './styled-line.js';
import { toneStyle } from './theme.js';

/** A pane's title rule: in the title tone when the pane has the focus, dim otherwise. */
export function paneTitleLine(title: PaneTitleView, color: boolean): StyledLine {
  return line(title.text, toneStyle(title.focused ? 'title' : 'dim', color));
}

/** One line made of tone runs. */
export function segmentLine(segments: readonly Segment[], color: boolean): StyledLine {
  return segments.map((s) => ({ text: s.text, style: toneStyle(s.tone, color) }));
}

/** A pane of `height` rows below its title: the title, then `body` cut or padded to `height` lines. */
export function paneLines(title: StyledLine, body: readonly StyledLine[], height: number): StyledLine[] {
  const out = [title, ...body.slice(0, height)];
  while (out.length < height + 1) out.push([]);
  return out;
}
