// Accept/reject rules of the Prometheus text format 0.0.4 (prometheus-semantics.md §1a), one case each.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition } from '../../src/exposition/parse.js';
import type { Exposition } from '../../src/exposition/types.js';

function accept(payload: string | Uint8Array): Exposition {
  const r = parseExposition(payload, { format: 'text' });
  if (!r.ok) assert.fail(`expected the payload to be accepted, got ${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

function reject(payload: string | Uint8Array, line: number, column: number, message?: RegExp): void {
  const r = parseExposition(payload, { format: 'text' });
  assert.equal(r.ok, false, 'expected the payload to be rejected');
  if (r.ok) return;
  assert.deepEqual([r.error.line, r.error.column], [line, column], r.error.message);
  if (message) assert.match(r.error.message, message);
}

/** The only sample's value, name and labels. */
function only(e: Exposition): { name: string; labels: Record<string, string>; value: number } {
  assert.equal(e.series.length, 1);
  return { name: e.series[0].name, labels: { ...e.series[0].labels }, value: e.values[0] };
}

describe('text format: lines and blanks', () => {
  it('accepts a payload without a final line feed', () => {
    assert.equal(only(accept('foo 1')).value, 1);
  });
  it('rejects a CRLF payload (CR is not whitespace, so "1\\r" is not a number)', () => {
    reject('foo 1\r\nbar 2\r\n', 1, 5, /invalid value/);
  });
  it('rejects CR at the end of a TYPE line as an invalid type', () => {
    reject('# TYPE foo counter\r\nfoo 1\n', 1, 12, /invalid metric type/);
  });
  it('ignores blank and whitespace-only lines', () => {
    const e = accept('\n   \n\t\nfoo 1\n\n \t \nbar 2\n');
    assert.deepEqual([...e.values], [1, 2]);
  });
  it('accepts any run of blanks between tokens, inside braces and around = and ,', () => {
    const e = accept('foo \t{ a \t= \t"1" \t, b="2" } \t 7 \t 1000 \t\n');
    assert.deepEqual(only(e), { name: 'foo', labels: { a: '1', b: '2' }, value: 7 });
    assert.equal(e.timestamps?.[0], 1000);
  });
  it('accepts trailing blanks after the value', () => {
    assert.equal(only(accept('foo 3  \t\n')).value, 3);
  });
  it('rejects blanks before a metric name like Prometheus 2.42 ("invalid metric name")', () => {
    reject('foo 1\n  bar 2\n', 2, 1, /invalid metric name/);
  });
  it('rejects a tab before a metric name', () => {
    reject('\tbar 2\n', 1, 1, /invalid metric name/);
  });
  it('accepts blanks before "#"', () => {
    const e = accept('  # TYPE foo counter\n\t# HELP foo text\nfoo 1\n');
    assert.equal(e.families.get('foo')?.type, 'counter');
    assert.equal(e.families.get('foo')?.help, 'text');
  });
  it('reports the first error with a 1-based byte column on the right line', () => {
    reject('a 1\nb 2\nc{x="é",y=z} 3\n', 3, 12, /expected label value in double quotes, got "z"/);
  });
});

describe('text format: input forms', () => {
  it('reads a string and its UTF-8 bytes the same way', () => {
    const text = '# HELP a Grüße\na{b="✓"} 1\n';
    assert.deepEqual(accept(text), accept(new TextEncoder().encode(text)));
  });
  it('reads a Uint8Array view at an offset into a larger buffer', () => {
    const backing = new TextEncoder().encode('garbage\nfoo{a="1"} 2\nmore');
    assert.deepEqual(only(accept(backing.subarray(8, 21))), { name: 'foo', labels: { a: '1' }, value: 2 });
  });
  it('returns an error instead of throwing for an unknown format', () => {
    const r = parseExposition('a 1\n', { format: 'protobuf' as never });
    assert.equal(r.ok, false);
  });
  it('accepts an empty payload', () => {
    assert.equal(accept('').series.length, 0);
  });
});

describe('text format: comments, HELP and TYPE', () => {
  it('treats #foo, #, # HELPER and #<tab>comment as comments', () => {
    const e = accept('#foo\n#\n# HELPER x\n#\tcomment\n# some words\nfoo 1\n');
    assert.equal(e.series.length, 1);
    assert.equal(e.families.get('foo')?.help, undefined);
  });
  it('accepts a tab between "#" and TYPE, and between TYPE and the name', () => {
    assert.equal(accept('#\tTYPE\tfoo\tgauge\nfoo 1\n').families.get('foo')?.type, 'gauge');
  });
  it('accepts "# HELP name" without text as an empty help', () => {
    assert.equal(accept('# HELP foo\nfoo 1\n').families.get('foo')?.help, '');
  });
  it('keeps extra leading blanks of the HELP text (only one separator is removed)', () => {
    assert.equal(accept('# HELP foo   three\nfoo 1\n').families.get('foo')?.help, '  three');
  });
  it('unescapes only \\\\ and \\n in HELP; \\" stays two characters', () => {
    const help = accept('# HELP foo a\\\\b\\nc\\"d\\te\nfoo 1\n').families.get('foo')?.help;
    assert.equal(help, 'a\\b\nc\\"d\\te');
  });
  it('rejects HELP text that is not valid UTF-8', () => {
    const bytes = new Uint8Array([...Buffer.from('# HELP foo a'), 0xff, 0x0a, ...Buffer.from('foo 1\n')]);
    reject(bytes, 1, 12, /UTF-8/);
  });
  it('rejects "# HELP " without a metric name', () => {
    reject('# HELP \nfoo 1\n', 1, 8, /expected metric name after HELP/);
  });
  it('accepts each of the five types', () => {
    for (const t of ['counter', 'gauge', 'histogram', 'summary', 'untyped']) {
      assert.equal(accept(`# TYPE foo ${t}\nfoo 1\n`).families.get('foo')?.type, t);
    }
  });
  it('rejects TYPE with two blanks before the type', () => {
    reject('# TYPE foo  counter\n', 1, 12, /invalid metric type " counter"/);
  });
  it('rejects TYPE with a trailing blank', () => {
    reject('# TYPE foo counter \n', 1, 12, /invalid metric type "counter "/);
  });
  it('rejects an unknown type word, and OpenMetrics-only words', () => {
    reject('# TYPE foo Counter\n', 1, 12, /invalid metric type/);
    reject('# TYPE foo unknown\n', 1, 12, /invalid metric type/);
    reject('# TYPE foo gaugehistogram\n', 1, 12, /invalid metric type/);
  });
  it('rejects TYPE without a type', () => {
    reject('# TYPE foo\n', 1, 11, /invalid metric type ""/);
  });
  it('accepts duplicate TYPE and HELP lines (the later one wins)', () => {
    const f = accept('# TYPE foo counter\n# TYPE foo gauge\n# HELP foo a\n# HELP foo b\nfoo 1\n').families.get('foo');
    assert.deepEqual(f, { name: 'foo', type: 'gauge', help: 'b', unit: undefined });
  });
  it('accepts TYPE after the samples and still groups by it', () => {
    const e = accept('x_bucket{le="+Inf"} 1\nx_count 1\nx_sum 2\n# TYPE x histogram\n');
    assert.deepEqual(e.series.map((s) => s.family), ['x', 'x', 'x']);
    assert.equal(e.families.get('x')?.type, 'histogram');
  });
});

