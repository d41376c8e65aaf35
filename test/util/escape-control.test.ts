import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeControl, escapePrefix, oneLine } from '../../src/util/escape-control.js';

test('C0 controls, including TAB, LF and CR, become visible escapes', () => {
  assert.equal(escapeControl('a\tb\nc\rd'), 'a\\tb\\nc\\rd');
  assert.equal(escapeControl('\x00\x01\x07\x08\x1f'), '\\x00\\x01\\x07\\x08\\x1f');
  assert.equal(escapeControl('\x1b[31mred\x1b[0m'), '\\x1b[31mred\\x1b[0m');
});

test('DEL and C1 controls are escaped as \\xNN', () => {
  assert.equal(escapeControl('\x7f'), '\\x7f');
  assert.equal(escapeControl('\x80\x9b2J\x9f'), '\\x80\\x9b2J\\x9f');
  assert.equal(escapeControl('\xa0é'), '\xa0é'); // first printable Latin-1 characters stay
});

test('bidi marks, embeddings, overrides and isolates are escaped as \\uNNNN', () => {
  const bidi = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
  for (const ch of bidi) {
    const expected = '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    assert.equal(escapeControl(`x${ch}y`), `x${expected}y`);
  }
  assert.equal(escapeControl('\u202egnp.exe'), '\\u202egnp.exe');
});

test('lone surrogates are escaped, valid pairs are kept', () => {
  assert.equal(escapeControl('a\ud800b'), 'a\\ud800b');
  assert.equal(escapeControl('a\udc00b'), 'a\\udc00b');
  assert.equal(escapeControl('\udc00\ud800'), '\\udc00\\ud800'); // reversed pair is two lone halves
  assert.equal(escapeControl('end\ud83d'), 'end\\ud83d');
  assert.equal(escapeControl('😀 ok'), '😀 ok');
});

test('backslashes stay, so escaping is idempotent', () => {
  assert.equal(escapeControl('C:\\path\\n'), 'C:\\path\\n');
  const once = escapeControl('\x1b\u202e\ud800\t\\');
  assert.equal(escapeControl(once), once);
});

test('ordinary text is returned unchanged', () => {
  const text = 'ipfscluster_pins{status="ok"} 3 — ünïcödé 漢字';
  assert.equal(escapeControl(text), text);
});

test('oneLine escapes and leaves short text alone', () => {
  assert.equal(oneLine('line1\nline2'), 'line1\\nline2');
  assert.equal(oneLine('x'.repeat(200)), 'x'.repeat(200));
});

test('oneLine truncates to max code points with an ellipsis', () => {
  const out = oneLine('y'.repeat(500), 10);
  assert.equal(out, 'yyyyyyyyy…');
  assert.equal([...oneLine('z'.repeat(300))].length, 200);
});

test('oneLine never splits an escape or a surrogate pair', () => {
  assert.equal(oneLine('abc\x1bdefgh', 6), 'abc…'); // `\x1b` does not fit after "abc" + "…"
  assert.equal(oneLine('abc\x1bdefghij', 9), 'abc\\x1bd…');
  assert.equal(oneLine('😀😀😀😀', 3), '😀😀…');
  assert.equal(oneLine('abc', 1), '…');
  assert.equal(oneLine('abc', 0), '');
});

test('oneLine and escapePrefix cost the same on a 1 MB text as on a short one, and cut the same way', () => {
  const huge = '\x1b[2J'.repeat(300_000);
  assert.equal(oneLine(huge, 10), '\\x1b[2J…');
  assert.equal(oneLine(huge, 10), oneLine(huge.slice(0, 100), 10));
  const prefix = escapePrefix(huge, 10);
  assert.ok(prefix.length < 200 && [...prefix].length > 10, 'long enough to show the cut');
  assert.equal(escapePrefix('short\x07', 10), 'short\\x07');
});

test('property: escaped text has no unsafe character, escaping is idempotent, oneLine fits its width', () => {
  const unsafe = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: fc.constantFrom('\x1b', '[', '\u202e', '\x9b', '\ud83d', '\ude00', 'a', '\\', '\n'), maxLength: 60 }));
  fc.assert(
    fc.property(text, fc.integer({ min: 0, max: 80 }), (s, max) => {
      const escaped = escapeControl(s);
      assert.doesNotMatch(escaped, unsafe);
      assert.equal(escapeControl(escaped), escaped);
      const line = oneLine(s, max);
      assert.doesNotMatch(line, unsafe);
      assert.ok([...line].length <= max, `${JSON.stringify(line)} > ${max}`);
      if ([...escaped].length <= max) assert.equal(line, escaped);
      else assert.ok(max === 0 || line.endsWith('…'));
    }),
    { numRuns: 2000 },
  );
});
