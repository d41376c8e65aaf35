// What a peer's `service.json` says about its metrics and tracing (`observations` section), with
// the daemon's own environment overrides applied on top, as IPFS Cluster applies them
// (envconfig on the JSON field names: CLUSTER_METRICS_ENABLESTATS, …). Each value carries where
// it came from. A missing section or key means the daemon's default. Values of the wrong type
// are reported and ignored. Pure: the caller reads the file and passes the environment.

import { metricsUrlFromMultiaddr } from './multiaddr.js';

/** A value the peer's configuration states, and where. */
export interface PeerValue<T> {
  readonly value: T;
  /** `/path/service.json observations.metrics.enable_stats`, `CLUSTER_METRICS_ENABLESTATS (peer environment)`, … */
  readonly source: string;
}

/** The observations settings cluster-top uses; null = stated nowhere (no file and no variable). */
export interface PeerObservations {
  /** `metrics.prometheus_endpoint` as a URL to scrape (null also when the multiaddr is bad). */
  readonly metricsUrl: PeerValue<string> | null;
  /** `metrics.enable_stats`. */
  readonly enableStats: PeerValue<boolean> | null;
  /** `tracing.enable_tracing`. */
  readonly enableTracing: PeerValue<boolean> | null;
  /** `tracing.service_name`: the Jaeger service prefix (a `-<peername>` suffix is added at run time). */
  readonly serviceName: PeerValue<string> | null;
  /** One line per value that was ignored, and why. */
  readonly problems: readonly string[];
}

/** IPFS Cluster's defaults (v0.12+; the endpoint was /ip4/0.0.0.0/tcp/8888 before). */
export const PEER_DEFAULTS = {
  prometheusEndpoint: '/ip4/127.0.0.1/tcp/8888',
  enableStats: false,
  enableTracing: false,
  serviceName: 'cluster-daemon',
} as const;

/** The daemon's environment variables for the settings read here. */
export const PEER_ENV = {
  prometheusEndpoint: 'CLUSTER_METRICS_PROMETHEUSENDPOINT',
  enableStats: 'CLUSTER_METRICS_ENABLESTATS',
  enableTracing: 'CLUSTER_TRACING_ENABLETRACING',
  serviceName: 'CLUSTER_TRACING_SERVICENAME',
} as const;

type Env = Readonly<Record<string, string | undefined>>;
type Key = keyof typeof PEER_ENV;
const KEYS: Readonly<Record<Key, { section: 'metrics' | 'tracing'; field: string; type: 'string' | 'boolean' }>> = {
  prometheusEndpoint: { section: 'metrics', field: 'prometheus_endpoint', type: 'string' },
  enableStats: { section: 'metrics', field: 'enable_stats', type: 'boolean' },
  enableTracing: { section: 'tracing', field: 'enable_tracing', type: 'boolean' },
  serviceName: { section: 'tracing', field: 'service_name', type: 'string' },
};

/**
 * Reads the observations of `config` (the parsed service.json, or null when there is none) found
 * at `path`, then the daemon's variables in `env`.
 */
export function readPeerObservations(config: Readonly<Record<string, unknown>> | null, path: string, env: Env): PeerObservations {
  const problems: string[] = [];
  const observations = config === null ? undefined : objectAt(config, 'observations', `${path}: "observations"`, problems);
  const sections = {
    metrics: observations === undefined ? undefined : objectAt(observations, 'metrics', `${path}: "observations.metrics"`, problems),
    tracing: observations === undefined ? undefined : objectAt(observations, 'tracing', `${path}: "observations.tracing"`, problems),
  };
  const read = <T extends string | boolean>(key: Key): PeerValue<T> | null => {
    const { section, field, type } = KEYS[key];
    const variable = PEER_ENV[key];
    const raw = env[variable];
    if (raw !== undefined && raw !== '') {
      const value = type === 'boolean' ? goBool(raw) : raw;
      if (value !== null) return { value: value as T, source: `${variable} (peer environment)` };
      problems.push(`${variable}=${JSON.stringify(clip(raw))} is not true or false (as Go's ParseBool reads it); ignored`);
    }
    if (config === null) return null;
    const name = `observations.${section}.${field}`;
    const stated = sections[section]?.[field];
    if (stated !== undefined && stated !== null) {
      if (typeof stated === type) return { value: stated as T, source: `${path} ${name}` };
      problems.push(`${path}: ${name} is not a ${type}; IPFS Cluster's default is used`);
    }
    return { value: PEER_DEFAULTS[key] as T, source: `${path} (no ${name}: IPFS Cluster's default)` };
  };
  const endpoint = read<string>('prometheusEndpoint');
  let metricsUrl: PeerValue<string> | null = null;
  if (endpoint !== null) {
    const converted = metricsUrlFromMultiaddr(endpoint.value);
    if (converted.ok) metricsUrl = { value: converted.url, source: endpoint.source };
    else problems.push(`${endpoint.source}: ${converted.error}; ignored`);
  }
  const serviceName = read<string>('serviceName');
  return {
    metricsUrl,
    enableStats: read<boolean>('enableStats'),
    enableTracing: read<boolean>('enableTracing'),
    serviceName: serviceName !== null && serviceName.value.trim() === '' ? null : serviceName,
    problems,
  };
}

/** Go's strconv.ParseBool, which envconfig uses. */
export function goBool(text: string): boolean | null {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return null;
}

function objectAt(parent: Readonly<Record<string, unknown>>, key: string, name: string, problems: string[]): Readonly<Record<string, unknown>> | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${name} is not an object; IPFS Cluster's defaults are used`);
  return undefined;
}

function clip(text: string): string {
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
