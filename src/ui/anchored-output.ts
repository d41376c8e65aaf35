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

/**
 * Rewrites the lines of Ink's incremental frames so that a line is sent from its first changed
 * column instead of from column 1 (cursor to that column, the styles in force there, the rest).
 * Ink redraws every changed line whole; on this dashboard most changed lines keep their first
 * half (method name, padding, unchanged numbers), so about a fifth of the bytes per refresh go.
 *
 * It knows what each row holds only from the lines it has seen rewritten in incremental frames
 * (`ESC[H`, then per row either `ESC[E` (unchanged) or `ESC[1G` line `ESC[K` LF). Anything else
 * that is not a synchronized-output or cursor-visibility toggle (a full frame, a clear, a resize)
 * makes it forget every row. Lines with characters whose width it cannot be sure of (outside
 * Latin, punctuation, arrows, box drawing, blocks, shapes, braille) are sent whole.
 */
export class LineReuse {
  private readonly rows = new Map<number, string>();

  rewrite(chunk: string): string {
    if (/^(?:\u001B\[\?(?:2026|25)[hl])+$/.test(chunk)) return chunk;
    if (!chunk.startsWith(`${ESC}H`) || chunk.startsWith(`${ESC}H${ESC}J`)) {
      this.rows.clear();
      return chunk;
    }
    let out = `${ESC}H`;
    let row = 0;
    let at = 3;
    while (at < chunk.length) {
      if (chunk.startsWith(`${ESC}E`, at)) {
        out += `${ESC}E`;
        row++;
        at += 3;
        continue;
      }
      if (!chunk.startsWith(`${ESC}1G`, at)) break;
      const end = chunk.indexOf(`${ESC}K`, at + 4);
      if (end < 0) break;
      const line = chunk.slice(at + 4, end);
      at = end + 3;
      const newline = chunk.startsWith('\n', at);
      if (newline) at++;
      out += this.line(row, line) + `${ESC}K` + (newline ? '\n' : '');
      row++;
    }
    if (at !== chunk.length) {
      // Not the shape expected: send it as it is and forget what the rows hold.
      this.rows.clear();
      return chunk;
    }
    return out;
  }

  /** `line` for `row`, from its first column that differs from what the row holds. */
  private line(row: number, line: string): string {
    const whole = `${ESC}1G${line}`;
    const old = this.rows.get(row);
    this.rows.set(row, line);
    if (old === undefined || !NARROW_ONLY.test(line) || !NARROW_ONLY.test(old)) return whole;
    let same = 0;
    const limit = Math.min(old.length, line.length);
    while (same < limit && old.charCodeAt(same) === line.charCodeAt(same)) same++;
    // Walk the common part: count its columns and collect its styles; stop before an escape
    // sequence the difference falls inside.
    let column = 0;
    let styles = '';
    let cut = 0;
    while (cut < same) {
      if (line.charCodeAt(cut) === 0x1b) {
        const sgr = SGR_AT.exec(line.slice(cut, cut + 32));
        if (sgr === null || cut + sgr[0].length > same) break;
        styles += sgr[0];
        cut += sgr[0].length;
      } else {
        column++;
        cut++;
      }
    }
    // Lines start with no style in force (Ink resets at the end of each line), so the collected
    // styles restore exactly the state at the cut.
    const jump = `${ESC}${column + 1}G${styles}`;
    return jump.length + 4 < cut ? jump + line.slice(cut) : whole;
  }
}

/** An SGR sequence at the start of a string. */
const SGR_AT = /^\u001B\[[0-9;]*m/;
/** Lines made only of SGR sequences and characters one column wide in any terminal. */
// eslint-disable-next-line no-control-regex
const NARROW_ONLY = /^(?:\u001B\[[0-9;]*m|[\u0020-\u007E\u00A0-\u02FF\u2010-\u2027\u2030-\u205E\u2190-\u21FF\u23CE\u2500-\u25FC\u2800-\u28FF])*$/;

/** `stream` with `write` passed through anchorChunk and LineReuse; every other member is the stream's own. */
export function anchoredOutput(stream: NodeJS.WriteStream): NodeJS.WriteStream {
  const reuse = new LineReuse();
  const write = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? reuse.rewrite(anchorChunk(chunk)) : chunk;
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
