// Entry point: reads the command line, the environment and the peer's service.json, and wires
// sources → parser → model → views for each command. Nothing else imports this file.

import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import { buildCommand, readCommandLine, type MonitorOptions, type PollSettings, type TlsOptions } from './cli/args.js';
import { formatConfigJson, formatConfigText } from './cli/config-command.js';
import { runDump } from './cli/dump.js';
import { insecureWarning, openEndpointAccess, readCaBundle, type EndpointAccess } from './cli/endpoint-access.js';
import { runOnce } from './cli/once.js';
import { loadPeerConfig, type PeerConfigLoad } from './cli/peer-config.js';
import { localeIsUtf8, readStdin, stopSignal } from './cli/process-io.js';
import { runRecord } from './cli/record.js';
import { USAGE } from './cli/usage.js';
import { withExplainedFailures } from './feed/explained-feed.js';
import { createHttpFeed, createReplayFeed, type PeerFeed } from './feed/peer-feed.js';
import { explainJaegerFailure, explainScrapeFailure } from './model/failure-hints.js';
import type { CredentialSpec, CredentialTarget } from './sources/credentials.js';
import type { ScrapeError } from './sources/scrape.js';
import { describeSchedule, type FaultSchedule } from './sources/demo/fault-spec.js';
import { startDemoPeer } from './sources/demo/server.js';
import { fetchTraceRows } from './sources/jaeger/trace-rows.js';
import { oneLine } from './util/escape-control.js';
import { ioTurn, settledWithin } from './util/event-loop.js';
import { PACKAGE_VERSION } from './version.js';

const out = (text: string): void => void process.stdout.write(text);
const err = (text: string): void => void process.stderr.write(text);
/** One line on stderr, prefixed and escaped. */
const say = (text: string): void => err(`cluster-top: ${oneLine(text, 400)}\n`);

/** How long `--once` waits for Jaeger (the search runs during the two scrapes). */
const ONCE_TRACES_TIMEOUT_MS = 5000;

/** What the launcher can ask to hear about while cluster-top starts. */
export interface MainHooks {
  /** Called once, just before the live view starts, when its code is loaded and the first scrape is parsed (the launcher saves its code cache then). */
  readonly beforeLiveView?: () => void;
}

