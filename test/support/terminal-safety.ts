// Test support: checks that text bound for a terminal carries no control character, and that a
// stream of frames holds no escape sequence but the colour ones (SGR) a renderer writes itself.

import assert from 'node:assert/strict';

/** C0 and C1 controls, DEL, bidi marks/embeddings/overrides/isolates, line and paragraph separators. */
export const UNSAFE_CHAR = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Asserts `text` is one line with no unsafe character. */
export function assertOneSafeLine(text: string): void {
  assert.doesNotMatch(text, UNSAFE_CHAR, JSON.stringify(text));
}

/** Asserts `output` (terminal bytes as a string) has no unsafe character other than LF and SGR sequences. */
export function assertOnlySgr(output: string): void {
  // eslint-disable-next-line no-control-regex
  const rest = output.replace(/\x1b\[[0-9;]*m/g, '').replace(/\n/g, '');
  const m = UNSAFE_CHAR.exec(rest);
  assert.equal(m, null, m === null ? '' : `raw ${JSON.stringify(m[0])} near ${JSON.stringify(rest.slice(Math.max(0, m.index - 40), m.index + 40))}`);
}

/** The visible escapes HOSTILE_TEXT must turn into, in order. */
export const VISIBLE_ESCAPES = ['Evil.\\x1b[2J\\x1b[31mRed\\x1b]0;pwned\\x07', '\\x9b31mC1\\x9dosc', '\\x7fDel\\x08\\x08\\x08Bs\\r\\tCr\\u202eRtl\\u2066Iso\\u2069End'];
