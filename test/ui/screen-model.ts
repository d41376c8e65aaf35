// A minimal terminal screen for tests: applies the escape sequences Ink and the dashboard write
// (cursor moves, erases, alternate screen switches; colours and OSC 8 hyperlinks ignored) to a grid of cells, so a
// test can see what a terminal would show after a stream of writes.

/** A `columns`×`rows` screen with a cursor, a main and an alternate buffer. */
export class ScreenModel {
  private main: string[][];
  private alternate: string[][];
  alternateOn = false;
  row = 0;
  col = 0;
  private pendingWrap = false;

  constructor(
    readonly columns: number,
    readonly rows: number,
  ) {
    this.main = this.blank();
    this.alternate = this.blank();
  }

  private blank(): string[][] {
    return Array.from({ length: this.rows }, () => new Array<string>(this.columns).fill(' '));
  }

  private get grid(): string[][] {
    return this.alternateOn ? this.alternate : this.main;
  }

  /** The visible screen, trailing blanks trimmed, trailing empty lines dropped. */
  text(): string {
    const lines = this.grid.map((r) => r.join('').trimEnd());
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n');
  }

  /** Applies `data` as a terminal would. */
  write(data: string): void {
    // eslint-disable-next-line no-control-regex
    const tokens = data.match(/\u001B\[[?]?[0-9;]*[A-Za-z]|\u001B\][^\u0007]*\u0007|\u001B[^[\]]|[\s\S]/gu) ?? [];
    for (const token of tokens) this.apply(token);
  }

  private apply(token: string): void {
    const csi = /^\u001B\[([?]?)([0-9;]*)([A-Za-z])$/u.exec(token);
    if (csi !== null) return this.control(csi[1] === '?', csi[2], csi[3]);
    if (token.startsWith('\u001B')) return;
    if (token === '\n') return this.lineFeed();
    if (token === '\r') return void ((this.col = 0), (this.pendingWrap = false));
    if (this.pendingWrap) {
      this.col = 0;
      this.lineFeed();
    }
    this.grid[this.row][this.col] = token;
    if (this.col === this.columns - 1) this.pendingWrap = true;
    else this.col++;
  }

  private lineFeed(): void {
    // Output post-processing turns LF into CR LF on a terminal in Node's raw mode.
    this.col = 0;
    this.pendingWrap = false;
    if (this.row < this.rows - 1) this.row++;
    else {
      this.grid.shift();
      this.grid.push(new Array<string>(this.columns).fill(' '));
    }
  }

  private control(isPrivate: boolean, params: string, final: string): void {
    const n = params === '' ? [] : params.split(';').map(Number);
    const first = n[0] ?? 0;
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
      case 'H': this.row = clampRow((n[0] || 1) - 1); this.col = Math.max(0, Math.min(this.columns - 1, (n[1] || 1) - 1)); break;
      case 'J':
        if (first === 2 || first === 3) for (const r of this.grid) r.fill(' ');
        else for (let r = this.row; r < this.rows; r++) for (let c = r === this.row ? this.col : 0; c < this.columns; c++) this.grid[r][c] = ' ';
        break;
      case 'K':
        if (first === 2) this.grid[this.row].fill(' ');
        else for (let c = this.col; c < this.columns; c++) this.grid[this.row][c] = ' ';
        break;
      default: // SGR and anything else: no effect on the text
    }
  }
}
