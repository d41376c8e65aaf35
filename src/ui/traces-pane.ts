// The traces pane: its title rule, then the lines of the current page (trace list, waterfall,
// span details or a picker) as tone runs, the selected line highlighted; a run with a link is
// drawn as an OSC 8 hyperlink (the view-model only sets links where the terminal shows them).

import type { TracesView } from '../model/traces-display.js';
import { paneLines, paneTitleLine } from './pane-title.js';
import type { StyledLine } from './styled-line.js';
import { selectedStyle, toneStyle } from './theme.js';

/** The traces pane, `view.height + 1` lines. */
export function tracesPaneLines(view: TracesView, color: boolean): StyledLine[] {
  const selected = selectedStyle(view.title.focused);
  const body = view.lines.map((l): StyledLine =>
    l.segments.map((s) => ({
      text: s.text,
      style: l.selected ? selected : toneStyle(s.tone, color),
      ...(s.link === undefined ? {} : { link: s.link }),
    })),
  );
  return paneLines(paneTitleLine(view.title, color), body, view.height);
}
