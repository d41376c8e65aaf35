// The latency pane: column captions, then one row per method (name, quantile, calls/s and the
// sparkline), the selected row highlighted; or the explanation when there are no rows.

import type { LatencyView } from '../model/latency-view.js';
import { paneLines, paneTitleLine } from './pane-title.js';
import { line, run, type StyledLine } from './styled-line.js';
import { captionStyle, graphStyle, PLAIN, selectedStyle, toneStyle } from './theme.js';

/** The per-method latency rows, `view.height + 1` lines. */
export function latencyPaneLines(view: LatencyView, color: boolean): StyledLine[] {
  const body: StyledLine[] = [];
  if (view.header !== null) body.push(line(view.header, captionStyle(color)));
  const dim = toneStyle('dim', color);
  const graph = graphStyle(color);
  for (const row of view.rows) {
    body.push([
      run(row.marker + row.method, row.selected ? selectedStyle(view.title.focused) : PLAIN),
      run(row.latency),
      run(row.calls, dim),
      run(row.spark, graph),
    ]);
  }
  for (const text of view.message) body.push(line(text));
  return paneLines(paneTitleLine(view.title, color), body, view.height);
}
