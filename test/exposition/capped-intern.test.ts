// The per-target caps of the parser: a payload with more samples than the series cap is cut there
// (and says so), churning series never grow the table past its caps while the live series keep
// their objects and ids, series over the label-text cap are dropped with their samples, and a
// property test checks the invariants on random payload sequences.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable, type SeriesLimits } from '../../src/exposition/series-table.js';
import type { Exposition, ExpositionFormat } from '../../src/exposition/types.js';

function parse(payload: string, table: SeriesTable, format: ExpositionFormat = 'text'): Exposition {
  const r = parseExposition(payload, { format, table });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

const lines = (n: number, name = 'm', from = 0): string => Array.from({ length: n }, (_, i) => `${name}{i="${from + i}"} ${i}\n`).join('');

describe('series caps', () => {
  it('stops reading at the sample cap, keeps what came first, and says so', () => {
    const table = new SeriesTable({ maxSeries: 100 });
    const payload = `# TYPE up gauge\nup 1\n${lines(1000)}# EOF\n`;
    for (let round = 0; round < 3; round++) {
      const e = parse(payload, table, 'openmetrics');
      assert.equal(e.series.length, 100);
      assert.equal(e.series[0].name, 'up');
      assert.equal(e.values[99], 98);
      assert.deepEqual(e.truncated, { cap: 'series', droppedSamples: 0, stoppedEarly: true });
      assert.equal(table.size, 100);
    }
    // A payload that fits again is read whole, warm, with the same series objects.
    const first = parse(`up 1\n${lines(50)}`, table).series;
    const again = parse(`up 2\n${lines(50)}`, table);
    assert.equal(again.truncated, undefined);
    assert.deepEqual(again.series, first);
  });

  it('a payload with exactly the cap of samples is not truncated', () => {
    const table = new SeriesTable({ maxSeries: 10 });
    const e = parse(`${lines(10)}# EOF\n`, table, 'openmetrics');
    assert.equal(e.truncated, undefined);
    assert.equal(e.series.length, 10);
  });

  it('churn never grows the table past the cap; stable series keep their objects and ids', () => {
    const table = new SeriesTable({ maxSeries: 300 });
    const stable = parse(lines(20, 'stable'), table).series;
    for (let gen = 0; gen < 200; gen++) {
      const e = parse(lines(20, 'stable') + lines(50, 'churn', gen * 50), table);
      assert.equal(e.truncated, undefined, `generation ${gen}`);
      assert.equal(e.series.length, 70);
      assert.ok(table.size <= 300, `table size ${table.size}`);
      for (let i = 0; i < 20; i++) assert.equal(e.series[i], stable[i]);
      const ids = new Set(e.series.map((s) => s.id));
      assert.equal(ids.size, 70, 'ids stay unique');
    }
  });

  it('series over the label-text cap are dropped with their samples, the rest kept in order', () => {
    const big = (i: number) => `${i}`.padEnd(100_000, 'x');
    const table = new SeriesTable({ maxLabelBytes: 250_000 });
    const payload = `a 1 1000\n${[0, 1, 2, 3].map((i) => `huge{v="${big(i)}"} ${i} ${2000 + i}`).join('\n')}\nb 5 3000\n`;
    for (let round = 0; round < 2; round++) {
      const e = parse(payload, table);
      assert.deepEqual(e.series.map((s) => s.name), ['a', 'huge', 'huge', 'b']);
      assert.deepEqual([...e.values], [1, 0, 1, 5]);
      assert.deepEqual([...(e.timestamps ?? [])], [1000, 2000, 2001, 3000]);
      assert.deepEqual(e.truncated, { cap: 'label-bytes', droppedSamples: 2, stoppedEarly: false });
      assert.ok(table.labelBytes <= 250_000);
      assert.ok(e.families.has('huge') && e.families.has('b'));
    }
  });

  it('keeps exemplars and timestamps on the right samples when some are dropped', () => {
    const table = new SeriesTable({ maxLabelBytes: 40 });
    const e = parse(
      '# TYPE c counter\nc_total{x="1"} 1 1.5 # {id="q"} 1\nc_total{x="way too long for the cap"} 2 2.5 # {id="w"} 2\na_total 3 3.5 # {id="a"} 3\n# EOF\n',
      table,
      'openmetrics',
    );
    assert.deepEqual(e.series.map((s) => s.name), ['c_total', 'a_total']);
    assert.deepEqual([...e.values], [1, 3]);
    assert.deepEqual([...(e.timestamps ?? [])], [1500, 3500]);
    assert.deepEqual([e.exemplars?.get(0)?.labels.id, e.exemplars?.get(1)?.labels.id], ['q', 'a']);
    assert.deepEqual(e.truncated, { cap: 'label-bytes', droppedSamples: 1, stoppedEarly: false });
  });
});

describe('property: caps hold on random payload sequences', () => {
  const labelValue = fc.oneof(fc.integer({ min: 0, max: 40 }).map(String), fc.string({ maxLength: 30 }));
  const sample = fc.record({ name: fc.constantFrom('a', 'b_total', 'c_bucket', 'd'), v: labelValue, x: fc.integer() });
  const payload = fc.array(sample, { maxLength: 60 }).map((ss) =>
    ss.map((s) => `${s.name}{v="${s.v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"} ${s.x}\n`).join(''),
  );
  it('the table never holds more than its caps; what is kept is what a fresh uncapped parse reads, in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 400 }), fc.array(payload, { minLength: 1, maxLength: 6 }), (maxSeries, maxLabelBytes, payloads) => {
        const limits: SeriesLimits = { maxSeries, maxLabelBytes };
        const table = new SeriesTable(limits);
        for (const p of payloads) {
          const r = parseExposition(p, { format: 'text', table });
          const full = parseExposition(p, { format: 'text', table: new SeriesTable({ maxSeries: 1e9, maxLabelBytes: 1e12 }) });
          assert.equal(r.ok, full.ok);
          if (!r.ok || !full.ok) continue;
          assert.ok(table.size <= maxSeries && table.labelBytes <= maxLabelBytes, `${table.size} series, ${table.labelBytes} chars`);
          const e = r.exposition;
          const all = full.exposition;
          assert.ok(e.series.length <= maxSeries);
          // The kept samples are a subsequence of the full read, with the same identities and values.
          let j = 0;
          for (let i = 0; i < e.series.length; i++) {
            while (j < all.series.length && !(all.series[j].name === e.series[i].name && JSON.stringify(all.series[j].labels) === JSON.stringify(e.series[i].labels))) j++;
            assert.ok(j < all.series.length, 'kept sample not in the full read');
            assert.ok(Object.is(all.values[j], e.values[i]));
            j++;
          }
          const lost = all.series.length - e.series.length;
          if (lost > 0) assert.ok(e.truncated !== undefined, 'a cut payload says so');
          else assert.equal(e.truncated, undefined);
        }
      }),
      { numRuns: 300 },
    );
  });
});
