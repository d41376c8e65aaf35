// The `?` overlay: every key and what it does, in place of the panes.

import { Box } from 'ink';
import type { HelpView } from '../model/dashboard-view.js';
import { PaneTitle, SegmentLine } from './pane-title.js';

/** Props of HelpOverlay. */
export interface HelpOverlayProps {
  /** The overlay's view-model. */
  readonly view: HelpView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the key help. */
export function HelpOverlay({ view, color }: HelpOverlayProps) {
  return (
    <Box flexDirection="column" height={view.height + 1} flexShrink={0}>
      <PaneTitle title={view.title} color={color} />
      {view.lines.map((segments, i) => (
        <SegmentLine key={i} segments={segments} color={color} />
      ))}
    </Box>
  );
}
