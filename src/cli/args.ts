// The command line contract: turns argv (plus the CLUSTER_TOP_* environment and the peer's
// service.json, see settings.ts) into one typed command, or a clear error line. Every resolved
// setting records where it came from. The flags, their defaults and their help are in options.ts.

import { parseArgs } from 'node:util';
import { DEFAULT_SERVICE_PREFIX } from '../sources/jaeger/service-choice.js';
import { chooseCredential, type CredentialSpec, type CredentialTarget } from '../sources/credentials.js';
import { parseFaultSpec } from '../sources/demo/fault-spec.js';
import { parseHttpUrl } from '../sources/http-target.js';
import { splitNamedTarget } from './targets.js';
import { argErrorMessage } from './arg-errors.js';
import { DEFAULTS, OPTION_TABLE, OPTIONS } from './options.js';
import { parseDuration, parseSize } from '../util/parse-units.js';
import type { Command, CommandLine, MonitorOptions, PollSettings, TraceSettings } from './command.js';
import { FLAGS_ONLY, originOf, SettingError, SettingLayers, type Given, type SettingsContext } from './settings.js';
import { prometheusSettings } from './prometheus-source.js';
import { apiSettings } from './api-settings.js';
import { tlsOptions } from './tls-settings.js';

export type { Command, CommandLine, MonitorOptions, PeerFacts, PollSettings, TlsOptions, TraceSettings } from './command.js';

/** Default metrics endpoint of an IPFS Cluster peer (observations.metrics.prometheus_endpoint). */
export const DEFAULT_METRICS_URL = DEFAULTS.metricsUrl;
/** Default Jaeger query endpoint. */
export const DEFAULT_JAEGER_URL = DEFAULTS.jaegerUrl;

class UsageError extends Error {}

/** Splits argv (without node and the script); the error is one line. */
export function readCommandLine(argv: readonly string[]): CommandLine | { readonly error: string } {
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    const [verb, ...rest] = positionals;
    return { verb, rest, flags: values as CommandLine['flags'] };
  } catch (err) {
    return { error: argErrorMessage(err, Object.keys(OPTIONS)) };
  }
}

/** True when the command reads the peer's service.json (monitor, record, config). */
export function usesPeerConfig(line: CommandLine): boolean {
  if (line.flags.help || line.flags.version || line.flags['no-config']) return false;
  return line.verb === undefined || line.verb === 'record' || line.verb === 'config';
}

/** Parses argv into a Command with the given environment and peer configuration; never throws. */
export function parseCommandLine(argv: readonly string[], context: SettingsContext = FLAGS_ONLY): Command {
  const line = readCommandLine(argv);
  if ('error' in line) return { kind: 'error', message: line.error };
  return buildCommand(line, context);
}

/** Resolves a command line into a Command; never throws. */
export function buildCommand(line: CommandLine, context: SettingsContext): Command {
  try {
    return buildOrThrow(line, context);
  } catch (err) {
    return { kind: 'error', message: firstLine(err) };
  }
}

