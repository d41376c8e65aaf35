// A private tmux server for the terminal benches: programs run in real panes of a fixed size,
// started by a key press (so that the byte stream can be tapped before they draw anything), and
// their output is piped to a file or a FIFO with `pipe-pane`.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A tmux server on its own socket (`-L`), with no user configuration. */
export class TmuxServer {
  readonly socket = `cluster-top-bench-${process.pid}`;
  /** An empty home folder: no user configuration reaches the programs (htop, cluster-top). */
  readonly home = mkdtempSync(join(tmpdir(), 'cluster-top-bench-home-'));
  /** A clean environment: no CI variables (Ink draws nothing live under CI), UTF-8, 256 colours. */
  readonly env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: this.home,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TERM: 'xterm-256color',
  };

  private kept = false;

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, '-f', '/dev/null', ...args], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  /**
   * A detached `columns`×`rows` session whose pane waits for Enter, then runs `argv` (exec'd by
   * sh, so the pane's pid becomes the program's). `after` is shell text run once it exits; `cwd`
   * the folder it runs in (default: this process's).
   */
  open(name: string, columns: number, rows: number, argv: readonly string[], after = '', cwd = process.cwd()): void {
    const script = after === '' ? 'read _; exec "$@"' : `read _; "$@"; ${after}`;
    this.run('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), '-c', cwd, '--', 'sh', '-c', script, 'sh', ...argv);
    // The server stays up when its last session closes (until shutdown): a session opened just
    // after that would otherwise race the server's exit ("server exited unexpectedly").
    if (!this.kept) this.run('set-option', '-g', 'exit-empty', 'off');
    this.kept = true;
  }

  /** Starts the program waiting in `name`'s pane. */
  start(name: string): void {
    this.run('send-keys', '-t', name, 'Enter');
  }

  /** Sends the output of `name`'s pane to `command` (a shell command), or stops piping with ''. */
  pipe(name: string, command: string): void {
    if (command !== '') return void this.run('pipe-pane', '-t', name, command);
    try {
      this.run('pipe-pane', '-t', name);
    } catch {
      // the pane has closed already (its program exited): its pipe is closed too
    }
  }

  /** The pid of the process running in `name`'s pane. */
  pid(name: string): number {
    return Number(this.run('display-message', '-p', '-t', name, '#{pane_pid}').trim());
  }

  keys(name: string, ...keys: string[]): void {
    this.run('send-keys', '-t', name, ...keys);
  }

  capture(name: string): string {
    try {
      return this.run('capture-pane', '-p', '-t', name);
    } catch (error) {
      return `(no pane: ${(error as Error).message.trim()})`;
    }
  }

  close(name: string): void {
    try {
      this.run('kill-session', '-t', name);
    } catch {
      // already gone
    }
  }

  /** Stops the server and removes its socket and the home folder. */
  shutdown(): void {
    try {
      const path = this.run('display-message', '-p', '#{socket_path}').trim();
      this.run('kill-server');
      rmSync(path, { force: true });
    } catch {
      // no server running
    }
    rmSync(this.home, { recursive: true, force: true });
  }
}

/** CPU time (user + system, all threads) of process `pid` so far, in clock ticks. */
export function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
}

/** Resident set size of process `pid`, bytes. */
export function residentBytes(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? NaN : Number(m[1]) * 1024;
}

/** Clock ticks per second (USER_HZ). */
export function clockTicksPerSecond(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/** The 1-minute load average, as `uptime` shows it. */
export function loadAverage(): number {
  return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
}
