// OSC 8 hyperlinks: whether the terminal shows them, judged from its environment the way the
// `supports-hyperlinks` package does (Windows Terminal, iTerm2 ≥ 3.1, WezTerm, VS Code ≥ 1.72,
// Ghostty, VTE ≥ 0.50, Konsole, kitty, foot, Alacritty, DomTerm; never inside tmux or screen,
// which may not pass them on; FORCE_HYPERLINK decides first), and the escape sequence itself.

/** True when the terminal described by `env` shows OSC 8 hyperlinks. */
export function terminalSupportsHyperlinks(env: Readonly<Record<string, string | undefined>>): boolean {
  const force = env.FORCE_HYPERLINK;
  if (force !== undefined) return !['0', 'false', 'no'].includes(force.trim().toLowerCase());
  if (env.TERM === 'dumb' || env.TMUX !== undefined || env.STY !== undefined) return false;
  if (env.WT_SESSION !== undefined || env.DOMTERM !== undefined || env.KONSOLE_VERSION !== undefined) return true;
  const version = env.TERM_PROGRAM_VERSION ?? '';
  switch (env.TERM_PROGRAM) {
    case 'iTerm.app':
      return atLeast(version, [3, 1]);
    case 'WezTerm':
      return atLeast(version, [20200620]);
    case 'vscode':
      return atLeast(version, [1, 72]);
    case 'ghostty':
      return true;
  }
  const vte = env.VTE_VERSION;
  if (vte !== undefined && vte !== '') return /^\d+$/.test(vte) ? Number(vte) >= 5000 : atLeast(vte, [0, 50]);
  return ['xterm-kitty', 'xterm-ghostty', 'alacritty', 'foot', 'foot-extra', 'wezterm'].includes(env.TERM ?? '');
}

/** `text` as an OSC 8 hyperlink to `url` (characters outside printable ASCII are percent-encoded). */
export function osc8(url: string, text: string): string {
  const safe = url.replace(/[^\x21-\x7e]/gu, (ch) => encodeURIComponent(ch));
  return `\u001B]8;;${safe}\u0007${text}\u001B]8;;\u0007`;
}

/** True when the dotted `version` is at least `min`. */
function atLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split(/[.-]/).map((p) => parseInt(p, 10));
  for (let i = 0; i < min.length; i++) {
    const v = Number.isNaN(parts[i]) || parts[i] === undefined ? 0 : parts[i];
    if (v !== min[i]) return v > min[i];
  }
  return true;
}
