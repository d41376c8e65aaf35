// Reads the peer's own configuration for a command line: finds service.json (`--config`,
// CLUSTER_TOP_CONFIG, IPFS_CLUSTER_PATH, ~/.ipfs-cluster), reads its observations section with
// the daemon's CLUSTER_* variables applied, and says in one line each what could not be used.
// Never fails: a missing or broken file only means the defaults.

import { readPeerObservations, type PeerObservations } from '../model/service-observations.js';
import { readRestApiConfig, REST_API_ENV, type RestApiConfig } from '../model/service-restapi.js';
import { configProblemLine, locateServiceConfig, readServiceConfig, type ServiceConfigRead } from '../sources/service-config.js';
import { ENV_OPTIONS } from './options.js';
import { usesPeerConfig, type CommandLine } from './args.js';

/** What was found, and the lines to show about it. */
export interface PeerConfigLoad {
  /** The file as read, or null when the command does not use it (or --no-config). */
  readonly read: ServiceConfigRead | null;
  /** The settings for the command builder, or null. */
  readonly observations: PeerObservations | null;
  /** The REST API's address and credentials as the file (and the daemon's variable) state them; null when neither does. */
  readonly restApi: RestApiConfig | null;
  /** One line per problem worth showing (a missing default file only when it mattered). */
  readonly problems: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

/** Loads the configuration `line` refers to; never rejects. */
export async function loadPeerConfig(line: CommandLine, env: Env, home: string): Promise<PeerConfigLoad> {
  if (!usesPeerConfig(line)) return { read: null, observations: null, restApi: null, problems: [] };
  const flag = line.flags.config;
  const variable = ENV_OPTIONS.config ?? 'CLUSTER_TOP_CONFIG';
  const given =
    typeof flag === 'string' ? { path: flag, origin: '--config' } : env[variable] ? { path: env[variable] as string, origin: variable } : undefined;
  const location = locateServiceConfig({ given, clusterPath: env.IPFS_CLUSTER_PATH, home });
  const read = await readServiceConfig(location);
  const observations = readPeerObservations(read.status === 'ok' ? read.json : null, read.path, env);
  const problems: string[] = [];
  const problem = configProblemLine(read);
  if (problem !== null && (read.status !== 'missing' || location.explicit || metricsFromPeer(line, env))) problems.push(problem);
  problems.push(...observations.problems);
  const daemonVariable = (env[REST_API_ENV] ?? '').trim() !== '';
  const restApi = read.status === 'ok' || daemonVariable ? readRestApiConfig(read.status === 'ok' ? read.json : null, read.path, env) : null;
  if (restApi !== null && !apiTurnedOff(line, env)) problems.push(...restApi.problems);
  return { read, observations, restApi, problems };
}

/** True when the REST API is turned off by flag, or another address is given: what service.json says of it does not matter. */
function apiTurnedOff(line: CommandLine, env: Env): boolean {
  return line.flags['no-api'] === true || line.flags.api !== undefined || !!env[ENV_OPTIONS.api ?? ''];
}

/** True when the metrics URL would come from service.json (no --metrics, CLUSTER_TOP_METRICS, --targets, --demo, --replay or --prometheus). */
function metricsFromPeer(line: CommandLine, env: Env): boolean {
  const f = line.flags;
  return f.metrics === undefined && !env[ENV_OPTIONS.metrics ?? ''] && f.targets === undefined && !env[ENV_OPTIONS.targets ?? ''] && f.demo !== true && f.replay === undefined && f.prometheus === undefined && !env[ENV_OPTIONS.prometheus ?? ''];
}
