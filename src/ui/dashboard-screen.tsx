// The whole screen, drawn from the view-model: header, the visible panes (or the help overlay)
// and the key line, in a frame exactly one row shorter than the terminal; or just the
// "terminal too small" line.

import { memo } from 'react';
import { Box, Text } from 'ink';
import type { DashboardView } from '../model/dashboard-view.js';
import { ChartPane } from './chart-pane.js';
import { ClusterPane } from './cluster-pane.js';
import { HelpOverlay } from './help-overlay.js';
import { KeyLine } from './key-line.js';
import { LatencyPane } from './latency-pane.js';
import { SegmentLine } from './pane-title.js';
import { TracesPane } from './traces-pane.js';

/** Props of DashboardScreen. */
export interface DashboardScreenProps {
  /** Everything to draw. */
  readonly view: DashboardView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the dashboard; re-renders only when the view-model changed. */
export const DashboardScreen = memo(function DashboardScreen({ view, color }: DashboardScreenProps) {
  if (view.tooSmall !== null) {
    return (
      <Text wrap="truncate" bold>
        {view.tooSmall}
      </Text>
    );
  }
  return (
    // No fixed width: when the terminal narrows, Ink redraws the old tree once before the new
    // layout arrives, and lines must then be cut (wrap="truncate"), not wrapped onto extra rows.
    <Box flexDirection="column" height={view.height}>
      <SegmentLine segments={view.header.segments} color={color} />
      <Box flexDirection="column" flexGrow={1}>
        {view.help !== null && <HelpOverlay view={view.help} color={color} />}
        {view.cluster !== null && <ClusterPane view={view.cluster} color={color} />}
        {view.latency !== null && <LatencyPane view={view.latency} color={color} />}
        {view.chart !== null && <ChartPane view={view.chart} color={color} />}
        {view.traces !== null && <TracesPane view={view.traces} color={color} />}
      </Box>
      <KeyLine hints={view.keys} color={color} />
    </Box>
  );
});
