// The latency pane: one row per RPC method with its current quantile, calls per second and a
// one-row sparkline of the quantile over the kept trend. Methods are filtered by substring,
// sorted by latency, calls or name, and scrolled so the selected row stays visible. Without
// gorpc histograms the pane explains how to enable them.

import { TRACING_HINT } from './cluster-catalogue.js';
import type { Glyphs } from './glyphs.js';
import { quantileSeries, type TrendPoint } from './latency-trend.js';
import { paneTitle, type PaneTitleView } from './pane-view.js';
import { methodQuantile } from './rpc-latency.js';
import type { PeerSnapshot } from './snapshot.js';
import { sparkline } from './sparkline.js';
import { padEnd, padStart, textWidth, wrapText } from './text-fit.js';
import { formatDuration, formatMs, formatRate, quantileName } from './units.js';
import { escapeControl, escapePrefix } from '../util/escape-control.js';

/** How the method rows are ordered. */
export type SortMode = 'latency' | 'calls' | 'name';

/** The sort modes in the order `s` cycles through them. */
export const SORT_MODES: readonly SortMode[] = ['latency', 'calls', 'name'];

/** One method's numbers at the newest scrape. */
export interface MethodFigures {
  readonly method: string;
  /** Latency quantile, ms; null without calls in the window. */
  readonly latencyMs: number | null;
  /** Calls per second; null with fewer than two samples. */
  readonly callsPerSecond: number | null;
}

/** One row of the pane, every field fitted to its column. */
export interface LatencyRowView {
  readonly marker: string;
  readonly method: string;
  readonly latency: string;
  readonly calls: string;
  readonly spark: string;
  readonly selected: boolean;
}

/** The latency pane. */
export interface LatencyView {
  readonly title: PaneTitleView;
  /** Rows below the title. */
  readonly height: number;
  /** Column captions, or null when `message` is shown instead of rows. */
  readonly header: string | null;
  readonly rows: readonly LatencyRowView[];
  /** Explanation lines shown instead of rows. */
  readonly message: readonly string[];
}

/** The display settings the pane depends on. */
export interface LatencySettings {
  readonly quantile: number;
  readonly sort: SortMode;
  readonly filter: string;
  /** Selected method; null selects the first row. */
  readonly selected: string | null;
}

/** What the latency pane is made of. */
export interface LatencyInput extends LatencySettings {
  readonly snapshot: PeerSnapshot | null;
  readonly trend: readonly TrendPoint[];
  readonly filterEditing: boolean;
  readonly focused: boolean;
  readonly width: number;
  /** Rows including the title. */
  readonly height: number;
  readonly glyphs: Glyphs;
  /** Why the last scrape failed (one escaped line), shown whole while there is no data yet. */
  readonly failure?: string | null;
}

const MARKER_WIDTH = 2;
const LATENCY_WIDTH = 10;
const CALLS_WIDTH = 9;
const GAP = 2;
const NAME_MIN = 12;
const NAME_MAX = 28;
const SPARK_MIN = 8;

/** The methods in display order: filtered by substring (any case), then sorted (quantiles read, not computed: see latency-trend.ts). */
export function methodFigures(snapshot: PeerSnapshot | null, settings: Omit<LatencySettings, 'selected'>): MethodFigures[] {
  if (snapshot === null) return [];
  const needle = settings.filter.toLowerCase();
  const rows: MethodFigures[] = [];
  for (const rates of snapshot.methodRates) {
    if (needle !== '' && !rates.method.toLowerCase().includes(needle)) continue;
    const q = methodQuantile(settings.quantile, rates);
    rows.push({
      method: rates.method,
      latencyMs: Number.isFinite(q) ? q : null,
      callsPerSecond: Number.isFinite(rates.callsPerSecond) ? rates.callsPerSecond : null,
    });
  }
  return rows.sort(comparator(settings.sort));
}

function comparator(sort: SortMode): (a: MethodFigures, b: MethodFigures) => number {
  const byName = (a: MethodFigures, b: MethodFigures) => (a.method < b.method ? -1 : a.method > b.method ? 1 : 0);
  if (sort === 'name') return byName;
  const key = sort === 'latency' ? (f: MethodFigures) => f.latencyMs : (f: MethodFigures) => f.callsPerSecond;
  return (a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      if (x !== y) return y - x;
    }
    return byName(a, b);
  };
}

