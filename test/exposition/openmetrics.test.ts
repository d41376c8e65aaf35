// Accept/reject rules of OpenMetrics 1.0 as Prometheus reads it (prometheus-semantics.md §1b), one case each.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition } from '../../src/exposition/parse.js';
import type { Exposition } from '../../src/exposition/types.js';

function accept(payload: string): Exposition {
  const r = parseExposition(payload, { format: 'openmetrics' });
  if (!r.ok) assert.fail(`expected the payload to be accepted, got ${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

function reject(payload: string, line: number, column: number, message?: RegExp): void {
  const r = parseExposition(payload, { format: 'openmetrics' });
  assert.equal(r.ok, false, 'expected the payload to be rejected');
  if (r.ok) return;
  assert.deepEqual([r.error.line, r.error.column], [line, column], r.error.message);
  if (message) assert.match(r.error.message, message);
}

describe('OpenMetrics: # EOF', () => {
  it('accepts a payload ending in "# EOF" with or without a final line feed', () => {
    assert.equal(accept('a 1\n# EOF\n').values[0], 1);
    assert.equal(accept('a 1\n# EOF').values[0], 1);
  });
  it('accepts "# EOF" alone', () => {
    assert.equal(accept('# EOF\n').series.length, 0);
  });
  it('rejects a payload without "# EOF"', () => {
    reject('a 1\n', 2, 1, /# EOF/);
    reject('', 1, 1, /# EOF/);
  });
  it('rejects data after "# EOF"', () => {
    reject('a 1\n# EOF\nb 2\n', 3, 1, /after "# EOF"/);
  });
  it('rejects a blank line after "# EOF"', () => {
    reject('a 1\n# EOF\n\n', 3, 1, /after "# EOF"/);
  });
  it('rejects "# EOF " with a trailing blank', () => {
    reject('a 1\n# EOF \n', 2, 6, /after "# EOF"/);
  });
});

describe('OpenMetrics: strict lexing', () => {
  it('rejects a tab between tokens', () => {
    reject('a\t1\n# EOF\n', 1, 2, /expected " " before the value/);
  });
  it('rejects two blanks before the value', () => {
    reject('a  1\n# EOF\n', 1, 3, /expected value/);
  });
  it('rejects a trailing blank', () => {
    reject('a 1 \n# EOF\n', 1, 5, /expected timestamp/);
  });
  it('rejects a blank line', () => {
    reject('a 1\n\nb 2\n# EOF\n', 2, 1, /blank lines/);
  });
  it('rejects a leading blank', () => {
    reject(' a 1\n# EOF\n', 1, 1, /leading blanks/);
  });
  it('rejects blanks inside braces', () => {
    reject('a{x="1", y="2"} 1\n# EOF\n', 1, 9, /expected label name/);
    reject('a{x = "1"} 1\n# EOF\n', 1, 4, /expected "="/);
  });
  it('rejects a value glued to the closing brace', () => {
    reject('a{x="1"}1\n# EOF\n', 1, 9, /expected " " before the value/);
  });
  it('rejects comments', () => {
    reject('# just words\na 1\n# EOF\n', 1, 3, /no comments/);
    reject('#comment\n# EOF\n', 1, 2, /no comments/);
  });
  it('rejects a trailing comma in a label set', () => {
    reject('a{x="1",} 1\n# EOF\n', 1, 9, /expected label name, got "}"/);
  });
  it('rejects pairs without a comma', () => {
    reject('a{x="1"y="2"} 1\n# EOF\n', 1, 8, /expected "," or "}"/);
  });
  it('rejects a CRLF line end', () => {
    reject('a 1\r\n# EOF\n', 1, 3, /invalid value/);
  });
  it('accepts {} and sorts labels', () => {
    const e = accept('a{} 1\nb{z="1",a="2"} 2\n# EOF\n');
    assert.deepEqual({ ...e.series[0].labels }, {});
    assert.deepEqual(Object.keys(e.series[1].labels), ['a', 'z']);
  });
});

describe('OpenMetrics: metadata', () => {
  it('accepts every OpenMetrics type', () => {
    for (const t of ['counter', 'gauge', 'histogram', 'gaugehistogram', 'summary', 'info', 'stateset', 'unknown']) {
      assert.equal(accept(`# TYPE foo ${t}\n# EOF\n`).families.get('foo')?.type, t);
    }
  });
  it('rejects "untyped"', () => {
    reject('# TYPE foo untyped\n# EOF\n', 1, 12, /invalid metric type "untyped"/);
  });
  it('rejects two blanks in TYPE', () => {
    reject('# TYPE foo  gauge\n# EOF\n', 1, 12, /invalid metric type/);
  });
  it('rejects HELP without a blank and text after the name', () => {
    reject('# HELP foo\n# EOF\n', 1, 11, /expected " " and text/);
  });
  it('accepts HELP with empty text', () => {
    assert.equal(accept('# HELP foo \n# EOF\n').families.get('foo')?.help, '');
  });
  it('unescapes \\", \\\\ and \\n in HELP', () => {
    assert.equal(accept('# HELP foo a\\"b\\\\c\\nd\\te\n# EOF\n').families.get('foo')?.help, 'a"b\\c\nd\\te');
  });
  it('accepts a UNIT that is a "_"-separated suffix of the family name', () => {
    assert.equal(accept('# TYPE foo_seconds gauge\n# UNIT foo_seconds seconds\nfoo_seconds 1\n# EOF\n').families.get('foo_seconds')?.unit, 'seconds');
  });
  it('accepts an empty UNIT', () => {
    assert.equal(accept('# UNIT foo \n# EOF\n').families.get('foo')?.unit, '');
  });
  it('rejects a UNIT that is not a suffix of the family name', () => {
    reject('# UNIT foo_seconds bytes\n# EOF\n', 1, 20, /not a suffix/);
  });
  it('rejects a UNIT that is a suffix without the "_" separator, or the whole name', () => {
    reject('# UNIT fooseconds seconds\n# EOF\n', 1, 19, /not a suffix/);
    reject('# UNIT seconds seconds\n# EOF\n', 1, 16, /not a suffix/);
  });
});