describe('text format: label values', () => {
  it('unescapes \\\\, \\" and \\n, and keeps any other backslash with its character', () => {
    assert.deepEqual(only(accept('foo{a="x\\\\y\\"z\\nw\\tv"} 1\n')).labels, { a: 'x\\y"z\nw\\tv' });
  });
  it('decodes UTF-8 label values', () => {
    assert.deepEqual(only(accept('foo{a="Grüße ✓"} 1\n')).labels, { a: 'Grüße ✓' });
  });
  it('rejects a label value that is not valid UTF-8', () => {
    const bytes = new Uint8Array([...Buffer.from('foo{a="x'), 0xc3, 0x28, ...Buffer.from('"} 1\n')]);
    reject(bytes, 1, 8, /invalid UTF-8/);
  });
  it('rejects an unterminated label value', () => {
    reject('foo{a="x} 1', 1, 7, /unterminated/);
  });
  it('treats an empty value as an absent label', () => {
    const e = accept('foo{a="",b="2"} 1\nfoo{b="2"} 2\n');
    assert.deepEqual({ ...e.series[0].labels }, { b: '2' });
    assert.equal(e.series[0], e.series[1]);
  });
  it('accepts a raw line feed inside quotes (Prometheus\' lexer allows it) and counts lines after it', () => {
    assert.deepEqual(only(accept('foo{a="x\ny"} 1\n')).labels, { a: 'x\ny' });
    reject('foo{a="x\ny"} 1\nbar{ 2\n', 3, 6, /expected label name/);
  });
  it('rejects a backslash before a line feed in a label value', () => {
    reject('foo{a="x\\\ny"} 1\n', 1, 9, /invalid escape/);
  });
  it('keeps a label named __proto__ as an ordinary label', () => {
    const labels = only(accept('foo{__proto__="x"} 1\n')).labels;
    assert.deepEqual(Object.keys(labels), ['__proto__']);
    assert.equal(Object.getOwnPropertyDescriptor(labels, '__proto__')?.value, 'x');
  });
});

