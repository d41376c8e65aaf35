// The cluster pane: a grid of gauge cells under its title (or the reason there are none).

import { Box, Text } from 'ink';
import type { ClusterView } from '../model/cluster-view.js';
import { GAUGE_GAP } from '../model/dashboard-layout.js';
import { Line } from './line.js';
import { PaneTitle } from './pane-title.js';
import { toneStyle } from './theme.js';

const GAP = ' '.repeat(GAUGE_GAP);

/** Props of ClusterPane. */
export interface ClusterPaneProps {
  /** The pane's view-model. */
  readonly view: ClusterView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the cluster gauges. */
export function ClusterPane({ view, color }: ClusterPaneProps) {
  return (
    <Box flexDirection="column" height={view.height + 1} flexShrink={0}>
      <PaneTitle title={view.title} color={color} />
      {view.message.map((line, i) => (
        <Line key={`m${i}`}>{line}</Line>
      ))}
      {view.rows.map((row, r) => (
        <Line key={r}>
          {row.map((cell, c) => (
            <Text key={c}>
              {c > 0 ? GAP : ''}
              <Text {...(cell.tone === 'plain' ? toneStyle('dim', color) : toneStyle(cell.tone, color))}>{cell.label}</Text>
              <Text {...toneStyle(cell.tone, color)}>{cell.value}</Text>
            </Text>
          ))}
        </Line>
      ))}
    </Box>
  );
}