describe('OpenMetrics: families and suffixes', () => {
  it('puts foo_total and foo_created in counter family foo', () => {
    const e = accept('# TYPE foo counter\nfoo_total 17\nfoo_created 1.7e9\n# EOF\n');
    assert.deepEqual(e.series.map((s) => [s.name, s.family]), [['foo_total', 'foo'], ['foo_created', 'foo']]);
    assert.deepEqual([...e.families.keys()], ['foo']);
  });
  it('keeps _created of histograms and summaries as ordinary series of the family', () => {
    const e = accept('# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_count 1\nh_sum 2\nh_created 1\n# TYPE s summary\ns{quantile="0.5"} 1\ns_sum 1\ns_count 1\ns_created 3\n# EOF\n');
    assert.deepEqual(e.series.map((s) => s.family), ['h', 'h', 'h', 'h', 's', 's', 's', 's']);
  });
  it('groups gaugehistogram _bucket, _gcount, _gsum and info _info', () => {
    const e = accept('# TYPE g gaugehistogram\ng_bucket{le="+Inf"} 1\ng_gcount 1\ng_gsum 2\n# TYPE i info\ni_info{v="1"} 1\n# EOF\n');
    assert.deepEqual(e.series.map((s) => s.family), ['g', 'g', 'g', 'i']);
  });
  it('gives an undeclared sample an implied family of type unknown', () => {
    assert.deepEqual(accept('x 1\n# EOF\n').families.get('x'), { name: 'x', type: 'unknown', help: undefined, unit: undefined });
  });
});

