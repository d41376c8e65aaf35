// The traces settings of `runDashboard` turned into what the dashboard runs: one Jaeger client
// for the whole session (closed when the dashboard ends) and whether trace links are OSC 8
// hyperlinks (the terminal shows them and the glyphs are not ASCII-only).

import { terminalSupportsHyperlinks } from '../model/hyperlinks.js';
import type { ClientCertificate } from '../sources/http-agent.js';
import { createJaegerClient, type JaegerError } from '../sources/jaeger/client.js';
import type { DashboardTraces } from './use-traces-pane.js';

/** Where the traces pane finds the peer's traces (`MonitorOptions.traces` plus the credentials). */
export interface DashboardTracesOptions {
  /** Jaeger query base URL (may carry a base path). */
  jaegerUrl: string;
  /** `--service`, or null to list the services and take the one matching the prefix. */
  service: string | null;
  /** The peer's `tracing.service_name` (default `cluster-daemon`). */
  servicePrefix?: string;
  lookbackMs: number;
  limit: number;
  /** `--traces-interval`: time between searches. */
  refreshMs: number;
  /** Extra request headers (credentials); never shown. */
  headers?: Record<string, string>;
  /** PEM CA bundle replacing the default trust store (https only). */
  ca?: string | Buffer;
  /** Accept any certificate (https only). */
  insecure?: boolean;
  /** Client certificate (mTLS), for an https Jaeger that asks for one. */
  clientCert?: ClientCertificate;
  /** Deadline per request (default: the refresh interval, at most 10 s). */
  timeoutMs?: number;
  /** Rewords a failure for the user (which credential a 401 refused, …). */
  explain?: (error: JaegerError) => string;
}

/** The dashboard's traces and the way to release them; null without traces. */
export function openDashboardTraces(
  options: DashboardTracesOptions | null | undefined,
  display: { readonly ascii: boolean; readonly hyperlinks?: boolean },
  env: NodeJS.ProcessEnv = process.env,
): { readonly traces: DashboardTraces; close(): void } | null {
  if (options === null || options === undefined) return null;
  const client = createJaegerClient({
    url: options.jaegerUrl,
    timeoutMs: options.timeoutMs ?? Math.min(options.refreshMs, 10_000),
    headers: options.headers,
    ca: options.ca,
    insecure: options.insecure,
    clientCert: options.clientCert,
  });
  const traces: DashboardTraces = {
    client,
    jaegerUrl: options.jaegerUrl,
    service: options.service,
    servicePrefix: options.servicePrefix,
    lookbackMs: options.lookbackMs,
    limit: options.limit,
    refreshMs: options.refreshMs,
    explain: options.explain,
    hyperlinks: !display.ascii && (display.hyperlinks ?? terminalSupportsHyperlinks(env)),
  };
  return { traces, close: () => client.close() };
}
