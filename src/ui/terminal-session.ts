// The terminal around the dashboard: enter the alternate screen before the first frame, and
// leave it (cursor shown, raw mode off) exactly once, whatever ends the dashboard: quitting,
// SIGINT/SIGTERM/SIGHUP, an uncaught error, or the process exiting under us.

import { writeSync } from 'node:fs';

/**
 * Enter the alternate screen, clear it, put the cursor home, hide it, and turn off automatic
 * margins (a line that is somehow too wide is then cut at the edge instead of wrapping).
 */
export const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H\u001B[2J\u001B[?25l\u001B[?7l';
/** Automatic margins back on, show the cursor, reset attributes and leave the alternate screen. */
export const LEAVE_ALTERNATE_SCREEN = '\u001B[?7h\u001B[?25h\u001B[0m\u001B[?1049l';

/** Signals that end the dashboard, with their numbers (exit code = 128 + number). */
export const ENDING_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/** What ended the dashboard other than a key. */
export type SessionInterrupt = { readonly kind: 'signal'; readonly exitCode: number } | { readonly kind: 'crash'; readonly error: unknown };

/** An open alternate-screen session. */
export interface TerminalSession {
  /** Leaves the alternate screen and removes the handlers; later calls do nothing. */
  restore(): void;
}

/** Streams the session works on. */
export interface SessionStreams {
  readonly stdout: NodeJS.WriteStream;
  readonly stdin: NodeJS.ReadStream;
}

/** Enters the alternate screen; `onInterrupt` hears about signals and uncaught errors. */
export function openTerminalSession(streams: SessionStreams, onInterrupt: (interrupt: SessionInterrupt) => void): TerminalSession {
  const { stdout, stdin } = streams;
  let restored = false;
  const write = (text: string) => {
    try {
      // Synchronous when possible: this may run from 'exit' or after a fatal error.
      const fd = (stdout as { fd?: unknown }).fd;
      if (typeof fd === 'number' && stdout.isTTY) writeSync(fd, text);
      else stdout.write(text);
    } catch {
      // The terminal may be gone (SIGHUP); nothing left to restore then.
    }
  };
  const signalHandlers = Object.entries(ENDING_SIGNALS).map(([signal, number]) => {
    const handler = () => onInterrupt({ kind: 'signal', exitCode: 128 + number });
    process.on(signal as NodeJS.Signals, handler);
    return () => process.off(signal as NodeJS.Signals, handler);
  });
  const onCrash = (error: unknown) => onInterrupt({ kind: 'crash', error });
  const onExit = () => restore();
  const onStreamError = () => undefined; // EIO/EPIPE after a hang-up must not crash the restore
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  process.on('exit', onExit);
  stdout.on('error', onStreamError);

  function restore(): void {
    if (restored) return;
    restored = true;
    write(LEAVE_ALTERNATE_SCREEN);
    try {
      if (stdin.isTTY && typeof stdin.setRawMode === 'function') stdin.setRawMode(false);
    } catch {
      // stdin already closed
    }
    for (const off of signalHandlers) off();
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
    process.off('exit', onExit);
    stdout.off('error', onStreamError);
  }

  write(ENTER_ALTERNATE_SCREEN);
  return { restore };
}
