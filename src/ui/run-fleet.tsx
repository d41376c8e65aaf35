// Entry point of the fleet's live view: one Jaeger client per query API for the session (each
// peer's dashboard searches that peer's own service), the first frame held back a moment for the
// peers' first answers, and the fleet screen run in the live view's shell.

import type { FleetSource } from '../feed/fleet-source.js';
import type { RateVariant } from '../model/rpc-latency.js';
import { openDashboardTraces, type DashboardTracesOptions } from './dashboard-traces.js';
import type { DashboardTraces } from './use-traces-pane.js';
import { FleetDashboard, type FleetApi } from './fleet-dashboard.js';
import { runLiveView, type LiveViewTerminal } from './run-live-view.js';

/** A fleet member's label, and the peer's name when it is known (its Jaeger service is `<prefix>-<name>`). */
export interface FleetViewPeer {
  /** The label the fleet shows (FleetTarget.name). */
  readonly name: string;
  /** The peer's own name (peername), when known; a label made from the URL is not one. */
  readonly peerName: string | null;
  /** The peer's own Jaeger query API (each demo cluster peer serves one), else null for the shared one. */
  readonly jaegerUrl: string | null;
}

/** How the CLI starts the fleet view. */
export interface FleetViewOptions extends LiveViewTerminal {
  /** The fleet, started already (its first answers come while the view loads) or not. */
  fleet: FleetSource;
  /** Who each member is, for its dashboard's traces. */
  peers: readonly FleetViewPeer[];
  intervalMs: number;
  windowMs: number;
  maxSamples: number;
  quantile: number;
  variant: RateVariant;
  ascii: boolean;
  color: boolean;
  /** Jaeger settings; null shows no traces pane in the peers' dashboards. */
  traces?: DashboardTracesOptions | null;
  /** Trace links as OSC 8 hyperlinks (see DashboardOptions.hyperlinks). */
  hyperlinks?: boolean;
  /** How long the first frame waits for the first answers, ms (default FIRST_FRAME_WAIT_MS; a server's history fill takes longer). */
  firstFrameWaitMs?: number;
  /** The cluster's REST API, or null. */
  api?: FleetApi | null;
}

/** How long the first frame waits for every peer's first answer, ms. */
const FIRST_FRAME_WAIT_MS = 250;

/** Runs the fleet view until the user quits; resolves with the process exit code. */
export async function runFleet(options: FleetViewOptions): Promise<number> {
  const { fleet } = options;
  // One Jaeger client per query API (the one of the settings, or a peer's own), and each peer's
  // traces settings made once: its own service when its name is known, else the one the service
  // listing finds (as for a single peer).
  const clients = new Map<string, NonNullable<ReturnType<typeof openDashboardTraces>>>();
  const settings = options.traces ?? null;
  const prefix = settings?.servicePrefix ?? 'cluster-daemon';
  const tracesOf = (t: FleetViewPeer): DashboardTraces | null => {
    if (settings === null) return null;
    const jaegerUrl = t.jaegerUrl ?? settings.jaegerUrl;
    let opened = clients.get(jaegerUrl);
    if (opened === undefined) clients.set(jaegerUrl, (opened = openDashboardTraces({ ...settings, jaegerUrl }, options)!));
    return { ...opened.traces, service: settings.service ?? (t.peerName === null ? null : `${prefix}-${t.peerName}`) };
  };
  const perPeer = new Map(options.peers.map((t) => [t.name, tracesOf(t)]));
  // A peer known only later (a server's answers): the Jaeger of the settings, its service the one
  // the service listing finds (several go to a picker), made once for it.
  const tracesFor = (name: string) => {
    let traces = perPeer.get(name);
    if (traces === undefined) perPeer.set(name, (traces = tracesOf({ name, peerName: null, jaegerUrl: null })));
    return traces;
  };
  // The first frame shows the peers' first answers when they come within FIRST_FRAME_WAIT_MS.
  fleet.start();
  await fleet.firstAnswers(options.firstFrameWaitMs ?? FIRST_FRAME_WAIT_MS);
  try {
    return await runLiveView(
      <FleetDashboard
        fleet={fleet}
        intervalMs={options.intervalMs}
        windowMs={options.windowMs}
        maxSamples={options.maxSamples}
        quantile={options.quantile}
        variant={options.variant}
        ascii={options.ascii}
        color={options.color}
        tracesFor={tracesFor}
        api={options.api ?? null}
      />,
      options,
    );
  } finally {
    fleet.stop();
    for (const opened of clients.values()) opened.close();
  }
}
