// The traces pane: its title rule, then the lines of the current page (trace list, waterfall,
// span details or a picker) as tone runs, the selected line highlighted; a run with a link is
// drawn as an OSC 8 hyperlink (the view-model only sets links where the terminal shows them).

import { Box, Text } from 'ink';
import { osc8 } from '../model/hyperlinks.js';
import type { TracesView } from '../model/traces-display.js';
import { Line } from './line.js';
import { PaneTitle } from './pane-title.js';
import { selectedStyle, toneStyle } from './theme.js';

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
        <Line key={i} {...(line.selected ? selectedStyle(view.title.focused) : {})}>
          {line.segments.map((s, j) => (
            <Text key={j} {...(line.selected ? {} : toneStyle(s.tone, color))}>
              {s.link === undefined ? s.text : osc8(s.link, s.text)}
            </Text>
          ))}
        </Line>
      ))}
    </Box>
  );
}
