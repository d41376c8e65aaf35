// Everything the traces pane's view-model needs, kept by hooks: the traces loop (searching what
// the display asks for), the list frozen while the display is paused (pickers and the waterfall
// keep working), and the opened trace laid out once per trace.

import { useMemo } from 'react';
import type { TracesSource } from '../model/dashboard-view.js';
import type { TracesDisplay } from '../model/traces-display.js';
import { tracesQuery } from '../model/traces-pane-view.js';
import { buildWaterfall } from '../model/traces/waterfall.js';
import { usePausedValue } from './use-paused-value.js';
import { useTracesLoop, type TracesLoopOptions } from './use-traces-loop.js';

/** How the dashboard shows traces. */
export interface DashboardTraces extends TracesLoopOptions {
  /** Jaeger UI base URL, for trace links. */
  readonly jaegerUrl: string;
  /** Links may be OSC 8 hyperlinks (the terminal shows them, and the glyphs are not ASCII). */
  readonly hyperlinks: boolean;
}

/** The traces pane's source for the view-model, or null without traces. */
export function useTracesPane(traces: DashboardTraces | null, display: TracesDisplay, paused: boolean): TracesSource | null {
  const query = useMemo(() => tracesQuery(display), [display]);
  const openID = display.mode === 'trace' || display.mode === 'span' ? display.openTrace : null;
  const live = useTracesLoop(traces, query, openID);
  const search = usePausedValue(live.search, paused);
  // A trace the search brought is shown at once, before the loop reports it opened.
  const known = openID === null || live.opened?.traceID === openID ? undefined : live.search?.traces?.get(openID);
  const status = useMemo(() => {
    const opened = known === undefined ? live.opened : { traceID: known.traceID, trace: known, error: null };
    return search === live.search && opened === live.opened ? live : { ...live, search, opened };
  }, [live, search, known]);
  const trace = status.opened?.trace ?? null;
  const waterfall = useMemo(() => (trace === null ? null : buildWaterfall(trace)), [trace]);
  return useMemo(
    () =>
      traces === null
        ? null
        : { status, display, waterfall, jaegerUrl: traces.jaegerUrl, hyperlinks: traces.hyperlinks, refreshMs: traces.refreshMs, lookbackMs: traces.lookbackMs },
    [traces, status, display, waterfall],
  );
}
