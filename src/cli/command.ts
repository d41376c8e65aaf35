// The typed result of reading the command line: one Command, with every setting resolved and
// the source of each recorded (see args.ts for how, settings.ts for the layers).

import type { TargetSpec } from './targets.js';
import type { FaultSchedule } from '../sources/demo/fault-spec.js';
import type { CredentialSpec } from '../sources/credentials.js';
import type { PrometheusSettings } from './prometheus-source.js';
import type { RestApiBasicAuth } from '../model/service-restapi.js';
import type { Origins } from './settings.js';

/** How HTTPS endpoints are verified. */
export interface TlsOptions {
  /** A PEM file of CAs that replaces the system ones, or null. */
  readonly caFile: string | null;
  /** Skip certificate verification (a warning is shown). */
  readonly insecure: boolean;
  /** What gave each: `--cacert`, `CLUSTER_TOP_CACERT`, `default`. */
  readonly caFrom: string;
  readonly insecureFrom: string;
  /** A client certificate (PEM) and its key for mTLS, or null; both or neither. */
  readonly certFile: string | null;
  readonly keyFile: string | null;
  /** What gave them: `--cert`, `CLUSTER_TOP_CERT`…. */
  readonly certFrom: string;
  readonly keyFrom: string;
}

/** What the peer's own configuration says, when it describes the monitored peer. */
export interface PeerFacts {
  /** Where `enable_stats` is said to be false, or null. */
  readonly statsOff: string | null;
  /** Where `enable_tracing` is said to be false, or null. */
  readonly tracingOff: string | null;
}

/** Options shared by every command that polls a peer. */
export interface PollSettings {
  /** The peer's metrics URL (ignored with demo or replay); the first of several. */
  readonly metricsUrl: string;
  /** Every `--metrics` (or CLUSTER_TOP_METRICS) given (`URL` or `name=URL`), in order: two or more, or any with `--targets`, watch a fleet. */
  readonly metricsTargets: readonly TargetSpec[];
  /** `--targets FILE`: more peers, one a line (read when the command runs), or null. */
  readonly targetsFile: string | null;
  /** Peers of the demo cluster (with `demo`); 1 is the single demo peer. */
  readonly demoPeers: number;
  /** Monitor the embedded demo peer. */
  readonly demo: boolean;
  /** Read a recorded folder instead of scraping. */
  readonly replay: string | null;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly tls: TlsOptions;
  /** The metrics endpoint's credential, still to be read. */
  readonly metricsAuth: CredentialSpec | null;
  readonly peer: PeerFacts;
  /** Where each setting came from (`--interval`, `CLUSTER_TOP_METRICS`, a service.json key, `default`). */
  readonly origins: Origins;
}

/** Options of the monitor (live view or `--once`). */
export interface MonitorOptions extends PollSettings {
  readonly quantile: number;
  readonly once: boolean;
  readonly json: boolean;
  readonly ascii: boolean | null;
  readonly color: boolean;
  /** Prometheus rate() semantics: 3.x (default) or 2.42 (to compare with Debian's Prometheus). */
  readonly variant: 'prom3' | 'prom242';
  /** Upper bound on kept samples, whatever the window. */
  readonly maxSamples: number;
  /** Jaeger query settings, or null with --no-traces. */
  readonly traces: TraceSettings | null;
  /** `--prometheus`: the fleet's figures from a server instead of scraping (absent or null: scrape). */
  readonly prometheus?: PrometheusSettings | null;
  /** The IPFS Cluster REST API to read the cluster's membership, health and pins in error from; null when off. */
  readonly api: ApiSettings | null;
}

/** Where and how to read the cluster's REST API (`--api`, service.json's api.restapi, or the default). */
export interface ApiSettings {
  /** Base URL, e.g. `http://127.0.0.1:9094` (the demo's own when --demo: see the launcher). */
  readonly url: string;
  /** The credential given by flag or environment, still to be read; null: none given. */
  readonly auth: CredentialSpec | null;
  /** service.json's basic_auth_credentials, used when `auth` is null (never shown). */
  readonly serviceAuth: RestApiBasicAuth | null;
  /** Between membership refreshes (`--api-interval`, default 15 s). */
  readonly intervalMs: number;
  /** Between pins-in-error refreshes (`--errors-interval`, default 5 min). */
  readonly errorsIntervalMs: number;
}

/** Where and how to look for the peer's traces. */
export interface TraceSettings {
  /** Jaeger query base URL (may carry a base path). */
  readonly jaegerUrl: string;
  /** An explicit service; otherwise the one matching `<servicePrefix>(-|$)`. */
  readonly service: string | null;
  /** The peer's `tracing.service_name` (default `cluster-daemon`). */
  readonly servicePrefix: string;
  readonly lookbackMs: number;
  readonly limit: number;
  readonly refreshMs: number;
  /** Jaeger's credential, still to be read. */
  readonly auth: CredentialSpec | null;
}

/** One parsed command line. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'monitor'; readonly options: MonitorOptions }
  | { readonly kind: 'config'; readonly json: boolean; readonly options: MonitorOptions }
  | { readonly kind: 'dump'; readonly input: string | null; readonly openmetrics: boolean; readonly format: 'prom2json' | 'samples'; readonly timeoutMs: number; readonly maxBodyBytes: number; readonly tls: TlsOptions; readonly auth: CredentialSpec | null }
  | { readonly kind: 'record'; readonly out: string; readonly append: boolean; readonly durationMs: number | null; readonly poll: PollSettings }
  | { readonly kind: 'demo-serve'; readonly port: number; readonly peers: number; readonly faults: FaultSchedule }
  | { readonly kind: 'error'; readonly message: string };

/** argv split into the verb, its operands and the flags, before any setting is resolved. */
export interface CommandLine {
  readonly verb: string | undefined;
  readonly rest: readonly string[];
  /** Flags as given; a flag that may be repeated (`--metrics`) is the list of its values. */
  readonly flags: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
}
