// The trace detail timeline as plain data: spans in pre-order by start time with their depth
// (Jaeger UI's transformTraceData), orphans and cycle entries as top-level rows, the error
// flags, and collapse/expand applied as a pure function of a set of collapsed span IDs. A
// collapsed parent hides the contiguous run of deeper rows after it and is flagged when one
// of them has an error. Built without recursion: 10 000-deep chains and cycles are fine.

import { buildSpanTree } from './span-tree.js';
import type { Span, Trace } from './types.js';

/** One span's row in the full (nothing collapsed) timeline. */
export interface WaterfallRow {
  /** The span. */
  readonly span: Span;
  /** Nesting depth, 0 for top-level rows. */
  readonly depth: number;
  /** True when the span has children in the timeline. */
  readonly hasChildren: boolean;
  /** Rows below this one that belong to its subtree. */
  readonly descendants: number;
  /** A top-level row whose references resolve to no span of the trace ("missing parent"). */
  readonly missingParent: boolean;
  /** A top-level row only reachable through a reference cycle. */
  readonly inCycle: boolean;
  /** Start relative to the trace start, µs. */
  readonly relativeStartUs: number;
  /** The span itself has `error=true`. */
  readonly isError: boolean;
  /** Some descendant has `error=true`. */
  readonly descendantError: boolean;
}

/** The full timeline of one trace. */
export interface Waterfall {
  /** Normalised trace ID. */
  readonly traceID: string;
  /** Earliest span start, µs since the epoch. */
  readonly startUs: number;
  /** Latest span end, µs since the epoch. */
  readonly endUs: number;
  /** Largest depth + 1 (Jaeger UI's header "Depth"). */
  readonly depth: number;
  /** Distinct services. */
  readonly services: number;
  /** Every span once, in pre-order. */
  readonly rows: readonly WaterfallRow[];
}

/** A row as shown under a collapse state. */
export interface VisibleRow extends WaterfallRow {
  /** Index into `Waterfall.rows`. */
  readonly row: number;
  /** Its subtree is hidden. */
  readonly collapsed: boolean;
  /** Collapsed, and a hidden descendant has an error (flag the parent). */
  readonly hiddenError: boolean;
}

/** Lays out the full timeline of `trace`. */
export function buildWaterfall(trace: Trace): Waterfall {
  const spans = trace.spans;
  const tree = buildSpanTree(trace, 'first-resolvable');
  let startUs = Infinity;
  let endUs = 0;
  for (const s of spans) {
    if (s.startTimeUs <= 0) continue;
    startUs = Math.min(startUs, s.startTimeUs);
    endUs = Math.max(endUs, s.startTimeUs + s.durationUs);
  }
  if (startUs === Infinity) startUs = endUs = 0;

  const n = spans.length;
  const order = tree.order;
  // Subtree extent in pre-order: a row's subtree ends at the next row that is not deeper.
  const end = new Int32Array(n).fill(n);
  const open: number[] = [];
  for (let p = 0; p < n; p++) {
    const d = tree.depth[order[p]];
    while (open.length > 0 && tree.depth[order[open[open.length - 1]]] >= d) end[open.pop()!] = p;
    open.push(p);
  }
  // Error below: scan backwards, each row inheriting from the rows of its subtree.
  const errorBelow = new Uint8Array(n + 1);
  const errorFrom = new Int32Array(n + 1).fill(n); // first position ≥ p whose span is an error
  for (let p = n - 1; p >= 0; p--) errorFrom[p] = spans[order[p]].isError ? p : errorFrom[p + 1];
  for (let p = 0; p < n; p++) errorBelow[p] = errorFrom[p + 1] < end[p] ? 1 : 0;

  let maxDepth = -1;
  const rows: WaterfallRow[] = new Array<WaterfallRow>(n);
  for (let p = 0; p < n; p++) {
    const i = order[p];
    const span = spans[i];
    maxDepth = Math.max(maxDepth, tree.depth[i]);
    rows[p] = {
      span,
      depth: tree.depth[i],
      hasChildren: tree.childCount[i] > 0,
      descendants: end[p] - p - 1,
      missingParent: tree.top[i] === 'orphan',
      inCycle: tree.top[i] === 'cycle',
      relativeStartUs: span.startTimeUs > 0 ? span.startTimeUs - startUs : 0,
      isError: span.isError,
      descendantError: errorBelow[p] === 1,
    };
  }
  return {
    traceID: trace.traceID,
    startUs,
    endUs,
    depth: maxDepth + 1,
    services: new Set(spans.map((s) => s.process.serviceName)).size,
    rows,
  };
}

/** The rows shown when the spans in `collapsed` (by span ID) have their subtrees hidden. */
export function visibleRows(waterfall: Waterfall, collapsed: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const rows = waterfall.rows;
  let p = 0;
  while (p < rows.length) {
    const row = rows[p];
    const isCollapsed = row.hasChildren && collapsed.has(row.span.spanID);
    out.push({ ...row, row: p, collapsed: isCollapsed, hiddenError: isCollapsed && row.descendantError });
    p += isCollapsed ? row.descendants + 1 : 1;
  }
  return out;
}

/** Nothing collapsed. */
export const EXPANDED: ReadonlySet<string> = new Set();
