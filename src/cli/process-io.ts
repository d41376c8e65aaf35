// What the command line needs of its own process: a stop signal on SIGINT/SIGTERM, standard
// input read under a cap (`dump -`), whether the locale promises UTF-8, and a quiet end when
// the reader of standard output goes away (`cluster-top dump FILE | head -1`).

/** An AbortSignal that fires on SIGINT or SIGTERM. */
export function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const abort = (): void => controller.abort();
  process.once('SIGINT', abort);
  process.once('SIGTERM', abort);
  return controller.signal;
}

/** True when the locale promises UTF-8 (LC_ALL, then LC_CTYPE, then LANG, like setlocale). */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

/** Standard input read to its end; rejects past `maxBytes`. */
export async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new Error(`standard input exceeds ${maxBytes} bytes (--max-body)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The part of a stream `endQuietlyWhenOutputCloses` needs. */
export interface OutputStream {
  on(event: 'error', listener: (err: NodeJS.ErrnoException) => void): unknown;
  readonly isTTY?: boolean;
}

/**
 * Makes a closed pipe on standard output or error (EPIPE: `| head -1` has read its line) end the
 * program at once with exit code 0 and nothing printed, as Unix tools stop on SIGPIPE (which Node
 * ignores). Any other write error on a file or pipe is one line on standard error and exit code
 * 1. Errors on a terminal are left to the live view, which restores it (terminal-session.ts).
 * Installed once, before anything is written, for every command.
 */
export function endQuietlyWhenOutputCloses(
  stdout: OutputStream = process.stdout,
  stderr: OutputStream = process.stderr,
  exit: (code: number) => void = (code) => process.exit(code),
  report: (line: string) => void = (line) => void process.stderr.write(line),
): void {
  const handle = (name: string, stream: OutputStream) => (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return exit(0);
    if (stream.isTTY) return;
    if (stream === stdout) report(`cluster-top: cannot write to ${name}: ${err.code ?? err.message}\n`);
    exit(1);
  };
  stdout.on('error', handle('standard output', stdout));
  stderr.on('error', handle('standard error', stderr));
}
