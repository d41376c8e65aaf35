// parseArgs' errors in our own words: an unknown option with the closest known one, and a flag
// whose value starts with '-' with the `--flag=VALUE` form that takes it. Anything else keeps
// Node's first line. What the user typed is escaped before it is shown.

import { oneLine } from '../util/escape-control.js';

/** One line for a parseArgs error, naming the closest of `known` (option names without `--`) for an unknown option. */
export function argErrorMessage(err: unknown, known: readonly string[]): string {
  const e = err as { code?: unknown; message?: unknown };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  const quoted = /^(?:Unknown option|Option) '([^'\s]+)/.exec(message)?.[1];
  if (quoted !== undefined) {
    const option = oneLine(quoted, 60);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const near = closestOption(quoted, known);
      return `unknown option ${option}; ${near === null ? 'see cluster-top --help' : `did you mean --${near}?`}`;
    }
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      if (/argument is ambiguous/.test(message)) return `${option} needs a value; one that starts with "-" is written ${option}=VALUE`;
      if (/argument missing/.test(message)) return `${option} needs a value`;
      if (/does not take an argument/.test(message)) return `${option} takes no value`;
    }
  }
  return oneLine(message.split('\n')[0], 200);
}

/** The known option nearest to `typed` (`--jsno` → json), or null when none is close. */
export function closestOption(typed: string, known: readonly string[]): string | null {
  const name = typed.replace(/^-+/, '').split('=')[0].toLowerCase();
  if (name === '') return null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.startsWith(name) && name.length >= 3 ? 0.5 : editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.min(2, Math.floor(name.length / 3))) ? best : null;
}

/** Levenshtein distance, with a swap of two neighbours counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0][j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
    }
  }
  return rows[a.length][b.length];
}
