// The template keeps each line's key less the prefix it shares with the line before, and the fast
// path compares that prefix with the payload's own line before. Long histogram-like payloads
// (several KEY_RESTART runs of near-identical keys) changed line by line between scrapes — a line
// inserted, dropped, moved, its labels or value changed, a family read or skipped — must read on a
// warm table exactly as on a fresh one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseExposition } from '../../src/exposition/parse.js';
import { SampleFamilies } from '../../src/exposition/sample-families.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import { KEY_RESTART } from '../../src/exposition/template.js';
import type { ParseResult } from '../../src/exposition/types.js';

/** A histogram-like payload: per method, many buckets whose keys differ only near their end. */
function payload(methods: number, buckets: number): string[] {
  const lines: string[] = [];
  for (const family of ['rpc_latency', 'rpc_bytes']) {
    lines.push(`# HELP ${family} A histogram.`, `# TYPE ${family} histogram`);
    for (let m = 0; m < methods; m++) {
      for (let b = 0; b < buckets; b++) lines.push(`${family}_bucket{method="Cluster.M${m}",le="${(b + 1) / 1000}"} ${m * 100 + b}`);
      lines.push(`${family}_bucket{method="Cluster.M${m}",le="+Inf"} ${m * 100 + buckets}`, `${family}_sum{method="Cluster.M${m}"} 1.5`, `${family}_count{method="Cluster.M${m}"} ${m * 100 + buckets}`);
    }
  }
  return lines;
}

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  op: fc.constantFrom('insert', 'drop', 'move', 'relabel', 'revalue', 'truncate'),
});

function applyEdits(lines: readonly string[], edits: { at: number; op: string }[]): string[] {
  const out = [...lines];
  for (const { at, op } of edits) {
    const i = Math.min(out.length - 1, Math.floor(at * out.length));
    if (out.length === 0) break;
    const line = out[i];
    if (op === 'insert') out.splice(i, 0, line.startsWith('#') ? line : line.replace('le="', 'le="9'));
    else if (op === 'drop') out.splice(i, 1);
    else if (op === 'move') out.splice(Math.floor(at * 7919) % out.length, 0, ...out.splice(i, 1));
    else if (op === 'relabel') out[i] = line.replace(/M(\d+)/, 'N$1');
    else if (op === 'revalue') out[i] = line.replace(/ [^ ]+$/, ' 4.25e3');
    else out[i] = line.slice(0, Math.max(1, line.length >> 1));
  }
  return out;
}

/** Everything observable about a result except series ids. */
function view(r: ParseResult): unknown {
  if (!r.ok) return r.error;
  const e = r.exposition;
  return { families: [...e.families.keys()], series: e.series.map((s) => [s.name, s.family, { ...s.labels }]), values: [...e.values] };
}

describe('the front-coded template', () => {
  it('spans several restarts on the payloads below', () => {
    assert.ok(payload(3, 20).length > 4 * KEY_RESTART);
  });

  for (const keep of [null, new SampleFamilies(new Set(['rpc_latency']))]) {
    it(`reads line-level changes on a warm table as a fresh one does (${keep === null ? 'every family' : 'one family kept'})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 40 }), fc.array(fc.array(edit, { maxLength: 5 }), { minLength: 1, maxLength: 4 }), (methods, buckets, rounds) => {
          const original = payload(methods, buckets);
          const table = new SeriesTable();
          for (const lines of [original, ...rounds.map((edits) => applyEdits(original, edits)), original]) {
            const text = lines.join('\n') + '\n';
            const warm = parseExposition(text, { format: 'text', table, ...(keep === null ? {} : { keep }) });
            const cold = parseExposition(text, { format: 'text', ...(keep === null ? {} : { keep }) });
            assert.deepStrictEqual(view(warm), view(cold));
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('reads two targets in turn, a small and a large one, as each alone (the records a pass reads into are shared)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.array(edit, { maxLength: 3 })), { minLength: 2, maxLength: 8 }), (turns) => {
        const targets = [payload(1, 5), payload(4, 40)].map((original) => ({ original, table: new SeriesTable(), alone: new SeriesTable() }));
        for (const [big, edits] of turns) {
          const { original, table, alone } = targets[big ? 1 : 0];
          const text = applyEdits(original, edits).join('\n') + '\n';
          const other = targets[big ? 0 : 1];
          // The other target reads between: the spare this pass takes was last the other's.
          parseExposition(other.original.join('\n') + '\n', { format: 'text', table: other.table });
          assert.deepStrictEqual(view(parseExposition(text, { format: 'text', table })), view(parseExposition(text, { format: 'text', table: alone })));
        }
      }),
      { numRuns: 100 },
    );
  });
});
