// The traces pane's view-model: from what the traces loop knows (TracesStatus) and what the user
// chose (TracesDisplay), the title, the lines of the current page (list, waterfall, span,
// operation or service picker) and what the keys need (TracesScreen). A failure of Jaeger is one
// escaped line above the last rows, which stay on screen; the metrics panes never see it.

import { UNICODE_GLYPHS, type Glyphs } from './glyphs.js';
import { paneTitle } from './pane-view.js';
import { spanDetailLines } from './span-detail-view.js';
import { traceListLines } from './trace-list-view.js';
import { durationText, fitLine, indexOf, scrollOffset, type TracesDisplay, type TracesLine, type TracesScreen, type TracesView } from './traces-display.js';
import type { TracesQuery, TracesSearch, TracesStatus } from './traces-status.js';
import { matchesFilter, operationGroups } from './traces/filter.js';
import { sortTraces, type TraceOrder } from './traces/sort.js';
import type { TraceSummary } from './traces/summary.js';
import { traceName } from './traces/trace-name.js';
import { traceUrl } from './traces/trace-url.js';
import { visibleRows, type Waterfall } from './traces/waterfall.js';
import { formatDuration, formatInterval } from './units.js';
import { waterfallLines } from './waterfall-view.js';
import { escapeControl } from '../util/escape-control.js';

/** What the traces pane is built from. */
export interface TracesPaneInput {
  readonly status: TracesStatus;
  readonly display: TracesDisplay;
  /** The opened trace laid out (built once per trace by the caller), or null. */
  readonly waterfall: Waterfall | null;
  readonly focused: boolean;
  readonly width: number;
  /** Rows including the title. */
  readonly height: number;
  readonly nowMs: number;
  readonly glyphs: Glyphs;
  /** Jaeger UI base URL, for trace links. */
  readonly jaegerUrl: string;
  /** Draw links as OSC 8 hyperlinks (never with ASCII glyphs). */
  readonly hyperlinks: boolean;
  readonly refreshMs: number;
  readonly lookbackMs: number;
}

/** The pane and what its keys act on. */
export interface TracesPane {
  readonly view: TracesView;
  readonly screen: TracesScreen;
}

const ORDER_LABEL: Readonly<Record<TraceOrder, string>> = { 'most-recent': 'most recent', longest: 'longest', 'most-spans': 'most spans', 'most-errors': 'most errors' };

/** Group keys (`POST /pins/{cid}`) are filtered here; exact names also go to Jaeger. */
export function isExactOperation(operation: string): boolean {
  return !/^(?:Sent |proxy )?[A-Z]+ \//.test(operation);
}

/** The search the display asks for: the picked service, and the filter parts Jaeger can apply. */
export function tracesQuery(display: TracesDisplay): TracesQuery {
  const op = display.filter.operation;
  const min = display.filter.minDurationUs;
  return {
    service: display.service,
    ...(op !== undefined && op !== '' && isExactOperation(op) ? { operation: op } : {}),
    ...(min !== undefined && min > 0 ? { minDurationUs: min } : {}),
  };
}

/** The rows of the list: filtered (what Jaeger already applied to server summaries is trusted) and sorted. */
export function listedTraces(search: TracesSearch | null, display: TracesDisplay): TraceSummary[] {
  if (search === null) return [];
  const f = display.filter;
  const serverDid = search.operation === (f.operation !== undefined && isExactOperation(f.operation) ? f.operation : undefined) && search.minDurationUs === f.minDurationUs;
  const kept = search.summaries.filter((s) => (s.operations === null && serverDid ? f.errorsOnly !== true || s.errorCount > 0 : matchesFilter(s, f)));
  return sortTraces(kept, display.order);
}

/**
 * Rows the traces pane can fill on its list and pickers (title, error and filter lines, caption,
 * every row), so the layout gives the rest to the latency list; undefined for a waterfall, a span
 * or an empty list, which use whatever room they get.
 */
export function tracesPaneRows(source: Pick<TracesPaneInput, 'status' | 'display'>): number | undefined {
  const { status, display } = source;
  if (display.mode === 'services') return 1 + status.services.length;
  if (display.mode === 'operations') return 2 + operationGroups(status.search?.summaries ?? []).length;
  if (display.mode !== 'list' || status.search === null) return undefined;
  const listed = listedTraces(status.search, display).length;
  if (listed === 0) return undefined;
  const lines = [status.error, noticeText(display, status), filterText(display, UNICODE_GLYPHS)].filter((l) => l !== null).length;
  return 1 + lines + 1 + listed;
}

