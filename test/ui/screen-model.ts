// A minimal terminal screen for tests: applies the escape sequences Ink and the dashboard write
// (cursor moves CUU/CUD/CNL/CHA/CUP, erases EL/ED, alternate screen switches, SGR attributes;
// OSC sequences such as OSC 8 hyperlinks are skipped) to a grid of cells, so a test can see
// what a terminal would show, and in which attributes, after a stream of writes. Characters
// take the columns string-width gives them: a wide one ('日') fills its cell and a continuation
// cell (''), a zero-width one (a combining accent) joins the cell before it. It behaves like
// xterm at the right margin: a character written to the last column leaves the cursor there
// with a wrap pending, and an erase from there erases that last column. Erased cells take the
// attributes in force (stricter than a terminal, which keeps only the background).

import stringWidth from 'string-width';

/** A cell's attributes: those the dashboard uses, colour by name. */
export interface CellStyle {
  readonly color?: string;
  readonly bold?: boolean;
  readonly dim?: boolean;
  readonly inverse?: boolean;
}

const PLAIN: CellStyle = {};
const COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** A canonical text for a style ("bold,red"; "" when plain), for comparing styles. */
export function styleKey(style: CellStyle): string {
  const parts: string[] = [];
  if (style.bold === true) parts.push('bold');
  if (style.dim === true) parts.push('dim');
  if (style.inverse === true) parts.push('inverse');
  if (style.color !== undefined) parts.push(style.color);
  return parts.join(',');
}

interface Buffer {
  chars: string[][];
  styles: CellStyle[][];
}

