// What the keys do, in two forms: the bottom hint line for the focused pane (fitted to the
// width, dropping the least needed hints first but always keeping help and quit) and the
// entries of the `?` help overlay.

import type { Glyphs } from './glyphs.js';
import type { PaneId } from './pane-view.js';
import { textWidth } from './text-fit.js';
import type { TracesMode } from './traces-display.js';

/** One key and what it does. */
export interface KeyHint {
  readonly key: string;
  readonly label: string;
}

/** Which keys apply right now. */
export interface HintContext {
  readonly focus: PaneId;
  readonly helpOpen: boolean;
  /** The open help has more lines than it shows (its scroll keys apply). */
  readonly helpScrolls?: boolean;
  readonly filterEditing: boolean;
  /** The traces pane's page, when the pane is shown. */
  readonly traces?: TracesMode | null;
  /** `t` jumps from the selected method to its traces. */
  readonly jump?: boolean;
}

/** Gap between two hints. */
const HINT_GAP = 2;

/** Hints for the context, most specific first, help and quit last. */
export function keyHints(context: HintContext, glyphs: Glyphs): KeyHint[] {
  const quit = { key: 'q', label: 'quit' };
  const help = { key: '?', label: 'help' };
  if (context.filterEditing) {
    return [{ key: 'type', label: 'filter' }, { key: glyphs.keyEnter, label: 'keep' }, { key: 'Esc', label: 'clear' }, { key: 'Bksp', label: 'erase' }];
  }
  if (context.helpOpen) {
    const scroll = context.helpScrolls === true ? [{ key: `${glyphs.keyUpDown}/jk`, label: 'scroll' }, { key: 'PgUp/PgDn', label: 'page' }] : [];
    return [...scroll, { key: '?', label: 'close' }, { key: 'Esc', label: 'close' }, quit];
  }
  const common = [
    { key: 'Tab', label: 'pane' },
    { key: '1-4', label: 'quantile' },
    { key: 'p', label: 'pause' },
    { key: '+/-', label: 'interval' },
  ];
  const select = { key: `${glyphs.keyUpDown}/jk`, label: 'select' };
  const jump = context.jump === true ? [{ key: 't', label: 'traces' }] : [];
  switch (context.focus) {
    case 'latency':
      return [select, { key: glyphs.keyEnter, label: 'chart' }, ...jump, { key: 's', label: 'sort' }, { key: '/', label: 'filter' }, ...common, help, quit];
    case 'chart':
      return [{ key: 'Esc', label: 'close' }, { ...select, label: 'method' }, ...jump, ...common, help, quit];
    case 'traces':
      return [...tracesHints(context, glyphs), ...common, help, quit];
    default:
      return [...common, help, quit];
  }
}

/** The keys of the traces pane's current page. */
function tracesHints(context: HintContext, glyphs: Glyphs): KeyHint[] {
  const enter = glyphs.keyEnter;
  switch (context.traces ?? 'list') {
    case 'list':
      return [
        { key: `${glyphs.keyUpDown}/jk`, label: 'select' },
        { key: enter, label: 'open' },
        { key: 's', label: 'sort' },
        { key: 'e', label: 'errors' },
        { key: 'm', label: 'min time' },
        { key: 'o', label: 'operation' },
        { key: 'x', label: 'clear' },
        // With one service, `v` says so: the hint stays, so the key is found.
        { key: 'v', label: 'service' },
      ];
    case 'trace':
      return [{ key: `${glyphs.keyUpDown}/jk`, label: 'span' }, { key: enter, label: 'details' }, { key: 'h/l', label: 'fold' }, { key: 'c', label: 'fold all' }, { key: 'Esc', label: 'list' }];
    case 'span':
      return [{ key: glyphs.keyUpDown, label: 'scroll' }, { key: 'Esc', label: 'waterfall' }];
    default:
      return [{ key: `${glyphs.keyUpDown}/jk`, label: 'select' }, { key: enter, label: 'choose' }, { key: 'Esc', label: 'back' }];
  }
}

/** The hints that fit in `width`: the last two always stay, others go from the end. */
export function fitHints(hints: readonly KeyHint[], width: number): KeyHint[] {
  const fixed = hints.slice(-2);
  const rest = hints.slice(0, -2);
  while (rest.length > 0 && hintsWidth([...rest, ...fixed]) > width) rest.pop();
  return [...rest, ...fixed];
}

/** Cells `hints` take on the key line, gaps included. */
function hintsWidth(hints: readonly KeyHint[]): number {
  let sum = 0;
  for (let i = 0; i < hints.length; i++) sum += (i > 0 ? HINT_GAP : 0) + textWidth(hints[i].key) + 1 + textWidth(hints[i].label);
  return sum;
}

/** The help overlay's entries: keys, then what they do. */
export function helpEntries(glyphs: Glyphs): KeyHint[] {
  return [
    { key: 'q, Ctrl-C', label: 'quit' },
    { key: '?', label: 'show or hide this help' },
    { key: 'Tab, Shift-Tab', label: 'move the focus between panes' },
    { key: `${glyphs.keyUpDown}, j/k`, label: 'select a method' },
    { key: 'g, G', label: 'first, last method' },
    { key: 'PgUp, PgDn', label: 'a page up or down (methods, traces, spans, this help)' },
    { key: 'Enter', label: 'open the latency chart of the selected method' },
    { key: 'Esc', label: 'close the chart or help, clear the filter' },
    { key: 's', label: 'sort methods by latency, calls or name' },
    { key: '/', label: 'filter methods by substring' },
    { key: '1 2 3 4', label: 'quantile p50, p90, p95, p99' },
    { key: 'p, space', label: 'pause the display (scraping goes on)' },
    { key: '+, -', label: 'poll less often, more often' },
    { key: 't', label: "traces of the selected method that took at least its quantile" },
    { key: 'Enter, Esc', label: 'traces: open a trace, then a span; go back' },
    { key: 's e m o x v', label: 'traces: order, errors, minimum, operation, clear, service' },
    { key: 'h/l, c', label: 'waterfall: fold or unfold the span, fold all' },
  ];
}
