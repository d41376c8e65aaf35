// The fleet read from a Prometheus-compatible server (`--prometheus URL`): its settings (the
// server, which series are the cluster, the label that tells peers apart); the one-shot report —
// one refresh of the server's figures at one instant, printed as the fleet's `--once` text or
// `--once --json` document with `to` = that instant, the engine's warnings among the report's
// errors, escaped; and the live fleet view on a PrometheusFleetMonitor.

import { fleetReport } from '../model/fleet-report.js';
import { prometheusFleet } from '../model/prometheus-fleet.js';
import { selectorMatchers } from '../model/prometheus-queries.js';
import { PrometheusClient } from '../sources/prometheus/client.js';
import { refreshFleet } from '../sources/prometheus/fleet-refresh.js';
import { PrometheusFleetMonitor } from '../feed/prometheus-fleet-monitor.js';
import { oneLine } from '../util/escape-control.js';
import { letYoungGenerationGrow } from '../util/v8-flags.js';
import type { MonitorOptions, PollSettings } from './command.js';
import type { EndpointAccess } from './endpoint-access.js';
import { fleetViewSettings, type FleetOnceIo } from './fleet.js';
import type { DashboardTracesOptions } from '../ui/dashboard-traces.js';
import { formatFleetJson, formatFleetText } from './format-fleet.js';
import { originOf, SettingError, type SettingLayers } from './settings.js';
import { chooseCredential, type CredentialSpec } from '../sources/credentials.js';
import { loadHeaderFile, mergeHeaders, parseHeader } from './prometheus-access.js';

/** Where the fleet's figures come from when a server has them. */
export interface PrometheusSettings {
  /** The server's base URL, path prefix included. */
  readonly url: string;
  /** `{job="ipfs-cluster"}`, or null: every target with a pinset gauge. */
  readonly selector: string | null;
  /** The label whose values are the peers. */
  readonly peerLabel: string;
  /** Extra request headers (`--prometheus-header`), by lower-case name. */
  readonly headers: Readonly<Record<string, string>>;
  /** `--prometheus-header-file`: more headers, secret (read at start). */
  readonly headerFile: string | null;
  /** The server's bearer token or basic auth (`--prometheus-token-file`, …, or the environment). */
  readonly auth: CredentialSpec | null;
}

/** The label that tells peers apart unless --peer-label says otherwise. */
export const DEFAULT_PEER_LABEL = 'instance';

/** The settings of `--prometheus` (null without it); a SettingError (a usage error) for what cannot go with it. */
export function prometheusSettings(layers: SettingLayers, poll: PollSettings, origins: Record<string, string>, env: Readonly<Record<string, string | undefined>>): PrometheusSettings | null {
  const given = layers.string('prometheus');
  const selector = layers.string('selector');
  const peerLabel = layers.string('peer-label');
  const headerFlags = layers.strings('prometheus-header');
  const headerFile = layers.string('prometheus-header-file');
  if (given === undefined) {
    const credentialFlag = (['prometheus-token-file', 'prometheus-basic-auth-file'] as const).find((name) => layers.flag(name) !== undefined);
    const stray = selector ?? peerLabel ?? headerFlags[0] ?? headerFile ?? (credentialFlag === undefined ? undefined : { label: `--${credentialFlag}` });
    if (stray !== undefined) throw new SettingError(`${stray.label} belongs to --prometheus URL (which series of the server are the cluster)`);
    return null;
  }
  if (poll.demo || poll.replay !== null || poll.targetsFile !== null || layers.flag('metrics') !== undefined) {
    throw new SettingError(`${given.label} reads the fleet from a server: it cannot be combined with --metrics, --targets, --demo or --replay`);
  }
  try {
    selectorMatchers(selector?.value ?? null);
  } catch (error) {
    throw new SettingError((error as Error).message.replace(/^--selector/, selector?.label ?? '--selector'));
  }
  const label = peerLabel?.value ?? DEFAULT_PEER_LABEL;
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(label)) throw new SettingError(`${peerLabel?.label} must be a label name, e.g. instance`);
  const headers: Record<string, string> = {};
  for (const header of headerFlags) {
    const parsed = parseHeader(header.value);
    if (parsed === null) throw new SettingError(`${header.label} must be 'Name: value' on one line, e.g. 'X-Scope-OrgID: tenant-1'`);
    headers[parsed[0]] = parsed[1];
  }
  if (headerFile !== undefined && headerFile.value.trim() === '') throw new SettingError(`${headerFile.label} needs a file`);
  const auth = chooseCredential('prometheus', layers.singleFlags, env);
  if (auth !== null && 'error' in auth) throw new SettingError(auth.error);
  origins.prometheus = given.label;
  origins.selector = originOf(selector, 'default (every target with ipfscluster_pins)');
  origins.peerLabel = originOf(peerLabel);
  origins.prometheusHeaders = headerFlags.length === 0 ? 'not set' : '--prometheus-header';
  origins.prometheusHeaderFile = headerFile?.label ?? 'not set';
  origins.prometheusAuth = auth === null ? 'not set' : auth.source;
  return { url: given.value, selector: selector?.value ?? null, peerLabel: label, headers, headerFile: headerFile?.value ?? null, auth };
}

/** How long the live view's first frame waits for the first refresh and the history fill, ms. */
const LIVE_FIRST_FRAME_WAIT_MS = 3000;

