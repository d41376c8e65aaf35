// Reads one trace object of Jaeger's UI JSON (what `/api/traces` returns inside `data[]`, from
// 1.9 to v2) into the internal Trace. Tolerates what old and odd servers send: unpadded IDs,
// `null` arrays (1.9), process IDs missing from `processes`, int64 values as strings, and
// duplicate span IDs (renamed `<id>_<n>` in order of appearance, as Jaeger UI does).

import { normalizeSpanId, normalizeTraceId } from './ids.js';
import type { KeyValue, Process, RefType, Span, SpanLog, SpanRef, TagValue, Trace } from './types.js';

/** The process given to a span whose processID is not in the trace's `processes`. */
export const UNKNOWN_PROCESS: Process = { serviceName: 'unknown-service', tags: [] };

type Json = Record<string, unknown>;

/** Reads one UI-JSON trace object; null when it is not an object or has no trace ID. */
export function traceFromJaegerJson(raw: unknown): Trace | null {
  if (!isObject(raw)) return null;
  const traceID = normalizeTraceId(raw.traceID);
  if (traceID === '') return null;
  const processes = readProcesses(raw.processes);
  const spans: Span[] = [];
  for (const rawSpan of asArray(raw.spans)) {
    if (isObject(rawSpan)) spans.push(readSpan(rawSpan, traceID, processes));
  }
  return { traceID, spans: dedupeSpanIds(spans), warnings: readStrings(raw.warnings) };
}

/** Renames the 2nd, 3rd, … span sharing an ID to `<id>_1`, `<id>_2`, … (Jaeger UI's rule). */
export function dedupeSpanIds(spans: readonly Span[]): Span[] {
  const seen = new Map<string, number>();
  return spans.map((span) => {
    const count = seen.get(span.spanID);
    seen.set(span.spanID, (count ?? 0) + 1);
    return count === undefined ? span : { ...span, spanID: `${span.spanID}_${count}` };
  });
}

/** True when a tag list holds Jaeger UI's error marker: key `error`, value true or "true". */
export function hasErrorTag(tags: readonly KeyValue[]): boolean {
  return tags.some((tag) => tag.key === 'error' && (tag.value === true || tag.value === 'true'));
}

function readSpan(raw: Json, traceID: string, processes: ReadonlyMap<string, Process>): Span {
  const tags = readKeyValues(raw.tags);
  const ownTrace = normalizeTraceId(raw.traceID);
  return {
    traceID: ownTrace === '' ? traceID : ownTrace,
    spanID: normalizeSpanId(raw.spanID),
    operationName: typeof raw.operationName === 'string' ? raw.operationName : '',
    references: readRefs(raw.references),
    startTimeUs: toMicros(raw.startTime),
    durationUs: toMicros(raw.duration),
    tags,
    logs: readLogs(raw.logs),
    process: processes.get(String(raw.processID)) ?? readInlineProcess(raw.process) ?? UNKNOWN_PROCESS,
    warnings: readStrings(raw.warnings),
    isError: hasErrorTag(tags),
  };
}

function readProcesses(raw: unknown): Map<string, Process> {
  const out = new Map<string, Process>();
  if (!isObject(raw)) return out;
  for (const [id, value] of Object.entries(raw)) {
    const process = readInlineProcess(value);
    if (process !== undefined) out.set(id, process);
  }
  return out;
}

/** A `{serviceName, tags}` object (also the embedded `process` of some exports). */
function readInlineProcess(raw: unknown): Process | undefined {
  if (!isObject(raw)) return undefined;
  const serviceName = typeof raw.serviceName === 'string' ? raw.serviceName : UNKNOWN_PROCESS.serviceName;
  return { serviceName, tags: readKeyValues(raw.tags) };
}

function readRefs(raw: unknown): SpanRef[] {
  const refs: SpanRef[] = [];
  for (const ref of asArray(raw)) {
    if (!isObject(ref)) continue;
    const refType: RefType = ref.refType === 'FOLLOWS_FROM' ? 'FOLLOWS_FROM' : 'CHILD_OF';
    refs.push({ refType, traceID: normalizeTraceId(ref.traceID), spanID: normalizeSpanId(ref.spanID) });
  }
  return refs;
}

function readLogs(raw: unknown): SpanLog[] {
  const logs: SpanLog[] = [];
  for (const log of asArray(raw)) {
    if (!isObject(log)) continue;
    logs.push({ timestampUs: toMicros(log.timestamp), fields: readKeyValues(log.fields) });
  }
  return logs;
}

/** Tags as sent; a value of another JSON type (null, object) becomes its JSON text. */
export function readKeyValues(raw: unknown): KeyValue[] {
  const out: KeyValue[] = [];
  for (const kv of asArray(raw)) {
    if (!isObject(kv) || typeof kv.key !== 'string') continue;
    const v = kv.value;
    const value: TagValue = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v ?? null);
    out.push({ key: kv.key, type: typeof kv.type === 'string' ? kv.type : typeof value === 'boolean' ? 'bool' : 'string', value });
  }
  return out;
}

function readStrings(raw: unknown): string[] {
  return asArray(raw).filter((w): w is string => typeof w === 'string');
}

/** A non-negative integer count of µs from a JSON number or decimal string; 0 otherwise. */
function toMicros(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

function asArray(raw: unknown): readonly unknown[] {
  return Array.isArray(raw) ? raw : [];
}

function isObject(raw: unknown): raw is Json {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
