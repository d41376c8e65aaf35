// The fleet's live screen: follows a FleetSource (a scraping or a server's monitor, started while mounted) through
// useSyncExternalStore, keeps the fleet display state in a pure reducer, builds the view-model
// and hands it to the screen writer. Enter on a peer opens today's peer dashboard on that peer's
// own monitor — the history it has gathered is there at once — and Esc comes back.

import { memo, useEffect, useMemo, useReducer, useSyncExternalStore } from 'react';
import { useApp } from 'ink';
import type { FleetSource } from '../feed/fleet-source.js';
import { fleetReducer, initialFleetState } from '../model/fleet-display.js';
import { buildFleetView, type FleetView } from '../model/fleet-view.js';
import { peerTitle, withApiFacts } from '../model/fleet-api.js';
import type { ApiMonitor } from '../feed/api-monitor.js';
import { glyphsFor } from '../model/glyphs.js';
import type { RateVariant } from '../model/rpc-latency.js';
import { Dashboard } from './dashboard.js';
import { fleetLines } from './fleet-lines.js';
import { useFrame } from './use-frame.js';
import { useDataClock } from './use-clock.js';
import { useFleetKeys } from './use-fleet-keys.js';
import { useTerminalSize } from './use-layout.js';
import { usePausedValue } from './use-paused-value.js';
import type { DashboardTraces } from './use-traces-pane.js';

/** Props of FleetDashboard. */
export interface FleetDashboardProps {
  readonly fleet: FleetSource;
  readonly intervalMs: number;
  readonly windowMs: number;
  readonly maxSamples: number;
  /** Initial quantile. */
  readonly quantile: number;
  readonly variant: RateVariant;
  readonly ascii: boolean;
  readonly color: boolean;
  /** The traces of one peer (by name) for its dashboard; null or absent without traces. */
  readonly tracesFor?: ((name: string) => DashboardTraces | null) | null;
  /** The cluster's REST API (its monitor started while mounted), or null/absent when off. */
  readonly api?: FleetApi | null;
  /** Wall clock, for tests. */
  readonly now?: () => number;
}

/** The REST API as the fleet screen reads it. */
export interface FleetApi {
  readonly monitor: ApiMonitor;
  /** The API's base URL. */
  readonly url: string;
  /** The metrics target that is the API's own peer (a fleet made from the API), or null. */
  readonly selfTarget: string | null;
}

const NO_API = { subscribe: () => () => undefined, getSnapshot: () => null };

/** The fleet list, or the dashboard of the peer opened from it. */
export function FleetDashboard(props: FleetDashboardProps) {
  const { exit } = useApp();
  const { fleet } = props;
  useEffect(() => {
    fleet.start();
    return () => fleet.stop();
  }, [fleet]);
  const live = useSyncExternalStore(fleet.subscribe, fleet.getState);
  if (live.crashed !== null) throw live.crashed.error;
  const [screen, dispatch] = useReducer(fleetReducer, props.quantile, initialFleetState);
  // The list's quantile while it is shown; an open peer's dashboard tells its own (onQuantile).
  useEffect(() => {
    if (screen.open === null) fleet.showQuantile?.(screen.quantile);
  }, [fleet, screen.open, screen.quantile]);
  const showQuantile = useMemo(() => fleet.showQuantile?.bind(fleet), [fleet]);
  // Paused: the fleet keeps polling; the screen keeps the state it had.
  const state = usePausedValue(live, screen.paused);
  const api = props.api ?? null;
  useEffect(() => {
    if (api === null) return;
    api.monitor.start();
    return () => api.monitor.stop();
  }, [api]);
  const liveApi = useSyncExternalStore(api?.monitor.subscribe ?? NO_API.subscribe, api?.monitor.getSnapshot ?? NO_API.getSnapshot);
  if (liveApi?.crashed != null) throw liveApi.crashed.error;
  const apiState = usePausedValue(liveApi, screen.paused);
  const size = useTerminalSize();
  const listShown = screen.open === null;
  // Ages of stale rows move with each new state's time, and once a second while the list is shown
  // and no state comes (paused, or a server that refreshes slowly).
  const clock = useDataClock(listShown ? 1000 : null, state.atMs, props.now);
  const glyphs = glyphsFor(props.ascii);
  const { view, peers } = useMemo(() => {
    const intervalMs = state.peers[0]?.status.intervalMs ?? props.intervalMs;
    const peers = api === null || apiState === null ? state.peers : withApiFacts(state.peers, { peers: apiState.peers, pinErrors: apiState.pinErrors, selfTarget: api.selfTarget }, intervalMs, clock);
    const apiView = api === null || apiState === null ? null : { url: api.url, error: apiState.error, pinErrors: apiState.pinErrors, refreshingErrors: apiState.refreshing.pinErrors };
    return { peers, view: buildFleetView({ peers, latency: state.latency, server: state.server, display: screen, intervalMs, windowMs: props.windowMs, columns: size.columns ?? 80, rows: size.rows ?? 24, nowMs: clock, glyphs, api: apiView }) };
  }, [state, apiState, api, screen, props.intervalMs, props.windowMs, size, clock, glyphs]);
  const helpRange = view.help === null ? null : { total: view.help.total, rows: view.help.height };
  const refreshErrors = api === null ? null : () => api.monitor.refreshErrors();
  useFleetKeys({ state: screen, order: view.order, pageRows: view.pageRows, latencyRange: view.latencyRange, helpRange, refreshErrors, dispatch, changeInterval: (d) => fleet.changeInterval(d), quit: exit }, listShown);
  const member = screen.open === null ? undefined : fleet.members.find((m) => m.name === screen.open);
  // A row only the REST API knows has no dashboard to open: back to the list (its status line says why).
  useEffect(() => {
    if (screen.open !== null && member === undefined) dispatch({ type: 'back' });
  }, [screen.open, member]);
  if (member !== undefined) {
    return (
      <Dashboard
        key={member.name}
        monitor={member.monitor}
        target={`${peerTitle(member.name, peers.find((p) => p.name === member.name)?.api ?? null, glyphs.ellipsis)} ${glyphs.dot} ${member.monitor.target}`}
        intervalMs={props.intervalMs}
        windowMs={props.windowMs}
        maxSamples={props.maxSamples}
        quantile={screen.quantile}
        variant={props.variant}
        ascii={props.ascii}
        color={props.color}
        now={props.now}
        traces={props.tracesFor?.(member.name) ?? null}
        onBack={() => dispatch({ type: 'back' })}
        onQuantile={showQuantile}
      />
    );
  }
  return <FleetScreen view={view} color={props.color} />;
}

/** Draws the fleet list through the ScreenContext's sink; renders nothing into Ink's tree. */
const FleetScreen = memo(function FleetScreen({ view, color }: { readonly view: FleetView; readonly color: boolean }) {
  useFrame(view, color, fleetLines);
  return null;
});

