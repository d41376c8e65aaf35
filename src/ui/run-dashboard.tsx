// Entry point of the live dashboard: takes over the terminal (alternate screen), renders the
// Ink app with the settings that keep it cheap over ssh, and gives the terminal back however
// the dashboard ends: `q`/Ctrl-C (exit code 0), SIGINT/SIGTERM/SIGHUP (128 + signal number),
// or a crash (1, with the error printed after the screen is restored).

import './interactive-env.js'; // must come before Ink (see the module)
import { render, type Instance } from 'ink';
import type { PollOutcome } from '../model/poll-outcome.js';
import { escapeControl } from '../util/escape-control.js';
import { Dashboard } from './dashboard.js';
import { openDashboardTraces, type DashboardTracesOptions } from './dashboard-traces.js';
import { ScreenContext } from './screen-context.js';
import { ScreenWriter } from './screen-writer.js';
import { silentOutput } from './silent-output.js';
import { openTerminalSession } from './terminal-session.js';

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

/** Frames a second at most: scrape outcomes that come faster are merged. */
const MAX_FPS = 10;

/** Runs the dashboard until the user quits; resolves with the process exit code. */
export async function runDashboard(options: DashboardOptions): Promise<number> {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  let exitCode = 0;
  let crash: unknown = null;
  let instance: Instance | null = null;
  const traces = openDashboardTraces(options.traces, options);
  let interrupted: () => void = () => undefined;
  const interruption = new Promise<void>((resolve) => (interrupted = resolve));
  const session = openTerminalSession({ stdout, stdin }, (interrupt) => {
    if (interrupt.kind === 'signal') exitCode = interrupt.exitCode;
    else if (crash === null) {
      crash = interrupt.error;
      exitCode = 1;
    }
    try {
      instance?.unmount();
    } catch {
      // A broken tree cannot be unmounted cleanly; the terminal is restored anyway.
    }
    interrupted();
  });
  const screen = new ScreenWriter(stdout);
  const repaint = () => screen.invalidate();
  stdout.on('resize', repaint);
  try {
    instance = render(
      <ScreenContext.Provider value={screen}>
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
      />
      </ScreenContext.Provider>,
      // Ink's `debug` mode is its unthrottled one: its own (empty, discarded) output is made at
      // each commit instead of through a throttle whose trailing timer woke the process once
      // more, 100 ms after every refresh.
      { stdout: silentOutput(stdout), stdin, exitOnCtrlC: false, patchConsole: false, debug: true },
    );
    await Promise.race([instance.waitUntilExit(), interruption]);
  } catch (error) {
    crash = error;
    exitCode = 1;
  } finally {
    stdout.off('resize', repaint);
    traces?.close();
    session.restore();
  }
  if (crash !== null) process.stderr.write(`cluster-top: crashed: ${describe(crash)}\n`);
  return exitCode;
}

/** An error's stack (or text), every line escaped. */
function describe(error: unknown): string {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return text.split('\n').map((line) => escapeControl(line)).join('\n');
}
