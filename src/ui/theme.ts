// How tones look: colours when colour is on, and only bold/inverse/dim attributes when it is
// off (`--no-color`, NO_COLOR), so highlights still stand out on a monochrome screen.

import type { Tone } from '../model/pane-view.js';

/** A foreground colour the dashboard uses. */
export type TextColor = 'cyan' | 'green' | 'yellow' | 'red';

/** Text attributes of a run of text. */
export interface TextStyle {
  readonly color?: TextColor;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

/** No attributes. */
export const PLAIN: TextStyle = {};

const COLOR: Readonly<Record<Tone, TextStyle>> = {
  plain: PLAIN,
  dim: { dim: true },
  title: { color: 'cyan', bold: true },
  accent: { color: 'cyan' },
  good: { color: 'green' },
  warn: { color: 'yellow', bold: true },
  bad: { color: 'red', bold: true },
};

const MONO: Readonly<Record<Tone, TextStyle>> = {
  plain: PLAIN,
  dim: PLAIN,
  title: { bold: true },
  accent: { bold: true },
  good: PLAIN,
  warn: { bold: true },
  bad: { bold: true, inverse: true },
};

/** Attributes for `tone`. */
export function toneStyle(tone: Tone, color: boolean): TextStyle {
  return (color ? COLOR : MONO)[tone];
}


const SELECTED_FOCUSED: TextStyle = { inverse: true };
const SELECTED_UNFOCUSED: TextStyle = { bold: true };

/** Attributes of the selected row: inverse in the focused pane, bold elsewhere. */
export function selectedStyle(focused: boolean): TextStyle {
  return focused ? SELECTED_FOCUSED : SELECTED_UNFOCUSED;
}

const GRAPH: TextStyle = { color: 'green' };

/** Attributes of the latency pane's column captions: dim, or bold without colour. */
export function captionStyle(color: boolean): TextStyle {
  return color ? COLOR.dim : MONO.title;
}

/** Attributes of sparklines and plots. */
export function graphStyle(color: boolean): TextStyle {
  return color ? GRAPH : PLAIN;
}
