// Failure messages made actionable with what the configuration knows: a peer whose metrics are off
// gets the way to turn them on instead of a bare "connection refused"; a 401/403 says which
// credential was sent (by source, never by value) or that none was; a certificate error says how
// to trust a private CA. Pure: a failure's kind, HTTP status and line in, one line out.

import { TRACING_HINT } from './cluster-catalogue.js';
import type { HttpFailureKind, JaegerErrorKind, PollFailureKind } from './failure-kinds.js';

/** What the configuration knows about one endpoint. */
export interface EndpointContext {
  /** `a bearer token from --metrics-token-file /path`, or null when none is sent. */
  readonly credential: string | null;
  /** How credentials can be given, e.g. `--metrics-token-file FILE, … or CLUSTER_TOP_METRICS_TOKEN`. */
  readonly credentialHelp: string;
  /** The `--cacert` file (or its variable) used, or null for the system CAs. */
  readonly caSource: string | null;
}

/** Failure kinds that mean "nothing answered". */
const UNREACHABLE: ReadonlySet<PollFailureKind> = new Set<HttpFailureKind>(['refused', 'timeout', 'network', 'dns']);

/** How to turn a peer's metrics on. */
export const STATS_HINT =
  'start the peer with `ipfs-cluster-service daemon --stats`, or set ' +
  '"observations.metrics.enable_stats": true in service.json (or CLUSTER_METRICS_ENABLESTATS=true) and restart it';

/** The message for a peer whose `enable_stats` is false (`statsOff` says where) and that cannot be reached. */
export function statsOffMessage(statsOff: string, failure: string): string {
  return `metrics are off on this peer (${statsOff} is false), so nothing serves /metrics: ${STATS_HINT} (${failure})`;
}

/** The note of `--once` when the peer's `enable_tracing` is false (`tracingOff` says where). */
export function tracingOffNote(tracingOff: string): string {
  return `tracing is off on this peer (${tracingOff} is false): RPC latency and traces need it. ${TRACING_HINT}`;
}

/**
 * The message of a failed metrics poll, explained: `status` is the HTTP status of an
 * 'http-status' failure, `statsOff` the source of a false `enable_stats` (null when not known to
 * be off).
 */
export function explainScrapeFailure(kind: PollFailureKind, status: number | undefined, message: string, context: EndpointContext, statsOff: string | null): string {
  if (statsOff !== null && UNREACHABLE.has(kind)) return statsOffMessage(statsOff, message);
  if (kind === 'http-status') return explainHttpStatus(status, message, context);
  if (kind === 'tls') return explainTls(message, context);
  return message;
}

/** A Jaeger error message explained the same way. */
export function explainJaegerFailure(kind: JaegerErrorKind, status: number | undefined, message: string, context: EndpointContext): string {
  if (kind === 'http-status') return explainHttpStatus(status, message, context);
  if (kind === 'tls') return explainTls(message, context);
  return message;
}

function explainHttpStatus(status: number | undefined, message: string, context: EndpointContext): string {
  if (status !== 401 && status !== 403) return message;
  if (context.credential === null) return `${message}; no credentials were sent: give them with ${context.credentialHelp}`;
  const verdict = status === 401 ? 'was not accepted' : 'is not allowed here';
  return `${message}; sent ${context.credential}, which ${verdict}`;
}

function explainTls(message: string, context: EndpointContext): string {
  // A server that does not speak TLS at all, or one that is about our client certificate: trusting
  // another CA does not help, and the message already says what does.
  if (/answered without TLS|client certificate/.test(message)) return message;
  if (context.caSource !== null) return `${message}; the certificate was checked against ${context.caSource}`;
  return `${message}; for a private CA use --cacert FILE (or --insecure to skip verification)`;
}

/**
 * The notes of a snapshot with the peer's configuration taken into account: when `tracingOff`
 * says where tracing is off and the latency histograms are indeed missing, the generic tracing
 * hint becomes one that names that setting.
 */
export function notesWithTracingOff(notes: readonly string[], tracingOff: string | null): readonly string[] {
  if (tracingOff === null || !notes.includes(TRACING_HINT)) return notes;
  return notes.map((note) => (note === TRACING_HINT ? tracingOffNote(tracingOff) : note));
}
