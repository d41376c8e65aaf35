// The `?` overlay's view-model, for the peer dashboard and the fleet alike: a titled list of keys
// and what they do, in place of the panes, scrolled from `offset` when it does not fit.

import type { Glyphs } from './glyphs.js';
import type { KeyHint } from './key-hints.js';
import { paneTitle, type PaneTitleView, type Segment } from './pane-view.js';
import { fitEnd, padEnd, textWidth } from './text-fit.js';

/** The `?` overlay: a window of `height` lines on the `total` help lines, from `offset`. */
export interface HelpView {
  readonly title: PaneTitleView;
  readonly height: number;
  readonly lines: readonly (readonly Segment[])[];
  readonly offset: number;
  readonly total: number;
}

/** The overlay of `entries` in `body` rows (its title one of them), from line `offset`. */
export function buildHelpView(entries: readonly KeyHint[], body: number, width: number, offset: number, glyphs: Glyphs, title = 'Keys'): HelpView {
  const height = Math.max(0, body - 1);
  const total = entries.length;
  const from = Math.max(0, Math.min(offset, total - height));
  const keyWidth = entries.reduce((m, e) => Math.max(m, textWidth(e.key)), 0) + 2;
  const lines = entries.slice(from, from + height).map((e): Segment[] => [
    { text: '  ' + padEnd(e.key, keyWidth, glyphs.ellipsis), tone: 'accent' },
    { text: fitEnd(e.label, Math.max(0, width - keyWidth - 2), glyphs.ellipsis), tone: 'plain' },
  ]);
  const parts = [title];
  if (total > height) {
    const above = from > 0;
    const below = from + height < total;
    parts.push(`${from + 1}-${from + lines.length} of ${total}`, above && below ? 'more above and below' : above ? 'more above' : 'more below');
  }
  return { title: paneTitle(parts.join(` ${glyphs.dot} `), width, true, glyphs), height, lines, offset: from, total };
}
