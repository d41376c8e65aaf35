// The fleet side of the monitor command: which targets make a fleet (two or more `--metrics`, a
// `--targets` file, `--demo` with several peers, a `--replay` folder of peer folders), their
// feeds, and the fleet's `--once` report; the live fleet view is started by cli.ts.

import type { FleetApi } from '../ui/fleet-dashboard.js';
import type { FleetViewOptions } from '../ui/run-fleet.js';
import { BodyBufferPool } from '../sources/body-buffer-pool.js';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_MAX_IN_FLIGHT, FleetMonitor, type FleetTarget } from '../feed/fleet-monitor.js';
import { createReplayFeed, type PeerFeed } from '../feed/peer-feed.js';
import { fleetReport } from '../model/fleet-report.js';
import { startDemoCluster } from '../sources/demo/demo-cluster.js';
import { listRecording } from '../sources/replay.js';
import type { DashboardTracesOptions } from '../ui/dashboard-traces.js';
import type { MonitorOptions, PollSettings } from './command.js';
import type { EndpointAccess } from './endpoint-access.js';
import { formatFleetJson, formatFleetText } from './format-fleet.js';
import { formatApiText } from './format-api.js';
import type { ApiReport } from '../model/cluster-api/api-report.js';
import { scrapeFeed } from './scrape-feed.js';
import { labelTargets, parseTargets, type LabelledTarget, type TargetSpec } from './targets.js';

/** One peer of an opened fleet. */
export interface FleetPeerSource {
  /** Unique label. */
  readonly name: string;
  /** The peer's own name when known (its Jaeger service is `<prefix>-<name>`). */
  readonly peerName: string | null;
  readonly feed: PeerFeed;
  /** The peer's own Jaeger query API (the demo cluster's peers serve one each), or null. */
  readonly jaegerUrl: string | null;
}

/** The fleet's feeds, and how to release them. */
export interface OpenedFleet {
  readonly peers: readonly FleetPeerSource[];
  /** The demo cluster's REST API (`--demo`), or absent. */
  readonly apiUrl?: string;
  close(): Promise<void>;
}

/** A `--targets` file that cannot be used: a usage error (exit 2), its one line says why. */
export class TargetsError extends Error {}

/** Why a file could not be read, in words. */
function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return (error as Error).message;
}

/** The targets of the settings when they make a fleet (two or more, or any `--targets` file), else null; a bad targets file throws its one-line reason. */
export async function fleetTargets(settings: PollSettings): Promise<LabelledTarget[] | null> {
  if (settings.demo || settings.replay !== null) return null;
  const specs: TargetSpec[] = [...settings.metricsTargets];
  if (settings.targetsFile !== null) {
    let text: string;
    try {
      text = await readFile(settings.targetsFile, 'utf8');
    } catch (error) {
      throw new TargetsError(`cannot read --targets ${settings.targetsFile}: ${fileProblem(error)}`);
    }
    const parsed = parseTargets(text, settings.targetsFile);
    if ('error' in parsed) throw new TargetsError(parsed.error);
    specs.push(...parsed);
  }
  if (settings.targetsFile === null) return specs.length >= 2 ? labelTargets(specs) : null;
  if (specs.length === 0) throw new TargetsError(`--targets ${settings.targetsFile} lists no target (one a line: URL or name=URL)`);
  // A targets file of one line is still the fleet it names: the single-peer path would scrape the default URL instead.
  return labelTargets(specs);
}

/** The peer folders of a fleet recording (subfolders holding recordings), or null when `dir` is one peer's recording. */
export async function fleetRecordingFolders(dir: string): Promise<string[] | null> {
  const own = await listRecording(dir).then(() => true, () => false);
  if (own) return null;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return null; // listRecording's own message says what is wrong with the folder
  }
  const peers: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (await listRecording(join(dir, entry.name)).then(() => true, () => false)) peers.push(entry.name);
  }
  return peers.length > 0 ? peers : null;
}

/** Opens the fleet the settings name, or null when they name one peer. `recordRoot`: record every scrape under it, one folder per peer. */
export async function openFleet(settings: PollSettings, access: EndpointAccess | null, recordRoot?: string): Promise<OpenedFleet | null> {
  if (settings.replay !== null) {
    const folders = await fleetRecordingFolders(settings.replay);
    if (folders === null) return null;
    const peers = await Promise.all(folders.map(async (name) => ({ name, peerName: name, feed: await createReplayFeed(join(settings.replay!, name)), jaegerUrl: null })));
    return { peers, close: async () => peers.forEach((p) => p.feed.close()) };
  }
  // One pool of body buffers for every peer, as many as scrapes can be in flight: a peer holds a
  // buffer only while its body is read and parsed.
  const bodyPool = new BodyBufferPool(DEFAULT_MAX_IN_FLIGHT);
  const httpFeed = (url: string, name: string, gzip: boolean): PeerFeed =>
    scrapeFeed(settings, url, access, { recordDir: recordRoot === undefined ? undefined : join(recordRoot, name), gzip, bodyPool });
  if (settings.demo) {
    if (settings.demoPeers < 2) return null;
    const cluster = await startDemoCluster({ peers: settings.demoPeers });
    // The demo peers run in this process: gzip would only cost CPU on both ends.
    const peers = cluster.peers.map((p) => ({ name: p.name, peerName: p.name, feed: httpFeed(p.url, p.name, false), jaegerUrl: p.jaegerUrl }));
    return {
      peers,
      apiUrl: cluster.apiUrl,
      close: async () => {
        peers.forEach((p) => p.feed.close());
        await cluster.close();
      },
    };
  }
  const targets = await fleetTargets(settings);
  if (targets === null) return null;
  const peers = targets.map((t) => ({ name: t.label, peerName: t.peerName, feed: httpFeed(t.url, t.label, true), jaegerUrl: null }));
  return { peers, close: async () => peers.forEach((p) => p.feed.close()) };
}

