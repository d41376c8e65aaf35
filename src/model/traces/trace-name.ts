// The trace name of a search row ("<service>: <operation>" of the root span) by the rules of the
// three Jaeger UI generations (docs/jaeger-api.md §2), which disagree exactly on the traces
// IPFS Cluster produces: a never-ending root (`cluster/pushInformerMetrics`) and a root whose
// reference points into the calling client's trace.

import { buildSpanTree } from './span-tree.js';
import type { Span, Trace } from './types.js';

/**
 * Which Jaeger UI derives the row:
 * 'A' = jaeger-ui 1.0 (Jaeger 1.9); 'B' = jaeger-ui 1.8 – 2.18 (client-side rows);
 * 'C' = jaeger-ui ≥ 2.19 (the server's trace summaries). Default 'C', the current UI.
 */
export type RowRules = 'A' | 'B' | 'C';

/** What Jaeger UI shows when a trace has no name. */
export const FALLBACK_TRACE_NAME = '<trace-without-root-span>';

/** The span that names the trace under `rules`, or null (the name is then ''). */
export function findRootSpan(trace: Trace, rules: RowRules = 'C'): Span | null {
  if (rules === 'A') return rootByFirstReference(trace);
  if (rules === 'B') return rootByFewestInternalRefs(trace);
  return rootByParentSpanId(trace);
}

/** `"<service>: <operation>"` of the root span, or '' when there is none. */
export function traceName(trace: Trace, rules: RowRules = 'C'): string {
  const root = findRootSpan(trace, rules);
  return root === null ? '' : joinName(root.process.serviceName, root.operationName);
}

/** The name as displayed: `name`, or FALLBACK_TRACE_NAME when it is empty. */
export function displayTraceName(name: string): string {
  return name === '' ? FALLBACK_TRACE_NAME : name;
}

/** `svc: op`, or whichever part exists (the v3 client's rule; A and B always have both). */
export function joinName(service: string, operation: string): string {
  if (service !== '' && operation !== '') return `${service}: ${operation}`;
  return service !== '' ? service : operation;
}

/** The parent span ID by jaeger-idl's ParentSpanID: first same-trace CHILD_OF, else FOLLOWS_FROM. */
export function parentSpanId(span: Span): string {
  let followsFrom = '';
  for (const ref of span.references) {
    if (ref.traceID !== span.traceID) continue;
    if (ref.refType === 'CHILD_OF') return ref.spanID;
    if (followsFrom === '') followsFrom = ref.spanID;
  }
  return followsFrom;
}

/** (A) Walk the references[0] tree; every span without references sets the name: the last wins. */
function rootByFirstReference(trace: Trace): Span | null {
  const tree = buildSpanTree(trace, 'first-reference');
  let root: Span | null = null;
  for (const i of tree.order) if (trace.spans[i].references.length === 0) root = trace.spans[i];
  return root;
}

/** (B) Spans with no reference into this trace; fewest references, then earliest start. */
function rootByFewestInternalRefs(trace: Trace): Span | null {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const tree = buildSpanTree(trace, 'first-resolvable');
  let best: Span | null = null;
  for (const i of tree.order) {
    const span = trace.spans[i];
    if (span.references.some((r) => r.traceID === span.traceID && ids.has(r.spanID))) continue;
    if (
      best === null ||
      span.references.length < best.references.length ||
      (span.references.length === best.references.length && span.startTimeUs < best.startTimeUs)
    ) {
      best = span;
    }
  }
  return best;
}

/** (C) Spans with no parent span ID; the earliest. An orphan has a parent, so it never names the trace. */
function rootByParentSpanId(trace: Trace): Span | null {
  let best: Span | null = null;
  for (const span of trace.spans) {
    if (parentSpanId(span) !== '') continue;
    if (best === null || span.startTimeUs < best.startTimeUs) best = span;
  }
  return best;
}
