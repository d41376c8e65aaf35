// Reads OTLP-JSON (the `result` of Jaeger's `/api/v3/traces`) into internal Traces, the way
// Jaeger's own OTLP→Jaeger translation shows them: `service.name` becomes the process,
// the parent becomes a CHILD_OF reference and links FOLLOWS_FROM ones, events become logs,
// and the status adds `otel.status_code`, `otel.status_description` and `error=true`.
// Accepts hex IDs (≥1.54) and base64 IDs (1.25–1.53), integer or string enums, nanosecond
// times as decimal strings, and `instrumentationLibrarySpans` (before 1.50) for `scopeSpans`.

import { dedupeSpanIds, hasErrorTag } from './from-jaeger-json.js';
import { normalizeSpanId, normalizeTraceId } from './ids.js';
import type { KeyValue, Process, Span, SpanLog, SpanRef, Trace } from './types.js';

/** Service name Jaeger gives a resource without `service.name`. */
export const NO_SERVICE_NAME = 'OTLPResourceNoServiceName';

type Json = Record<string, unknown>;

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];

/**
 * Reads `{resourceSpans: […]}` (or a list of such chunks, as the streamed v3 gateway of
 * 1.25–1.52 sends) into traces, in order of first appearance of each trace ID.
 */
export function tracesFromOtlpJson(raw: unknown): Trace[] {
  const byTrace = new Map<string, Span[]>();
  for (const chunk of Array.isArray(raw) ? raw : [raw]) {
    if (!isObject(chunk)) continue;
    for (const resourceSpans of asArray(chunk.resourceSpans)) {
      if (!isObject(resourceSpans)) continue;
      const process = readResource(resourceSpans.resource);
      const scopes = asArray(resourceSpans.scopeSpans ?? resourceSpans.instrumentationLibrarySpans);
      for (const scopeSpans of scopes) {
        if (!isObject(scopeSpans)) continue;
        const scope = isObject(scopeSpans.scope) ? scopeSpans.scope : isObject(scopeSpans.instrumentationLibrary) ? scopeSpans.instrumentationLibrary : {};
        for (const rawSpan of asArray(scopeSpans.spans)) {
          if (!isObject(rawSpan)) continue;
          const span = readSpan(rawSpan, process, scope);
          if (span.traceID === '') continue;
          const list = byTrace.get(span.traceID);
          if (list === undefined) byTrace.set(span.traceID, [span]);
          else list.push(span);
        }
      }
    }
  }
  return [...byTrace].map(([traceID, spans]) => ({ traceID, spans: dedupeSpanIds(spans), warnings: [] }));
}

function readResource(raw: unknown): Process {
  const attributes = isObject(raw) ? readAttributes(raw.attributes) : [];
  const service = attributes.find((kv) => kv.key === 'service.name');
  return {
    serviceName: service !== undefined ? String(service.value) : NO_SERVICE_NAME,
    tags: attributes.filter((kv) => kv.key !== 'service.name'),
  };
}

