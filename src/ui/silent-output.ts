// The stdout Ink is given: the terminal's size and resize events, but none of its writes. The
// dashboard's frames go through the screen writer instead (see dashboard-screen), so Ink's own
// (empty) frames, cursor toggles and erases must not reach the terminal.

/** `stream` with a `write` that discards; every other member is the stream's own. */
export function silentOutput(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (...args: unknown[]): boolean => {
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (callback !== undefined) queueMicrotask(callback);
    return true;
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
