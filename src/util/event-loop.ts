// Two small waits for the start of the live view (src/cli.ts): one turn of the event loop's I/O
// polling, and a promise's value if it comes within a deadline.

/**
 * Resolves after the event loop has polled for I/O once. One setImmediate is not enough: called
 * from an I/O callback, it runs in the same turn's check phase, before any further polling.
 */
export function ioTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** `promise`'s value if it settles within `ms`, else null (the promise goes on). */
export function settledWithin<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve({ value });
    });
  });
}
