// The `?` overlay: every key and what it does, in place of the panes.

import type { HelpView } from '../model/help-view.js';
import { paneLines, paneTitleLine, segmentLine } from './pane-title.js';
import type { StyledLine } from './styled-line.js';

/** The key help, `view.height + 1` lines. */
export function helpOverlayLines(view: HelpView, color: boolean): StyledLine[] {
  return paneLines(
    paneTitleLine(view.title, color),
    view.lines.map((segments) => segmentLine(segments, color)),
    view.height,
  );
}
