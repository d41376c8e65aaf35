// The trace waterfall of the traces pane: the trace name, its facts (duration, spans, depth,
// services, age, errors), the link to the trace in Jaeger UI (an OSC 8 hyperlink when the
// terminal shows them, else the plain URL), tick labels, then one row per visible span in
// pre-order: indented by depth with a collapse toggle, its duration, an error marker (also on
// a collapsed parent hiding an error), and a bar scaled to the width with at least one cell.
// Orphans and cycle entries are marked. Rows scroll with the selection.

import type { Glyphs } from './glyphs.js';
import { toneWithoutBlanks } from './pane-view.js';
import { fitEnd, padEnd, padStart, textWidth } from './text-fit.js';
import type { TraceSegment, TracesLine } from './traces-display.js';
import { durationText, fitLine, indexOf, scrollOffset } from './traces-display.js';
import { relativeAge } from './traces/relative-age.js';
import { barCells, timelineTicks, type TimeView } from './traces/timeline-scale.js';
import { displayTraceName } from './traces/trace-name.js';
import type { VisibleRow, Waterfall } from './traces/waterfall.js';
import { escapeControl, escapePrefix } from '../util/escape-control.js';

/** What the waterfall is drawn from. */
export interface WaterfallInput {
  readonly waterfall: Waterfall;
  /** Rows under the current collapse state. */
  readonly rows: readonly VisibleRow[];
  /** The trace name ('' when it has none). */
  readonly name: string;
  /** Selected span ID (null: the first row). */
  readonly selected: string | null;
  /** The searched service: other services are named on their rows. */
  readonly service: string | null;
  /** The trace in Jaeger UI, or null. */
  readonly url: string | null;
  /** Draw the link as an OSC 8 hyperlink. */
  readonly hyperlinks: boolean;
  readonly width: number;
  /** Lines available. */
  readonly lines: number;
  readonly nowMs: number;
  readonly glyphs: Glyphs;
}

/** The waterfall's lines and which rows they show. */
export interface WaterfallLines {
  readonly lines: readonly TracesLine[];
  readonly offset: number;
  readonly shown: number;
}

const MARK = 2;
const DURATION = 7;
/** Lines above the span rows: name, facts, link, ticks. */
export const WATERFALL_HEAD = 4;

/** Widths of the label column and of the bar area. */
function columns(width: number): { label: number; bars: number } {
  const label = Math.max(12, Math.floor((width - MARK - DURATION - 4) * 0.45));
  return { label, bars: Math.max(1, width - MARK - label - 1 - DURATION - 3) };
}

/** The waterfall page. */
export function waterfallLines(input: WaterfallInput): WaterfallLines {
  const { waterfall, glyphs, width } = input;
  const e = glyphs.ellipsis;
  const col = columns(width);
  const view: TimeView = { startUs: waterfall.startUs, endUs: waterfall.endUs };
  const errors = waterfall.rows.filter((r) => r.isError).length;
  const facts = [
    durationText(waterfall.endUs - waterfall.startUs, glyphs),
    plural(waterfall.rows.length, 'span'),
    plural(waterfall.depth, 'level'),
    plural(waterfall.services, 'service'),
    relativeAge(waterfall.startUs / 1000, input.nowMs),
  ];
  const name = escapePrefix(displayTraceName(input.name), width);
  const summary: TraceSegment[] = [{ text: facts.join(` ${glyphs.dot} `), tone: 'dim' }];
  if (errors > 0) summary.push(...toneWithoutBlanks(`  ${glyphs.failed} ${plural(errors, 'error')}`, 'bad'));
  const head: TracesLine[] = [fitLine([{ text: name, tone: 'title' }], width, e), fitLine(summary, width, e), linkLine(input), ticksLine(view, col, glyphs)];

  const visible = Math.max(0, input.lines - head.length);
  const ids = input.rows.map((r) => r.span.spanID);
  const at = indexOf(ids, input.selected);
  const offset = scrollOffset(at, ids.length, visible);
  const shown = input.rows.slice(offset, offset + visible);
  const body = shown.map((row, i) => spanRow(row, offset + i === at, input, col, view));
  return { lines: [...head, ...body].slice(0, Math.max(0, input.lines)), offset, shown: shown.length };
}

