// Fitting text into terminal cells: cut to a width with an ellipsis, pad left or right.
// Widths count code points: every string reaching these helpers has been through
// escapeControl, so it holds no controls; East Asian wide characters are not measured apart.

/** Width of `text` in cells (code points). */
export function textWidth(text: string): number {
  // As `[...text].length` (a surrogate pair is one code point, a lone surrogate one too), by
  // index: every pane cell goes through here once a second, and the string iterator is slow
  // before the code is optimised.
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `text` cut to at most `width` cells, ending with `ellipsis` when something was cut. */
export function fitEnd(text: string, width: number, ellipsis: string): string {
  if (width <= 0) return '';
  if (text.length <= width || textWidth(text) <= width) return text;
  const room = width - textWidth(ellipsis);
  if (room <= 0) return [...text].slice(0, width).join('');
  return [...text].slice(0, room).join('') + ellipsis;
}

/** `text` fitted to exactly `width` cells, left-aligned. */
export function padEnd(text: string, width: number, ellipsis: string): string {
  const fitted = fitEnd(text, width, ellipsis);
  return fitted + ' '.repeat(Math.max(0, width - textWidth(fitted)));
}

/** `text` fitted to exactly `width` cells, right-aligned. */
export function padStart(text: string, width: number, ellipsis: string): string {
  const fitted = fitEnd(text, width, ellipsis);
  return ' '.repeat(Math.max(0, width - textWidth(fitted))) + fitted;
}

/** `text` broken at spaces into lines of at most `width` cells (long words are cut hard). */
export function wrapText(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    let rest = word;
    while (textWidth(rest) > width) {
      if (line !== '') lines.push(line);
      const chars = [...rest];
      lines.push(chars.slice(0, width).join(''));
      rest = chars.slice(width).join('');
      line = '';
    }
    if (rest === '') continue;
    if (line === '') line = rest;
    else if (textWidth(line) + 1 + textWidth(rest) <= width) line += ' ' + rest;
    else {
      lines.push(line);
      line = rest;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
