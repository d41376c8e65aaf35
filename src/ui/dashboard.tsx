// The live dashboard component: wires the scrape loop, the display state, the layout and the
// keyboard together, builds the view-model and hands it to the screen. No drawing here.

import { useMemo } from 'react';
import { useApp } from 'ink';
import { buildDashboardView } from '../model/dashboard-view.js';
import { glyphsFor } from '../model/glyphs.js';
import { SPINNER_FRAME_MS } from '../model/header-view.js';
import { DashboardScreen } from './dashboard-screen.js';
import { useClock } from './use-clock.js';
import { useDashboardState } from './use-dashboard-state.js';
import { useKeys } from './use-keys.js';
import { useLayout } from './use-layout.js';
import { usePausedValue } from './use-paused-value.js';
import { useScrapeLoop, type ScrapeLoopOptions } from './use-scrape-loop.js';

/** Props of Dashboard. */
export interface DashboardProps extends ScrapeLoopOptions {
  /** Draw with ASCII only. */
  readonly ascii: boolean;
  /** Use colours. */
  readonly color: boolean;
}

/** The interactive dashboard; quits (unmounts the Ink app) on `q` or Ctrl-C. */
export function Dashboard(props: DashboardProps) {
  const { exit } = useApp();
  const [display, dispatch] = useDashboardState(props.quantile);
  const loop = useScrapeLoop(props);
  const status = usePausedValue(loop.status, display.paused);
  const layout = useLayout(display.chartOpen);
  const waiting = status.snapshot === null && status.failure === null;
  // The clock only ticks when something on screen would move without a new scrape.
  const clock = useClock(display.paused ? null : waiting ? SPINNER_FRAME_MS : status.intervalMs > 1000 ? 1000 : null, props.now);
  const nowMs = Math.max(clock, status.updatedMs);
  const glyphs = glyphsFor(props.ascii);
  const view = useMemo(
    () => buildDashboardView({ target: props.target, status, display, layout, nowMs, glyphs }),
    [props.target, status, display, layout, nowMs, glyphs],
  );
  const screen = useMemo(() => ({ panes: layout.panes, methods: view.methods }), [layout.panes, view.methods]);
  useKeys({
    screen,
    state: display,
    dispatch,
    changeInterval: loop.changeInterval,
    quit: exit,
  });
  return <DashboardScreen view={view} color={props.color} />;
}
