// Shared pieces of the dashboard's view-model: the tones a view maps to colours (or to bold and
// inverse without colour), coloured text segments, and the title rule every pane starts with.

import type { Glyphs } from './glyphs.js';
import { fitEnd, textWidth } from './text-fit.js';

/** What a piece of text means; the view picks colour or attributes for it. */
export type Tone = 'plain' | 'dim' | 'title' | 'accent' | 'good' | 'warn' | 'bad';

/** A run of text with one tone. */
export interface Segment {
  /** Text, already escaped and fitted. */
  readonly text: string;
  /** How to draw it. */
  readonly tone: Tone;
}

/** The rule line that opens a pane, e.g. `── RPC latency · p95 ─────`. */
export interface PaneTitleView {
  /** The whole line, exactly as wide as the pane. */
  readonly text: string;
  /** Whether the pane has the keyboard focus (drawn heavier and highlighted). */
  readonly focused: boolean;
}

/** The panes of the dashboard, in focus order. */
export type PaneId = 'cluster' | 'latency' | 'chart' | 'traces';

/** A title rule `width` cells wide: two rule characters, the title, rule characters to the end. */
export function paneTitle(title: string, width: number, focused: boolean, glyphs: Glyphs): PaneTitleView {
  const rule = focused ? glyphs.ruleFocused : glyphs.rule;
  const head = `${rule}${rule} ${fitEnd(title, Math.max(0, width - 5), glyphs.ellipsis)} `;
  const fitted = fitEnd(head, width, '');
  return { text: fitted + rule.repeat(Math.max(0, width - textWidth(fitted))), focused };
}

/** Total width of `segments`. */
export function segmentsWidth(segments: readonly Segment[]): number {
  return segments.reduce((sum, s) => sum + textWidth(s.text), 0);
}

/**
 * `text` in `tone`, with its leading and trailing blanks split off in the plain tone: without
 * colour, 'bad' is inverse video, where a blank cell shows as a solid block.
 */
export function toneWithoutBlanks(text: string, tone: Tone): Segment[] {
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  if (end <= start) return [{ text, tone: 'plain' }];
  const segments: Segment[] = [];
  if (start > 0) segments.push({ text: text.slice(0, start), tone: 'plain' });
  segments.push({ text: text.slice(start, end), tone });
  if (end < text.length) segments.push({ text: text.slice(end), tone: 'plain' });
  return segments;
}
