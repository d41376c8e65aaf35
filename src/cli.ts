// Entry point: parses the command line and wires sources → parser → model → views for each
// command. Nothing else imports this file.

import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { parseCommandLine, type MonitorOptions, type PollSettings } from './cli/args.js';
import { runDump } from './cli/dump.js';
import { runOnce } from './cli/once.js';
import { runRecord } from './cli/record.js';
import { USAGE } from './cli/usage.js';
import { createHttpFeed, createReplayFeed, type PeerFeed } from './feed/peer-feed.js';
import { startDemoPeer } from './sources/demo/server.js';
import { fetchTraceRows } from './sources/jaeger/trace-rows.js';
import { oneLine } from './util/escape-control.js';

/** Runs cluster-top with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommandLine(argv);
  const out = (text: string): void => void process.stdout.write(text);
  const err = (text: string): void => void process.stderr.write(text);
  switch (command.kind) {
    case 'help':
      out(USAGE);
      return 0;
    case 'version':
      out(`cluster-top ${packageVersion()}\n`);
      return 0;
    case 'error':
      err(`cluster-top: ${oneLine(command.message, 300)}\nTry 'cluster-top --help'.\n`);
      return 2;
    case 'demo-serve':
      return serveDemo(command.port);
    case 'dump':
      return runDump(command, { stdout: out, stderr: err, readStdin });
    case 'record': {
      const source = await openSource(command.poll, command.out);
      const stop = stopSignal();
      try {
        return await runRecord(source.feed, command.out, command.poll.intervalMs, command.durationMs, {
          stderr: err,
          sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
          stop,
          now: Date.now,
        });
      } finally {
        await source.close();
      }
    }
    case 'monitor':
      return monitor(command.options);
  }
}

async function monitor(options: MonitorOptions): Promise<number> {
  if (!options.once && !process.stdout.isTTY) {
    process.stderr.write('cluster-top: standard output is not a terminal; use --once for a text snapshot or --once --json for scripts\n');
    return 2;
  }
  let source: OpenedSource;
  try {
    source = await openSource(options, undefined);
  } catch (error) {
    process.stderr.write(`cluster-top: ${oneLine((error as Error).message, 300)}\n`);
    return 1;
  }
  try {
    if (options.once) {
      const traces = options.traces;
      const io = {
        stdout: (t: string) => void process.stdout.write(t),
        stderr: (t: string) => void process.stderr.write(t),
        sleep: (ms: number) => delay(ms),
        traces: traces === null || options.replay !== null ? null : () => fetchTraceRows({
          jaegerUrl: traces.jaegerUrl,
          service: traces.service ?? undefined,
          lookbackMs: traces.lookbackMs,
          limit: traces.limit,
          timeoutMs: Math.min(options.timeoutMs, 10_000),
        }),
      };
      return await runOnce(source.feed, options, io, options.replay !== null);
    }
    const { runDashboard } = await import('./ui/run-dashboard.js');
    return await runDashboard({
      target: source.feed.target,
      poll: () => source.feed.poll(),
      intervalMs: options.intervalMs,
      windowMs: options.windowMs,
      maxSamples: options.maxSamples,
      quantile: options.quantile,
      variant: options.variant,
      ascii: options.ascii ?? !localeIsUtf8(process.env),
      color: options.color && !process.env.NO_COLOR,
    });
  } finally {
    await source.close();
  }
}

interface OpenedSource {
  readonly feed: PeerFeed;
  close(): Promise<void>;
}

/** Opens the feed the settings name: a replayed folder, the embedded demo peer, or a URL. */
async function openSource(settings: PollSettings, recordDir: string | undefined): Promise<OpenedSource> {
  if (settings.replay !== null) {
    const feed = await createReplayFeed(settings.replay);
    return { feed, close: async () => feed.close() };
  }
  const demo = settings.demo ? await startDemoPeer() : null;
  const feed = createHttpFeed({
    url: demo?.url ?? settings.metricsUrl,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    recordDir,
  });
  return {
    feed,
    close: async () => {
      feed.close();
      await demo?.close();
    },
  };
}

async function serveDemo(port: number): Promise<number> {
  const demo = await startDemoPeer({ port });
  process.stdout.write(`demo peer serving ${demo.url}\n`);
  const stop = stopSignal();
  await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await demo.close();
  return 0;
}

/** An AbortSignal that fires on SIGINT or SIGTERM. */
function stopSignal(): AbortSignal {
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

async function readStdin(maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) throw new Error(`standard input exceeds ${maxBytes} bytes (--max-body)`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
