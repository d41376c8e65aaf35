// The traces pane's display state and drawing types, shared by its reducer (ui/use-traces-state),
// its keys and its view-model: which page is shown (the list, a trace's waterfall, a span's
// details, or a picker), the list order and filters, the selections, the collapsed spans.

import type { PaneTitleView, Segment } from './pane-view.js';
import type { Glyphs } from './glyphs.js';
import { fitEnd, textWidth } from './text-fit.js';
import { formatDurationCompact } from './traces/format-duration.js';
import type { TraceFilter } from './traces/filter.js';
import type { TraceOrder } from './traces/sort.js';

/** The page of the traces pane. */
export type TracesMode = 'list' | 'trace' | 'span' | 'services' | 'operations';

/** What the user chose in the traces pane. */
export interface TracesDisplay {
  readonly mode: TracesMode;
  readonly order: TraceOrder;
  readonly filter: TraceFilter;
  /** Selected trace ID in the list; null selects the first row. */
  readonly selectedTrace: string | null;
  /** Trace shown in the waterfall (and its span page). */
  readonly openTrace: string | null;
  /** Selected span ID in the waterfall; null selects the first row. */
  readonly selectedSpan: string | null;
  /** Span IDs whose subtrees are hidden. */
  readonly collapsed: ReadonlySet<string>;
  /** First line shown on the span page. */
  readonly detailOffset: number;
  /** Service picked by the user; null = automatic (this host's, or the only one). */
  readonly service: string | null;
  /** Highlighted entry of an open picker; null = the first. */
  readonly pick: string | null;
  /** A one-off answer to the last key, shown above the list until the next traces key. */
  readonly notice: TracesNotice | null;
}

/** Answers to a key that had nothing to do: `v` with a single peer service reporting to Jaeger. */
export type TracesNotice = 'single-service';

/** What the keys of the traces pane need to know about the screen. */
export interface TracesScreen {
  readonly mode: TracesMode;
  /** Selectable entries in display order: trace IDs, span IDs, operation keys ('' = all) or services. */
  readonly items: readonly string[];
  /** Span IDs that have children (can be collapsed). */
  readonly parents: readonly string[];
  /** Largest useful first line of the span page. */
  readonly maxOffset: number;
  /** Rows per page, for PgUp/PgDn. */
  readonly page: number;
  /** Several peer services report to Jaeger. */
  readonly canPickService: boolean;
  /** The service in use (the picker starts on it). */
  readonly service: string | null;
}

/** The target of the `t` jump from the latency pane. */
export interface TraceJump {
  /** `Recv.<Service>.<Method>`. */
  readonly operation: string;
  /** The method's current quantile, µs; null without calls in the window. */
  readonly minDurationUs: number | null;
}

/** A run of text with one tone, optionally a hyperlink target (OSC 8, drawn by the view). */
export interface TraceSegment extends Segment {
  readonly link?: string;
}

/** One line of the traces pane. */
export interface TracesLine {
  readonly segments: readonly TraceSegment[];
  /** The selected row (highlighted). */
  readonly selected: boolean;
}

/** The traces pane, drawn as is by TracesPane. */
export interface TracesView {
  readonly title: PaneTitleView;
  /** Rows below the title. */
  readonly height: number;
  /** At most `height` lines, every text escaped and fitted. */
  readonly lines: readonly TracesLine[];
}

/** The traces pane at start: the list, most recent first, no filter. */
export const INITIAL_TRACES_DISPLAY: TracesDisplay = {
  mode: 'list',
  order: 'most-recent',
  filter: {},
  selectedTrace: null,
  openTrace: null,
  selectedSpan: null,
  collapsed: new Set(),
  detailOffset: 0,
  service: null,
  pick: null,
  notice: null,
};

/** Index of `selected` in `items`, 0 when absent. */
export function indexOf(items: readonly string[], selected: string | null): number {
  const i = selected === null ? -1 : items.indexOf(selected);
  return i < 0 ? 0 : i;
}

/** First visible row so that row `at` of `count` stays inside a window of `visible` rows. */
export function scrollOffset(at: number, count: number, visible: number): number {
  if (visible <= 0) return 0;
  return Math.max(0, Math.min(at - visible + 1, count - visible));
}

/** A duration as the current Jaeger UI prints it (`47.9ms`, `412μs`), `us` with ASCII glyphs. */
export function durationText(us: number, glyphs: Glyphs): string {
  return formatDurationCompact(us, glyphs.micro);
}

/** `segments` as one line cut to `width` cells in total. */
export function fitLine(segments: readonly TraceSegment[], width: number, ellipsis: string, selected = false): TracesLine {
  const out: TraceSegment[] = [];
  let room = width;
  for (const s of segments) {
    if (room <= 0) break;
    const text = fitEnd(s.text, room, ellipsis);
    out.push({ ...s, text });
    room -= textWidth(text);
  }
  return { segments: out, selected };
}
