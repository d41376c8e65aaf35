// A stdout for Ink that pins the live frame to the top of the alternate screen.
//
// Ink 6.8's incremental log-update moves the cursor relative to where it believes the cursor
// is, and is one row off whenever the frame ends with a newline (every frame shorter than the
// terminal): it rewinds with `cursorUp(previousLines − 1)` from the row below the frame, so
// each repaint lands one row lower than the last (fixed in Ink 7). Our frame always starts at
// the top-left of the alternate screen, so every rewind Ink writes can be made absolute:
//   cursorUp(n) at the start of a write              → cursor home
//   eraseLines(k) then cursorUp(n) (the frame shrank) → clear below row n, cursor home
//   eraseLines(k) alone or before a whole frame      → clear the screen, cursor home
// Everything else passes through untouched.

const ESC = '\u001B[';
/** eraseLines(k): erase line, (cursor up, erase line)×(k−1), cursor to column 1. */
const ERASE_LINES = /^(?:\u001B\[2K(?:\u001B\[1A)?)+\u001B\[G/;
const CURSOR_UP = /^\u001B\[(\d+)A/;

/** Rewrites one chunk Ink writes so that its cursor rewinds are absolute. */
export function anchorChunk(chunk: string): string {
  const erase = ERASE_LINES.exec(chunk);
  if (erase !== null) {
    const rest = chunk.slice(erase[0].length);
    const up = CURSOR_UP.exec(rest);
    if (up !== null) {
      // The new frame has `n` lines: clear what is below it, then draw from the top.
      const keep = Number(up[1]);
      return `${ESC}${keep + 1};1H${ESC}J${ESC}H` + rest.slice(up[0].length);
    }
    return `${ESC}H${ESC}J` + rest;
  }
  const up = CURSOR_UP.exec(chunk);
  if (up !== null) return `${ESC}H` + chunk.slice(up[0].length);
  return chunk;
}

/** `stream` with `write` passed through anchorChunk; every other member is the stream's own. */
export function anchoredOutput(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? anchorChunk(chunk) : chunk;
    return (stream.write as (...args: unknown[]) => boolean).call(stream, text, ...rest);
  };
  return new Proxy(stream, {
    get(target, property) {
      if (property === 'write') return write;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