/**
 * The server's headers: the flags', the header file's (read now) and the server's own credential
 * (in `access`, read by the caller); an error or a warning is one line that shows no value.
 */
export async function prometheusHeaders(settings: PrometheusSettings, access: EndpointAccess | null): Promise<{ headers: Record<string, string>; warnings: string[] } | { error: string }> {
  const warnings: string[] = [];
  let fileHeaders: Record<string, string> | undefined;
  if (settings.headerFile !== null) {
    const loaded = await loadHeaderFile(settings.headerFile);
    if ('error' in loaded) return loaded;
    fileHeaders = loaded.headers;
    if (loaded.warning !== null) warnings.push(loaded.warning);
  }
  const merged = mergeHeaders([
    { from: '--prometheus-header', headers: settings.headers },
    { from: '--prometheus-header-file', headers: fileHeaders },
    { from: settings.auth?.source.split(' ')[0] ?? 'the credential', headers: access?.headers },
  ]);
  return 'error' in merged ? merged : { headers: merged.headers, warnings };
}

/** The server's client; `headers`: what prometheusHeaders() merged. */
function openClient(settings: PrometheusSettings, headers: Readonly<Record<string, string>>, options: MonitorOptions, access: EndpointAccess | null): PrometheusClient {
  return new PrometheusClient({
    url: settings.url,
    // The server gets its own headers and credential, and the TLS settings.
    headers,
    ca: access?.ca,
    insecure: access?.insecure,
    clientCert: access?.clientCert,
    // A query's deadline counts its wait behind the refresh's others on the one connection, and a
    // server evaluates each over every peer's buckets (~1 s for 200 peers on a small machine): a
    // scrape's timeout would fail every refresh of a big cluster. A slow refresh only delays the next.
    timeoutMs: Math.max(options.timeoutMs, PROMETHEUS_MIN_TIMEOUT_MS),
    maxBodyBytes: options.maxBodyBytes,
  });
}

/** The least time a query to the server is given (its wait on the connection included). */
export const PROMETHEUS_MIN_TIMEOUT_MS = 30_000;

/** The live fleet view from the server until the user quits; resolves with the exit code. */
export async function runPrometheusLive(
  settings: PrometheusSettings,
  headers: Readonly<Record<string, string>>,
  options: MonitorOptions,
  access: EndpointAccess | null,
  io: { readonly ascii: boolean; readonly color: boolean; readonly traces: DashboardTracesOptions | null },
): Promise<number> {
  const client = openClient(settings, headers, options, access);
  // The first refresh and the history fill are asked for while the view's modules load.
  const monitor = new PrometheusFleetMonitor({ client, selector: settings.selector, peerLabel: settings.peerLabel, intervalMs: options.intervalMs, windowMs: options.windowMs, quantile: options.quantile });
  // The young generation may grow once the first full frame is in, not before: let grow from the
  // start, it grew while the view's modules loaded, and the first rows came at 0.7–0.9 s, not 0.4 s.
  const stopWatching = monitor.subscribe(() => {
    if (monitor.getState().server?.loading !== null) return;
    stopWatching();
    letYoungGenerationGrow();
  });
  monitor.start();
  try {
    const { runFleet } = await import('../ui/run-fleet.js');
    return await runFleet({
      fleet: monitor,
      peers: [],
      ...fleetViewSettings(options),
      ascii: io.ascii,
      color: io.color,
      traces: io.traces,
      firstFrameWaitMs: LIVE_FIRST_FRAME_WAIT_MS,
    });
  } finally {
    monitor.stop();
    client.close();
  }
}

/** One refresh from the server, printed as the fleet report; resolves to the exit code (1 when no peer could be read). */
export async function runPrometheusOnce(settings: PrometheusSettings, headers: Readonly<Record<string, string>>, options: MonitorOptions, access: EndpointAccess | null, io: FleetOnceIo): Promise<number> {
  const client = openClient(settings, headers, options, access);
  try {
    const refresh = await refreshFleet(client, { selector: settings.selector, peerLabel: settings.peerLabel, windowMs: options.windowMs, keys: [options.quantile] });
    if (!refresh.ok) {
      io.stderr(`cluster-top: cannot read the fleet from ${client.server}: ${refresh.failure.message}\n`);
      return 1;
    }
    const fleet = prometheusFleet(refresh.answers, { peerLabel: settings.peerLabel, windowMs: options.windowMs, quantile: options.quantile, intervalMs: options.intervalMs });
    const notes = refresh.warnings.map((w) => `${client.server} warns: ${oneLine(w, 300)}`);
    if (refresh.dropped > 0) notes.push(`${client.server} sent more than cluster-top keeps: ${refresh.dropped} series or points left out`);
    const report = fleetReport(fleet.peers, fleet.latency, options.quantile, options.windowMs, notes);
    if (report.peers.every((p) => !p.up)) {
      io.stderr(`cluster-top: ${client.server} has no peer up: ${report.peers.map((p) => `${oneLine(p.peer, 80)}: ${p.error ?? 'no data'}`).join('; ')}\n`);
      return 1;
    }
    io.stdout(options.json ? formatFleetJson(report) + '\n' : formatFleetText(report, io.ascii));
    return 0;
  } finally {
    client.close();
  }
}
