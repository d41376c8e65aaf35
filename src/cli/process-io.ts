// What the command line needs of its own process: a stop signal on SIGINT/SIGTERM, standard
// input read under a cap (`dump -`), and whether the locale promises UTF-8.

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
