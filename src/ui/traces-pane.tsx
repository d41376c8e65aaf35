// The traces pane. For now a placeholder: the traces feature fills it with Jaeger traces.

import { Box, Text } from 'ink';
import type { TracesView } from '../model/dashboard-view.js';
import { PaneTitle } from './pane-title.js';

/** Props of TracesPane. */
export interface TracesPaneProps {
  /** The pane's view-model. */
  readonly view: TracesView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the traces pane. */
export function TracesPane({ view, color }: TracesPaneProps) {
  return (
    <Box flexDirection="column" height={view.height + 1} flexShrink={0}>
      <PaneTitle title={view.title} color={color} />
      {view.lines.map((line, i) => (
        <Text key={i} wrap="truncate" dimColor={color}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
