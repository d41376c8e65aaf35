// Word-wrapping of the command line's plain-text output (`--help`, the `--once` notes and
// errors): lines of at most a given width, later lines under a hanging indent, and nothing lost
// (a word longer than a line is cut across lines, never shortened).

import { textWidth } from '../model/text-fit.js';

/**
 * `text` broken at spaces into lines of at most `width` cells; every line after the first starts
 * with `indent` (counted in the width). Runs of spaces between words become one.
 */
export function wrapWithIndent(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  const room = Math.max(1, width - textWidth(indent));
  let line = '';
  let lineWidth = 0;
  const limit = (): number => (lines.length === 0 ? width : room);
  const flush = (): void => {
    lines.push(lines.length === 0 ? line : indent + line);
    line = '';
    lineWidth = 0;
  };
  for (const word of text.split(' ').filter((w) => w.length > 0)) {
    const w = textWidth(word);
    if (lineWidth > 0 && lineWidth + 1 + w <= limit()) {
      line += ' ' + word;
      lineWidth += 1 + w;
      continue;
    }
    if (lineWidth > 0) flush();
    let rest = [...word];
    while (rest.length > limit()) {
      line = rest.slice(0, limit()).join('');
      rest = rest.slice(limit());
      flush();
    }
    line = rest.join('');
    lineWidth = rest.length;
  }
  if (lineWidth > 0 || lines.length === 0) flush();
  return lines;
}