function readSpan(raw: Json, process: Process, scope: Json): Span {
  const traceID = normalizeTraceId(raw.traceId);
  const startNs = toNanos(raw.startTimeUnixNano);
  const endNs = toNanos(raw.endTimeUnixNano);
  const references: SpanRef[] = [];
  const parent = typeof raw.parentSpanId === 'string' && raw.parentSpanId !== '' ? normalizeSpanId(raw.parentSpanId) : '';
  if (parent !== '') references.push({ refType: 'CHILD_OF', traceID, spanID: parent });
  for (const link of asArray(raw.links)) {
    if (!isObject(link)) continue;
    const attrs = readAttributes(link.attributes);
    const childOf = attrs.some((kv) => kv.key === 'opentracing.ref_type' && kv.value === 'child_of');
    references.push({ refType: childOf ? 'CHILD_OF' : 'FOLLOWS_FROM', traceID: normalizeTraceId(link.traceId), spanID: normalizeSpanId(link.spanId) });
  }
  const tags: KeyValue[] = [];
  if (typeof scope.name === 'string' && scope.name !== '') tags.push(str('otel.scope.name', scope.name));
  if (typeof scope.version === 'string' && scope.version !== '') tags.push(str('otel.scope.version', scope.version));
  tags.push(...readAttributes(raw.attributes));
  const kind = enumIndex(raw.kind, 'SPAN_KIND_', KINDS);
  if (kind > 0) tags.push(str('span.kind', KINDS[kind]));
  const status = isObject(raw.status) ? raw.status : {};
  const code = enumIndex(status.code, 'STATUS_CODE_', ['unset', 'ok', 'error']);
  if (code === 1) tags.push(str('otel.status_code', 'OK'));
  if (code === 2) tags.push(str('otel.status_code', 'ERROR'), { key: 'error', type: 'bool', value: true });
  if (typeof status.message === 'string' && status.message !== '') tags.push(str('otel.status_description', status.message));
  return {
    traceID,
    spanID: normalizeSpanId(raw.spanId),
    operationName: typeof raw.name === 'string' ? raw.name : '',
    references,
    startTimeUs: Number(startNs / 1000n),
    durationUs: endNs > startNs ? Number((endNs - startNs) / 1000n) : 0,
    tags,
    logs: asArray(raw.events).filter(isObject).map(readEvent),
    process,
    warnings: [],
    isError: hasErrorTag(tags),
  };
}

function readEvent(event: Json): SpanLog {
  const fields: KeyValue[] = [];
  if (typeof event.name === 'string' && event.name !== '') fields.push(str('event', event.name));
  fields.push(...readAttributes(event.attributes));
  return { timestampUs: Number(toNanos(event.timeUnixNano) / 1000n), fields };
}

/** OTLP `[{key, value: AnyValue}]` as Jaeger tags. */
function readAttributes(raw: unknown): KeyValue[] {
  const out: KeyValue[] = [];
  for (const attr of asArray(raw)) {
    if (!isObject(attr) || typeof attr.key !== 'string') continue;
    out.push(anyValue(attr.key, attr.value));
  }
  return out;
}

function anyValue(key: string, raw: unknown): KeyValue {
  const v = isObject(raw) ? raw : {};
  if (typeof v.stringValue === 'string') return str(key, v.stringValue);
  if (typeof v.boolValue === 'boolean') return { key, type: 'bool', value: v.boolValue };
  if (v.intValue !== undefined) {
    const text = String(v.intValue);
    const n = Number(text);
    return { key, type: 'int64', value: Number.isSafeInteger(n) ? n : text };
  }
  if (v.doubleValue !== undefined) return { key, type: 'float64', value: Number(v.doubleValue) };
  if (typeof v.bytesValue === 'string') return { key, type: 'binary', value: v.bytesValue };
  return str(key, JSON.stringify(plain(raw)));
}

/** AnyValue arrays and maps as plain JSON values (Jaeger shows them as JSON strings). */
function plain(raw: unknown): unknown {
  if (!isObject(raw)) return null;
  if (isObject(raw.arrayValue)) return asArray(raw.arrayValue.values).map(plain);
  if (isObject(raw.kvlistValue)) {
    const out: Record<string, unknown> = {};
    for (const kv of asArray(raw.kvlistValue.values)) if (isObject(kv) && typeof kv.key === 'string') out[kv.key] = plain(kv.value);
    return out;
  }
  const single = anyValue('', raw);
  return single.value;
}

function str(key: string, value: string): KeyValue {
  return { key, type: 'string', value };
}

/** An integer enum or its proto name (`SPAN_KIND_SERVER`) as an index into `names`. */
function enumIndex(raw: unknown, prefix: string, names: readonly string[]): number {
  if (typeof raw === 'number') return Number.isInteger(raw) && raw >= 0 && raw < names.length ? raw : 0;
  if (typeof raw === 'string') {
    const i = names.indexOf(raw.replace(prefix, '').toLowerCase());
    return i < 0 ? 0 : i;
  }
  return 0;
}

function toNanos(raw: unknown): bigint {
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return BigInt(raw);
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) return BigInt(Math.floor(raw));
  return 0n;
}

function asArray(raw: unknown): readonly unknown[] {
  return Array.isArray(raw) ? raw : [];
}

function isObject(raw: unknown): raw is Json {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
