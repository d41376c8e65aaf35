// One search-result row per trace, derived as Jaeger UI derives it (docs/jaeger-api.md §2):
// name from the root rules, duration = last end − first start over spans with a start time,
// span count, errors = spans tagged `error=true`, services with span (and error) counts
// sorted by name, orphans, and the per-operation figures the list filters need.

import { buildSpanTree } from './span-tree.js';
import { findRootSpan, joinName, parentSpanId, type RowRules } from './trace-name.js';
import type { Trace } from './types.js';

/** One service pill: `name (count)`. */
export interface ServiceCount {
  /** Service name. */
  readonly name: string;
  /** Spans of this service. */
  readonly count: number;
  /** Of which carry `error=true`. */
  readonly errors: number;
}

/** What the filters need to know about one operation name in a trace. */
export interface OperationStat {
  /** Operation name as sent. */
  readonly name: string;
  /** Longest span with this name, µs. */
  readonly maxDurationUs: number;
  /** Spans with this name. */
  readonly count: number;
}

/** A search-result row. */
export interface TraceSummary {
  /** Normalised trace ID. */
  readonly traceID: string;
  /** `"<service>: <operation>"` of the root, '' when there is none (shown as `<trace-without-root-span>`). */
  readonly name: string;
  /** Service of the root span ('' when there is none). */
  readonly rootService: string;
  /** Operation of the root span ('' when there is none). */
  readonly rootOperation: string;
  /** Start of the earliest span, µs since the epoch (0 when no span has a start time). */
  readonly startTimeUs: number;
  /** Last end − first start, µs. */
  readonly durationUs: number;
  /** Number of spans. */
  readonly spanCount: number;
  /** Spans with `error=true`. */
  readonly errorCount: number;
  /** Spans whose parent is not in the trace ("Incomplete" when > 0). */
  readonly orphanCount: number;
  /** Services with counts, sorted by name. */
  readonly services: readonly ServiceCount[];
  /** Per operation name, in order of first appearance; null when only a server summary is known. */
  readonly operations: readonly OperationStat[] | null;
}

/** Summarises one trace by the given UI generation's rules (default 'C', the current UI). */
export function summarizeTrace(trace: Trace, rules: RowRules = 'C'): TraceSummary {
  let start = Infinity;
  let end = 0;
  let errorCount = 0;
  const services = new Map<string, { count: number; errors: number }>();
  const operations = new Map<string, { maxDurationUs: number; count: number }>();
  for (const span of trace.spans) {
    if (span.startTimeUs > 0) {
      start = Math.min(start, span.startTimeUs);
      end = Math.max(end, span.startTimeUs + span.durationUs);
    }
    if (span.isError) errorCount++;
    const svc = services.get(span.process.serviceName) ?? { count: 0, errors: 0 };
    svc.count++;
    if (span.isError) svc.errors++;
    services.set(span.process.serviceName, svc);
    const op = operations.get(span.operationName) ?? { maxDurationUs: 0, count: 0 };
    op.count++;
    op.maxDurationUs = Math.max(op.maxDurationUs, span.durationUs);
    operations.set(span.operationName, op);
  }
  const hasStart = start !== Infinity;
  const root = findRootSpan(trace, rules);
  const rootService = root?.process.serviceName ?? '';
  const rootOperation = root?.operationName ?? '';
  return {
    traceID: trace.traceID,
    name: root === null ? '' : joinName(rootService, rootOperation),
    rootService,
    rootOperation,
    startTimeUs: hasStart ? start : 0,
    durationUs: hasStart ? end - start : 0,
    spanCount: trace.spans.length,
    errorCount,
    orphanCount: rules === 'C' ? orphansByParentSpanId(trace) : orphansByResolution(trace),
    services: sortServices([...services].map(([name, c]) => ({ name, count: c.count, errors: c.errors }))),
    operations: [...operations].map(([name, o]) => ({ name, maxDurationUs: o.maxDurationUs, count: o.count })),
  };
}

/** Services sorted by name (UTF-16 order, as lodash sortBy). */
export function sortServices(services: ServiceCount[]): ServiceCount[] {
  return services.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** (C) Spans whose same-trace parent span ID names no span of the trace. */
function orphansByParentSpanId(trace: Trace): number {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  let n = 0;
  for (const span of trace.spans) {
    const p = parentSpanId(span);
    if (p !== '' && !ids.has(p)) n++;
  }
  return n;
}

/** (A, B) Spans with references none of which resolves by span ID (a cross-trace ref counts). */
function orphansByResolution(trace: Trace): number {
  return buildSpanTree(trace).top.filter((t) => t === 'orphan').length;
}
