// Bench-only driver for the long-run memory figure: `--replay` of generated scrapes at full speed.
// It runs the live dashboard exactly as `cluster-top --replay DIR` does (runDashboard → the scrape
// loop → the payload feed's parser and sample extractor → history, snapshot, trend → React → Ink,
// 120×40, the same frame-rate cap), with two differences only: the payloads come from
// ScrapeGenerator instead of files (100 000 files of 200 KB would be 20 GB), and the interval is 0,
// so the scrape loop starts the next poll as soon as the last one is handled, without a timer
// delay. The terminal is a sink that counts bytes. Prints one JSON line per checkpoint, then quits
// the dashboard with `q` as a user would.
//
//   NODE_ENV=production node dist/bench/long-run-entry.js --scrapes 100000 --checkpoints 10000,100000

import { EventEmitter } from 'node:events';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createPayloadFeed } from '../src/feed/peer-feed.js';
import { runDashboard } from '../src/ui/run-dashboard.js';
import { ScrapeGenerator } from './scrape-generator.js';

/** One checkpoint of the run. */
export interface LongRunCheckpoint {
  readonly scrapes: number;
  /** RSS now, bytes. */
  readonly rssBytes: number;
  /** Median RSS over the last tenth of the scrapes before the checkpoint (read every 100 scrapes). */
  readonly rssMedianBytes: number;
  /** Highest RSS read so far. */
  readonly rssPeakBytes: number;
  /** Heap in use after a full garbage collection (null when gc is unavailable). */
  readonly heapAfterGcBytes: number | null;
  /** Wall time since the first scrape, ms. */
  readonly elapsedMs: number;
  /** Bytes the dashboard wrote to its terminal so far. */
  readonly terminalBytes: number;
  /** CPU time of the process per scrape since the first scrape, ms. */
  readonly cpuMsPerScrape: number;
  /** process.memoryUsage() at the checkpoint (before the forced collection), bytes. */
  readonly memory: NodeJS.MemoryUsage;
  /** Size and use of each V8 heap space at the checkpoint (before the forced collection), bytes. */
  readonly heapSpaces: Readonly<Record<string, { size: number; used: number }>>;
}

const arg = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && at + 1 < process.argv.length ? process.argv[at + 1] : fallback;
};
const scrapes = Number(arg('scrapes', '100000'));
const checkpoints = arg('checkpoints', '10000,100000').split(',').map(Number);
const intervalMs = Number(arg('interval-ms', '0'));
/** Write a heap snapshot (for `node --heap-prof`-style digging) at this scrape; 0 = never. */
const snapshotAt = Number(arg('heap-snapshot-at', '0'));

let collect: (() => void) | null = null;
try {
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
} catch {
  collect = null;
}

/** A 120×40 terminal that keeps nothing but the count of bytes written. */
class SinkTerminal extends EventEmitter {
  readonly isTTY = true;
  readonly columns = 120;
  readonly rows = 40;
  bytes = 0;
  write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
}

/** A terminal input the driver types into. */
class ScriptedKeys extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  type(data: string): void {
    this.pending = data;
    this.emit('readable');
  }
  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const terminal = new SinkTerminal();
const keys = new ScriptedKeys();
const generator = new ScrapeGenerator();
const rss: number[] = [];
let peak = 0;
let served = 0;
let startedMs = 0;
let startedCpu = process.cpuUsage();
const feed = createPayloadFeed('generated peer (bench)', () => {
  if (served === 0) {
    startedMs = performance.now();
    startedCpu = process.cpuUsage();
  }
  if (served >= scrapes) return null;
  served++;
  if (served % 100 === 0) {
    const now = process.memoryUsage.rss();
    rss.push(now);
    peak = Math.max(peak, now);
  }
  if (checkpoints.includes(served)) report(served);
  if (served === snapshotAt) process.stderr.write(`heap snapshot: ${writeHeapSnapshot()}\n`);
  if (served === scrapes) setImmediate(() => keys.type('q'));
  const { body, tMs } = generator.next();
  return { body, format: 'text', tMs };
});

function report(at: number): void {
  const memory = process.memoryUsage();
  const heapSpaces = Object.fromEntries(
    getHeapSpaceStatistics().map((s) => [s.space_name, { size: s.space_size, used: s.space_used_size }]),
  );
  const cpuMsPerScrape = cpuMs(process.cpuUsage(startedCpu)) / at;
  const elapsedMs = performance.now() - startedMs;
  const window = rss.slice(-Math.max(1, Math.round(at / 1000)));
  const sorted = [...window].sort((a, b) => a - b);
  let heapAfterGc: number | null = null;
  if (collect !== null) {
    collect();
    heapAfterGc = process.memoryUsage().heapUsed;
  }
  const now = process.memoryUsage.rss();
  peak = Math.max(peak, now);
  const checkpoint: LongRunCheckpoint = {
    scrapes: at,
    rssBytes: now,
    rssMedianBytes: sorted[sorted.length >> 1] ?? now,
    rssPeakBytes: peak,
    heapAfterGcBytes: heapAfterGc,
    elapsedMs,
    terminalBytes: terminal.bytes,
    cpuMsPerScrape,
    memory,
    heapSpaces,
  };
  process.stdout.write(JSON.stringify(checkpoint) + '\n');
}

const code = await runDashboard({
  target: feed.target,
  poll: () => feed.poll(),
  intervalMs,
  windowMs: 60_000,
  maxSamples: 10_000,
  quantile: 0.95,
  variant: 'prom3',
  ascii: false,
  color: true,
  stdout: terminal as unknown as NodeJS.WriteStream,
  stdin: keys as unknown as NodeJS.ReadStream,
});
process.exitCode = code;

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}
