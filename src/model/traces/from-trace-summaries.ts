// Reads the rows of Jaeger ≥ 2.19's `/api/v3/trace-summaries` (`{"summaries":[…]}`, empty
// fields omitted by jsonpb, times as decimal strings of nanoseconds). The server applied the
// current UI's rules ('C') already, so only the per-operation figures are unknown.

import { normalizeTraceId } from './ids.js';
import { sortServices, type ServiceCount, type TraceSummary } from './summary.js';
import { joinName } from './trace-name.js';

type Json = Record<string, unknown>;

/** The rows of a trace-summaries response body (`{}` means none); unreadable entries are skipped. */
export function summariesFromV3Json(raw: unknown): TraceSummary[] {
  if (!isObject(raw) || !Array.isArray(raw.summaries)) return [];
  const out: TraceSummary[] = [];
  for (const entry of raw.summaries) {
    const row = isObject(entry) ? readSummary(entry) : null;
    if (row !== null) out.push(row);
  }
  return out;
}

function readSummary(raw: Json): TraceSummary | null {
  const traceID = normalizeTraceId(raw.traceId);
  if (traceID === '') return null;
  const start = nanosToMicros(raw.minStartTimeUnixNano);
  const end = nanosToMicros(raw.maxEndTimeUnixNano);
  const services: ServiceCount[] = [];
  for (const svc of Array.isArray(raw.services) ? raw.services : []) {
    if (!isObject(svc) || typeof svc.name !== 'string') continue;
    services.push({ name: svc.name, count: count(svc.spanCount), errors: count(svc.errorSpanCount) });
  }
  const rootService = text(raw.rootServiceName);
  const rootOperation = text(raw.rootOperationName);
  return {
    traceID,
    name: joinName(rootService, rootOperation),
    rootService,
    rootOperation,
    startTimeUs: start,
    durationUs: Math.max(0, end - start),
    spanCount: count(raw.spanCount),
    errorCount: count(raw.errorSpanCount),
    orphanCount: count(raw.orphanSpanCount),
    services: sortServices(services),
    operations: null,
  };
}

function nanosToMicros(raw: unknown): number {
  if (typeof raw === 'string' && /^\d+$/.test(raw)) return Number(BigInt(raw) / 1000n);
  if (typeof raw === 'number' && Number.isFinite(raw) && raw > 0) return Math.floor(raw / 1000);
  return 0;
}

function count(raw: unknown): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : 0;
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

function text(raw: unknown): string {
  return typeof raw === 'string' ? raw : '';
}

function isObject(raw: unknown): raw is Json {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