/** A `columns`×`rows` screen with a cursor, a main and an alternate buffer. */
export class ScreenModel {
  private main: Buffer;
  private alternate: Buffer;
  alternateOn = false;
  row = 0;
  col = 0;
  /** The attributes characters are written in. */
  current: CellStyle = PLAIN;
  private pendingWrap = false;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.main = this.blank();
    this.alternate = this.blank();
  }

  private blank(): Buffer {
    return {
      chars: Array.from({ length: this.rows }, () => new Array<string>(this.columns).fill(' ')),
      styles: Array.from({ length: this.rows }, () => new Array<CellStyle>(this.columns).fill(PLAIN)),
    };
  }

  private get buffer(): Buffer {
    return this.alternateOn ? this.alternate : this.main;
  }

  /** The visible screen, trailing blanks trimmed, trailing empty lines dropped. */
  text(): string {
    const lines = this.buffer.chars.map((r) => r.join('').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** Row `r` as shown, every column included (a wide character once). */
  rowText(r: number): string {
    return this.buffer.chars[r].join('');
  }

  /** What cell (`r`, `c`) holds: a character with any combining marks, or '' right of a wide one. */
  cellText(r: number, c: number): string {
    return this.buffer.chars[r][c];
  }

  /** The attributes of cell (`r`, `c`). */
  cellStyle(r: number, c: number): CellStyle {
    return this.buffer.styles[r][c];
  }

  /** The attributes of every cell of row `r`, as styleKey texts. */
  rowStyleKeys(r: number): string[] {
    return this.buffer.styles[r].map(styleKey);
  }

  /** Applies `data` as a terminal would. */
  write(data: string): void {
    // eslint-disable-next-line no-control-regex
    const tokens = data.match(/\u001B\[[?]?[0-9;]*[A-Za-z]|\u001B\][^\u0007\u001B]*(?:\u0007|\u001B\\)|\u001B[^[\]]|[\s\S]/gu) ?? [];
    for (const token of tokens) this.apply(token);
  }

  private apply(token: string): void {
    const csi = /^\u001B\[([?]?)([0-9;]*)([A-Za-z])$/u.exec(token);
    if (csi !== null) return this.control(csi[1] === '?', csi[2], csi[3]);
    if (token.startsWith('\u001B')) return;
    if (token === '\n') return this.lineFeed();
    if (token === '\r') return void ((this.col = 0), (this.pendingWrap = false));
    if (token.codePointAt(0)! < 0x20) return; // other C0 controls show nothing
    const width = stringWidth(token);
    if (width === 0) return this.joinPrevious(token);
    if (this.pendingWrap || (width === 2 && this.col === this.columns - 1)) {
      this.col = 0;
      this.lineFeed();
    }
    const { chars, styles } = this.buffer;
    const line = chars[this.row];
    this.splitWide(this.row, this.col);
    this.splitWide(this.row, this.col + width);
    line[this.col] = token;
    styles[this.row][this.col] = this.current;
    if (width === 2 && this.col + 1 < this.columns) {
      line[this.col + 1] = '';
      styles[this.row][this.col + 1] = this.current;
    }
    if (this.col + width >= this.columns) {
      this.col = this.columns - 1;
      this.pendingWrap = true;
    } else this.col += width;
  }

  /** A zero-width character joins the character left of the cursor. */
  private joinPrevious(token: string): void {
    let c = this.pendingWrap ? this.col : this.col - 1;
    const line = this.buffer.chars[this.row];
    if (c > 0 && line[c] === '') c--;
    if (c >= 0) line[c] += token;
  }

  /** Before column `c` is overwritten or erased, a wide character half on it becomes blanks. */
  private splitWide(r: number, c: number): void {
    const line = this.buffer.chars[r];
    if (c <= 0 || c >= this.columns || line[c] !== '') return;
    line[c - 1] = ' ';
    line[c] = ' ';
  }

  private erase(r: number, from: number, to: number): void {
    this.splitWide(r, from);
    this.splitWide(r, to);
    for (let c = from; c < to; c++) {
      this.buffer.chars[r][c] = ' ';
      this.buffer.styles[r][c] = this.current;
    }
  }

  private lineFeed(): void {
    // Output post-processing turns LF into CR LF on a terminal in Node's raw mode.
    this.col = 0;
    this.pendingWrap = false;
    if (this.row < this.rows - 1) this.row++;
    else {
      const { chars, styles } = this.buffer;
      chars.shift();
      chars.push(new Array<string>(this.columns).fill(' '));
      styles.shift();
      styles.push(new Array<CellStyle>(this.columns).fill(PLAIN));
    }
  }

  /** SGR: the attributes the dashboard uses; others (background, underline, 256 colours) are ignored. */
  private select(params: string): void {
    const codes = params === '' ? [0] : params.split(';').map((p) => (p === '' ? 0 : Number(p)));
    let s: { color?: string; bold?: boolean; dim?: boolean; inverse?: boolean } = { ...this.current };
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i];
      if (code === 0) s = {};
      else if (code === 1) s.bold = true;
      else if (code === 2) s.dim = true;
      else if (code === 7) s.inverse = true;
      else if (code === 22) (delete s.bold, delete s.dim);
      else if (code === 27) delete s.inverse;
      else if (code >= 30 && code <= 37) s.color = COLORS[code - 30];
      else if (code >= 90 && code <= 97) s.color = `bright-${COLORS[code - 90]}`;
      else if (code === 39) delete s.color;
      else if (code === 38 || code === 48) i += codes[i + 1] === 2 ? 4 : 2; // extended colours: skipped
    }
    this.current = styleKey(s) === '' ? PLAIN : s;
  }

  private control(isPrivate: boolean, params: string, final: string): void {
    const n = params === '' ? [] : params.split(';').map(Number);
    const first = n[0] ?? 0;
    if (!isPrivate && final === 'm') return this.select(params);
    this.pendingWrap = false;
    if (isPrivate) {
      if (first === 1049 && final === 'h') {
        this.alternateOn = true;
        this.alternate = this.blank();
      } else if (first === 1049 && final === 'l') this.alternateOn = false;
      return;
    }
    const clampRow = (r: number) => Math.max(0, Math.min(this.rows - 1, r));
    switch (final) {
      case 'A': this.row = clampRow(this.row - Math.max(1, first)); break;
      case 'B': this.row = clampRow(this.row + Math.max(1, first)); break;
      case 'E': this.row = clampRow(this.row + Math.max(1, first)); this.col = 0; break;
      case 'G': this.col = Math.max(0, Math.min(this.columns - 1, Math.max(1, first) - 1)); break;
      case 'H':
      case 'f': this.row = clampRow((n[0] || 1) - 1); this.col = Math.max(0, Math.min(this.columns - 1, (n[1] || 1) - 1)); break;
      case 'J':
        if (first === 2 || first === 3) for (let r = 0; r < this.rows; r++) this.erase(r, 0, this.columns);
        else for (let r = this.row; r < this.rows; r++) this.erase(r, r === this.row ? this.col : 0, this.columns);
        break;
      case 'K':
        if (first === 2) this.erase(this.row, 0, this.columns);
        else if (first === 1) this.erase(this.row, 0, this.col + 1);
        else this.erase(this.row, this.col, this.columns);
        break;
      default: // anything else: no effect on the screen
    }
  }
}
