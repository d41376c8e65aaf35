// The bottom line: the keys that work in the focused pane.

import type { KeyHint } from '../model/key-hints.js';
import { run, type StyledLine, type StyledRun } from './styled-line.js';
import { toneStyle } from './theme.js';

/** The key hints as one line. */
export function keyLine(hints: readonly KeyHint[], color: boolean): StyledLine {
  const key = toneStyle('title', color);
  const label = toneStyle('dim', color);
  const runs: StyledRun[] = [];
  hints.forEach((h, i) => {
    if (i > 0) runs.push(run('  '));
    runs.push(run(h.key, key), run(` ${h.label}`, label));
  });
  return runs;
}
