// The bottom line: the keys that work in the focused pane.

import { Text } from 'ink';
import { Line } from './line.js';
import type { KeyHint } from '../model/key-hints.js';

/** Props of KeyLine. */
export interface KeyLineProps {
  /** Hints that fit, in order. */
  readonly hints: readonly KeyHint[];
  /** Colours on or off. */
  readonly color: boolean;
}

/** Draws the key hints. */
export function KeyLine({ hints, color }: KeyLineProps) {
  return (
    <Line>
      {hints.map((h, i) => (
        <Text key={i}>
          {i > 0 ? '  ' : ''}
          <Text bold color={color ? 'cyan' : undefined}>
            {h.key}
          </Text>
          <Text dimColor={color}> {h.label}</Text>
        </Text>
      ))}
    </Line>
  );
}
