// The cluster pane: a grid of gauge cells under its title (or the reason there are none).

import type { ClusterView } from '../model/cluster-view.js';
import { GAUGE_GAP } from '../model/dashboard-layout.js';
import { paneLines, paneTitleLine } from './pane-title.js';
import { line, run, type StyledLine, type StyledRun } from './styled-line.js';
import { toneStyle } from './theme.js';

const GAP = ' '.repeat(GAUGE_GAP);

/** The cluster gauges, `view.height + 1` lines. */
export function clusterPaneLines(view: ClusterView, color: boolean): StyledLine[] {
  const body: StyledLine[] = view.message.map((text) => line(text));
  for (const row of view.rows) {
    const runs: StyledRun[] = [];
    row.forEach((cell, c) => {
      if (c > 0) runs.push(run(GAP));
      runs.push(run(cell.label, toneStyle(cell.tone === 'plain' ? 'dim' : cell.tone, color)));
      runs.push(run(cell.value, toneStyle(cell.tone, color)));
    });
    body.push(runs);
  }
  return paneLines(paneTitleLine(view.title, color), body, view.height);
}
