// The command line contract: turns argv into one typed command, or a clear error line.
// Flags are documented in README.md and in usage.ts; keep the three in step.

import { parseArgs } from 'node:util';
import { parseDuration, parseSize } from './parse-units.js';

/** Options shared by every command that polls a peer. */
export interface PollSettings {
  /** The peer's metrics URL (ignored with demo or replay). */
  readonly metricsUrl: string;
  /** Monitor the embedded demo peer. */
  readonly demo: boolean;
  /** Read a recorded folder instead of scraping. */
  readonly replay: string | null;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
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
}

/** Where and how to look for the peer's traces. */
export interface TraceSettings {
  /** Jaeger query base URL (may carry a base path). */
  readonly jaegerUrl: string;
  /** An explicit service; otherwise the one matching `cluster-daemon(-|$)`. */
  readonly service: string | null;
  readonly lookbackMs: number;
  readonly limit: number;
  readonly refreshMs: number;
}

/** One parsed command line. */
export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'monitor'; readonly options: MonitorOptions }
  | { readonly kind: 'dump'; readonly input: string; readonly openmetrics: boolean; readonly format: 'prom2json' | 'samples'; readonly timeoutMs: number; readonly maxBodyBytes: number }
  | { readonly kind: 'record'; readonly out: string; readonly durationMs: number | null; readonly poll: PollSettings }
  | { readonly kind: 'demo-serve'; readonly port: number }
  | { readonly kind: 'error'; readonly message: string };

/** Default metrics endpoint of an IPFS Cluster peer (observations.metrics.prometheus_endpoint). */
export const DEFAULT_METRICS_URL = 'http://127.0.0.1:8888/metrics';
/** Default Jaeger query endpoint. */
export const DEFAULT_JAEGER_URL = 'http://127.0.0.1:16686';
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

const OPTIONS = {
  metrics: { type: 'string' },
  interval: { type: 'string' },
  window: { type: 'string' },
  quantile: { type: 'string' },
  timeout: { type: 'string' },
  'max-body': { type: 'string' },
  'max-samples': { type: 'string' },
  'promql-compat': { type: 'string' },
  jaeger: { type: 'string' },
  'no-traces': { type: 'boolean' },
  service: { type: 'string' },
  lookback: { type: 'string' },
  limit: { type: 'string' },
  'traces-interval': { type: 'string' },
  demo: { type: 'boolean' },
  replay: { type: 'string' },
  once: { type: 'boolean' },
  json: { type: 'boolean' },
  ascii: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  openmetrics: { type: 'boolean' },
  format: { type: 'string' },
  out: { type: 'string' },
  duration: { type: 'string' },
  serve: { type: 'boolean' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

class UsageError extends Error {}

/** Parses argv (without node and the script) into a Command; never throws. */
export function parseCommandLine(argv: readonly string[]): Command {
  try {
    return parseOrThrow(argv);
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    return { kind: 'error', message };
  }
}

function parseOrThrow(argv: readonly string[]): Command {
  const { values, positionals } = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [verb, ...rest] = positionals;
  const timeoutGiven = values.timeout !== undefined;
  const intervalMs = duration(values.interval, '--interval', 2000);
  if (intervalMs < 100) throw new UsageError('--interval must be at least 100ms');
  const timeoutMs = timeoutGiven ? duration(values.timeout, '--timeout', 0) : Math.min(intervalMs, 10_000);
  const maxBodyBytes = size(values['max-body'], '--max-body', DEFAULT_MAX_BODY);
  if (verb === 'dump') {
    if (rest.length > 1) throw new UsageError('dump takes one URL, FILE or - (standard input)');
    const format = values.format ?? 'prom2json';
    if (format !== 'prom2json' && format !== 'samples') throw new UsageError(`--format must be prom2json or samples, not ${JSON.stringify(format)}`);
    return { kind: 'dump', input: rest[0] ?? '-', openmetrics: values.openmetrics === true, format, timeoutMs: timeoutGiven ? timeoutMs : 10_000, maxBodyBytes };
  }
  if (verb === 'demo') {
    if (!values.serve) throw new UsageError('demo needs --serve (to watch the demo peer, run: cluster-top --demo)');
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 0 to 65535');
    return { kind: 'demo-serve', port };
  }
  if (verb !== undefined && verb !== 'record') throw new UsageError(`unknown command ${JSON.stringify(verb)} (commands: dump, record, demo --serve)`);
  const poll: PollSettings = {
    metricsUrl: values.metrics ?? DEFAULT_METRICS_URL,
    demo: values.demo === true,
    replay: values.replay ?? null,
    intervalMs,
    windowMs: duration(values.window, '--window', 60_000),
    timeoutMs,
    maxBodyBytes,
  };
  if (poll.demo && poll.replay !== null) throw new UsageError('--demo and --replay exclude each other');
  if (values.metrics !== undefined && (poll.demo || poll.replay !== null)) throw new UsageError('--metrics cannot be combined with --demo or --replay');
  if (verb === 'record') {
    if (values.out === undefined) throw new UsageError('record needs --out DIR');
    if (poll.replay !== null) throw new UsageError('record reads a live peer, not --replay');
    const durationMs = values.duration === undefined ? null : duration(values.duration, '--duration', 0);
    return { kind: 'record', out: values.out, durationMs, poll };
  }
  if (poll.windowMs <= poll.intervalMs && poll.replay === null) {
    throw new UsageError('--window must be longer than --interval (a rate needs two scrapes inside the window)');
  }
  const quantile = values.quantile === undefined ? 0.95 : Number(values.quantile);
  if (!(quantile >= 0 && quantile <= 1)) throw new UsageError('--quantile must be a number from 0 to 1, e.g. 0.95');
  const compat = values['promql-compat'] ?? '3';
  if (compat !== '3' && compat !== '2.42') throw new UsageError('--promql-compat must be 3 or 2.42');
  const maxSamples = values['max-samples'] === undefined ? 10_000 : Number(values['max-samples']);
  if (!Number.isInteger(maxSamples) || maxSamples < 2) throw new UsageError('--max-samples must be a whole number of at least 2');
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1500) throw new UsageError('--limit must be a whole number from 1 to 1500');
  if (values['no-traces'] && (values.jaeger !== undefined || values.service !== undefined)) throw new UsageError('--no-traces cannot be combined with --jaeger or --service');
  const traces: TraceSettings | null = values['no-traces'] ? null : {
    jaegerUrl: values.jaeger ?? DEFAULT_JAEGER_URL,
    service: values.service ?? null,
    lookbackMs: duration(values.lookback, '--lookback', 3_600_000),
    limit,
    refreshMs: duration(values['traces-interval'], '--traces-interval', 10_000),
  };
  return {
    kind: 'monitor',
    options: {
      ...poll,
      quantile,
      once: values.once === true || values.json === true,
      json: values.json === true,
      ascii: values.ascii === true ? true : null,
      color: values['no-color'] !== true,
      variant: compat === '2.42' ? 'prom242' : 'prom3',
      maxSamples,
      traces,
    },
  };
}

function duration(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const ms = parseDuration(text);
  if (ms === null || ms <= 0) throw new UsageError(`${flag} takes a duration like 2s, 1m or 500ms, not ${JSON.stringify(text)}`);
  return ms;
}

function size(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const bytes = parseSize(text);
  if (bytes === null || bytes <= 0) throw new UsageError(`${flag} takes a size like 64MiB, 10MB or 1048576, not ${JSON.stringify(text)}`);
  return bytes;
}