/** Builds the traces pane. */
export function buildTracesPane(input: TracesPaneInput): TracesPane {
  const { display, status, glyphs, width } = input;
  const rows = Math.max(0, input.height - 1);
  const base: TracesScreen = { mode: display.mode, items: [], parents: [], maxOffset: 0, page: Math.max(1, rows - 2), canPickService: status.services.length > 1, service: status.service };
  const service = status.service === null ? 'Jaeger' : escapeControl(status.service);
  const title = (parts: string[]) => paneTitle(['Traces', ...parts].join(` ${glyphs.dot} `), width, input.focused, glyphs);
  const lines = (list: TracesLine[]) => list.slice(0, rows);
  const text = (t: string, tone: 'plain' | 'dim' | 'bad' | 'warn' | 'accent' = 'plain'): TracesLine => fitLine([{ text: t, tone }], width, glyphs.ellipsis);

  if (display.mode === 'services') {
    const items = status.services;
    const at = indexOf(items, display.pick ?? status.service);
    const off = scrollOffset(at, items.length, rows);
    const shown = items.slice(off, off + rows).map((s, i) => picked(s === status.service ? `${escapeControl(s)} (in use)` : escapeControl(s), off + i === at, input));
    return { view: { title: title(['peer service', `${glyphs.keyEnter} choose`, 'Esc back']), height: rows, lines: lines(shown) }, screen: { ...base, items } };
  }
  if (display.mode === 'operations') {
    const groups = operationGroups(status.search?.summaries ?? []);
    const items = ['', ...groups.map((g) => g.key)];
    const at = indexOf(items, display.pick ?? display.filter.operation ?? '');
    const off = scrollOffset(at, items.length, rows);
    const label = (key: string) => (key === '' ? 'all operations' : `${escapeControl(key)}  (${groups.find((g) => g.key === key)?.traces ?? 0})`);
    const shown = items.slice(off, off + rows).map((k, i) => picked(label(k), off + i === at, input));
    return { view: { title: title(['filter by operation', `${glyphs.keyEnter} choose`, 'Esc back']), height: rows, lines: lines(shown) }, screen: { ...base, items } };
  }

  const opened = status.opened;
  if ((display.mode === 'trace' || display.mode === 'span') && display.openTrace !== null) {
    const excerpt = display.openTrace.slice(0, 7);
    if (opened === null || opened.traceID !== display.openTrace || opened.trace === null || input.waterfall === null) {
      const why = opened?.error != null ? escapeControl(opened.error) : `loading trace ${display.openTrace} from Jaeger${glyphs.ellipsis}`;
      return { view: { title: title([`trace ${excerpt}`, 'Esc back']), height: rows, lines: lines([text(why, opened?.error ? 'bad' : 'dim')]) }, screen: base };
    }
    const wf = input.waterfall;
    const visible = visibleRows(wf, display.collapsed);
    const items = visible.map((r) => r.span.spanID);
    const parents = wf.rows.filter((r) => r.hasChildren).map((r) => r.span.spanID);
    if (display.mode === 'span') {
      const row = visible[indexOf(items, display.selectedSpan)] ?? wf.rows[0];
      if (row !== undefined) {
        const detail = spanDetailLines({ row, traceStartUs: wf.startUs, offset: display.detailOffset, width, lines: rows, glyphs });
        const where = detail.total > rows ? [`${detail.offset + 1}-${Math.min(detail.total, detail.offset + rows)} of ${detail.total} lines`] : [];
        return {
          view: { title: title([`trace ${excerpt}`, `span ${row.span.spanID.slice(0, 7)}`, ...where, 'Esc back']), height: rows, lines: lines([...detail.lines]) },
          screen: { ...base, items, parents, maxOffset: detail.maxOffset },
        };
      }
    }
    const name = input.status.search?.summaries.find((s) => s.traceID === wf.traceID)?.name ?? traceName(opened.trace);
    const drawn = waterfallLines({
      waterfall: wf,
      rows: visible,
      name,
      selected: display.selectedSpan,
      service: status.service,
      url: traceUrl(input.jaegerUrl, wf.traceID),
      hyperlinks: input.hyperlinks,
      width,
      lines: rows,
      nowMs: input.nowMs,
      glyphs,
    });
    const where = visible.length > drawn.shown ? [`${drawn.offset + 1}-${drawn.offset + drawn.shown} of ${visible.length} rows`] : [`${wf.rows.length} spans`];
    return { view: { title: title([`trace ${excerpt}`, ...where, 'Esc back']), height: rows, lines: lines([...drawn.lines]) }, screen: { ...base, items, parents, page: Math.max(1, drawn.shown) } };
  }

  // The list.
  const listed = listedTraces(status.search, display);
  const head: TracesLine[] = [];
  if (status.error !== null) {
    const stale = status.search !== null ? ` ${glyphs.dot} rows from ${formatDuration((input.nowMs - status.search.fetchedAtMs) / 1000)} ago` : '';
    head.push(fitLine([{ text: escapeControl(status.error), tone: 'bad' }, { text: ` ${glyphs.dot} retrying every ${formatInterval(input.refreshMs)}${stale}`, tone: 'dim' }], width, glyphs.ellipsis));
  }
  const notice = noticeText(display, status);
  if (notice !== null) head.push(text(notice, 'accent'));
  const filter = filterText(display, glyphs);
  if (filter !== null) head.push(text(filter, 'accent'));
  const room = Math.max(0, rows - head.length);
  const parts = [service];
  if (status.services.length > 1) parts.push(`1 of ${status.services.length} peers (v)`);
  const total = status.search?.summaries.length ?? 0;
  const countAt = parts.length;
  if (status.search !== null) parts.push(listed.length === total ? plural(total, 'trace') : `${listed.length} of ${total} traces`);
  parts.push(ORDER_LABEL[display.order]);
  if (status.searching && status.search === null) parts.push(`searching${glyphs.ellipsis}`);
  // (At least 0 s: the clock of the frame can lag the moment a search came back.)
  else if (status.search !== null && status.error === null) parts.push(`${formatDuration(Math.max(0, input.nowMs - status.search.fetchedAtMs) / 1000)} ago`);
  if (status.search === null || listed.length === 0) {
    const message = emptyMessage(input, total, filter !== null);
    const body = message === null ? [] : [text(message, 'dim')];
    return { view: { title: title(parts), height: rows, lines: lines([...head, ...body]) }, screen: base };
  }
  const drawn = traceListLines({ summaries: listed, selected: display.selectedTrace, service: status.service, width, rows: room, nowMs: input.nowMs, glyphs });
  // Which rows are shown goes right after the count: on a narrow title the order and age are cut first.
  if (drawn.shown < listed.length) parts.splice(countAt + 1, 0, `${drawn.offset + 1}-${drawn.offset + drawn.shown} of ${listed.length}`);
  return {
    view: { title: title(parts), height: rows, lines: lines([...head, ...drawn.lines]) },
    screen: { ...base, items: listed.map((s) => s.traceID), page: Math.max(1, drawn.shown) },
  };
}

