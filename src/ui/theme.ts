// How tones look: colours when colour is on, and only bold/inverse/dim attributes when it is
// off (`--no-color`, NO_COLOR), so highlights still stand out on a monochrome screen.

import type { TextProps } from 'ink';
import type { Tone } from '../model/pane-view.js';

/** Text attributes of one tone. */
export type ToneStyle = Pick<TextProps, 'color' | 'bold' | 'inverse' | 'dimColor'>;

const COLOR: Readonly<Record<Tone, ToneStyle>> = {
  plain: {},
  dim: { dimColor: true },
  title: { color: 'cyan', bold: true },
  accent: { color: 'cyan' },
  good: { color: 'green' },
  warn: { color: 'yellow', bold: true },
  bad: { color: 'red', bold: true },
};

const MONO: Readonly<Record<Tone, ToneStyle>> = {
  plain: {},
  dim: {},
  title: { bold: true },
  accent: { bold: true },
  good: {},
  warn: { bold: true },
  bad: { bold: true, inverse: true },
};

/** Attributes for `tone`. */
export function toneStyle(tone: Tone, color: boolean): ToneStyle {
  return (color ? COLOR : MONO)[tone];
}

/** Attributes of a pane title rule. */
export function titleStyle(focused: boolean, color: boolean): ToneStyle {
  if (color) return focused ? { color: 'cyan', bold: true } : { dimColor: true };
  return focused ? { bold: true } : {};
}

/** Attributes of the selected row: inverse in the focused pane, bold elsewhere. */
export function selectedStyle(focused: boolean): ToneStyle {
  return focused ? { inverse: true } : { bold: true };
}

/** Attributes of sparklines and plots. */
export function graphStyle(color: boolean): ToneStyle {
  return color ? { color: 'green' } : {};
}
