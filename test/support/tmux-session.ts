// Test support: a private tmux server for real-terminal tests — run commands in it, read the pane
// back, wait for what a test expects with a deadline, and remove the server and its socket.

import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';

/** A clean environment for the pane: no CI variables, a UTF-8 locale, a colour terminal. */
export const TMUX_ENV: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TERM: 'xterm-256color' };

/** One private tmux server (its own `-L` socket). */
export class TmuxServer {
  private kept = false;

  constructor(private readonly socket: string, private readonly env: NodeJS.ProcessEnv = TMUX_ENV) {}

  /** Runs a tmux command on this server; returns what it printed. */
  run(...args: string[]): string {
    const out = execFileSync('tmux', ['-L', this.socket, ...args], { env: this.env, encoding: 'utf8' });
    // The server stays up when its last session closes (until kill()): a session opened just after
    // that would otherwise race the server's exit ("server exited unexpectedly").
    if (args[0] === 'new-session' && !this.kept) {
      execFileSync('tmux', ['-L', this.socket, 'set-option', '-g', 'exit-empty', 'off'], { env: this.env, encoding: 'utf8' });
      this.kept = true;
    }
    return out;
  }

  /** The pane as text, one string per terminal row (`escapes`: with SGR sequences, `-e`). */
  capture(session: string, escapes = false): string[] {
    return this.run('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session).replace(/\n$/, '').split('\n');
  }

  /** Waits until `check` holds for the pane; returns the rows that satisfied it. */
  async until(session: string, check: (rows: string[]) => boolean, what: string, timeoutMs = 15_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    while (Date.now() < deadline) {
      rows = this.capture(session);
      if (check(rows)) return rows;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`timed out waiting for ${what}; the pane showed:\n${rows.join('\n')}`);
  }

  /** Kills the server and removes its socket file; safe when it is already gone. */
  kill(): void {
    try {
      const path = this.run('display', '-p', '#{socket_path}').trim();
      this.run('kill-server');
      rmSync(path, { force: true });
    } catch {
      // already gone
    }
  }
}
