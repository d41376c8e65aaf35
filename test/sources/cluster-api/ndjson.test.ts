// NdjsonReader: values handed on as their lines complete, whatever the cut into pieces (inside a
// line, inside a UTF-8 character, CRLF), an over-long line refused before it is gathered, a line
// that is not JSON stopping the read, the last line without a newline, pre-v1 array answers.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NdjsonReader } from '../../../src/sources/cluster-api/ndjson.js';

function readAll(pieces: readonly Buffer[], maxLine = 1024): { values: unknown[]; error: string | undefined } {
  const values: unknown[] = [];
  const reader = new NdjsonReader(maxLine, (v) => values.push(v));
  for (const piece of pieces) {
    const error = reader.push(piece);
    if (error !== undefined) return { values, error: error.message };
  }
  return { values, error: reader.end()?.message };
}

const TEXT = '{"id":"A","peername":"pé1"}\n\r\n{"id":"B","error":"x"}\r\n\n[{"id":"C"},{"id":"D"}]\n{"id":"E"}';
const EXPECTED = [{ id: 'A', peername: 'pé1' }, { id: 'B', error: 'x' }, { id: 'C' }, { id: 'D' }, { id: 'E' }];

describe('NdjsonReader', () => {
  it('gives the same values however the stream is cut, even inside a UTF-8 character', () => {
    const bytes = Buffer.from(TEXT);
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(readAll([bytes.subarray(0, i), bytes.subarray(i)]), { values: EXPECTED, error: undefined }, `cut at ${i}`);
    }
    const single = [...bytes].map((b) => Buffer.from([b]));
    assert.deepEqual(readAll(single), { values: EXPECTED, error: undefined });
  });

  it('hands a value on as soon as its line is complete, not at the end', () => {
    const values: unknown[] = [];
    const reader = new NdjsonReader(1024, (v) => values.push(v));
    reader.push(Buffer.from('{"a":1}\n{"b"'));
    assert.deepEqual(values, [{ a: 1 }]);
    reader.push(Buffer.from(':2}\n'));
    assert.deepEqual(values, [{ a: 1 }, { b: 2 }]);
    assert.equal(reader.lines, 2);
  });

  it('refuses a line longer than the cap as soon as it passes it, however it is cut', () => {
    const long = `{"id":"${'x'.repeat(2000)}"}\n`;
    for (const pieces of [[long], long.match(/[^]{1,100}/g)!, ['{"ok":1}\n', long]]) {
      const r = readAll(pieces.map((p) => Buffer.from(p)), 1000);
      assert.match(r.error ?? '', /line \d is longer than 1000 bytes/);
    }
    // A line of exactly the cap is read (its newline is not counted).
    const fits = `{"id":"${'x'.repeat(1000 - 9)}"}`;
    assert.equal(Buffer.byteLength(fits), 1000);
    assert.deepEqual(readAll([Buffer.from(`${fits}\n`)], 1000).error, undefined);
  });

  it('a line that is not JSON is an error naming the line; values before it are kept; later pushes give the same error', () => {
    const values: unknown[] = [];
    const reader = new NdjsonReader(1024, (v) => values.push(v));
    const error = reader.push(Buffer.from('{"a":1}\n{"b":\x1b[2J}\n{"c":3}\n'));
    assert.match(error?.message ?? '', /^line 2 is not JSON \(/);
    assert.ok(!error!.message.includes('\x1b'), 'no raw control character from the stream in the message');
    assert.deepEqual(values, [{ a: 1 }]);
    assert.equal(reader.push(Buffer.from('{"d":4}\n')), error);
    assert.equal(reader.end(), error);
    assert.deepEqual(values, [{ a: 1 }]);
  });

  it('an empty stream and blank lines give nothing', () => {
    assert.deepEqual(readAll([]), { values: [], error: undefined });
    assert.deepEqual(readAll([Buffer.from('\n\r\n  \n')]), { values: [], error: undefined });
  });
});
