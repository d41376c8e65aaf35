// The parser keeps the last payload's keys to compare the next one with, front-coded (each line
// less the prefix it shares with the line before): never a view of the caller's buffer (a scraper
// reads the next body into the same buffer), a fraction of a peer's payload, and one huge
// payload must not pin its size for the rest of the run.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { Exposition } from '../../src/exposition/types.js';

const lines = (n: number, name: string): string => Array.from({ length: n }, (_, i) => `${name}{i="${i}"} ${i}\n`).join('');

function parse(payload: Uint8Array, table: SeriesTable): Exposition {
  const r = parseExposition(payload, { format: 'text', table });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

/** What a payload parses to on a fresh table: names, labels and values. */
function fresh(payload: Uint8Array): unknown {
  const e = parse(payload, new SeriesTable({ maxSeries: 100 }));
  return { series: e.series.map((s) => `${s.name}${JSON.stringify(s.labels)}`), values: [...e.values] };
}

describe('the parser’s keys of the last payload', () => {
  it('is not a view of a cut payload’s buffer, which the next scrape may overwrite', () => {
    const table = new SeriesTable({ maxSeries: 100 });
    const a = Buffer.from(lines(300, 'aa'));
    const buffer = Buffer.from(a); // one body buffer, reused scrape after scrape
    assert.ok(parse(buffer, table).truncated !== undefined, 'cut at the series cap');
    // The next body lands in the same buffer: same length, other series, other values.
    const b = Buffer.from(lines(300, 'bb').replace(/ (\d+)\n/g, (_, v: string) => ` ${String(Number(v) + 5).padStart(v.length, '0').slice(-v.length)}\n`));
    assert.equal(b.length, buffer.length);
    b.copy(buffer);
    const e = parse(buffer, table);
    assert.deepEqual({ series: e.series.map((s) => `${s.name}${JSON.stringify(s.labels)}`), values: [...e.values] }, fresh(b));
  });

  it('does not keep a huge payload’s buffer for the payloads after it', () => {
    const table = new SeriesTable({ maxSeries: 200_000 });
    parse(new TextEncoder().encode(lines(100_000, 'big')), table);
    const huge = table.template!.bytes.buffer.byteLength;
    assert.ok(huge > 300_000, `the huge payload's keys: ${huge} bytes`);
    const small = new TextEncoder().encode(lines(50, 'small'));
    for (let i = 0; i < 3; i++) parse(small, table);
    assert.ok(table.template!.bytes.buffer.byteLength < 4 * small.length, `kept ${table.template!.bytes.buffer.byteLength} bytes for a ${small.length}-byte payload`);
  });

  it('keeps a quarter of a peer’s payload at most, and reads the next payload as a fresh table does', () => {
    const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));
    const table = new SeriesTable();
    const first = fixture('peer-t0.prom');
    parse(first, table);
    const kept = table.template!.bytes.byteLength;
    assert.ok(kept < first.length / 4, `${kept} bytes kept of a ${first.length}-byte payload`);
    const next = fixture('peer-t10s.prom');
    const e = parse(next, table);
    const again = new SeriesTable();
    const expected = parse(next, again);
    assert.deepEqual([...e.values], [...expected.values]);
    assert.deepEqual(e.series.map((s) => `${s.name}${JSON.stringify(s.labels)}`), expected.series.map((s) => `${s.name}${JSON.stringify(s.labels)}`));
  });
});
