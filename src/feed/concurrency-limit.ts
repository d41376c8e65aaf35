// A cap on work in flight: at most N tasks run at once, the rest wait their turn in order. The
// fleet shares one between its peers' scrapes, so that 200 peers never mean 200 sockets opening
// in the same instant.

/** Runs async tasks, at most `limit` at a time, in the order they were handed in. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('ConcurrencyLimit: the limit must be at least 1');
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Runs `task` as soon as a place is free; settles as it does. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The place goes straight to the next task waiting (the count stays), or is given back.
      if (next !== undefined) next();
      else this.active--;
    }
  }
}
