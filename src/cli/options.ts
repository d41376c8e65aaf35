// The flags cluster-top accepts, in one table: how node:util's parseArgs reads each, the
// CLUSTER_TOP_* variable that may stand in for it, its default, and its help. `--help` is made
// from this table (usage.ts), args.ts takes its defaults from DEFAULTS, and a test checks that
// the README's options table names every flag.

import { formatInterval, formatSize } from '../model/units.js';

/** The defaults of the settings, as numbers; the table below shows them as typed. */
export const DEFAULTS = {
  /** A peer's metrics endpoint (observations.metrics.prometheus_endpoint). */
  metricsUrl: 'http://127.0.0.1:8888/metrics',
  /** Jaeger's query endpoint. */
  jaegerUrl: 'http://127.0.0.1:16686',
  intervalMs: 2000,
  windowMs: 60_000,
  quantile: 0.95,
  /** The scrape timeout is the interval, at most this. */
  timeoutCapMs: 10_000,
  /** `dump`'s timeout for a URL. */
  dumpTimeoutMs: 10_000,
  maxBodyBytes: 64 * 1024 * 1024,
  maxSamples: 10_000,
  lookbackMs: 3_600_000,
  limit: 20,
  tracesIntervalMs: 10_000,
  /** Peers of the demo cluster (`--demo`). */
  demoPeers: 5,
  /** The IPFS Cluster REST API's default address (api.restapi.http_listen_multiaddress). */
  apiUrl: 'http://127.0.0.1:9094',
  /** Between REST API membership refreshes. */
  apiIntervalMs: 15_000,
  /** Between pins-in-error refreshes (GET /pins?filter=… is expensive). */
  errorsIntervalMs: 5 * 60_000,
  /** The least a one-shot waits for the REST API: GET /peers waits up to 15 s per unreachable peer. */
  apiOnceTimeoutMs: 20_000,
} as const;

/** Where `--help` lists a flag. */
export type OptionGroup = 'source' | 'scrape' | 'traces' | 'api' | 'peer' | 'commands' | 'display';

/** One flag: how it is read and how it is described. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's name in help (`URL`, `D`); absent for a switch. */
  readonly value?: string;
  readonly group: OptionGroup;
  /** What it does, one phrase. */
  readonly help: string;
  /** The default as it would be typed (`2s`, `64MiB`); `--help` adds `(default …)`. */
  readonly default?: string;
  /** A default that is a rule rather than a value (`the smaller of --interval and 10s`). */
  readonly defaultNote?: string;
  /** The environment variable that stands in for the flag. */
  readonly env?: string;
  /** The flag may be given several times (each value kept, in order). */
  readonly multiple?: boolean;
}