/** Index of the selected method in `methods` (the first row when it is not there). */
export function selectedIndex(methods: readonly { method: string }[], selected: string | null): number {
  const i = selected === null ? -1 : methods.findIndex((m) => m.method === selected);
  return i < 0 ? 0 : i;
}

/** Rows above the method rows: the title and the column captions. */
const TITLE_AND_CAPTION_ROWS = 2;

/** Rows the pane needs to show every method (filtered or not); undefined while no method is known. */
export function latencyPaneRows(snapshot: PeerSnapshot | null): number | undefined {
  const methods = snapshot?.methodRates.length ?? 0;
  return methods > 0 ? methods + TITLE_AND_CAPTION_ROWS : undefined;
}

/** Builds the latency pane. */
export function buildLatencyView(input: LatencyInput): LatencyView {
  const { glyphs, width, snapshot } = input;
  const height = Math.max(0, input.height - 1);
  const figures = methodFigures(snapshot, input);
  const total = snapshot?.methodRates.length ?? 0;
  const visible = Math.max(0, input.height - TITLE_AND_CAPTION_ROWS);
  const sel = selectedIndex(figures, input.selected);
  const offset = Math.max(0, Math.min(sel - visible + 1, figures.length - visible));
  const q = quantileName(input.quantile);
  const parts = [`RPC latency ${q}`];
  if (snapshot !== null) parts.push(`${formatDuration(snapshot.windowMs / 1000)} window`);
  parts.push(`by ${input.sort}`);
  if (input.filter !== '' || input.filterEditing) parts.push(`/${escapeControl(input.filter)}${input.filterEditing ? '_' : ''}`);
  if (figures.length > visible && visible > 0) parts.push(`${offset + 1}-${Math.min(figures.length, offset + visible)} of ${figures.length}`);
  const title = paneTitle(parts.join(` ${glyphs.dot} `), width, input.focused, glyphs);

  const message = emptyMessage(snapshot, total, figures.length, input.filter, width, input.failure ?? null);
  if (message !== null) return { title, height, header: null, rows: [], message: message.slice(0, height) };

  const longest = figures.reduce((m, f) => Math.max(m, textWidth(escapePrefix(f.method, NAME_MAX))), 0);
  const fixed = MARKER_WIDTH + LATENCY_WIDTH + CALLS_WIDTH + GAP;
  const nameWidth = Math.max(1, Math.min(Math.max(NAME_MIN, Math.min(NAME_MAX, longest)), width - fixed - SPARK_MIN));
  const sparkWidth = Math.max(0, width - fixed - nameWidth);
  const e = glyphs.ellipsis;
  const header =
    ' '.repeat(MARKER_WIDTH) +
    padEnd('method', nameWidth, e) +
    padStart(q, LATENCY_WIDTH, e) +
    padStart('calls/s', CALLS_WIDTH, e) +
    ' '.repeat(GAP) +
    padEnd(`${q} trend`, sparkWidth, e);
  const rows = figures.slice(offset, offset + visible).map((f, i): LatencyRowView => {
    const selected = offset + i === sel;
    return {
      marker: padEnd(selected ? glyphs.marker : '', MARKER_WIDTH, e),
      method: padEnd(escapePrefix(f.method, nameWidth), nameWidth, e),
      latency: padStart(formatMs(f.latencyMs), LATENCY_WIDTH, e),
      calls: padStart(formatRate(f.callsPerSecond), CALLS_WIDTH, e),
      spark: ' '.repeat(GAP) + sparkline(quantileSeries(input.trend, f.method, input.quantile), sparkWidth, { ramp: glyphs.ramp }),
      selected,
    };
  });
  return { title, height, header, rows, message: [] };
}

function emptyMessage(snapshot: PeerSnapshot | null, total: number, shown: number, filter: string, width: number, failure: string | null): string[] | null {
  // The header has room for the start of a failure only: before any data, this pane shows it whole.
  if (snapshot === null) return failure === null ? ['waiting for the first scrape'] : [...wrapText('no data yet; the last scrape failed:', width), ...wrapText(failure, width)];
  if (snapshot.missing.rpcLatency) return wrapText(TRACING_HINT, width);
  if (total === 0) return ['no RPC calls seen yet'];
  if (shown === 0) return [`no method matches "${escapeControl(filter)}" (Esc clears the filter)`];
  return null;
}
