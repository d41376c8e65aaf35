// The characters the dashboard draws with, in a Unicode set and a plain-ASCII set
// (`--ascii`, or a locale that is not UTF-8): rules, markers, the sparkline ramp, the spinner,
// status icons and asciichart's line symbols.

/** One consistent set of drawing characters. */
export interface Glyphs {
  /** Rule character of an unfocused pane title. */
  readonly rule: string;
  /** Rule character of the focused pane title. */
  readonly ruleFocused: string;
  /** Marks the selected row. */
  readonly marker: string;
  /** Ends text that was cut. */
  readonly ellipsis: string;
  /** Sparkline levels, lowest first (8 of them). */
  readonly ramp: string;
  /** Spinner frames shown until the first scrape answers. */
  readonly spinner: readonly string[];
  /** Scrape status icons. */
  readonly ok: string;
  readonly stale: string;
  readonly failed: string;
  readonly paused: string;
  /** Marks a growing queue. */
  readonly growing: string;
  /** Multiplication sign in sizes (`60×16`). */
  readonly times: string;
  /** Separator between header facts. */
  readonly dot: string;
  /** Key names as shown in hints. */
  readonly keyUpDown: string;
  readonly keyEnter: string;
  /** Tree toggles of the trace waterfall: an expanded and a collapsed parent. */
  readonly treeOpen: string;
  readonly treeClosed: string;
  /** "At least", in the minimum-duration filter. */
  readonly atLeast: string;
  /** The micro sign of `μs`. */
  readonly micro: string;
  /** asciichart's ten line symbols: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │ or ASCII stand-ins. */
  readonly chart: readonly string[];
}

/** Box drawing and block elements. */
export const UNICODE_GLYPHS: Glyphs = {
  rule: '─',
  ruleFocused: '━',
  marker: '›',
  ellipsis: '…',
  ramp: '▁▂▃▄▅▆▇█',
  spinner: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  ok: '●',
  stale: '▲',
  failed: '✖',
  paused: '‖',
  growing: '↑',
  times: '×',
  dot: '·',
  keyUpDown: '↑↓',
  keyEnter: '⏎',
  treeOpen: '▾',
  treeClosed: '▸',
  atLeast: '≥',
  micro: 'μ',
  chart: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
};

/** Printable ASCII only. */
export const ASCII_GLYPHS: Glyphs = {
  rule: '-',
  ruleFocused: '=',
  marker: '>',
  ellipsis: '~',
  ramp: '_.-:=+*#',
  spinner: ['|', '/', '-', '\\'],
  ok: '*',
  stale: '!',
  failed: 'x',
  paused: '=',
  growing: '^',
  times: 'x',
  dot: '|',
  keyUpDown: 'up/dn',
  keyEnter: 'Enter',
  treeOpen: '-',
  treeClosed: '+',
  atLeast: '>=',
  micro: 'u',
  chart: ['+', '|', '-', '-', '-', '+', '+', '+', '+', '|'],
};

/** The set for the terminal: ASCII when asked for or when the locale cannot show Unicode. */
export function glyphsFor(ascii: boolean): Glyphs {
  return ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
}
