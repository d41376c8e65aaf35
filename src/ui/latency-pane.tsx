// The latency pane: column captions, then one row per method (name, quantile, calls/s and the
// sparkline), the selected row highlighted; or the explanation when there are no rows.

import { Box, Text } from 'ink';
import type { LatencyView } from '../model/latency-view.js';
import { Line } from './line.js';
import { PaneTitle } from './pane-title.js';
import { graphStyle, selectedStyle } from './theme.js';

/** Props of LatencyPane. */
export interface LatencyPaneProps {
  /** The pane's view-model. */
  readonly view: LatencyView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the per-method latency rows. */
export function LatencyPane({ view, color }: LatencyPaneProps) {
  return (
    <Box flexDirection="column" height={view.height + 1} flexShrink={0}>
      <PaneTitle title={view.title} color={color} />
      {view.header !== null && (
        <Line dimColor={color} bold={!color}>
          {view.header}
        </Line>
      )}
      {view.rows.map((row) => (
        <Line key={row.method}>
          <Text {...(row.selected ? selectedStyle(view.title.focused) : {})}>
            {row.marker}
            {row.method}
          </Text>
          <Text>{row.latency}</Text>
          <Text dimColor={color}>{row.calls}</Text>
          <Text {...graphStyle(color)}>{row.spark}</Text>
        </Line>
      ))}
      {view.message.map((line, i) => (
        <Line key={`m${i}`}>{line}</Line>
      ))}
    </Box>
  );
}