describe('text format: label sets', () => {
  it('accepts {} as no labels', () => {
    assert.deepEqual(only(accept('foo{} 1\n')).labels, {});
  });
  it('accepts a trailing comma', () => {
    assert.deepEqual(only(accept('foo{a="1",} 1\n')).labels, { a: '1' });
  });
  it('accepts pairs without a comma between them', () => {
    assert.deepEqual(only(accept('foo{a="1" b="2"} 1\n')).labels, { a: '1', b: '2' });
  });
  it('sorts labels by name', () => {
    assert.deepEqual(Object.keys(only(accept('foo{z="1",a="2",m="3"} 1\n')).labels), ['a', 'm', 'z']);
  });
  it('rejects ",,"', () => {
    reject('foo{a="1",,b="2"} 1\n', 1, 11, /expected label name/);
  });
  it('rejects a leading comma', () => {
    reject('foo{,a="1"} 1\n', 1, 5, /expected label name/);
  });
  it("rejects single quotes", () => {
    reject("foo{a='1'} 1\n", 1, 7, /expected label value in double quotes, got "'"/);
  });
  it('rejects an unquoted value', () => {
    reject('foo{a=1} 1\n', 1, 7, /expected label value in double quotes/);
  });
  it('rejects a colon in a label name', () => {
    reject('foo{a:b="1"} 1\n', 1, 6, /expected "=" after label name, got ":"/);
  });
  it('rejects a duplicate label name', () => {
    reject('foo{a="1",b="2",a="3"} 1\n', 1, 17, /label name "a" is not unique/);
  });
  it('rejects __name__ inside the braces (a second metric name)', () => {
    reject('foo{__name__="bar"} 1\n', 1, 5, /"__name__" is not unique/);
  });
  it('rejects a missing closing brace', () => {
    reject('foo{a="1" 1\n', 1, 11, /expected label name or "}"/);
  });
});

describe('text format: metric names', () => {
  it('accepts colons anywhere, including first', () => {
    assert.equal(only(accept(':x:y 1\n')).name, ':x:y');
  });
  it('rejects a leading digit', () => {
    reject('1foo 1\n', 1, 1, /expected metric name/);
  });
  it('rejects quoted UTF-8 names (Prometheus 3 only)', () => {
    reject('{"my.metric","a.b"="v"} 1\n', 1, 1, /expected metric name/);
  });
  it('rejects a sample without a value', () => {
    reject('foo\n', 1, 4, /expected value after metric, got end of line/);
    reject('foo{a="1"}\n', 1, 11, /expected value/);
  });
});

describe('text format: values', () => {
  const cases: [string, number][] = [
    ['1e3', 1000], ['.5', 0.5], ['5.', 5], ['+3', 3], ['0042', 42], ['-0.25', -0.25],
    ['1.7976931348623157e308', 1.7976931348623157e308], ['5e-324', 5e-324], ['1.048576e+06', 1048576],
    ['Inf', Infinity], ['+Inf', Infinity], ['-inf', -Infinity], ['Infinity', Infinity], ['-Infinity', -Infinity],
  ];
  for (const [text, value] of cases) {
    it(`accepts ${text}`, () => assert.equal(only(accept(`foo ${text}\n`)).value, value));
  }
  it('accepts NaN and nan', () => {
    assert.ok(Number.isNaN(only(accept('foo NaN\n')).value));
    assert.ok(Number.isNaN(only(accept('foo nan\n')).value));
  });
  for (const text of ['0x1p-3', '1_000', '0x10', '1e400', '-1e400', '+NaN', '1e', 'e5', '.', '1.2.3', 'infinit', '--1', '1,5']) {
    it(`rejects ${text}`, () => reject(`foo ${text}\n`, 1, 5, /invalid value/));
  }
  it('accepts a value glued to the closing brace', () => {
    assert.deepEqual(only(accept('x{a="1"}7\n')), { name: 'x', labels: { a: '1' }, value: 7 });
  });
  it('parses 17-digit values exactly', () => {
    assert.equal(only(accept('foo 1.7794559588165371e+09\n')).value, 1.7794559588165371e9);
    assert.equal(only(accept('foo 8591.579352880206\n')).value, 8591.579352880206);
  });
});

describe('text format: timestamps', () => {
  it('reads an optional millisecond timestamp, NaN where absent', () => {
    const e = accept('a 1 1700000000123\nb 2\n');
    assert.equal(e.timestamps?.[0], 1700000000123);
    assert.ok(Number.isNaN(e.timestamps?.[1] ?? 0));
  });
  it('gives null timestamps when no sample has one', () => {
    assert.equal(accept('a 1\n').timestamps, null);
  });
  it('rejects a negative timestamp', () => {
    reject('foo 1 -1000\n', 1, 7, /negative timestamps/);
  });
  it('rejects a fractional timestamp', () => {
    reject('foo 1 1000.5\n', 1, 11, /expected end of line after timestamp/);
  });
  it('rejects a second number after the timestamp', () => {
    reject('foo 1 1000 2000\n', 1, 12, /expected end of line after timestamp/);
  });
  it('rejects a comment after the value', () => {
    reject('foo 1 # comment\n', 1, 7, /expected timestamp or end of line/);
  });
  it('rejects a timestamp beyond int64', () => {
    reject('foo 1 9223372036854775808\n', 1, 7, /out of range/);
    assert.equal(accept('foo 1 9223372036854775807\n').timestamps?.[0], 9223372036854775807);
  });
});
