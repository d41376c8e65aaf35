// The focused chart pane: the asciichart plot of one method's quantile, or why there is none.

import type { ChartView } from '../model/chart-view.js';
import { paneLines, paneTitleLine } from './pane-title.js';
import { line, type StyledLine } from './styled-line.js';
import { graphStyle, PLAIN } from './theme.js';

/** The latency chart, `view.height + 1` lines; the plot in the graph style, its last line (the time axis) plain. */
export function chartPaneLines(view: ChartView, color: boolean): StyledLine[] {
  const graph = graphStyle(color);
  const last = view.lines.length - 1;
  const body = view.lines.map((text, i) => line(text, view.plotted && i < last ? graph : PLAIN));
  return paneLines(paneTitleLine(view.title, color), body, view.height);
}
