// The one-shot path of `cluster-top --once [--json]`: choose the service, search the lookback
// window once, and return plain rows sorted most recent first. Wiring only (client + model);
// a failure becomes `error` (one escaped line) with whatever is known so far.

import { sortTraces } from '../../model/traces/sort.js';
import type { TraceSummary } from '../../model/traces/summary.js';
import { displayTraceName } from '../../model/traces/trace-name.js';
import type { ClientCertificate } from '../http-agent.js';
import { createJaegerClient, type JaegerError } from './client.js';

/** One trace as printed by `--once --json`. */
export interface TraceRow {
  /** Normalised trace ID (16 or 32 hex digits). */
  readonly traceID: string;
  /** Trace name as Jaeger UI shows it (`<trace-without-root-span>` when it has none). */
  readonly name: string;
  /** Trace duration, ms (fractional). */
  readonly durationMs: number;
  /** Span count. */
  readonly spans: number;
  /** Spans with `error=true`. */
  readonly errors: number;
  /** Services with span counts, sorted by name. */
  readonly services: readonly { readonly name: string; readonly count: number }[];
  /** Start of the earliest span, unix ms (whole). */
  readonly startTime: number;
}

/** Settings of one fetch. */
export interface TraceRowsOptions {
  /** Jaeger base URL (may carry a base path). */
  readonly jaegerUrl: string;
  /** An explicit service (skips the listing). */
  readonly service?: string;
  /** The `service_name` prefix (default `cluster-daemon`). */
  readonly servicePrefix?: string;
  /** Window length back from now. */
  readonly lookbackMs: number;
  /** Maximum number of traces. */
  readonly limit: number;
  /** Deadline per request. */
  readonly timeoutMs: number;
  /** Extra request headers (credentials); never shown. */
  readonly headers?: Readonly<Record<string, string>>;
  /** PEM CA bundle replacing the default trust store (https only). */
  readonly ca?: string | Buffer;
  /** Accept any certificate (https only). */
  readonly insecure?: boolean;
  /** Client certificate (mTLS), for an https Jaeger that asks for one. */
  readonly clientCert?: ClientCertificate;
  /** Rewords an error for the user (e.g. which credential a 401 refused); default: its message. */
  readonly explain?: (error: JaegerError) => string;
  /** Host name used to prefer this peer's service (default os.hostname()). */
  readonly hostname?: string;
  /** Window end, unix ms (default now; for tests). */
  readonly endMs?: number;
}

/** The rows, the service used (null when none could be chosen) and the failure, if any. */
export interface TraceRowsResult {
  readonly service: string | null;
  readonly rows: TraceRow[];
  readonly error: string | null;
}

/** Fetches the trace rows once; never rejects. With several peer services, the one naming this host (or the first) is used. */
export async function fetchTraceRows(options: TraceRowsOptions): Promise<TraceRowsResult> {
  const client = createJaegerClient({
    url: options.jaegerUrl,
    timeoutMs: options.timeoutMs,
    headers: options.headers,
    ca: options.ca,
    insecure: options.insecure,
    clientCert: options.clientCert,
  });
  const say = options.explain ?? ((error: JaegerError) => error.message);
  try {
    const choice = await client.resolveService({ service: options.service, servicePrefix: options.servicePrefix, hostname: options.hostname });
    if (!choice.ok) return { service: null, rows: [], error: say(choice.error) };
    if (choice.value.kind === 'none') {
      return { service: null, rows: [], error: say(client.noServiceError(choice.value.available, options.servicePrefix)) };
    }
    const service = choice.value.kind === 'one' ? choice.value.service : choice.value.services[0];
    const found = await client.search({ service, lookbackMs: options.lookbackMs, limit: options.limit, endMs: options.endMs });
    if (!found.ok) return { service, rows: [], error: say(found.error) };
    return { service, rows: sortTraces(found.value.summaries, 'most-recent').map(toRow), error: null };
  } finally {
    client.close();
  }
}

/** A summary as a `--json` row. */
export function toRow(summary: TraceSummary): TraceRow {
  return {
    traceID: summary.traceID,
    name: displayTraceName(summary.name),
    durationMs: summary.durationUs / 1000,
    spans: summary.spanCount,
    errors: summary.errorCount,
    services: summary.services.map((s) => ({ name: s.name, count: s.count })),
    startTime: Math.floor(summary.startTimeUs / 1000),
  };
}