function linkLine(input: WaterfallInput): TracesLine {
  const id = input.waterfall.traceID;
  if (input.url === null) return { segments: [{ text: fitEnd(`trace ${id}`, input.width, input.glyphs.ellipsis), tone: 'dim' }], selected: false };
  const url = escapeControl(input.url);
  if (input.hyperlinks) {
    const rest = fitEnd(`  trace ${id}`, Math.max(0, input.width - 17), input.glyphs.ellipsis);
    return { segments: [{ text: 'open in Jaeger UI', tone: 'accent', link: url }, { text: rest, tone: 'dim' }], selected: false };
  }
  return { segments: [{ text: fitEnd(url, input.width, input.glyphs.ellipsis), tone: 'accent' }], selected: false };
}

function ticksLine(view: TimeView, col: { label: number; bars: number }, glyphs: Glyphs): TracesLine {
  const cells = new Array<string>(col.bars).fill(' ');
  let free = 0;
  for (const tick of timelineTicks(view, col.bars, col.bars >= 48 ? 4 : 2)) {
    const text = [...tick.label.replace('μ', glyphs.micro)];
    const start = Math.min(Math.max(tick.col, free), col.bars - text.length);
    if (start < free || start < 0) continue;
    text.forEach((ch, i) => (cells[start + i] = ch));
    free = start + text.length + 1;
  }
  const left = ' '.repeat(MARK) + padEnd('span', col.label, glyphs.ellipsis) + ' ' + padStart('took', DURATION, glyphs.ellipsis) + '   ';
  return { segments: [{ text: left + cells.join('').trimEnd(), tone: 'dim' }], selected: false };
}

function spanRow(row: VisibleRow, selected: boolean, input: WaterfallInput, col: { label: number; bars: number }, view: TimeView): TracesLine {
  const { glyphs } = input;
  const e = glyphs.ellipsis;
  const indentCells = Math.min(row.depth * 2, Math.floor(col.label / 2));
  const toggle = row.hasChildren ? `${row.collapsed ? glyphs.treeClosed : glyphs.treeOpen} ` : '  ';
  const service = row.span.process.serviceName !== input.service ? `${row.span.process.serviceName}: ` : '';
  const note = row.missingParent ? '(missing parent) ' : row.inCycle ? '(cycle) ' : '';
  const head = ' '.repeat(indentCells) + toggle;
  const nameRoom = Math.max(0, col.label - textWidth(head));
  const fittedNote = fitEnd(note, nameRoom, e);
  const labelRoom = Math.max(0, nameRoom - textWidth(fittedNote));
  const label = padEnd(escapePrefix(service + row.span.operationName, labelRoom), labelRoom, e);
  const flagged = row.isError || row.hiddenError;
  const bar = barCells(row.span.startTimeUs > 0 ? row.span.startTimeUs : view.startUs, row.span.durationUs, view, col.bars);
  const block = glyphs.ramp.slice(-1);
  const barText = bar === null ? '' : ' '.repeat(bar.start) + block.repeat(bar.width);
  const segments: TraceSegment[] = [
    { text: padEnd(selected ? glyphs.marker : '', MARK, e) + head, tone: 'plain' },
    { text: fittedNote, tone: 'warn' },
    { text: label, tone: 'plain' },
    { text: ' ' + padStart(durationText(row.span.durationUs, glyphs), DURATION, e) + ' ', tone: 'dim' },
    { text: flagged ? glyphs.failed : ' ', tone: flagged ? 'bad' : 'plain' },
    ...toneWithoutBlanks(' ' + barText, row.isError ? 'bad' : 'accent'),
  ];
  return { segments, selected };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