/** The fleet monitor's targets: each peer's label, target and poll. */
function fleetTargetsOf(fleet: OpenedFleet): FleetTarget[] {
  return fleet.peers.map((p) => ({ name: p.name, target: p.feed.target, poll: () => p.feed.poll() }));
}

/** Where the fleet's one-shot output goes. */
export interface FleetOnceIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Waits `ms` milliseconds. */
  readonly sleep: (ms: number) => Promise<void>;
  readonly ascii: boolean;
  /** Reads the cluster's REST API once (null or absent when it is off). */
  readonly api?: (() => Promise<ApiReport>) | null;
}

/** Two scrapes of every peer `--interval` apart (every file of a replay), then the fleet report; resolves to the exit code. */
export async function runFleetOnce(fleet: OpenedFleet, options: MonitorOptions, io: FleetOnceIo): Promise<number> {
  const api = io.api?.() ?? null; // runs while the peers are scraped
  const monitor = new FleetMonitor(fleetTargetsOf(fleet), options);
  const notices = new Set<string>();
  const take = (outcomes: readonly { ok: boolean; notice?: string; kind?: string }[]): boolean => {
    for (const o of outcomes) if (o.ok && o.notice !== undefined) notices.add(o.notice);
    return outcomes.some((o) => o.ok || o.kind !== 'replay-end');
  };
  if (options.replay !== null) {
    // Each peer replays its own files; a peer at its end answers 'replay-end' and is left as it stands.
    while (take(await monitor.step()));
  } else {
    take(await monitor.step());
    await io.sleep(options.intervalMs);
    take(await monitor.step());
  }
  monitor.publish();
  const apiReport = await api;
  // The REST API's failure is one line (in `errors`, or on stderr beside the text); the metrics decide the exit code.
  if (apiReport?.error != null) {
    if (options.json) notices.add(apiReport.error);
    else io.stderr(`cluster-top: ${apiReport.error}\n`);
  }
  const state = monitor.getState();
  const report = fleetReport(state.peers, state.latency, options.quantile, options.windowMs, [...notices]);
  if (report.peers.every((p) => !p.up)) {
    io.stderr(`cluster-top: cannot read ${report.peers.length === 1 ? 'the one peer' : `any of the ${report.peers.length} peers`}: ${report.peers.map((p) => `${p.peer}: ${p.error ?? 'no scrapes'}`).join('; ')}\n`);
    return 1;
  }
  io.stdout(options.json ? formatFleetJson(report, apiReport) + '\n' : formatFleetText(report, io.ascii) + (apiReport === null ? '' : formatApiText(apiReport, Date.now(), io.ascii)));
  return 0;
}

/** The fleet view's settings from the command's: its every source (scrapes, a server) shows them alike. */
export function fleetViewSettings(options: MonitorOptions): Pick<FleetViewOptions, 'intervalMs' | 'windowMs' | 'maxSamples' | 'quantile' | 'variant'> {
  return { intervalMs: options.intervalMs, windowMs: options.windowMs, maxSamples: options.maxSamples, quantile: options.quantile, variant: options.variant };
}

/** Frames a second at most in the live fleet view (run-live-view's MAX_FPS; the UI is loaded later). */
const LIVE_MAX_FPS = 10;

/** What the fleet's run needs besides its feeds and the settings. */
export interface FleetRunIo extends FleetOnceIo {
  readonly color: boolean;
  /** Jaeger settings for the peers' dashboards (a demo peer's own query API replaces the URL), or null. */
  readonly traces: DashboardTracesOptions | null;
  /** The cluster's REST API for the live view, or null. */
  readonly liveApi?: FleetApi | null;
}

/** The fleet's `--once` report or its live view; the feeds are closed however it ends. Resolves to the exit code. */
export async function runFleetMonitor(fleet: OpenedFleet, options: MonitorOptions, io: FleetRunIo): Promise<number> {
  try {
    if (options.once) return await runFleetOnce(fleet, options, io);
    // The peers are polled from now on, while the live view's modules load.
    const monitor = new FleetMonitor(fleetTargetsOf(fleet), {
      ...options,
      // A screen of many peers is rebuilt at most twice per poll interval (between 100 ms and 1 s):
      // with 100 peers at 2 s, ten times a second cost a third of the CPU for nothing seen, and
      // each rebuild's objects outlive a young-generation collection or two.
      minUpdateMs: Math.max(1000 / LIVE_MAX_FPS, Math.min(1000, options.intervalMs / 2)),
      latencyEveryMs: options.intervalMs,
      perPeerLatency: false,
    });
    monitor.start();
    const { runFleet } = await import('../ui/run-fleet.js');
    return await runFleet({
      fleet: monitor,
      peers: fleet.peers,
      ...fleetViewSettings(options),
      ascii: io.ascii,
      color: io.color,
      traces: io.traces,
      api: io.liveApi ?? null,
    });
  } finally {
    await fleet.close();
  }
}
