// A body of unknown length gathered into one contiguous buffer that doubles as it fills, up to a
// limit: what a body costs in memory is then its bytes, however it is cut up on the wire. (Kept
// as one Buffer per piece, a flood of 1-byte chunks cost ~100 bytes of heap per byte of body.)
// While it grows, the old buffer and the new one are held together for one copy: at most twice
// the limit, only then.

import { fitsForReuse } from '../util/buffer-reuse.js';

/** Least capacity allocated (bounded by the limit): one read of the connection. */
const FIRST_CAPACITY = 64 * 1024;

const EMPTY = Buffer.alloc(0);

/** Bytes appended one piece after another into one buffer, never past `limit`. */
export class GrowingBuffer {
  private storage: Buffer;
  private used = 0;

  /**
   * `limit` is the most bytes it will hold (the caller checks before append); `into` a buffer to
   * start in (overwriting it), e.g. one an earlier body lay in, or null/undefined for one
   * allocated on the first append.
   */
  constructor(
    private readonly limit: number,
    into?: Buffer | null,
  ) {
    this.storage = into ?? EMPTY;
  }

  /** Bytes held. */
  get length(): number {
    return this.used;
  }

  /** Copies `piece` in after the bytes held; the caller keeps the total within the limit. */
  append(piece: Uint8Array): void {
    const needed = this.used + piece.length;
    if (needed > this.storage.length) this.grow(needed);
    this.storage.set(piece, this.used);
    this.used = needed;
  }

  /** The bytes held: a view into the buffer (valid until the next append). */
  bytes(): Buffer {
    return this.storage.subarray(0, this.used);
  }

  /**
   * The buffer the bytes lie in, for reuse by a later body. When it is far bigger than they
   * (a buffer given to start in, after a much larger body), they are first copied into one
   * of their size plus 1/8, so one huge body does not pin its size for the rest of the run.
   */
  settle(): { readonly body: Buffer; readonly spare: Buffer } {
    if (!fitsForReuse(this.storage.length, this.used)) {
      const smaller = Buffer.allocUnsafe(this.used + (this.used >> 3));
      this.storage.copy(smaller, 0, 0, this.used);
      this.storage = smaller;
    }
    return { body: this.bytes(), spare: this.storage };
  }

  private grow(needed: number): void {
    const wanted = Math.max(needed, 2 * this.storage.length, FIRST_CAPACITY);
    const capacity = Math.min(wanted, Math.max(needed, this.limit));
    const next = Buffer.allocUnsafe(capacity);
    this.storage.copy(next, 0, 0, this.used);
    this.storage = next;
  }
}