const TABLE = {
  metrics: { type: 'string', value: 'URL', group: 'source', help: "a peer's /metrics (URL or name=URL); service.json's endpoint when there is one; repeat it for a fleet", default: DEFAULTS.metricsUrl, env: 'CLUSTER_TOP_METRICS', multiple: true },
  targets: { type: 'string', value: 'FILE', group: 'source', help: 'peers to watch side by side, one a line: URL or name=URL (# comments)', env: 'CLUSTER_TOP_TARGETS' },
  demo: { type: 'boolean', group: 'source', help: 'the embedded demo cluster (simulated v1.1.x peers)' },
  'demo-peers': { type: 'string', value: 'N', group: 'source', help: 'peers in the demo cluster, 1 to 500 (1: one demo peer)', default: String(DEFAULTS.demoPeers) },
  replay: { type: 'string', value: 'DIR', group: 'source', help: 'a folder written by `record` (<unix-ms>.prom files)' },
  prometheus: { type: 'string', value: 'URL', group: 'source', help: 'read the fleet from a Prometheus-compatible server (its path prefix kept)', env: 'CLUSTER_TOP_PROMETHEUS' },
  selector: { type: 'string', value: 'SEL', group: 'source', help: "--prometheus: the cluster's series, e.g. {job=\"ipfs-cluster\"}", defaultNote: 'every target with ipfscluster_pins', env: 'CLUSTER_TOP_SELECTOR' },
  'prometheus-header': { type: 'string', value: "'NAME: VALUE'", group: 'source', help: '--prometheus: an extra request header, e.g. a tenant\'s X-Scope-OrgID; repeatable', multiple: true },
  'prometheus-header-file': { type: 'string', value: 'FILE', group: 'source', help: "--prometheus: request headers, one 'Name: value' a line (secret: never shown)" },
  'prometheus-token-file': { type: 'string', value: 'FILE', group: 'source', help: '--prometheus: bearer token for the server' },
  'prometheus-basic-auth-file': { type: 'string', value: 'FILE', group: 'source', help: '--prometheus: user:password for the server' },
  'peer-label': { type: 'string', value: 'L', group: 'source', help: '--prometheus: the label that tells peers apart', default: 'instance', env: 'CLUSTER_TOP_PEER_LABEL' },
  interval: { type: 'string', value: 'D', group: 'scrape', help: 'time between scrapes', default: formatInterval(DEFAULTS.intervalMs), env: 'CLUSTER_TOP_INTERVAL' },
  window: { type: 'string', value: 'D', group: 'scrape', help: 'window of rates and latency quantiles', default: formatInterval(DEFAULTS.windowMs), env: 'CLUSTER_TOP_WINDOW' },
  quantile: { type: 'string', value: 'Q', group: 'scrape', help: 'latency quantile, 0..1', default: String(DEFAULTS.quantile), env: 'CLUSTER_TOP_QUANTILE' },
  timeout: { type: 'string', value: 'D', group: 'scrape', help: 'whole-request timeout of one scrape', defaultNote: `the smaller of --interval and ${formatInterval(DEFAULTS.timeoutCapMs)}`, env: 'CLUSTER_TOP_TIMEOUT' },
  'max-body': { type: 'string', value: 'N', group: 'scrape', help: 'largest response, also after gunzip', default: formatSize(DEFAULTS.maxBodyBytes), env: 'CLUSTER_TOP_MAX_BODY' },
  'max-samples': { type: 'string', value: 'N', group: 'scrape', help: 'most scrapes kept in memory', default: String(DEFAULTS.maxSamples), env: 'CLUSTER_TOP_MAX_SAMPLES' },
  'promql-compat': { type: 'string', value: 'V', group: 'scrape', help: "rate() of Prometheus 3, or 2.42 (Debian 12's)", default: '3', env: 'CLUSTER_TOP_PROMQL_COMPAT' },
  once: { type: 'boolean', group: 'scrape', help: 'print one snapshot and exit' },
  json: { type: 'boolean', group: 'scrape', help: 'with --once or config: JSON, for scripts' },
  jaeger: { type: 'string', value: 'URL', group: 'traces', help: 'Jaeger query API; may carry a base path', default: DEFAULTS.jaegerUrl, env: 'CLUSTER_TOP_JAEGER' },
  service: { type: 'string', value: 'NAME', group: 'traces', help: 'Jaeger service; a peer reports cluster-daemon-<peername>', defaultNote: 'the one matching <service_name>-*', env: 'CLUSTER_TOP_SERVICE' },
  lookback: { type: 'string', value: 'D', group: 'traces', help: 'how far back to search', default: formatInterval(DEFAULTS.lookbackMs), env: 'CLUSTER_TOP_LOOKBACK' },
  limit: { type: 'string', value: 'N', group: 'traces', help: 'most traces listed', default: String(DEFAULTS.limit), env: 'CLUSTER_TOP_LIMIT' },
  'traces-interval': { type: 'string', value: 'D', group: 'traces', help: 'refresh of the traces list', default: formatInterval(DEFAULTS.tracesIntervalMs), env: 'CLUSTER_TOP_TRACES_INTERVAL' },
  'no-traces': { type: 'boolean', group: 'traces', help: 'do not query Jaeger', env: 'CLUSTER_TOP_NO_TRACES' },
  api: { type: 'string', value: 'URL', group: 'api', help: "a peer's IPFS Cluster REST API: the whole cluster's peers, health and pins in error", defaultNote: `service.json's api.restapi, else ${DEFAULTS.apiUrl}; off with --replay, and with --metrics/--targets but no service.json`, env: 'CLUSTER_TOP_API' },
  'no-api': { type: 'boolean', group: 'api', help: 'do not read the REST API' },
  'api-interval': { type: 'string', value: 'D', group: 'api', help: 'refresh of peers, alerts, free space and pin queues', default: formatInterval(DEFAULTS.apiIntervalMs), env: 'CLUSTER_TOP_API_INTERVAL' },
  'errors-interval': { type: 'string', value: 'D', group: 'api', help: 'refresh of the pins in error (GET /pins?filter=... is expensive on big clusters)', default: formatInterval(DEFAULTS.errorsIntervalMs), env: 'CLUSTER_TOP_ERRORS_INTERVAL' },
  'api-token-file': { type: 'string', value: 'FILE', group: 'api', help: 'bearer token for the REST API' },
  'api-basic-auth-file': { type: 'string', value: 'FILE', group: 'api', help: "user:password for the REST API (default: service.json's basic_auth_credentials)" },
  config: { type: 'string', value: 'PATH', group: 'peer', help: "the peer's service.json, or its folder", defaultNote: '$IPFS_CLUSTER_PATH/service.json, else ~/.ipfs-cluster/service.json', env: 'CLUSTER_TOP_CONFIG' },
  'no-config': { type: 'boolean', group: 'peer', help: "ignore service.json and the peer's CLUSTER_* variables" },
  cacert: { type: 'string', value: 'FILE', group: 'peer', help: "PEM CAs trusted for https:// instead of the system's", env: 'CLUSTER_TOP_CACERT' },
  insecure: { type: 'boolean', group: 'peer', help: 'do not verify TLS certificates (a warning is shown)', env: 'CLUSTER_TOP_INSECURE' },
  cert: { type: 'string', value: 'FILE', group: 'peer', help: 'PEM client certificate for https:// endpoints that ask for one (mTLS), with --key', env: 'CLUSTER_TOP_CERT' },
  key: { type: 'string', value: 'FILE', group: 'peer', help: "PEM private key of --cert (not encrypted)", env: 'CLUSTER_TOP_KEY' },
  'metrics-token-file': { type: 'string', value: 'FILE', group: 'peer', help: 'bearer token for the metrics endpoint' },
  'metrics-basic-auth-file': { type: 'string', value: 'FILE', group: 'peer', help: 'user:password for the metrics endpoint' },
  'jaeger-token-file': { type: 'string', value: 'FILE', group: 'peer', help: 'bearer token for Jaeger' },
  'jaeger-basic-auth-file': { type: 'string', value: 'FILE', group: 'peer', help: 'user:password for Jaeger' },
  openmetrics: { type: 'boolean', group: 'commands', help: 'dump: read a FILE or - as OpenMetrics, not text 0.0.4' },
  format: { type: 'string', value: 'F', group: 'commands', help: 'dump: prom2json or samples', default: 'prom2json' },
  out: { type: 'string', value: 'DIR', group: 'commands', help: 'record: the folder to write to (new, or empty)' },
  append: { type: 'boolean', group: 'commands', help: 'record: add to a folder that already holds a recording' },
  duration: { type: 'string', value: 'D', group: 'commands', help: 'record: stop after D', defaultNote: 'until Ctrl-C' },
  serve: { type: 'boolean', group: 'commands', help: 'demo: run the embedded demo peer alone' },
  port: { type: 'string', value: 'N', group: 'commands', help: 'demo --serve: its port on 127.0.0.1 (peer K: N+K-1)', defaultNote: 'a free one' },
  peers: { type: 'string', value: 'N', group: 'commands', help: 'demo --serve: a demo cluster of N peers, 1 to 500', default: '1' },
  faults: { type: 'string', value: 'SPEC', group: 'commands', help: 'demo --serve: faults to inject, e.g. stall@10s-20s' },
  ascii: { type: 'boolean', group: 'display', help: 'ASCII only: no Unicode blocks or lines', defaultNote: 'without a UTF-8 locale', env: 'CLUSTER_TOP_ASCII' },
  'no-color': { type: 'boolean', group: 'display', help: 'no colours (NO_COLOR is honoured too)' },
  help: { type: 'boolean', short: 'h', group: 'display', help: 'this text' },
  version: { type: 'boolean', short: 'V', group: 'display', help: 'the version' },
} as const satisfies Record<string, OptionSpec>;

