// terminalSafeJson: the same JSON value, with no raw DEL, C1, bidi or line-separator character.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { stringifyForTerminal, terminalSafeJson } from '../../src/util/terminal-json.js';

const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('C1, DEL and bidi characters inside strings become \\u escapes; C0 stays as JSON.stringify wrote it', () => {
  assert.equal(stringifyForTerminal({ m: 'a\x1b[2J\x9b\x7f\u202eb' }), '{"m":"a\\u001b[2J\\u009b\\u007f\\u202eb"}');
  assert.equal(stringifyForTerminal(['\u2028', 1], 1), '[\n "\\u2028",\n 1\n]');
  assert.equal(terminalSafeJson('{"plain":"é✓"}'), '{"plain":"é✓"}');
});

test('property: the output is valid JSON with the same value and no raw unsafe character', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.string({ unit: 'binary', maxLength: 40 }), (value, s) => {
      for (const v of [value, s, { [s]: [s, value] }]) {
        const out = stringifyForTerminal(v);
        assert.doesNotMatch(out, UNSAFE);
        assert.deepStrictEqual(JSON.parse(out), JSON.parse(JSON.stringify(v)));
      }
    }),
    { numRuns: 1000 },
  );
});
