// The search parameters of each Jaeger API generation (docs/jaeger-api.md §1): v1 `/api/traces`
// takes µs since the epoch and Go duration strings; v3 takes RFC 3339 times with nanoseconds,
// camelCase names since v2.19 and snake_case before (main still accepts both, so the full
// `/api/v3/traces` search sends both and reaches every version).

/** One search, in the caller's units. */
export interface SearchWindow {
  /** Service to search (required by every version). */
  readonly service: string;
  /** Window start, µs since the epoch. */
  readonly startUs: number;
  /** Window end, µs since the epoch. */
  readonly endUs: number;
  /** Maximum number of traces. */
  readonly limit: number;
  /** Minimum span duration, µs (0 or absent: none). */
  readonly minDurationUs?: number;
  /** Exact operation name ('' or absent: all). */
  readonly operation?: string;
}

/** A Go `time.ParseDuration` string for a count of µs: `500us`, `1.5ms`, `2.5s`. */
export function formatGoDuration(us: number): string {
  const whole = Math.max(0, Math.round(us));
  if (whole < 1000) return `${whole}us`;
  if (whole < 1_000_000) return `${whole / 1000}ms`;
  return `${whole / 1_000_000}s`;
}

/** RFC 3339 with microseconds, UTC: `2026-11-24T20:15:00.000000Z`. */
export function rfc3339FromMicros(us: number): string {
  const whole = Math.floor(us);
  const seconds = Math.floor(whole / 1_000_000);
  const fraction = String(whole - seconds * 1_000_000).padStart(6, '0');
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** `GET /api/traces` parameters (Jaeger 1.9 – v2.20). */
export function v1SearchParams(w: SearchWindow): Record<string, string | number | undefined> {
  return {
    service: w.service,
    operation: nonEmpty(w.operation),
    start: Math.floor(w.startUs),
    end: Math.floor(w.endUs),
    limit: w.limit,
    minDuration: minDuration(w),
  };
}

/** `GET /api/v3/trace-summaries` parameters (v2.19+: camelCase). */
export function v3SummaryParams(w: SearchWindow): Record<string, string | number | undefined> {
  return {
    'query.serviceName': w.service,
    'query.operationName': nonEmpty(w.operation),
    'query.startTimeMin': rfc3339FromMicros(w.startUs),
    'query.startTimeMax': rfc3339FromMicros(w.endUs),
    'query.searchDepth': w.limit,
    'query.durationMin': minDuration(w),
  };
}

/** `GET /api/v3/traces` parameters, under both the camelCase and the snake_case names. */
export function v3TraceParams(w: SearchWindow): Record<string, string | number | undefined> {
  const camel = v3SummaryParams(w);
  return {
    ...camel,
    'query.service_name': camel['query.serviceName'],
    'query.operation_name': camel['query.operationName'],
    'query.start_time_min': camel['query.startTimeMin'],
    'query.start_time_max': camel['query.startTimeMax'],
    'query.num_traces': w.limit,
    'query.duration_min': camel['query.durationMin'],
  };
}

function minDuration(w: SearchWindow): string | undefined {
  return w.minDurationUs !== undefined && w.minDurationUs > 0 ? formatGoDuration(w.minDurationUs) : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}