/** The answer to a key that had nothing to do, or null. */
function noticeText(display: TracesDisplay, status: TracesStatus): string | null {
  if (display.notice !== 'single-service') return null;
  return status.service === null ? 'no peer service to pick yet' : `only one service: ${escapeControl(status.service)}`;
}

/** `operation Recv.Cluster.Pin · ≥ 43.2ms · errors only · x clears`, or null without a filter. */
function filterText(display: TracesDisplay, glyphs: Glyphs): string | null {
  const f = display.filter;
  const parts: string[] = [];
  if (f.operation !== undefined && f.operation !== '') parts.push(`operation ${escapeControl(f.operation)}`);
  if (f.minDurationUs !== undefined && f.minDurationUs > 0) parts.push(`span ${glyphs.atLeast} ${durationText(f.minDurationUs, glyphs)}`);
  if (f.errorsOnly === true) parts.push('errors only');
  return parts.length === 0 ? null : `filter: ${parts.join(` ${glyphs.dot} `)} ${glyphs.dot} x clears`;
}

function emptyMessage(input: TracesPaneInput, total: number, filtered: boolean): string | null {
  const { status } = input;
  if (status.search === null) {
    if (status.error !== null) return null;
    const what = status.service === null ? "the peer's service" : `traces of ${escapeControl(status.service)}`;
    return `asking Jaeger at ${escapeControl(input.jaegerUrl)} for ${what}${input.glyphs.ellipsis}`;
  }
  if (total > 0 || filtered) return `no trace matches the filter in the last ${formatDuration(input.lookbackMs / 1000)} (x clears it)`;
  return `no traces of ${escapeControl(status.search.service)} in the last ${formatDuration(input.lookbackMs / 1000)}`;
}

function picked(label: string, selected: boolean, input: TracesPaneInput): TracesLine {
  return fitLine([{ text: `${selected ? input.glyphs.marker : ' '} ${label}`, tone: 'plain' }], input.width, input.glyphs.ellipsis, selected);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
