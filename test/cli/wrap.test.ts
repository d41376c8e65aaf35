// Word-wrapping with a hanging indent: widths respected, words kept whole when they fit, and
// nothing lost.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { wrapWithIndent } from '../../src/cli/wrap.js';

test('breaks at spaces, indents every later line, cuts only words longer than a line', () => {
  assert.deepEqual(wrapWithIndent('note: one two three four', 12, '  '), ['note: one', '  two three', '  four']);
  assert.deepEqual(wrapWithIndent('abcdefghij', 4, ' '), ['abcd', ' efg', ' hij']);
  assert.deepEqual(wrapWithIndent('short', 80, '    '), ['short']);
  assert.deepEqual(wrapWithIndent('', 80, '  '), ['']);
});

test('every line fits and the words come back in order', () => {
  const words = fc.array(fc.stringMatching(/^[a-z(),:/.\-…é]{1,30}$/), { minLength: 1, maxLength: 40 });
  fc.assert(
    fc.property(words, fc.integer({ min: 10, max: 80 }), fc.integer({ min: 0, max: 8 }), (ws, width, indentWidth) => {
      const indent = ' '.repeat(indentWidth);
      const lines = wrapWithIndent(ws.join(' '), width, indent);
      for (const [i, line] of lines.entries()) {
        if ([...line].length > width) return false;
        if (i > 0 && !line.startsWith(indent)) return false;
      }
      return lines.map((l, i) => (i === 0 ? l : l.slice(indentWidth))).join('').replace(/ /g, '') === ws.join('');
    }),
  );
});
