// Entry point: reads the command line, the environment and the peer's service.json, and wires
// sources → parser → model → views for each command. Nothing else imports this file.

import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { buildCommand, readCommandLine, type MonitorOptions, type PollSettings, type TlsOptions } from './cli/args.js';
import { showConfig } from './cli/show-config.js';
import { runDump } from './cli/dump.js';
import { insecureWarning, openEndpointAccess, readCaBundle, readClientCert, type EndpointAccess } from './cli/endpoint-access.js';
import { runOnce } from './cli/once.js';
import { loadPeerConfig } from './cli/peer-config.js';
import { output, sayer, usageError, wantsAscii, type Output } from './cli/output.js';
import { endQuietlyWhenOutputCloses, readStdin, stopSignal } from './cli/process-io.js';
import { runFleetRecord, runRecord } from './cli/record.js';
import { serveDemo, serveDemoCluster } from './cli/demo-serve.js';
import { openFleet, runFleetMonitor, TargetsError } from './cli/fleet.js';
import { apiOnceReader, fleetFromApi, openLiveApi, type LiveApi } from './cli/live-api.js';
import { peerTitle } from './model/fleet-api.js';
import { prometheusHeaders, runPrometheusLive, runPrometheusOnce } from './cli/prometheus-source.js';
import { usageText } from './cli/usage.js';
import { createReplayFeed, type PeerFeed } from './feed/peer-feed.js';
import { scrapeFeed } from './cli/scrape-feed.js';
import { explainJaegerFailure, explainScrapeFailure } from './model/failure-hints.js';
import type { CredentialSpec, CredentialTarget } from './sources/credentials.js';
import type { ScrapeError } from './sources/scrape.js';
import { startDemoPeer } from './sources/demo/server.js';
import type { JaegerError } from './sources/jaeger/client.js';
import { fetchTraceRows } from './sources/jaeger/trace-rows.js';
import { checkRecordingFolder } from './sources/record.js';
import { ioTurn, settledWithin } from './util/event-loop.js';
import { PACKAGE_VERSION } from './version.js';

/** How long `--once` waits for Jaeger (the search runs during the two scrapes). */
const ONCE_TRACES_TIMEOUT_MS = 5000;

/** What the launcher can ask to hear about while cluster-top starts. */
export interface MainHooks {
  /** Called once, just before the live view starts, when its code is loaded and the first scrape is parsed (the launcher saves its code cache then). */
  readonly beforeLiveView?: () => void;
}

