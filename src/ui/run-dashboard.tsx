// Entry point of the live dashboard of one peer: its Jaeger client for the session, and the
// dashboard run in the live view's shell (run-live-view.tsx: the terminal taken over and given
// back however it ends).

import type { PollOutcome } from '../model/poll-outcome.js';
import { Dashboard } from './dashboard.js';
import { openDashboardTraces, type DashboardTracesOptions } from './dashboard-traces.js';
import { MAX_FPS, runLiveView } from './run-live-view.js';

export type { DashboardTracesOptions } from './dashboard-traces.js';

/** How the CLI starts the dashboard. */
export interface DashboardOptions {
  /** What is monitored (URL or replayed folder), shown in the header. */
  target: string;
  /** Fetches the next outcome. */
  poll: () => Promise<PollOutcome>;
  /** An outcome already in hand, shown in the first frame (see ScrapeLoopOptions.initial). */
  initial?: { readonly outcome: PollOutcome; readonly startedMs: number };
  /** Time between poll starts, ms (`+`/`-` change it). */
  intervalMs: number;
  /** Window of rates and quantiles, ms. */
  windowMs: number;
  /** Cap on kept samples. */
  maxSamples: number;
  /** Initial quantile, e.g. 0.95. */
  quantile: number;
  /** Prometheus rate() semantics to follow. */
  variant: 'prom3' | 'prom242';
  /** ASCII only (no block or box characters). */
  ascii: boolean;
  /** Use colours. */
  color: boolean;
  /** Jaeger traces of the peer; null (`--no-traces`) or absent shows no traces pane. */
  traces?: DashboardTracesOptions | null;
  /** Trace links as OSC 8 hyperlinks (default: judged from TERM_PROGRAM, VTE_VERSION, WT_SESSION…; never with ascii). */
  hyperlinks?: boolean;
  /** Terminal input (defaults to process.stdin). */
  stdin?: NodeJS.ReadStream;
  /** Terminal output, a TTY (defaults to process.stdout). */
  stdout?: NodeJS.WriteStream;
}

/** Runs the dashboard until the user quits; resolves with the process exit code. */
export async function runDashboard(options: DashboardOptions): Promise<number> {
  const traces = openDashboardTraces(options.traces, options);
  try {
    return await runLiveView(
      <Dashboard
        target={options.target}
        poll={options.poll}
        intervalMs={options.intervalMs}
        windowMs={options.windowMs}
        maxSamples={options.maxSamples}
        quantile={options.quantile}
        variant={options.variant}
        ascii={options.ascii}
        color={options.color}
        traces={traces?.traces ?? null}
        minUpdateMs={1000 / MAX_FPS}
        initial={options.initial}
      />,
      options,
    );
  } finally {
    traces?.close();
  }
}
