// Resolves the REST API's settings (ApiSettings) from the flags, the environment and the peer's
// service.json: where it is (`--api`/CLUSTER_TOP_API, else `api.restapi` with the daemon's
// variable, else IPFS Cluster's default address), whether it is read at all, its credential and
// its two refresh intervals. It is on where it is likely to answer: when asked for, on a peer host
// (a service.json was read, or nothing names remote peers), and in the demo cluster; off for a
// replay and for a laptop watching remote peers by --metrics/--targets, where a warning about a
// local API nobody asked for would only be noise. The origin says which rule decided.

import type { CredentialSpec } from '../sources/credentials.js';
import type { ApiSettings, PollSettings } from './command.js';
import { DEFAULTS } from './options.js';
import { originOf, SettingError, type Given, type SettingLayers, type SettingsContext } from './settings.js';

/** What api settings need from the command builder. */
export interface ApiSettingHelpers {
  readonly duration: (given: Given<string> | undefined, fallback: number) => number;
  /** Checks a URL given by flag or variable (a usage error says what to write). */
  readonly checkedUrl: (given: Given<string> | undefined) => Given<string> | undefined;
  /** Chooses the REST API's credential by flag or environment, and records its origin. */
  readonly credential: () => CredentialSpec | null;
}

/** The REST API's settings, or null when it is off (origins.api says why). */
export function apiSettings(layers: SettingLayers, context: SettingsContext, poll: PollSettings, origins: Record<string, string>, helpers: ApiSettingHelpers): ApiSettings | null {
  const prometheus = layers.string('prometheus') !== undefined;
  const noApi = layers.flag('no-api') === true;
  const given = helpers.checkedUrl(layers.string('api'));
  if (noApi && layers.flag('api') !== undefined) throw new SettingError('--no-api cannot be combined with --api');
  const intervalGiven = layers.string('api-interval');
  const errorsGiven = layers.string('errors-interval');
  const intervalMs = helpers.duration(intervalGiven, DEFAULTS.apiIntervalMs);
  const errorsIntervalMs = helpers.duration(errorsGiven, DEFAULTS.errorsIntervalMs);
  if (intervalMs < 1000) throw new SettingError(`${intervalGiven?.label ?? '--api-interval'} must be at least 1s`);
  if (errorsIntervalMs < 1000) throw new SettingError(`${errorsGiven?.label ?? '--errors-interval'} must be at least 1s`);
  origins.apiInterval = originOf(intervalGiven);
  origins.errorsInterval = originOf(errorsGiven);
  const off = offReason(noApi, given, context, poll, prometheus, origins.metrics ?? '--metrics');
  if (off !== null) {
    origins.api = `off (${off})`;
    return null;
  }
  const restApi = context.restApi ?? null;
  const demo = poll.demo && given === undefined;
  const fromPeer = given === undefined && !demo ? restApi?.url ?? null : null;
  origins.api = demo ? "--demo (the demo cluster's REST API)" : (given?.label ?? fromPeer?.source ?? 'default');
  const auth = demo ? null : helpers.credential();
  const serviceAuth = auth === null && given === undefined && !demo ? restApi?.basicAuth ?? null : null;
  if (demo) origins.apiAuth = "not set (the demo cluster's)";
  else if (auth === null && serviceAuth !== null) origins.apiAuth = serviceAuth.source;
  return {
    url: given?.value ?? fromPeer?.value ?? DEFAULTS.apiUrl,
    auth,
    serviceAuth,
    intervalMs,
    errorsIntervalMs,
    demo,
  };
}

/** Why the REST API is not read, or null when it is. */
function offReason(noApi: boolean, given: Given<string> | undefined, context: SettingsContext, poll: PollSettings, prometheus: boolean, metricsLabel: string): string | null {
  if (noApi) return '--no-api';
  if (given !== undefined) return null;
  const turnOn = '--api URL turns it on';
  if (poll.replay !== null) return `--replay; ${turnOn}`;
  if (poll.demo) return poll.demoPeers < 2 ? `the single demo peer has none; --demo-peers 2 or more have one` : null;
  if (context.restApi != null) return null;
  const remote = poll.metricsTargets.length > 0 ? metricsLabel : poll.targetsFile !== null ? '--targets' : prometheus ? '--prometheus' : null;
  return remote === null ? null : `${remote} without a service.json; ${turnOn}`;
}
