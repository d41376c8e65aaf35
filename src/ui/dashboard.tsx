// The live dashboard component: wires the scrape loop, the traces loop, the display state, the
// layout and the keyboard together, builds the view-model and hands it to the screen. No
// drawing here.

import { useEffect, useMemo } from 'react';
import { useApp } from 'ink';
import type { StatusSource } from '../feed/fleet-source.js';
import { buildDashboardView } from '../model/dashboard-view.js';
import { glyphsFor } from '../model/glyphs.js';
import { clockPeriodMs } from '../model/header-view.js';
import { latencyPaneRows } from '../model/latency-view.js';
import { tracesPaneRows } from '../model/traces-pane-view.js';
import { DashboardScreen } from './dashboard-screen.js';
import { useClock } from './use-clock.js';
import { useDashboardState } from './use-dashboard-state.js';
import { useKeys } from './use-keys.js';
import { useLayout } from './use-layout.js';
import { usePausedValue } from './use-paused-value.js';
import { useScrapeLoop, type ScrapeLoopOptions } from './use-scrape-loop.js';
import { useTracesPane, type DashboardTraces } from './use-traces-pane.js';

/** Props of Dashboard. */
export interface DashboardProps extends Omit<ScrapeLoopOptions, 'poll'> {
  /** Fetches the next outcome, for the monitor the dashboard makes (unless `monitor` is given). */
  readonly poll?: ScrapeLoopOptions['poll'];
  /** Draw with ASCII only. */
  readonly ascii: boolean;
  /** Use colours. */
  readonly color: boolean;
  /** Jaeger traces of the peer; null or absent without (`--no-traces`, a replay). */
  readonly traces?: DashboardTraces | null;
  /** A status that runs on its own (a fleet's peer): shown instead of a monitor made from the props. */
  readonly monitor?: StatusSource;
  /** Esc with nothing left to close goes back (to the fleet); absent, Esc does nothing more. */
  readonly onBack?: () => void;
  /** Told the quantile on screen, first and after each change (a server asked for one quantile at a time). */
  readonly onQuantile?: (quantile: number) => void;
}

/** The interactive dashboard; quits (unmounts the Ink app) on `q` or Ctrl-C. */
export function Dashboard(props: DashboardProps) {
  const { exit } = useApp();
  const [display, dispatch] = useDashboardState(props.quantile);
  const { onQuantile } = props;
  useEffect(() => onQuantile?.(display.quantile), [onQuantile, display.quantile]);
  const loop = useScrapeLoop(props.monitor ?? { ...props, poll: props.poll ?? noPoll });
  const status = usePausedValue(loop.status, display.paused);
  const traces = useTracesPane(props.traces ?? null, display.traces, display.paused);
  // The list's full height, filter or not, so typing one does not move the panes.
  const layout = useLayout(
    display.chartOpen,
    traces === null ? 'off' : display.focus === 'traces' ? 'expanded' : 'compact',
    latencyPaneRows(status.snapshot),
    traces === null ? undefined : tracesPaneRows(traces),
  );
  const waiting = status.snapshot === null && status.failure === null;
  // The clock only ticks when something on screen would move without a new scrape (paused too:
  // the held data's age goes on).
  const clock = useClock(clockPeriodMs({ paused: display.paused, waiting, intervalMs: status.intervalMs }), props.now);
  const nowMs = Math.max(clock, status.updatedMs);
  const glyphs = glyphsFor(props.ascii);
  const view = useMemo(
    () => buildDashboardView({ target: props.target, status, display, layout, nowMs, glyphs, traces }),
    [props.target, status, display, layout, nowMs, glyphs, traces],
  );
  const helpLines = view.help?.total ?? 0;
  const helpRows = view.help?.height ?? 0;
  const page = Math.max(1, view.latency?.rows.length ?? 1);
  const screen = useMemo(
    () => ({ panes: layout.panes, methods: view.methods, traces: view.tracesScreen, jump: view.jump, page, help: helpLines > 0 ? { lines: helpLines, rows: helpRows } : null }),
    [layout.panes, view.methods, view.tracesScreen, view.jump, page, helpLines, helpRows],
  );
  useKeys({
    screen,
    state: display,
    dispatch,
    changeInterval: loop.changeInterval,
    quit: exit,
    back: props.onBack,
  });
  return <DashboardScreen view={view} color={props.color} />;
}

/** Without a poll or a monitor there is nothing to show: a programming error. */
function noPoll(): never {
  throw new Error('Dashboard needs a poll or a running monitor');
}
