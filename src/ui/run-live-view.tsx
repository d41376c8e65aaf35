// The live view's shell: takes over the terminal (alternate screen), renders an Ink app with the
// settings that keep it cheap over ssh, and gives the terminal back however the app ends:
// `q`/Ctrl-C (exit code 0), SIGINT/SIGTERM/SIGHUP (128 + signal number), or a crash (1, with the
// error printed after the screen is restored). The peer dashboard and the fleet run in it.

import './interactive-env.js'; // must come before Ink (see the module)
import type { ReactElement } from 'react';
import { render, type Instance } from 'ink';
import { escapeControl } from '../util/escape-control.js';
import { ScreenContext } from './screen-context.js';
import { ScreenWriter } from './screen-writer.js';
import { silentOutput } from './silent-output.js';
import { openTerminalSession } from './terminal-session.js';

/** Frames a second at most: scrape outcomes that come faster are merged. */
export const MAX_FPS = 10;

/** The terminal the live view takes over. */
export interface LiveViewTerminal {
  /** Terminal input (defaults to process.stdin). */
  stdin?: NodeJS.ReadStream;
  /** Terminal output, a TTY (defaults to process.stdout). */
  stdout?: NodeJS.WriteStream;
}

/** Runs `app` full screen until it exits, is interrupted or crashes; resolves with the exit code. */
export async function runLiveView(app: ReactElement, terminal: LiveViewTerminal): Promise<number> {
  const stdout = terminal.stdout ?? process.stdout;
  const stdin = terminal.stdin ?? process.stdin;
  let exitCode = 0;
  let crash: unknown = null;
  let instance: Instance | null = null;
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
      <ScreenContext.Provider value={screen}>{app}</ScreenContext.Provider>,
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
