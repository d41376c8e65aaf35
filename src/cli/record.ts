// `cluster-top record --out DIR [--duration D]`: scrape every `--interval` and keep each payload
// as DIR/<unix-ms>.prom, for `--replay` and for comparing with a real Prometheus.

import type { PeerFeed } from '../feed/peer-feed.js';

/** Streams, clock and stop signal of `record`. */
export interface RecordIo {
  readonly stderr: (text: string) => void;
  readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Aborted on Ctrl-C / SIGTERM. */
  readonly stop: AbortSignal;
  readonly now: () => number;
}

/** Records until `durationMs` has passed (or until stopped); resolves to the exit code. */
export async function runRecord(feed: PeerFeed, out: string, intervalMs: number, durationMs: number | null, io: RecordIo): Promise<number> {
  const started = io.now();
  let saved = 0;
  let failed = 0;
  for (;;) {
    const tickStart = io.now();
    const outcome = await feed.poll();
    if (outcome.ok) saved++;
    else {
      failed++;
      io.stderr(`cluster-top record: ${outcome.message}\n`);
    }
    if (io.stop.aborted) break;
    if (durationMs !== null && io.now() - started + intervalMs > durationMs) break;
    await io.sleep(Math.max(0, intervalMs - (io.now() - tickStart)), io.stop);
    if (io.stop.aborted) break;
  }
  io.stderr(`cluster-top record: saved ${saved} scrape${saved === 1 ? '' : 's'} to ${out}` + (failed > 0 ? ` (${failed} failed)` : '') + '\n');
  return saved > 0 ? 0 : 1;
}