/** A flag's name without the dashes. */
export type OptionName = keyof typeof TABLE;

/** Every flag, in the order `--help` lists them within a group. */
export const OPTION_TABLE: Readonly<Record<OptionName, OptionSpec>> = TABLE;

/** parseArgs' option table. */
export const OPTIONS = Object.fromEntries(
  Object.entries(TABLE).map(([name, spec]: [string, OptionSpec]) => [
    name,
    { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple === true ? { multiple: true } : {}) },
  ]),
) as { readonly [K in OptionName]: { readonly type: (typeof TABLE)[K]['type']; readonly short?: string; readonly multiple?: boolean } };

/** The flags that may also be set in the environment, and their variables. */
export const ENV_OPTIONS: Readonly<Partial<Record<OptionName, string>>> = Object.fromEntries(
  Object.entries(TABLE).flatMap(([name, spec]: [string, OptionSpec]) => (spec.env === undefined ? [] : [[name, spec.env]])),
);

/** How a flag is written in help and the README: `--metrics URL`, `-h, --help`. */
export function optionSynopsis(name: OptionName): string {
  const spec = OPTION_TABLE[name];
  return `${spec.short === undefined ? '' : `-${spec.short}, `}--${name}${spec.value === undefined ? '' : ` ${spec.value}`}`;
}
