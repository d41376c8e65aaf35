// A table's first payload is read against the template another table of its pool stored last
// (SeriesTable.startingTemplate): the peers of a cluster export the same lines, so a new target is
// read on the fast path from its first scrape. Whatever the payloads, each target must read exactly
// as it would alone, hold (and be capped by) every series it hands out, and never disturb the
// table whose template it started from.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseExposition } from '../../src/exposition/parse.js';
import { SampleFamilies } from '../../src/exposition/sample-families.js';
import { SeriesPool } from '../../src/exposition/series-pool.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { Exposition, ParseResult } from '../../src/exposition/types.js';

/** A histogram per method, a gauge and a counter: a cluster peer's payload in small. */
function payload(methods: number, value: number): string[] {
  const lines = ['# HELP rpc_latency A histogram.', '# TYPE rpc_latency histogram'];
  for (let m = 0; m < methods; m++) {
    for (const le of ['0.001', '0.01', '0.1', '1', '+Inf']) lines.push(`rpc_latency_bucket{method="M${m}",le="${le}"} ${value + m}`);
    lines.push(`rpc_latency_sum{method="M${m}"} ${value / 4}`, `rpc_latency_count{method="M${m}"} ${value + m}`);
  }
  lines.push('# TYPE pins gauge', `pins ${value}`, '# TYPE go_gc_total counter', `go_gc_total ${value * 3}`);
  return lines;
}

/** Line-level changes a peer's payload may show against another's. */
const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  op: fc.constantFrom('drop', 'relabel', 'retype', 'insert', 'break'),
});

function applyEdits(lines: readonly string[], edits: readonly { at: number; op: string }[]): string[] {
  const out = [...lines];
  for (const { at, op } of edits) {
    if (out.length === 0) break;
    const i = Math.min(out.length - 1, Math.floor(at * out.length));
    const line = out[i];
    if (op === 'drop') out.splice(i, 1);
    else if (op === 'relabel') out[i] = line.replace(/M(\d+)/, 'N$1');
    else if (op === 'retype') out[i] = line.replace('histogram', 'gauge');
    else if (op === 'insert') out.splice(i, 0, `extra_${i}{peer="p"} 1`);
    else out[i] = line.replace(/ ([^ ]+)$/, ' x$1');
  }
  return out;
}

/** Everything observable about a result except series ids. */
function view(r: ParseResult): unknown {
  if (!r.ok) return r.error;
  const e = r.exposition;
  return {
    families: [...e.families].map(([name, f]) => [name, f.type, f.help]),
    series: e.series.map((s) => [s.name, s.family, { ...s.labels }, s.le, s.quantile]),
    values: [...e.values],
    truncated: e.truncated,
  };
}

function parsed(r: ParseResult): Exposition {
  if (!r.ok) assert.fail(r.error.message);
  return r.exposition;
}

const text = (lines: readonly string[]): string => lines.join('\n') + '\n';

describe("a table's first payload, read against another table's template", () => {
  it('is read on the fast path when its lines are the same, and its table holds every series', () => {
    const pool = new SeriesPool();
    const first = new SeriesTable({}, pool);
    const a = parsed(parseExposition(text(payload(3, 10)), { format: 'text', table: first }));
    const second = new SeriesTable({}, pool);
    const b = parsed(parseExposition(text(payload(3, 20)), { format: 'text', table: second }));
    // Every line matched the first table's template: its series array and families are handed out.
    assert.equal(b.series, a.series);
    assert.equal(b.families, a.families);
    assert.deepEqual([...b.values], payload(3, 20).filter((l) => !l.startsWith('#')).map((l) => Number(l.split(' ').at(-1))));
    assert.equal(second.size, a.series.length, 'the second table holds the series it was handed');
    assert.ok(second.template !== null && second.template !== first.template, 'and stores a template of its own');
    assert.equal(second.template.bytes, first.template?.bytes, "whose key bytes are the first's");
    // The first table's template is still its own and still reads its target on the fast path.
    const again = parsed(parseExposition(text(payload(3, 30)), { format: 'text', table: first }));
    assert.equal(again.series, a.series);
  });

  it("is capped by its own table's limits, as it would be alone", () => {
    const pool = new SeriesPool();
    parseExposition(text(payload(8, 1)), { format: 'text', table: new SeriesTable({}, pool) });
    const capped = parseExposition(text(payload(8, 2)), { format: 'text', table: new SeriesTable({ maxSeries: 40 }, pool) });
    const alone = parseExposition(text(payload(8, 2)), { format: 'text', table: new SeriesTable({ maxSeries: 40 }, new SeriesPool()) });
    assert.ok(parsed(capped).truncated !== undefined, 'the payload has more series than the cap');
    assert.deepStrictEqual(view(capped), view(alone));
  });

  for (const keep of [null, new SampleFamilies(new Set(['rpc_latency', 'pins']))]) {
    it(`reads several targets in turn as each alone (${keep === null ? 'every family' : 'some families kept'})`, () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat(3), fc.integer({ min: 1, max: 4 }), fc.array(edit, { maxLength: 3 })), { minLength: 1, maxLength: 12 }),
          fc.array(fc.constantFrom(20, 50_000), { minLength: 4, maxLength: 4 }),
          (turns, caps) => {
            const pool = new SeriesPool();
            const targets = caps.map((maxSeries) => ({
              shared: new SeriesTable({ maxSeries }, pool),
              alone: new SeriesTable({ maxSeries }, new SeriesPool()),
            }));
            const options = keep === null ? {} : { keep };
            turns.forEach(([target, methods, edits], turn) => {
              const body = text(applyEdits(payload(methods, turn), edits));
              const { shared, alone } = targets[target];
              assert.deepStrictEqual(
                view(parseExposition(body, { format: 'text', table: shared, ...options })),
                view(parseExposition(body, { format: 'text', table: alone, ...options })),
              );
            });
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
