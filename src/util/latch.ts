// A one-way signal: a promise that resolves the first time open() is called (later calls do
// nothing). For "the first refresh is in" and "the history is filled", which waiters ask for
// with a time limit (event-loop.ts settledWithin).

/** A promise opened once, from outside. */
export class Latch {
  /** Resolves when open() is first called. */
  readonly opened: Promise<void>;
  private release!: () => void;

  constructor() {
    this.opened = new Promise<void>((resolve) => (this.release = resolve));
  }

  /** Resolves `opened` (once). */
  open(): void {
    this.release();
  }
}
