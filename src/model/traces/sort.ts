// Orders of the trace list: most recent first (Jaeger UI's default), longest, most spans,
// most errors. Ties fall back to most recent, then to the trace ID, so the order is total and
// a refresh that returns the same traces never reshuffles rows.

import type { TraceSummary } from './summary.js';

/** A sort order of the list. */
export type TraceOrder = 'most-recent' | 'longest' | 'most-spans' | 'most-errors';

/** Every order, in the order a key cycles through them. */
export const TRACE_ORDERS: readonly TraceOrder[] = ['most-recent', 'longest', 'most-spans', 'most-errors'];

/** A sorted copy of `summaries`. */
export function sortTraces<T extends TraceSummary>(summaries: readonly T[], order: TraceOrder = 'most-recent'): T[] {
  const key = primaryKey(order);
  return [...summaries].sort((a, b) => key(b) - key(a) || b.startTimeUs - a.startTimeUs || compareIds(a.traceID, b.traceID));
}

function primaryKey(order: TraceOrder): (s: TraceSummary) => number {
  switch (order) {
    case 'longest':
      return (s) => s.durationUs;
    case 'most-spans':
      return (s) => s.spanCount;
    case 'most-errors':
      return (s) => s.errorCount;
    case 'most-recent':
      return (s) => s.startTimeUs;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
