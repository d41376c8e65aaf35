// The demo traces in Jaeger's wire formats: the UI JSON of `/api/traces` (Jaeger ≥ 1.16: padded
// IDs, per-trace `p1` process, spans in export order), OTLP-JSON of `/api/v3/traces` (hex IDs,
// nanosecond strings, integer enums, wrapped attribute values) and the trace summaries of
// `/api/v3/trace-summaries` (v2.19+, zero counts omitted as gogo jsonpb omits them).

import type { DemoSpan, DemoTag } from './demo-spans.js';
import type { DemoTrace } from './demo-traces.js';

/** Who reported the spans. */
export interface DemoProcess {
  readonly service: string;
  /** `cluster_id` process tag. */
  readonly peerId: string;
}

/** One trace as `/api/traces` puts it in `data[]`. */
export function toJaegerJson(trace: DemoTrace, process: DemoProcess): object {
  return {
    traceID: trace.traceID,
    spans: trace.spans.map((s) => ({
      traceID: trace.traceID,
      spanID: s.spanID,
      flags: 1,
      operationName: s.operationName,
      references: s.parentID === null ? [] : [{ refType: 'CHILD_OF', traceID: trace.traceID, spanID: s.parentID }],
      startTime: s.startUs,
      duration: s.durationUs,
      tags: s.tags,
      logs: s.logs.map((l) => ({ timestamp: l.timestampUs, fields: l.fields })),
      processID: 'p1',
      warnings: s.warnings.length === 0 ? null : s.warnings,
    })),
    processes: { p1: { serviceName: process.service, tags: [{ key: 'cluster_id', type: 'string', value: process.peerId }] } },
    warnings: null,
  };
}

/** Traces as one OTLP `{resourceSpans}` object (one resource: the peer). */
export function toOtlpJson(traces: readonly DemoTrace[], process: DemoProcess): object {
  return {
    resourceSpans: [
      {
        resource: { attributes: [attr({ key: 'service.name', type: 'string', value: process.service }), attr({ key: 'cluster_id', type: 'string', value: process.peerId })] },
        scopeSpans: [{ scope: {}, spans: traces.flatMap((t) => t.spans.map((s) => otlpSpan(t.traceID, s))) }],
      },
    ],
  };
}

const KIND = { internal: 1, server: 2, client: 3 } as const;

function otlpSpan(traceID: string, s: DemoSpan): object {
  const status = s.error ? { code: 2, message: String(s.tags.find((t) => t.key === 'status.message')?.value ?? '') } : {};
  return {
    traceId: traceID,
    spanId: s.spanID,
    ...(s.parentID === null ? {} : { parentSpanId: s.parentID }),
    name: s.operationName,
    kind: KIND[s.kind],
    startTimeUnixNano: nanos(s.startUs),
    endTimeUnixNano: nanos(s.startUs + s.durationUs),
    attributes: s.tags.filter((t) => t.key !== 'error').map(attr),
    events: s.logs.map((l) => ({
      timeUnixNano: nanos(l.timestampUs),
      name: String(l.fields.find((f) => f.key === 'message')?.value ?? ''),
      attributes: l.fields.filter((f) => f.key !== 'message').map(attr),
    })),
    status,
  };
}

/** One `/api/v3/trace-summaries` entry, computed as Jaeger's summarizeTrace does. */
export function toTraceSummary(trace: DemoTrace, process: DemoProcess): object {
  const ids = new Set(trace.spans.map((s) => s.spanID));
  const roots = trace.spans.filter((s) => s.parentID === null).sort((a, b) => a.startUs - b.startUs);
  const errors = trace.spans.filter((s) => s.error).length;
  const orphans = trace.spans.filter((s) => s.parentID !== null && !ids.has(s.parentID)).length;
  const root = roots[0];
  return omitZero({
    traceId: trace.traceID,
    rootServiceName: root === undefined ? '' : process.service,
    rootOperationName: root?.operationName ?? '',
    minStartTimeUnixNano: nanos(trace.startUs),
    maxEndTimeUnixNano: nanos(trace.endUs),
    spanCount: trace.spans.length,
    errorSpanCount: errors,
    orphanSpanCount: orphans,
    services: [omitZero({ name: process.service, spanCount: trace.spans.length, errorSpanCount: errors })],
  });
}

function attr(tag: DemoTag): object {
  const value = tag.type === 'bool' ? { boolValue: tag.value } : tag.type === 'int64' ? { intValue: String(tag.value) } : { stringValue: String(tag.value) };
  return { key: tag.key, value };
}

function nanos(us: number): string {
  return `${Math.round(us)}000`;
}

/** jsonpb's default: zero numbers and empty strings are left out. */
function omitZero(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== 0 && v !== ''));
}
