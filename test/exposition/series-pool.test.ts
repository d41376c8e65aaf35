// The series pool: targets that export the same series share one object per series (any table
// meeting it again gets the object another holds); a series no table holds any more is
// collected, and the pool drops its entry, so the pool stays bounded by the series alive.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesPool } from '../../src/exposition/series-pool.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { Exposition } from '../../src/exposition/types.js';

function parse(payload: string, table: SeriesTable): Exposition {
  const r = parseExposition(payload, { format: 'text', table });
  if (!r.ok) assert.fail(r.error.message);
  return r.exposition;
}

/** A full garbage collection, run after the current job (WeakRef targets are kept until it ends). */
async function collect(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  await new Promise((resolve) => setImmediate(resolve));
  gc();
}

const PAYLOAD = '# TYPE h histogram\nh_bucket{m="A",le="1"} 1\nh_bucket{m="A",le="+Inf"} 2\nh_sum{m="A"} 3\nh_count{m="A"} 2\nup 1\n';

describe('SeriesPool', () => {
  it('gives tables of different targets the same object for the same series, and each its own for the rest', () => {
    const pool = new SeriesPool();
    const a = parse(PAYLOAD, new SeriesTable({}, pool));
    const b = parse(PAYLOAD.replace('up 1', 'only_b 1'), new SeriesTable({}, pool));
    a.series.slice(0, 4).forEach((s, i) => assert.equal(b.series[i], s));
    assert.notEqual(b.series[4], a.series[4]);
    assert.equal(new Set([...a.series, ...b.series].map((s) => s.id)).size, 6, 'one id per distinct series');
  });

  it('keeps series of different families apart (the same sample name under another TYPE)', () => {
    const pool = new SeriesPool();
    const a = parse('# TYPE h histogram\nh_count 1\n', new SeriesTable({}, pool));
    const b = parse('# TYPE h_count gauge\nh_count 1\n', new SeriesTable({}, pool));
    assert.notEqual(a.series[0], b.series[0]);
    assert.deepEqual([a.series[0].family, b.series[0].family], ['h', 'h_count']);
  });

  it('stays bounded when series come and go, and still finds the series a table holds', async () => {
    const pool = new SeriesPool();
    const kept = new SeriesTable({}, pool);
    const held = parse(PAYLOAD, kept).series;
    const perRound = 1000;
    for (let round = 0; round < 30; round++) {
      const lines = Array.from({ length: perRound }, (_, i) => `churn_${round}{i="${i}"} 1`);
      parse(lines.join('\n') + '\n', new SeriesTable({}, pool)); // the table is dropped at once
      await collect();
    }
    assert.ok(pool.size < 8 * perRound, `${pool.size} entries after 30 000 series came and went`);
    const again = parse(PAYLOAD, new SeriesTable({}, pool)).series;
    held.forEach((s, i) => assert.equal(again[i], s, 'a series a live table holds is shared still'));
  });
});
