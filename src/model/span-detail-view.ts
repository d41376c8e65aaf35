// The span page of the traces pane: what Jaeger UI's span detail shows, as scrollable lines:
// operation and service, start relative to the trace start, duration, IDs and parent (or the
// missing one), then the tags, the process tags, the logs at times relative to the trace start,
// other references and the warnings. Every remote string is escaped.

import type { Glyphs } from './glyphs.js';
import { toneWithoutBlanks } from './pane-view.js';
import { padEnd, textWidth, wrapText } from './text-fit.js';
import { durationText, fitLine, type TraceSegment, type TracesLine } from './traces-display.js';
import type { KeyValue } from './traces/types.js';
import type { WaterfallRow } from './traces/waterfall.js';
import { escapeControl, escapePrefix } from '../util/escape-control.js';

/** What the span page is drawn from. */
export interface SpanDetailInput {
  readonly row: WaterfallRow;
  /** Trace start, µs since the epoch. */
  readonly traceStartUs: number;
  /** First line shown. */
  readonly offset: number;
  readonly width: number;
  /** Lines available. */
  readonly lines: number;
  readonly glyphs: Glyphs;
}

/** The visible lines and the largest useful offset. */
export interface SpanDetailLines {
  readonly lines: readonly TracesLine[];
  readonly offset: number;
  readonly maxOffset: number;
  readonly total: number;
}

const KEY_MAX = 32;

/** The span page, scrolled to `offset` (clamped). */
export function spanDetailLines(input: SpanDetailInput): SpanDetailLines {
  const all = detailLines(input);
  const maxOffset = Math.max(0, all.length - input.lines);
  const offset = Math.min(Math.max(0, input.offset), maxOffset);
  return { lines: all.slice(offset, offset + Math.max(0, input.lines)), offset, maxOffset, total: all.length };
}

function detailLines(input: SpanDetailInput): TracesLine[] {
  const { row, glyphs, width } = input;
  const e = glyphs.ellipsis;
  const span = row.span;
  const out: TracesLine[] = [];
  const line = (...segments: TraceSegment[]) => out.push(fitLine(segments, width, e));
  const title = [{ text: escapePrefix(`${span.process.serviceName}: ${span.operationName}`, width), tone: 'title' } as TraceSegment];
  if (span.isError) title.push(...toneWithoutBlanks(`  ${glyphs.failed} error`, 'bad'));
  line(...title);
  const parent = span.references.find((r) => r.traceID === span.traceID) ?? span.references[0];
  const parentText = row.missingParent && parent !== undefined ? `missing parent ${parent.spanID}` : parent !== undefined ? `parent ${parent.spanID}` : 'root span';
  const start = span.startTimeUs > 0 ? `+${durationText(span.startTimeUs - input.traceStartUs, glyphs)}` : 'no start time';
  line({ text: [`start ${start}`, `took ${durationText(span.durationUs, glyphs)}`, `span ${span.spanID}`, parentText].join(` ${glyphs.dot} `), tone: 'plain' });
  section(out, 'Tags', span.tags, width, e);
  section(out, `Process ${escapePrefix(span.process.serviceName, width)}`, span.process.tags, width, e);
  if (span.logs.length > 0) {
    line({ text: 'Logs', tone: 'accent' });
    for (const log of span.logs) {
      const at = `+${durationText(Math.max(0, log.timestampUs - input.traceStartUs), glyphs)}`;
      const fields = log.fields.map((f) => `${escapePrefix(f.key, width)}=${escapePrefix(String(f.value), width)}`).join('  ');
      line({ text: `  ${padEnd(at, 9, e)} `, tone: 'dim' }, { text: fields, tone: 'plain' });
    }
  }
  const others = span.references.filter((r) => r !== parent || r.traceID !== span.traceID);
  if (others.length > 0) {
    line({ text: 'References', tone: 'accent' });
    for (const ref of others) {
      const where = ref.traceID === span.traceID ? '' : ` in trace ${ref.traceID}`;
      line({ text: `  ${ref.refType} span ${ref.spanID}${where}`, tone: 'plain' });
    }
  }
  if (span.warnings.length > 0) {
    line({ text: 'Warnings', tone: 'warn' });
    for (const w of span.warnings) for (const part of wrapText(escapeControl(w), Math.max(1, width - 2))) line({ text: `  ${part}`, tone: 'warn' });
  }
  return out;
}

function section(out: TracesLine[], title: string, tags: readonly KeyValue[], width: number, e: string): void {
  if (tags.length === 0) return;
  out.push(fitLine([{ text: title, tone: 'accent' }], width, e));
  const keyWidth = Math.min(KEY_MAX, tags.reduce((m, t) => Math.max(m, textWidth(escapePrefix(t.key, KEY_MAX))), 0));
  for (const tag of tags) {
    const error = tag.key === 'error' && (tag.value === true || tag.value === 'true');
    out.push(
      fitLine(
        [
          { text: `  ${padEnd(escapePrefix(tag.key, keyWidth), keyWidth, e)}  `, tone: 'dim' },
          { text: escapePrefix(String(tag.value), width), tone: error ? 'bad' : 'plain' },
        ],
        width,
        e,
      ),
    );
  }
}
