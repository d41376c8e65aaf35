// `cluster-top record --out DIR [--duration D]`: scrape every `--interval` and keep each payload
// as DIR/<unix-ms>.prom, for `--replay` and for comparing with a real Prometheus. The scrapes run
// on the same PollScheduler as the live view's.

import type { PeerFeed } from '../feed/peer-feed.js';
import { PollScheduler } from '../feed/poll-scheduler.js';

/** Streams, clock and stop signal of `record`. */
export interface RecordIo {
  readonly stderr: (text: string) => void;
  /** Aborted on Ctrl-C / SIGTERM: the scrape in flight ends, and recording stops. */
  readonly stop: AbortSignal;
  readonly now: () => number;
}

/** Records until `durationMs` has passed (or until stopped); resolves to the exit code. */
export function runRecord(feed: PeerFeed, out: string, intervalMs: number, durationMs: number | null, io: RecordIo): Promise<number> {
  const started = io.now();
  let saved = 0;
  let failed = 0;
  let polling = false;
  return new Promise<number>((resolve) => {
    const finish = (): void => {
      scheduler.stop();
      io.stop.removeEventListener('abort', onAbort);
      // Nothing saved means nothing written: the folder is only made by the first saved scrape.
      if (saved === 0) io.stderr(`cluster-top record: nothing saved for ${out}: ${failed === 0 ? 'no scrape finished' : `all ${failed} scrape${failed === 1 ? '' : 's'} failed`}\n`);
      else io.stderr(`cluster-top record: saved ${saved} scrape${saved === 1 ? '' : 's'} to ${out}` + (failed > 0 ? ` (${failed} failed)` : '') + '\n');
      resolve(saved > 0 ? 0 : 1);
    };
    const onAbort = (): void => {
      if (!polling) finish();
    };
    const scheduler = new PollScheduler({
      intervalMs,
      now: io.now,
      run: async () => {
        polling = true;
        const outcome = await feed.poll();
        polling = false;
        if (outcome.ok) saved++;
        else {
          failed++;
          io.stderr(`cluster-top record: ${outcome.message}\n`);
        }
        // The next scrape would start after the duration: this one was the last.
        if (io.stop.aborted || (durationMs !== null && io.now() - started + intervalMs > durationMs)) finish();
      },
    });
    io.stop.addEventListener('abort', onAbort);
    scheduler.start();
  });
}

/** Records every peer of a fleet at once, each into its own folder; resolves to 0 when any scrape was saved. */
export async function runFleetRecord(peers: readonly { readonly feed: PeerFeed; readonly folder: string }[], intervalMs: number, durationMs: number | null, io: RecordIo): Promise<number> {
  const codes = await Promise.all(peers.map((p) => runRecord(p.feed, p.folder, intervalMs, durationMs, io)));
  return codes.some((code) => code === 0) ? 0 : 1;
}
