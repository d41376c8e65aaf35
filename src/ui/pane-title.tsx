// The rule line that opens every pane; heavier and highlighted when the pane has the focus.

import { Text } from 'ink';
import { Line } from './line.js';
import type { PaneTitleView, Segment } from '../model/pane-view.js';
import { titleStyle, toneStyle } from './theme.js';

/** Props of PaneTitle. */
export interface PaneTitleProps {
  /** The fitted rule line. */
  readonly title: PaneTitleView;
  /** Colours on or off. */
  readonly color: boolean;
}

/** A pane's title rule. */
export function PaneTitle({ title, color }: PaneTitleProps) {
  return (
    <Line {...titleStyle(title.focused, color)}>
      {title.text}
    </Line>
  );
}

/** Props of SegmentLine. */
export interface SegmentLineProps {
  /** Tone runs of one line, already fitted. */
  readonly segments: readonly Segment[];
  readonly color: boolean;
}

/** One line made of tone runs. */
export function SegmentLine({ segments, color }: SegmentLineProps) {
  return (
    <Line>
      {segments.map((s, i) => (
        <Text key={i} {...toneStyle(s.tone, color)}>
          {s.text}
        </Text>
      ))}
    </Line>
  );
}
