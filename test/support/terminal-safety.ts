// Test support: checks that text bound for a terminal carries no control character, and that a
// stream of frames holds no escape sequence but those the screen writer writes itself.

import assert from 'node:assert/strict';

/** C0 and C1 controls, DEL, bidi marks/embeddings/overrides/isolates, line and paragraph separators. */
export const UNSAFE_CHAR = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Asserts `text` is one line with no unsafe character. */
export function assertOneSafeLine(text: string): void {
  assert.doesNotMatch(text, UNSAFE_CHAR, JSON.stringify(text));
}

/**
 * The sequences the screen writer sends, in exactly its forms: the clear that starts a whole
 * repaint, cursor to row;column or column, erase to end of line, and SGRs that start from a
 * reset (`ESC[0m`, `ESC[0;…m`; a bare `ESC[31m` is not one of them).
 */
// eslint-disable-next-line no-control-regex
const WRITER_SEQUENCE = /\x1b\[0m\x1b\[H\x1b\[2J|\x1b\[\d+;\d+H|\x1b\[\d+G|\x1b\[K|\x1b\[0(?:;[0-9;]+)?m/g;

/** Asserts `output` (terminal bytes as a string) has no unsafe character outside the screen writer's own sequences. */
export function assertOnlyScreenControls(output: string): void {
  const rest = output.replace(WRITER_SEQUENCE, '');
  const m = UNSAFE_CHAR.exec(rest);
  assert.equal(m, null, m === null ? '' : `raw ${JSON.stringify(m[0])} near ${JSON.stringify(rest.slice(Math.max(0, m.index - 40), m.index + 40))}`);
}

/** The visible escapes HOSTILE_TEXT must turn into, in order. */
export const VISIBLE_ESCAPES = ['Evil.\\x1b[2J\\x1b[31mRed\\x1b]0;pwned\\x07', '\\x9b31mC1\\x9dosc', '\\x7fDel\\x08\\x08\\x08Bs\\r\\tCr\\u202eRtl\\u2066Iso\\u2069End'];
