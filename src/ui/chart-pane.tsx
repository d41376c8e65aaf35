// The focused chart pane: the asciichart plot of one method's quantile, or why there is none.

import { Box } from 'ink';
import type { ChartView } from '../model/chart-view.js';
import { Line } from './line.js';
import { PaneTitle } from './pane-title.js';
import { graphStyle } from './theme.js';

/** Props of ChartPane. */
export interface ChartPaneProps {
  /** The pane's view-model. */
  readonly view: ChartView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the latency chart. */
export function ChartPane({ view, color }: ChartPaneProps) {
  return (
    <Box flexDirection="column" height={view.height + 1} flexShrink={0}>
      <PaneTitle title={view.title} color={color} />
      {view.lines.map((line, i) => (
        <Line key={i} {...(view.plotted && i < view.lines.length - 1 ? graphStyle(color) : {})}>
          {line}
        </Line>
      ))}
    </Box>
  );
}
