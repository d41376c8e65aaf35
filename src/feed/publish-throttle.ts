// At most one publish per minimum gap: a request inside the gap is kept for its end (requests in
// between merge into it), one after it publishes at once. The peer monitor and the fleet monitor
// both pace what they hand to the UI with it.

/** Paces calls of `fire` to one per `minMs`. */
export class PublishThrottle {
  private lastAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly minMs: number,
    private readonly now: () => number,
    private readonly fire: () => void,
  ) {}

  /** Fires now when the last firing is at least minMs old, else once at the end of the gap. */
  request(): void {
    if (this.timer !== undefined) return;
    const wait = this.lastAt + this.minMs - this.now();
    if (wait <= 0) this.fireNow();
    else this.timer = setTimeout(() => this.fireNow(), wait);
  }

  /** Fires now, whatever the gap, dropping a firing that was waiting. */
  fireNow(): void {
    this.cancel();
    this.lastAt = this.now();
    this.fire();
  }

  /** Drops a firing that was waiting. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