/** Runs cluster-top with `argv` and sets the process's exit code; never rejects. */
export async function run(argv: readonly string[], hooks: MainHooks = {}): Promise<void> {
  endQuietlyWhenOutputCloses();
  try {
    process.exitCode = await main(argv, hooks);
  } catch (error) {
    process.stderr.write(`cluster-top: unexpected error: ${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  }
}

/** Runs cluster-top with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], hooks: MainHooks = {}): Promise<number> {
  const env = process.env;
  const line = readCommandLine(argv);
  const o = output(wantsAscii('error' in line ? null : line.flags, argv, env));
  if ('error' in line) return usageError(o, line.error);
  const say = sayer(o);
  const loaded = await loadPeerConfig(line, env, os.homedir());
  const command = buildCommand(line, { env, peer: loaded.observations, restApi: loaded.restApi });
  switch (command.kind) {
    case 'help':
      o.out(usageText());
      return 0;
    case 'version':
      o.out(`cluster-top ${PACKAGE_VERSION}\n`);
      return 0;
    case 'error':
      return usageError(o, command.message);
    case 'demo-serve':
      return command.peers > 1 ? serveDemoCluster(o, command.port, command.peers) : serveDemo(o, command.port, command.faults);
    case 'config':
      return showConfig(o, command.options, command.json, loaded);
    case 'dump': {
      // Without an operand, standard input, unless it is a terminal (someone would wait for nothing).
      if (command.input === null && process.stdin.isTTY) return usageError(o, 'dump needs a URL, a FILE, or - for standard input');
      warnIfInsecure(o, command.tls);
      const access = await openAccess(o, 'metrics', command.auth, command.tls);
      if (typeof access === 'number') return access;
      const explain = (e: ScrapeError): string => explainScrapeFailure(e.kind, e.status, e.message, access.context, null);
      const request = { ...command, input: command.input ?? '-', headers: access.headers, ca: access.ca, insecure: access.insecure, clientCert: access.clientCert, explain };
      return runDump(request, { stdout: o.outJson, stderr: o.err, readStdin });
    }
    case 'record': {
      loaded.problems.forEach(say);
      const folder = await checkRecordingFolder(command.out, command.append);
      if (!folder.ok) return usageError(o, folder.message);
      warnIfInsecure(o, command.poll.tls);
      const access = await pollAccess(o, command.poll);
      if (typeof access === 'number') return access;
      const stop = stopSignal();
      const fleet = await openFleet(command.poll, access, command.out);
      if (fleet !== null) {
        const peers = fleet.peers.map((p) => ({ feed: p.feed, folder: join(command.out, p.name) }));
        for (const peer of peers) {
          const checked = await checkRecordingFolder(peer.folder, command.append);
          if (!checked.ok) return (await fleet.close(), usageError(o, checked.message));
        }
        try {
          return await runFleetRecord(peers, command.poll.intervalMs, command.durationMs, { stderr: o.err, stop, now: Date.now });
        } finally {
          await fleet.close();
        }
      }
      const source = await openSource(command.poll, command.out, access);
      try {
        return await runRecord(source.feed, command.out, command.poll.intervalMs, command.durationMs, {
          stderr: o.err,
          stop,
          now: Date.now,
        });
      } finally {
        await source.close();
      }
    }
    case 'monitor':
      loaded.problems.forEach(say);
      warnIfInsecure(o, command.options.tls);
      return monitor(o, command.options, hooks);
  }
}

async function monitor(o: Output, options: MonitorOptions, hooks: MainHooks): Promise<number> {
  const say = sayer(o);
  // Traces: not for a replay, nor a server's --once report.
  const traces = options.traces === null || options.replay !== null || (options.prometheus != null && options.once) ? null : options.traces;
  const jaegerAccess = traces === null ? null : await openAccess(o, 'jaeger', traces.auth, options.tls);
  if (typeof jaegerAccess === 'number') return jaegerAccess;
  // What both the one-shot search and the live view's traces pane ask Jaeger with.
  const jaegerAt = (jaegerUrl: string) =>
    traces === null || jaegerAccess === null
      ? null
      : {
          jaegerUrl,
          service: traces.service,
          servicePrefix: traces.servicePrefix,
          lookbackMs: traces.lookbackMs,
          limit: traces.limit,
          headers: jaegerAccess.headers,
          ca: jaegerAccess.ca,
          insecure: jaegerAccess.insecure,
          clientCert: jaegerAccess.clientCert,
          explain: (e: JaegerError) => explainJaegerFailure(e.kind, e.status, e.message, jaegerAccess.context),
        };
  const shared = traces === null ? null : jaegerAt(traces.jaegerUrl);
  // The live views' traces settings (a demo peer's own query API replaces the URL).
  const liveTraces = shared === null || traces === null ? null : { ...shared, refreshMs: traces.refreshMs };
  if (options.prometheus != null) {
    if (!options.once && !process.stdout.isTTY) {
      say('standard output is not a terminal; use --once for a text snapshot or --once --json for scripts');
      return 2;
    }
    const access = await openAccess(o, 'prometheus', options.prometheus.auth, options.tls);
    if (typeof access === 'number') return access;
    const headers = await prometheusHeaders(options.prometheus, access);
    if ('error' in headers) return usageError(o, headers.error);
    headers.warnings.forEach(say);
    if (!options.once) return runPrometheusLive(options.prometheus, headers.headers, options, access, { ascii: options.ascii ?? o.ascii, color: options.color && !process.env.NO_COLOR, traces: liveTraces });
    return runPrometheusOnce(options.prometheus, headers.headers, options, access, { stdout: options.json ? o.outJson : o.out, stderr: o.err, sleep: (ms) => delay(ms), ascii: options.ascii ?? o.ascii });
  }
  if (!options.once && !process.stdout.isTTY) {
    say('standard output is not a terminal; use --once for a text snapshot or --once --json for scripts');
    return 2;
  }
  const metricsAccess = await pollAccess(o, options);
  if (typeof metricsAccess === 'number') return metricsAccess;
  const ascii = options.ascii ?? o.ascii;
  const color = options.color && !process.env.NO_COLOR;
  let source: OpenedSource;
  let api: LiveApi | null = null;
  try {
    const fleet = await openFleet(options, metricsAccess);
    // The live view reads the cluster's REST API beside the scrapes; --once reads it once, in the report.
    api = options.once ? null : await openLiveApi(options, say, fleet?.apiUrl);
    const io = { stdout: options.json ? o.outJson : o.out, stderr: o.err, sleep: (ms: number) => delay(ms), ascii, color, traces: liveTraces };
    if (fleet !== null) {
      const onceApi = options.once ? await apiOnceReader(o, options, fleet.apiUrl ?? null) : null;
      if (typeof onceApi === 'number') return (await fleet.close(), onceApi);
      return await runFleetMonitor(fleet, options, { ...io, api: onceApi, liveApi: api && { monitor: api.monitor, url: api.url, selfTarget: null } });
    }
    source = await openSource(options, undefined, metricsAccess);
    // On a peer host, a peer that sees others: the fleet, this peer scraped and the rest from the API.
    const opened = source;
    const fromApi = api === null || options.metricsTargets.length > 0 || options.demo || options.replay !== null ? null : fleetFromApi(api, source.feed, () => opened.close());
    if (api !== null && fromApi !== null) return await runFleetMonitor(fromApi, options, { ...io, liveApi: { monitor: api.monitor, url: api.url, selfTarget: source.feed.target } });
  } catch (error) {
    if (error instanceof TargetsError) return usageError(o, error.message);
    say((error as Error).message);
    return 1;
  } finally {
    // The fleet views ran with the API; the single peer's view only needed its /id.
    api?.close();
  }
  // `--demo` without a Jaeger address of its own: the demo peer serves the Jaeger query API too.
  const jaeger = traces === null ? null : jaegerAt(source.jaegerUrl !== null && options.origins.jaeger === 'default' ? source.jaegerUrl : traces.jaegerUrl);
  try {
    if (options.once) {
      const api = await apiOnceReader(o, options, null);
      if (typeof api === 'number') return api;
      const io = {
        api,
        stdout: options.json ? o.outJson : o.out,
        stderr: o.err,
        sleep: (ms: number) => delay(ms),
        ascii,
        // Not the scrape timeout: a one-shot can wait for Jaeger, which answers while we scrape.
        traces: jaeger === null ? null : () => fetchTraceRows({ ...jaeger, service: jaeger.service ?? undefined, timeoutMs: ONCE_TRACES_TIMEOUT_MS }),
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
    // Named as the REST API knows it: `peer1 (12D3KooW…x9Qa) v1.1.6 · URL`.
    const self = api?.self ?? null;
    const named = self === null ? '' : `${peerTitle(self.peername === '' ? 'peer' : self.peername, self, ascii ? '...' : '…')} · `;
    return await runDashboard({
      target: named + (unverified ? `${source.feed.target} (TLS NOT VERIFIED)` : source.feed.target),
      poll: () => (firstTaken || ready !== null ? source.feed.poll() : ((firstTaken = true), first)),
      initial: ready === null ? undefined : { outcome: ready.value, startedMs: firstStartedMs },
      intervalMs: options.intervalMs,
      windowMs: options.windowMs,
      maxSamples: options.maxSamples,
      quantile: options.quantile,
      variant: options.variant,
      ascii,
      color,
      traces: jaeger === null || traces === null ? null : { ...jaeger, refreshMs: traces.refreshMs },
    });
  } finally {
    await source.close();
  }
}

/** How long the live view waits for the first scrape (after loading) before it shows a spinner instead. */
const FIRST_FRAME_WAIT_MS = 250;

/** The metrics endpoint's access, or null for the demo peer and replays; a number is an exit code. */
async function pollAccess(o: Output, poll: PollSettings): Promise<EndpointAccess | null | number> {
  if (poll.demo || poll.replay !== null) return null;
  return openAccess(o, 'metrics', poll.metricsAuth, poll.tls);
}

/** Reads the CA file, the client certificate and the credential of one endpoint; on failure, says why and returns exit code 2. */
async function openAccess(o: Output, target: CredentialTarget, spec: CredentialSpec | null, tls: TlsOptions): Promise<EndpointAccess | number> {
  const ca = await readCaBundle(tls, tls.caFrom);
  if (ca !== null && 'error' in ca) return usageError(o, ca.error);
  const cert = await readClientCert(tls);
  if (cert !== null && 'error' in cert) return usageError(o, cert.error);
  // The key's warning once: with the first endpoint a command opens (the metrics one, or --prometheus's server).
  if (cert?.warning != null && (target === 'metrics' || target === 'prometheus')) sayer(o)(cert.warning);
  const access = await openEndpointAccess(target, spec, tls, ca, process.env, cert?.clientCert ?? null);
  if ('error' in access) return usageError(o, access.error);
  access.warnings.forEach(sayer(o));
  return access;
}

/** Shows the --insecure warning (on every command that may connect with it). */
function warnIfInsecure(o: Output, tls: TlsOptions): void {
  if (tls.insecure) sayer(o)(insecureWarning(tls.insecureFrom));
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
  const feed = scrapeFeed(settings, demo?.url ?? settings.metricsUrl, access, { recordDir, gzip: demo === null });
  return {
    feed,
    jaegerUrl: demo?.jaegerUrl ?? null,
    close: async () => {
      feed.close();
      await demo?.close();
    },
  };
}
