// One screen line of a pane: what `<Text wrap="truncate">` draws, but laid out with a fixed size
// (the parent's full width, one row), so that Ink never measures it.
//
// Why: Ink 6.8 measures a text node's content on every layout pass in which it changed, and
// remembers every text it ever measured in a module-level Map that is never emptied
// (ink/build/measure-text.js; vadimdemedes/ink#986). A dashboard whose numbers and sparklines
// change every second would grow that Map by a few KB a second, forever, and pay string-width's
// slow path (grapheme segmentation) for every changed line. Yoga skips the measure function of a
// node whose width and height are both set, so this line is drawn exactly as a Text would be and
// is neither measured nor remembered. Our view-model already fits every line to the pane width;
// a line that is still too wide (only while a resize is being laid out) is cut like
// wrap="truncate" cuts it.
//
// `ink-text` is the host element Ink's own <Text> renders; the children here are ordinary <Text>
// elements (or strings), which Ink draws inside it as nested text with their own styles.

import { createElement, type FunctionComponent, type ReactNode } from 'react';
import { Text } from 'ink';
import type { ToneStyle } from './theme.js';

/** Props of the host element (see ink/build/components/Text.js). */
interface InkTextHostProps {
  readonly style: Readonly<Record<string, unknown>>;
  readonly children?: ReactNode;
}

const InkText = 'ink-text' as unknown as FunctionComponent<InkTextHostProps>;

/** Layout of every Line: Text's own, plus a definite size. */
const LINE_STYLE = { flexGrow: 0, flexShrink: 1, flexDirection: 'row', textWrap: 'truncate', width: '100%', height: 1 } as const;

/** Props of Line: the attributes of the whole line (as on a Text), and its content. */
export interface LineProps extends ToneStyle {
  readonly children?: ReactNode;
}

/** One full-width, one-row line of text. */
export function Line({ children, color, bold, inverse, dimColor }: LineProps) {
  const styled = color !== undefined || bold === true || inverse === true || dimColor === true;
  return createElement(
    InkText,
    { style: LINE_STYLE },
    styled ? createElement(Text, { color, bold, inverse, dimColor }, children) : children,
  );
}