function buildOrThrow(line: CommandLine, context: SettingsContext): Command {
  const { verb, rest } = line;
  const layers = new SettingLayers(line.flags, context.env);
  if (layers.flag('help')) return { kind: 'help' };
  if (layers.flag('version')) return { kind: 'version' };
  const origins: Record<string, string> = {};
  const intervalGiven = layers.string('interval');
  const intervalMs = duration(intervalGiven, DEFAULTS.intervalMs);
  origins.interval = originOf(intervalGiven);
  if (intervalMs < 100) throw new UsageError(`${intervalGiven?.label ?? '--interval'} must be at least 100ms`);
  const timeoutGiven = layers.string('timeout');
  const timeoutMs = timeoutGiven !== undefined ? duration(timeoutGiven, 0) : Math.min(intervalMs, DEFAULTS.timeoutCapMs);
  origins.timeout = originOf(timeoutGiven, `default (${OPTION_TABLE.timeout.defaultNote})`);
  const maxBodyGiven = layers.string('max-body');
  const maxBodyBytes = size(maxBodyGiven, DEFAULTS.maxBodyBytes);
  origins.maxBody = originOf(maxBodyGiven);
  const tls = tlsOptions(layers, origins);
  if (verb === 'dump') {
    if (rest.length > 1) throw new UsageError('dump takes one URL, FILE or - (standard input)');
    const format = layers.flag('format') ?? 'prom2json';
    if (format !== 'prom2json' && format !== 'samples') throw new UsageError(`--format must be prom2json or samples, not ${JSON.stringify(format)}`);
    const input = rest[0] ?? null;
    return { kind: 'dump', input, openmetrics: layers.flag('openmetrics') === true, format, timeoutMs: timeoutGiven !== undefined ? timeoutMs : DEFAULTS.dumpTimeoutMs, maxBodyBytes, tls, auth: credential('metrics', layers, context, origins) };
  }
  if (verb === 'demo') {
    if (!layers.flag('serve')) throw new UsageError('demo needs --serve (to watch the demo peer, run: cluster-top --demo)');
    const portFlag = layers.flag('port');
    const port = portFlag === undefined ? 0 : Number(portFlag);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    const faults = parseFaultSpec(String(layers.flag('faults') ?? ''));
    if ('error' in faults) throw new UsageError(faults.error);
    const peersFlag = layers.flag('peers');
    const peers = peersFlag === undefined ? 1 : Number(peersFlag);
    if (!Number.isInteger(peers) || peers < 1 || peers > 500) throw new UsageError('--peers must be a whole number from 1 to 500');
    if (peers > 1 && faults.schedule.length > 0) throw new UsageError('--faults apply to one demo peer; the demo cluster (--peers) has its own trouble');
    if (peers > 1 && port !== 0 && port + peers - 1 > 65535) throw new UsageError(`--port ${port} leaves no room for ${peers} peers (peer K listens on port + K - 1)`);
    return { kind: 'demo-serve', port, peers, faults: faults.schedule };
  }
  if (verb !== undefined && verb !== 'record' && verb !== 'config') throw new UsageError(`unknown command ${JSON.stringify(verb)} (commands: config, dump, record, demo --serve)`);
  if (rest.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(rest[0])}`);
  for (const only of ['faults', 'port', 'serve', 'peers'] as const) {
    if (layers.flag(only) !== undefined) throw new UsageError(`--${only} belongs to demo --serve (e.g. cluster-top demo --serve --faults stall@10s-20s, then --metrics the URL it prints)`);
  }
  const demo = layers.flag('demo') === true;
  const replayFlag = layers.flag('replay');
  const replay = typeof replayFlag === 'string' ? replayFlag : null;
  if (demo && replay !== null) throw new UsageError('--demo and --replay exclude each other');
  if (layers.flag('metrics') !== undefined && (demo || replay !== null)) throw new UsageError('--metrics cannot be combined with --demo or --replay');
  const targetsGiven = layers.string('targets');
  if (targetsGiven !== undefined && (demo || replay !== null)) throw new UsageError(`${targetsGiven.label} cannot be combined with --demo or --replay`);
  const demoPeers = demoPeerCount(layers, demo);
  // `--metrics name=URL` names the peer (its label in the fleet, its Jaeger service `<prefix>-<name>`).
  const metricsList = layers.strings('metrics').map((given) => {
    const { name, url } = splitNamedTarget(given.value);
    if (name !== null && (name === '' || /\s/.test(name))) throw new UsageError(`${given.label}: a name has no blanks (name=URL)`);
    return { name, ...checkedUrl({ ...given, value: url }, '/metrics')! };
  });
  const metricsGiven = metricsList[0];
  const peer = context.peer;
  const peerUrl = metricsGiven === undefined ? (peer?.metricsUrl ?? undefined) : undefined;
  const metricsUrl = metricsGiven?.value ?? peerUrl?.value ?? DEFAULTS.metricsUrl;
  origins.metrics = demo ? '--demo' : replay !== null ? '--replay' : (metricsGiven?.label ?? peerUrl?.source ?? 'default');
  // The peer's own configuration describes the monitored peer only when it also chose the URL.
  const describesTarget = !demo && replay === null && metricsGiven === undefined && targetsGiven === undefined;
  const offAt = (value: { value: boolean; source: string } | null | undefined): string | null =>
    describesTarget && value != null && !value.value ? value.source : null;
  const windowGiven = layers.string('window');
  const poll: PollSettings = {
    metricsUrl,
    metricsTargets: metricsList.map((g) => ({ url: g.value, name: g.name })),
    targetsFile: targetsGiven?.value ?? null,
    demoPeers,
    demo,
    replay,
    intervalMs,
    windowMs: duration(windowGiven, DEFAULTS.windowMs),
    timeoutMs,
    maxBodyBytes,
    tls,
    metricsAuth: demo || replay !== null ? null : credential('metrics', layers, context, origins),
    peer: { statsOff: offAt(peer?.enableStats), tracingOff: offAt(peer?.enableTracing) },
    origins,
  };
  origins.window = originOf(windowGiven);
  if (verb === 'record') {
    const out = layers.flag('out');
    if (typeof out !== 'string') throw new UsageError('record needs --out DIR');
    if (poll.replay !== null) throw new UsageError('record reads a live peer, not --replay');
    const durationFlag = layers.flag('duration');
    const durationMs = typeof durationFlag === 'string' ? duration({ value: durationFlag, layer: 'flag', label: '--duration' }, 0) : null;
    return { kind: 'record', out, append: layers.flag('append') === true, durationMs, poll };
  }
  if (layers.flag('append') !== undefined) throw new UsageError('--append belongs to record (cluster-top record --out DIR --append)');
  if (poll.windowMs <= poll.intervalMs && poll.replay === null) {
    throw new UsageError(`${windowGiven?.label ?? '--window'} must be longer than ${intervalGiven?.label ?? '--interval'} (a rate needs two scrapes inside the window)`);
  }
  const options = monitorOptions(layers, context, poll, origins);
  if (verb === 'config') return { kind: 'config', json: layers.flag('json') === true, options };
  return { kind: 'monitor', options };
}

function monitorOptions(layers: SettingLayers, context: SettingsContext, poll: PollSettings, origins: Record<string, string>): MonitorOptions {
  const quantileGiven = layers.string('quantile');
  const quantile = quantileGiven === undefined ? DEFAULTS.quantile : Number(quantileGiven.value);
  if (!(quantile >= 0 && quantile <= 1)) throw new UsageError(`${quantileGiven?.label} must be a number from 0 to 1, e.g. 0.95`);
  origins.quantile = originOf(quantileGiven);
  const compatGiven = layers.string('promql-compat');
  const compat = compatGiven?.value ?? '3';
  if (compat !== '3' && compat !== '2.42') throw new UsageError(`${compatGiven?.label} must be 3 or 2.42`);
  origins.promqlCompat = originOf(compatGiven);
  const maxSamplesGiven = layers.string('max-samples');
  const maxSamples = maxSamplesGiven === undefined ? DEFAULTS.maxSamples : Number(maxSamplesGiven.value);
  if (!Number.isInteger(maxSamples) || maxSamples < 2) throw new UsageError(`${maxSamplesGiven?.label} must be a whole number of at least 2`);
  origins.maxSamples = originOf(maxSamplesGiven);
  const asciiGiven = layers.boolean('ascii');
  origins.ascii = originOf(asciiGiven, 'automatic (the locale)');
  const noColor = layers.flag('no-color') === true;
  origins.color = noColor ? '--no-color' : 'default (NO_COLOR is honoured)';
  return {
    ...poll,
    quantile,
    once: layers.flag('once') === true || layers.flag('json') === true,
    json: layers.flag('json') === true,
    ascii: asciiGiven?.value === true ? true : null,
    color: !noColor,
    variant: compat === '2.42' ? 'prom242' : 'prom3',
    maxSamples,
    traces: traceSettings(layers, context, poll, origins),
    prometheus: prometheusSettings(layers, poll, origins, context.env),
    api: apiSettings(layers, context, poll, origins, {
      duration,
      checkedUrl: (given) => checkedUrl(given, ''),
      credential: () => credential('api', layers, context, origins),
    }),
  };
}

function traceSettings(layers: SettingLayers, context: SettingsContext, poll: PollSettings, origins: Record<string, string>): TraceSettings | null {
  const noTracesFlag = layers.flag('no-traces') === true;
  const jaegerFlag = layers.flag('jaeger') !== undefined;
  const serviceFlag = layers.flag('service') !== undefined;
  if (noTracesFlag && (jaegerFlag || serviceFlag)) throw new UsageError('--no-traces cannot be combined with --jaeger or --service');
  const limitGiven = layers.string('limit');
  const limit = limitGiven === undefined ? DEFAULTS.limit : Number(limitGiven.value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1500) throw new UsageError(`${limitGiven?.label} must be a whole number from 1 to 1500`);
  const noTraces = noTracesFlag ? layers.boolean('no-traces') : jaegerFlag || serviceFlag ? undefined : layers.boolean('no-traces');
  if (noTraces?.value === true) {
    origins.traces = `off (${noTraces.label})`;
    return null;
  }
  origins.traces = poll.replay !== null ? 'off (--replay)' : 'on (default)';
  const jaeger = checkedUrl(layers.string('jaeger'), '');
  const service = layers.string('service');
  const prefix = context.peer?.serviceName ?? null;
  const lookback = layers.string('lookback');
  const refresh = layers.string('traces-interval');
  Object.assign(origins, {
    jaeger: originOf(jaeger),
    service: service !== undefined ? service.label : 'automatic (the service matching the prefix)',
    servicePrefix: prefix?.source ?? 'default',
    lookback: originOf(lookback),
    limit: originOf(limitGiven),
    tracesInterval: originOf(refresh),
  });
  return {
    jaegerUrl: jaeger?.value ?? DEFAULTS.jaegerUrl,
    service: service?.value ?? null,
    servicePrefix: prefix?.value ?? DEFAULT_SERVICE_PREFIX,
    lookbackMs: duration(lookback, DEFAULTS.lookbackMs),
    limit,
    refreshMs: duration(refresh, DEFAULTS.tracesIntervalMs),
    auth: credential('jaeger', layers, context, origins),
  };
}

/** `--demo-peers`: how many peers the demo cluster has (only with --demo). */
function demoPeerCount(layers: SettingLayers, demo: boolean): number {
  const given = layers.flag('demo-peers');
  if (given === undefined) return DEFAULTS.demoPeers;
  if (!demo) throw new UsageError('--demo-peers belongs to --demo (cluster-top --demo --demo-peers 20)');
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new UsageError('--demo-peers must be a whole number from 1 to 500');
  return n;
}

function credential(target: CredentialTarget, layers: SettingLayers, context: SettingsContext, origins: Record<string, string>): CredentialSpec | null {
  const chosen = chooseCredential(target, layers.singleFlags, context.env);
  if (chosen !== null && 'error' in chosen) throw new UsageError(chosen.error);
  origins[`${target}Auth`] = chosen === null ? 'not set' : chosen.source;
  return chosen;
}

function duration(given: Given<string> | undefined, fallback: number): number {
  if (given === undefined) return fallback;
  const ms = parseDuration(given.value);
  if (ms === null || ms <= 0) throw new UsageError(`${given.label} takes a duration like 2s, 1m or 500ms, not ${JSON.stringify(given.value)}`);
  return ms;
}

function size(given: Given<string> | undefined, fallback: number): number {
  if (given === undefined) return fallback;
  const bytes = parseSize(given.value);
  if (bytes === null || bytes <= 0) throw new UsageError(`${given.label} takes a size like 64MiB, 10MB or 1048576, not ${JSON.stringify(given.value)}`);
  return bytes;
}

function firstLine(err: unknown): string {
  if (err instanceof UsageError || err instanceof SettingError || err instanceof Error) return err.message.split('\n')[0];
  return String(err).split('\n')[0];
}

/**
 * A URL given on the command line or in the environment, checked now: a usage error that says
 * what to write (`host:port` alone gets the scheme, and `path` when it has none, added).
 */
function checkedUrl(given: Given<string> | undefined, path: string): Given<string> | undefined {
  if (given === undefined) return undefined;
  const parsed = parseHttpUrl(given.value);
  if (!('error' in parsed)) return given;
  const bare = /^[\w.-]+:\d{1,5}(\/\S*)?$/.test(given.value) || /^\[[0-9a-f:.]+\]:\d{1,5}(\/\S*)?$/i.test(given.value);
  const suggestion = bare ? `http://${given.value}${given.value.includes('/') ? '' : path}` : `http://HOST:PORT${path}`;
  const candidate = bare && !('error' in parseHttpUrl(suggestion));
  throw new UsageError(`${given.label}: ${parsed.error}; ${candidate ? `did you mean ${suggestion}?` : `give a full URL such as ${suggestion}`}`);
}
