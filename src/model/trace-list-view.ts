// The trace list of the traces pane: one row per trace as Jaeger UI derives it (name, duration
// with a log-scale bar, spans, errors, services with counts on wide screens, age, ID excerpt),
// a caption line, and a window that keeps the selected row visible. Names drop the
// `<service>: ` prefix when the root is the searched service (the title names it).

import type { Glyphs } from './glyphs.js';
import { toneWithoutBlanks } from './pane-view.js';
import { padEnd, padStart } from './text-fit.js';
import type { TraceSegment, TracesLine } from './traces-display.js';
import { durationText, indexOf, scrollOffset } from './traces-display.js';
import { logBarWidths } from './traces/duration-bar.js';
import { traceIdExcerpt } from './traces/ids.js';
import { relativeAge } from './traces/relative-age.js';
import type { TraceSummary } from './traces/summary.js';
import { displayTraceName, FALLBACK_TRACE_NAME } from './traces/trace-name.js';
import { escapePrefix } from '../util/escape-control.js';

/** What the list is drawn from. */
export interface TraceListInput {
  /** Rows to show, filtered and sorted. */
  readonly summaries: readonly TraceSummary[];
  /** Selected trace ID (null: the first). */
  readonly selected: string | null;
  /** The searched service, left out of names rooted in it. */
  readonly service: string | null;
  readonly width: number;
  /** Lines available, caption included. */
  readonly rows: number;
  readonly nowMs: number;
  readonly glyphs: Glyphs;
}

/** The fitted list and the rows it shows. */
export interface TraceListLines {
  readonly lines: readonly TracesLine[];
  /** Index of the first row shown, and how many are shown. */
  readonly offset: number;
  readonly shown: number;
}

const MARK = 2;
const DURATION = 7;
const SPANS = 5;
const ERRORS = 3;
const AGE = 8;
const ID = 7;

/** Column widths for a pane `width` cells wide. */
function columns(width: number): { name: number; bar: number; services: number } {
  const wide = width >= 110;
  const bar = wide ? 14 : 8;
  const services = wide ? 26 : 0;
  const fixed = MARK + 1 + DURATION + 1 + bar + 1 + SPANS + 1 + ERRORS + (services > 0 ? 1 + services : 0) + 1 + AGE + 1 + ID;
  return { name: Math.max(8, width - fixed), bar, services };
}

/** The caption line and the visible rows of the list. */
export function traceListLines(input: TraceListInput): TraceListLines {
  const { summaries, glyphs, width } = input;
  const e = glyphs.ellipsis;
  const col = columns(width);
  const caption =
    ' '.repeat(MARK) +
    padEnd('trace', col.name, e) +
    ' ' +
    padEnd('duration', DURATION + 1 + col.bar, e) +
    ' ' +
    padStart('spans', SPANS, e) +
    ' ' +
    padStart('err', ERRORS, e) +
    (col.services > 0 ? ' ' + padEnd('services', col.services, e) : '') +
    ' ' +
    padEnd('started', AGE, e) +
    ' ' +
    'id';
  const visible = Math.max(0, input.rows - 1);
  const at = indexOf(summaries.map((s) => s.traceID), input.selected);
  const offset = scrollOffset(at, summaries.length, visible);
  const shownRows = summaries.slice(offset, offset + visible);
  const bars = logBarWidths(summaries.map((s) => s.durationUs), col.bar);
  const block = glyphs.ramp.slice(-1);
  const lines: TracesLine[] = [{ segments: [{ text: caption, tone: 'dim' }], selected: false }];
  shownRows.forEach((s, i) => {
    const selected = offset + i === at;
    const name = shortName(s, input.service);
    const segments: TraceSegment[] = [
      { text: padEnd(selected ? glyphs.marker : '', MARK, e), tone: 'plain' },
      { text: padEnd(escapePrefix(name, col.name), col.name, e), tone: name === FALLBACK_TRACE_NAME ? 'warn' : 'plain' },
      { text: ' ' + padStart(durationText(s.durationUs, glyphs), DURATION, e) + ' ', tone: 'plain' },
      ...toneWithoutBlanks(padEnd(block.repeat(bars[offset + i] ?? 0), col.bar, e), s.errorCount > 0 ? 'bad' : 'accent'),
      { text: ' ' + padStart(String(s.spanCount), SPANS, e), tone: 'plain' },
      ...toneWithoutBlanks(' ' + padStart(s.errorCount > 0 ? String(s.errorCount) : '', ERRORS, e), 'bad'),
    ];
    if (col.services > 0) segments.push({ text: ' ' + padEnd(escapePrefix(servicesText(s), col.services), col.services, e), tone: 'dim' });
    segments.push({ text: ' ' + padEnd(relativeAge(s.startTimeUs / 1000, input.nowMs), AGE, e) + ' ' + traceIdExcerpt(s.traceID, ID), tone: 'dim' });
    lines.push({ segments, selected });
  });
  return { lines: lines.slice(0, Math.max(0, input.rows)), offset, shown: shownRows.length };
}

/** The row name: Jaeger UI's trace name, without `<service>: ` when it is the searched service. */
export function shortName(summary: TraceSummary, service: string | null): string {
  const name = displayTraceName(summary.name);
  if (service !== null && summary.rootService === service && summary.rootOperation !== '') return summary.rootOperation;
  return name;
}

/** Services with span counts, sorted by name: `Kubo (1), cluster-daemon-peer0 (5)`. */
export function servicesText(summary: TraceSummary): string {
  return summary.services.map((s) => `${s.name} (${s.count})`).join(', ');
}
