// The list filters: by operation (an exact name or an operation group such as
// `POST /pins/{cid}`), by minimum duration, and errors only. Like Jaeger's own search, the
// operation and the minimum duration must hold on one and the same span; so the `t` jump
// (operation `Recv.Cluster.Pin`, minimum = the method's quantile) lists the slow calls.

import { operationGroup } from './operation-group.js';
import type { OperationStat, TraceSummary } from './summary.js';

/** What the list shows; every field optional. */
export interface TraceFilter {
  /** An exact operation name or an operationGroup() key. */
  readonly operation?: string;
  /** Minimum span duration, µs. */
  readonly minDurationUs?: number;
  /** Only traces with at least one error span. */
  readonly errorsOnly?: boolean;
}

/** True when the trace passes every criterion of the filter. */
export function matchesFilter(summary: TraceSummary, filter: TraceFilter): boolean {
  if (filter.errorsOnly === true && summary.errorCount === 0) return false;
  const op = filter.operation ?? '';
  const min = filter.minDurationUs ?? 0;
  if (op === '' && min <= 0) return true;
  return operationsOf(summary).some(
    (stat) => (op === '' || stat.name === op || operationGroup(stat.name) === op) && stat.maxDurationUs >= min,
  );
}

/** The traces that pass the filter, in their order. */
export function filterTraces<T extends TraceSummary>(summaries: readonly T[], filter: TraceFilter): T[] {
  return summaries.filter((s) => matchesFilter(s, filter));
}

/** One entry of the operation picker. */
export interface OperationGroupCount {
  /** The group key (an operation name when it is its own group). */
  readonly key: string;
  /** Traces that contain it. */
  readonly traces: number;
}

/** The operation groups present in the traces, with how many traces hold each, sorted by key. */
export function operationGroups(summaries: readonly TraceSummary[]): OperationGroupCount[] {
  const counts = new Map<string, number>();
  for (const summary of summaries) {
    const keys = new Set(operationsOf(summary).map((stat) => operationGroup(stat.name)));
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .map(([key, traces]) => ({ key, traces }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Per-operation figures; from a server summary only the root operation and trace duration are known. */
function operationsOf(summary: TraceSummary): readonly OperationStat[] {
  if (summary.operations !== null) return summary.operations;
  if (summary.rootOperation === '') return [];
  return [{ name: summary.rootOperation, maxDurationUs: summary.durationUs, count: 1 }];
}
