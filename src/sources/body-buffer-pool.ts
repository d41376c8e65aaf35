// Buffers that scrape bodies are read into, handed back once a body is parsed. One peer keeps one
// (its next body overwrites its last); a fleet shares a pool as large as its scrapes in flight,
// instead of every peer holding a payload-sized buffer between its scrapes (a 200 KB payload is
// 20 MB over 100 peers). httpGet decides whether a buffer fits a body (util/buffer-reuse.ts); one
// that does not is left to the collector.

/** Free body buffers, at most `max` of them. */
export class BodyBufferPool {
  private readonly free: Buffer[] = [];

  constructor(private readonly max: number) {}

  /** A free buffer, or null when none is. */
  take(): Buffer | null {
    return this.free.pop() ?? null;
  }

  /** Gives a buffer back (dropped when the pool is full). */
  give(buffer: Buffer): void {
    if (this.free.length < this.max) this.free.push(buffer);
  }

  /** Buffers free now. */
  get size(): number {
    return this.free.length;
  }
}