describe('OpenMetrics: timestamps', () => {
  it('reads float seconds and truncates to milliseconds', () => {
    const e = accept('a 1 1.001\nb 1 1700000000.5\nc 1 -1.5\nd 1 1e3\n# EOF\n');
    assert.deepEqual([...(e.timestamps ?? [])], [1000, 1700000000500, -1500, 1000000]);
  });
  it('rejects NaN and Inf timestamps', () => {
    reject('a 1 NaN\n# EOF\n', 1, 5, /must be finite/);
    reject('a 1 +Inf\n# EOF\n', 1, 5, /must be finite/);
  });
  it('rejects an unparsable timestamp', () => {
    reject('a 1 12:00\n# EOF\n', 1, 5, /invalid timestamp/);
  });
  it('rejects a second number after the timestamp', () => {
    reject('a 1 2 3\n# EOF\n', 1, 7, /expected end of line or exemplar/);
  });
});

describe('OpenMetrics: exemplars', () => {
  it('keeps an exemplar by sample index, with labels, value and timestamp', () => {
    const e = accept('# TYPE foo counter\nfoo_total 1\nfoo_total{a="b"} 17 # {trace_id="KOO5S4vxi0o"} 0.67 1520879607.789\n# EOF\n');
    assert.equal(e.exemplars?.size, 1);
    assert.deepEqual(e.exemplars?.get(1), { labels: { trace_id: 'KOO5S4vxi0o' }, value: 0.67, timestampMs: 1520879607789 });
  });
  it('accepts an exemplar after a sample timestamp and without its own timestamp', () => {
    const e = accept('h_bucket{le="1"} 3 123 # {} 0.5\n# EOF\n');
    assert.equal(e.timestamps?.[0], 123000);
    assert.deepEqual(e.exemplars?.get(0), { labels: {}, value: 0.5, timestampMs: undefined });
  });
  it('gives null exemplars when there are none', () => {
    assert.equal(accept('a 1\n# EOF\n').exemplars, null);
  });
  it('rejects an exemplar without a value', () => {
    reject('a_total 1 # {x="y"}\n# EOF\n', 1, 20, /exemplar value/);
  });
  it('rejects an exemplar with a trailing comma', () => {
    reject('a_total 1 # {x="y",} 2\n# EOF\n', 1, 20, /expected label name/);
  });
  it('rejects an exemplar label value that is not valid UTF-8', () => {
    const bytes = new Uint8Array([...Buffer.from('a_total 1 # {x="'), 0xff, ...Buffer.from('"} 2\n# EOF\n')]);
    const r = parseExposition(bytes, { format: 'openmetrics' });
    assert.deepEqual(r.ok ? null : [r.error.line, r.error.column], [1, 17]);
  });
});

describe('OpenMetrics: labels and numbers', () => {
  it('unescapes label values like the text format', () => {
    assert.deepEqual({ ...accept('a{x="q\\"b\\\\n\\nz\\t"} 1\n# EOF\n').series[0].labels }, { x: 'q"b\\n\nz\\t' });
  });
  it('rejects a raw line feed inside a label value', () => {
    reject('a{x="1\n2"} 1\n# EOF\n', 1, 7, /closing/);
  });
  it('groups le by float value: le="1" and le="1.0" are one series with canonical text', () => {
    const e = accept('# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="1.0"} 2\nh_bucket{le="1e+06"} 3\nh_bucket{le="+Inf"} 3\n# EOF\n');
    assert.equal(e.series[0], e.series[1]);
    assert.deepEqual(e.series.map((s) => s.labels.le), ['1.0', '1.0', '1e+06', '+Inf']);
    assert.deepEqual(e.series.map((s) => s.le), [1, 1, 1e6, Infinity]);
  });
  it('reads quantile as a float', () => {
    const e = accept('# TYPE s summary\ns{quantile="0.99"} 1\n# EOF\n');
    assert.equal(e.series[0].quantile, 0.99);
    assert.ok(Number.isNaN(e.series[0].le));
  });
});
