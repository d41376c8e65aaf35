// SeriesTable interning: same series, same object and id on every scrape; identity is family +
// sample name + canonical labels; family grouping follows # TYPE, never a suffix alone.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import { SeriesPool } from '../../src/exposition/series-pool.js';
import type { Exposition, ExpositionFormat } from '../../src/exposition/types.js';

function parse(payload: string, table?: SeriesTable, format: ExpositionFormat = 'text'): Exposition {
  const r = parseExposition(payload, { format, table });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

describe('SeriesTable', () => {
  it('starts empty and counts interned series', () => {
    const table = new SeriesTable();
    assert.equal(table.size, 0);
    parse('a 1\nb{x="1"} 2\nb{x="2"} 3\n', table);
    assert.equal(table.size, 3);
  });
  it('gives the same object and id to the same series on every scrape, and the next id of its pool to a new one', () => {
    const table = new SeriesTable({}, new SeriesPool());
    const a = parse('a 1\nb{x="1"} 2\n', table);
    const b = parse('c 5\nb{x="1"} 3\na 4\n', table);
    assert.deepEqual(a.series.map((s) => s.id), [0, 1]);
    assert.equal(b.series[1], a.series[1]);
    assert.equal(b.series[2], a.series[0]);
    assert.equal(b.series[0].id, 2);
    assert.equal(table.size, 3);
  });
  it('identifies series by canonical labels: order, blanks and empty values do not matter', () => {
    const e = parse('m{a="1",b="2"} 1\nm{ b="2" , a="1" } 2\nm{a="1",b="2",c=""} 3\n');
    assert.equal(e.series[0], e.series[1]);
    assert.equal(e.series[0], e.series[2]);
    assert.deepEqual(e.series[0].labels, { a: '1', b: '2' });
  });
  it('groups le by float value and stores the canonical text', () => {
    const e = parse('# TYPE h histogram\nh_bucket{le="1"} 1\nh_bucket{le="1.0"} 1\nh_bucket{le="1e0"} 1\nh_bucket{le="+Inf"} 2\nh_bucket{le="inf"} 2\n');
    assert.equal(new Set(e.series).size, 2);
    assert.deepEqual(e.series[0].labels, { le: '1.0' });
    assert.equal(e.series[0].le, 1);
    assert.deepEqual(e.series[3].labels, { le: '+Inf' });
    assert.equal(e.series[3].le, Infinity);
  });
  it('groups quantile by float value', () => {
    const e = parse('# TYPE s summary\ns{quantile="0.5"} 1\ns{quantile="5e-1"} 1\ns{quantile="1"} 2\n');
    assert.equal(e.series[0], e.series[1]);
    assert.deepEqual(e.series.map((s) => s.quantile), [0.5, 0.5, 1]);
    assert.deepEqual(e.series[2].labels, { quantile: '1.0' });
  });
  it('keeps an unparsable le verbatim with le NaN', () => {
    const e = parse('h_bucket{le="big"} 1\nh_bucket{le="0x1p-3"} 1\n');
    assert.deepEqual(e.series.map((s) => s.labels.le), ['big', '0x1p-3']);
    assert.ok(e.series.every((s) => Number.isNaN(s.le) && Number.isNaN(s.quantile)));
  });
  it('gives NaN le and quantile when the labels are absent', () => {
    const s = parse('x 1\n').series[0];
    assert.ok(Number.isNaN(s.le) && Number.isNaN(s.quantile));
    assert.deepEqual(s, { id: s.id, name: 'x', family: 'x', labels: {}, le: NaN, quantile: NaN });
    assert.ok(Number.isSafeInteger(s.id) && s.id >= 0);
  });
  it('makes a series of another family a different series (a TYPE change)', () => {
    const table = new SeriesTable();
    const a = parse('# TYPE h histogram\nh_count 1\n', table);
    const b = parse('# TYPE h_count gauge\n# TYPE h histogram\nh_count 1\n', table);
    const c = parse('# TYPE h histogram\nh_count 1\n', table);
    assert.equal(a.series[0].family, 'h');
    assert.equal(b.series[0].family, 'h_count');
    assert.notEqual(a.series[0], b.series[0]);
    assert.equal(c.series[0], a.series[0]);
    assert.equal(table.size, 2);
  });
  it('finds a series again after a family round trip, whatever its labels hold', () => {
    const samples = 'h_bucket{le="1",m="Grüße \\"q\\" \\\\ \\n"} 1\nh_bucket{m="x",le="+Inf",e=""} 2\nh_sum 3\n';
    const table = new SeriesTable();
    const a = parse(`# TYPE h histogram\n${samples}`, table);
    const b = parse(`# TYPE h gauge\n${samples}`, table);
    const c = parse(`# TYPE h histogram\n${samples}`, table);
    assert.deepEqual(a.series[0].labels, { le: '1.0', m: 'Grüße "q" \\ \n' });
    assert.ok(b.series.every((s, i) => s !== a.series[i]));
    assert.ok(c.series.every((s, i) => s === a.series[i]));
    assert.equal(table.size, 6);
  });
  it('leaves the table unchanged by a rejected payload (and spends no id)', () => {
    const table = new SeriesTable({}, new SeriesPool());
    parse('a 1\n', table);
    const r = parseExposition('a 1\nb 2\nc{', { format: 'text', table });
    assert.equal(r.ok, false);
    assert.equal(table.size, 1);
    assert.equal(parse('b 2\n', table).series[0].id, 1);
  });
});

describe('family grouping', () => {
  it('puts x_bucket, x_sum, x_count and x_created in histogram x', () => {
    const e = parse('# TYPE x histogram\nx_bucket{le="+Inf"} 1\nx_sum 1\nx_count 1\nx_created 1\nx 5\n');
    assert.deepEqual(e.series.map((s) => s.family), ['x', 'x', 'x', 'x', 'x']);
    assert.deepEqual([...e.families.keys()], ['x']);
  });
  it('puts x, x_sum, x_count and x_created in summary x, but not x_bucket', () => {
    const e = parse('# TYPE x summary\nx{quantile="0.5"} 1\nx_sum 1\nx_count 1\nx_created 1\nx_bucket 1\n');
    assert.deepEqual(e.series.map((s) => s.family), ['x', 'x', 'x', 'x', 'x_bucket']);
    assert.equal(e.families.get('x_bucket')?.type, 'untyped');
  });
  it('never groups by suffix alone: an undeclared x_count is its own untyped family', () => {
    const e = parse('x_count 1\nx_sum 2\n');
    assert.deepEqual(e.series.map((s) => s.family), ['x_count', 'x_sum']);
    assert.deepEqual([...e.families.values()].map((f) => [f.name, f.type]), [['x_count', 'untyped'], ['x_sum', 'untyped']]);
  });
  it('does not take _count into a counter family (IPFS Cluster counters are named *_count)', () => {
    const e = parse('# TYPE req counter\nreq 1\nreq_count 2\n# TYPE req_total counter\nreq_total 3\n');
    assert.deepEqual(e.series.map((s) => s.family), ['req', 'req_count', 'req_total']);
  });
  it('prefers a family declared with exactly the sample name', () => {
    const e = parse('# TYPE a histogram\n# TYPE a_count counter\na_count 1\na_sum 2\n');
    assert.deepEqual(e.series.map((s) => s.family), ['a_count', 'a']);
  });
  it('text-format counters take no _total suffix; OpenMetrics counters do', () => {
    assert.equal(parse('# TYPE c counter\nc_total 1\n').series[0].family, 'c_total');
    assert.equal(parse('# TYPE c counter\nc_total 1\n# EOF\n', undefined, 'openmetrics').series[0].family, 'c');
  });
  it('lists declared families without samples, and a HELP-only family as untyped', () => {
    const e = parse('# HELP lonely Nothing here.\n# TYPE empty gauge\n');
    assert.deepEqual(e.families.get('lonely'), { name: 'lonely', type: 'untyped', help: 'Nothing here.', unit: undefined });
    assert.equal(e.families.get('empty')?.type, 'gauge');
    assert.equal(e.series.length, 0);
  });
});