/** Runs cluster-top with `argv` and sets the process's exit code; never rejects. */
export async function run(argv: readonly string[], hooks: MainHooks = {}): Promise<void> {
  try {
    process.exitCode = await main(argv, hooks);
  } catch (error) {
    err(`cluster-top: unexpected error: ${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}

/** Runs cluster-top with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], hooks: MainHooks = {}): Promise<number> {
  const line = readCommandLine(argv);
  if ('error' in line) return usageError(line.error);
  const env = process.env;
  const loaded = await loadPeerConfig(line, env, os.homedir());
  const command = buildCommand(line, { env, peer: loaded.observations });
  switch (command.kind) {
    case 'help':
      out(USAGE);
      return 0;
    case 'version':
      out(`cluster-top ${PACKAGE_VERSION}\n`);
      return 0;
    case 'error':
      return usageError(command.message);
    case 'demo-serve':
      return serveDemo(command.port, command.faults);
    case 'config':
      return showConfig(command.options, command.json, loaded);
    case 'dump': {
      warnIfInsecure(command.tls);
      const access = await openAccess('metrics', command.auth, command.tls);
      if (typeof access === 'number') return access;
      const explain = (e: ScrapeError): string => explainScrapeFailure(e.kind, e.status, e.message, access.context, null);
      return runDump({ ...command, headers: access.headers, ca: access.ca, insecure: access.insecure, explain }, { stdout: out, stderr: err, readStdin });
    }
    case 'record': {
      loaded.problems.forEach(say);
      warnIfInsecure(command.poll.tls);
      const access = await pollAccess(command.poll);
      if (typeof access === 'number') return access;
      const source = await openSource(command.poll, command.out, access);
      const stop = stopSignal();
      try {
        return await runRecord(source.feed, command.out, command.poll.intervalMs, command.durationMs, {
          stderr: err,
          sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
          stop,
          now: Date.now,
        });
      } finally {
        await source.close();
      }
    }
    case 'monitor':
      loaded.problems.forEach(say);
      warnIfInsecure(command.options.tls);
      return monitor(command.options, hooks);
  }
}

function usageError(message: string): number {
  err(`cluster-top: ${oneLine(message, 300)}\nTry 'cluster-top --help'.\n`);
  return 2;
}

async function monitor(options: MonitorOptions, hooks: MainHooks): Promise<number> {
  if (!options.once && !process.stdout.isTTY) {
    say('standard output is not a terminal; use --once for a text snapshot or --once --json for scripts');
    return 2;
  }
  const metricsAccess = await pollAccess(options);
  if (typeof metricsAccess === 'number') return metricsAccess;
  const traces = options.traces === null || options.replay !== null ? null : options.traces;
  const jaegerAccess = traces === null ? null : await openAccess('jaeger', traces.auth, options.tls);
  if (typeof jaegerAccess === 'number') return jaegerAccess;
  let source: OpenedSource;
  try {
    source = await openSource(options, undefined, metricsAccess);
  } catch (error) {
    say((error as Error).message);
    return 1;
  }
  // `--demo` without a Jaeger address of its own: the demo peer serves the Jaeger query API too.
  const jaegerUrl = traces === null ? '' : source.jaegerUrl !== null && options.origins.jaeger === 'default' ? source.jaegerUrl : traces.jaegerUrl;
  try {
    if (options.once) {
      const io = {
        stdout: out,
        stderr: err,
        sleep: (ms: number) => delay(ms),
        traces: traces === null || jaegerAccess === null ? null : () => fetchTraceRows({
          jaegerUrl,
          service: traces.service ?? undefined,
          servicePrefix: traces.servicePrefix,
          lookbackMs: traces.lookbackMs,
          limit: traces.limit,
          // Not the scrape timeout: a one-shot can wait for Jaeger, which answers while we scrape.
          timeoutMs: ONCE_TRACES_TIMEOUT_MS,
          headers: jaegerAccess.headers,
          ca: jaegerAccess.ca,
          insecure: jaegerAccess.insecure,
          explain: (e) => explainJaegerFailure(e.kind, e.status, e.message, jaegerAccess.context),
        }),
      };
      return await runOnce(source.feed, options, io, options.replay !== null);
    }
    // The first scrape is asked for before the live view's modules load, so that the peer
    // answers while they do. Loading them is one long synchronous stretch (the bundle has no
    // await in it), so the event loop first gets a turn in which to connect and send the request.
    // If the answer is in within FIRST_FRAME_WAIT_MS after loading, the first frame shows it; if
    // not, the spinner shows and the scrape loop's first poll is that one.
    const firstStartedMs = Date.now();
    const first = source.feed.poll();
    let firstTaken = false;
    await ioTurn();
    const { runDashboard } = await import('./ui/run-dashboard.js');
    const ready = await settledWithin(first, FIRST_FRAME_WAIT_MS);
    // Only after a good first scrape has the code the first frames need run (the parser's included).
    if (ready?.value.ok) hooks.beforeLiveView?.();
    const unverified = metricsAccess !== null && metricsAccess.insecure && /^https:/i.test(source.feed.target);
    return await runDashboard({
      target: unverified ? `${source.feed.target} (TLS NOT VERIFIED)` : source.feed.target,
      poll: () => (firstTaken || ready !== null ? source.feed.poll() : ((firstTaken = true), first)),
      initial: ready === null ? undefined : { outcome: ready.value, startedMs: firstStartedMs },
      intervalMs: options.intervalMs,
      windowMs: options.windowMs,
      maxSamples: options.maxSamples,
      quantile: options.quantile,
      variant: options.variant,
      ascii: options.ascii ?? !localeIsUtf8(process.env),
      color: options.color && !process.env.NO_COLOR,
      traces:
        traces === null || jaegerAccess === null
          ? null
          : {
              jaegerUrl,
              service: traces.service,
              servicePrefix: traces.servicePrefix,
              lookbackMs: traces.lookbackMs,
              limit: traces.limit,
              refreshMs: traces.refreshMs,
              headers: jaegerAccess.headers,
              ca: jaegerAccess.ca,
              insecure: jaegerAccess.insecure,
              explain: (e) => explainJaegerFailure(e.kind, e.status, e.message, jaegerAccess.context),
            },
    });
  } finally {
    await source.close();
  }
}

/** How long the live view waits for the first scrape (after loading) before it shows a spinner instead. */
const FIRST_FRAME_WAIT_MS = 250;

/** The metrics endpoint's access, or null for the demo peer and replays; a number is an exit code. */
async function pollAccess(poll: PollSettings): Promise<EndpointAccess | null | number> {
  if (poll.demo || poll.replay !== null) return null;
  return openAccess('metrics', poll.metricsAuth, poll.tls);
}

/** Reads the CA file and the credential of one endpoint; on failure, says why and returns exit code 2. */
async function openAccess(target: CredentialTarget, spec: CredentialSpec | null, tls: TlsOptions): Promise<EndpointAccess | number> {
  const ca = await readCaBundle(tls, tls.caFrom);
  if (ca !== null && 'error' in ca) return usageError(ca.error);
  const access = await openEndpointAccess(target, spec, tls, ca, process.env);
  if ('error' in access) return usageError(access.error);
  access.warnings.forEach(say);
  return access;
}

/** Shows the --insecure warning (on every command that may connect with it). */
function warnIfInsecure(tls: TlsOptions): void {
  if (tls.insecure) say(insecureWarning(tls.insecureFrom));
}

interface OpenedSource {
  readonly feed: PeerFeed;
  /** The embedded demo peer's Jaeger query API (same origin as its /metrics), or null. */
  readonly jaegerUrl: string | null;
  close(): Promise<void>;
}

/** Opens the feed the settings name: a replayed folder, the embedded demo peer, or a URL. */
async function openSource(settings: PollSettings, recordDir: string | undefined, access: EndpointAccess | null): Promise<OpenedSource> {
  if (settings.replay !== null) {
    const feed = await createReplayFeed(settings.replay);
    return { feed, jaegerUrl: null, close: async () => feed.close() };
  }
  const demo = settings.demo ? await startDemoPeer() : null;
  const http = createHttpFeed({
    url: demo?.url ?? settings.metricsUrl,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    recordDir,
    headers: access?.headers,
    ca: access?.ca,
    insecure: access?.insecure,
    // The embedded demo peer runs in this process: gzip would only cost CPU on both ends.
    gzip: demo === null,
  });
  const feed = access === null ? http : withExplainedFailures(http, (f) => explainScrapeFailure(f.kind, f.status, f.message, access.context, settings.peer.statsOff));
  return {
    feed,
    jaegerUrl: demo?.jaegerUrl ?? null,
    close: async () => {
      feed.close();
      await demo?.close();
    },
  };
}

/** `cluster-top config`: reads the credentials (to report problems) but never shows them. */
async function showConfig(options: MonitorOptions, json: boolean, loaded: PeerConfigLoad): Promise<number> {
  const problems = [...loaded.problems];
  const ca = await readCaBundle(options.tls, options.tls.caFrom);
  if (ca !== null && 'error' in ca) problems.push(ca.error);
  const specs: [CredentialTarget, CredentialSpec | null][] = [['metrics', options.metricsAuth], ['jaeger', options.traces?.auth ?? null]];
  for (const [target, spec] of specs) {
    const access = await openEndpointAccess(target, spec, options.tls, null, process.env);
    if ('error' in access) problems.push(access.error);
    else problems.push(...access.warnings);
  }
  const observations = loaded.observations;
  const report = { options, file: loaded.read, peerStats: observations?.enableStats ?? null, peerTracing: observations?.enableTracing ?? null, problems };
  out(json ? formatConfigJson(report) + '\n' : formatConfigText(report));
  return 0;
}

async function serveDemo(port: number, faults: FaultSchedule): Promise<number> {
  const demo = await startDemoPeer({ port, faults: faults.length > 0 ? faults : undefined });
  out(`demo peer serving ${demo.url} (Jaeger query API at ${demo.jaegerUrl})${faults.length > 0 ? ` with faults: ${describeSchedule(faults)}` : ''}\n`);
  const stop = stopSignal();
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await demo.close();
  return 0;
}
