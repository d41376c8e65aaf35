// The steady-state path must give exactly what a full parse gives: payload B parsed with a table
// warmed by payload A is compared with B parsed with a fresh table, for many kinds of change.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { Exposition, ExpositionFormat, ParseResult, Series } from '../../src/exposition/types.js';

const T0 = readFileSync(new URL('../../../test/fixtures/ipfs-cluster/peer-t0.prom', import.meta.url), 'utf8');
const T10 = readFileSync(new URL('../../../test/fixtures/ipfs-cluster/peer-t10s.prom', import.meta.url), 'utf8');
const enc = new TextEncoder();

/** Everything observable about a result except series ids (which depend on the table's history). */
function view(r: ParseResult): unknown {
  if (!r.ok) return { error: r.error };
  const e = r.exposition;
  const series = (s: Series): unknown => ({ name: s.name, family: s.family, labels: { ...s.labels }, le: s.le, quantile: s.quantile });
  return {
    format: e.format,
    families: [...e.families.entries()],
    series: e.series.map(series),
    values: [...e.values].map((v) => (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v)),
    timestamps: e.timestamps === null ? null : [...e.timestamps].map((v) => (Number.isNaN(v) ? 'NaN' : v)),
    exemplars: e.exemplars === null ? null : [...e.exemplars.entries()],
  };
}

/** Parses `steps` in order with one table; each result must equal a fresh parse, and series keep their objects. */
function checkSequence(steps: string[], format: ExpositionFormat = 'text'): Exposition[] {
  const table = new SeriesTable();
  const byKey = new Map<string, Series>();
  const out: Exposition[] = [];
  for (const [i, payload] of steps.entries()) {
    const bytes = enc.encode(payload);
    const warm = parseExposition(bytes, { format, table });
    const cold = parseExposition(bytes, { format, table: new SeriesTable() });
    assert.deepStrictEqual(view(warm), view(cold), `step ${i}: warm and fresh parses differ`);
    if (!warm.ok) continue;
    assert.equal(warm.exposition.values.length, warm.exposition.series.length);
    for (const s of warm.exposition.series) {
      const key = JSON.stringify([s.family, s.name, s.labels]);
      const known = byKey.get(key);
      if (known) assert.equal(s, known, `step ${i}: ${key} got a new object`);
      else byKey.set(key, s);
      assert.ok(Number.isSafeInteger(s.id) && s.id >= 0);
    }
    out.push(warm.exposition);
  }
  const ids = [...byKey.values()].map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  return out;
}

const lines = T0.split('\n');
const edit = (f: (ls: string[]) => string[]): string => f([...lines]).join('\n');
const LAT = 'ipfscluster_gorpc_libp2p_io_server_server_latency';

describe('fast path equals full parse (text fixture)', () => {
  it('values changed (t0 then t10s)', () => {
    const [a, b] = checkSequence([T0, T10]);
    assert.equal(a.series, b.series);
  });
  it('the same payload twice reuses series and families', () => {
    const [a, b] = checkSequence([T0, T0]);
    assert.equal(a.series, b.series);
    assert.equal(a.families, b.families);
  });
  it('a series added in the middle', () => {
    const i = lines.findIndex((l) => l.startsWith(`${LAT}_count`));
    checkSequence([T0, edit((ls) => [...ls.slice(0, i + 1), `${LAT}_count{gorpc_server_method="Zzz.New"} 5`, ...ls.slice(i + 1)]), T10]);
  });
  it('a series removed', () => {
    const i = lines.findIndex((l) => l.startsWith(`${LAT}_bucket`));
    checkSequence([T0, edit((ls) => ls.filter((_, k) => k !== i + 3)), T0]);
  });
  it('a whole histogram method (43 lines) removed, then back', () => {
    const drop = (ls: string[]): string[] => ls.filter((l) => !(l.startsWith(LAT) && l.includes('"Cluster.ID"')));
    checkSequence([T0, edit(drop), T10, edit(drop)]);
  });
  it('series reordered', () => {
    const i = lines.findIndex((l) => l.startsWith(`${LAT}_bucket`));
    checkSequence([T0, edit((ls) => [...ls.slice(0, i), ls[i + 5], ls[i + 1], ls[i + 2], ls[i + 3], ls[i + 4], ls[i], ...ls.slice(i + 6)])]);
    checkSequence([T0, [...lines].reverse().filter((l) => !l.startsWith('#')).join('\n') + '\n']);
  });
  it('a TYPE changed (histogram to gauge: its _bucket samples become their own untyped family)', () => {
    const [, b] = checkSequence([T0, T0.replace(`# TYPE ${LAT} histogram`, `# TYPE ${LAT} gauge`), T0]);
    assert.ok(b.series.some((s) => s.name === `${LAT}_bucket` && s.family === `${LAT}_bucket`));
  });
  it('a TYPE line added for a *_count name takes that sample out of the histogram', () => {
    checkSequence([T0, T0.replace(`# TYPE ${LAT} histogram`, `# TYPE ${LAT}_count gauge\n# TYPE ${LAT} histogram`)]);
  });
  it('a TYPE line moved after the samples', () => {
    checkSequence([T0, edit((ls) => [...ls.filter((l) => l !== `# TYPE ${LAT} histogram`), `# TYPE ${LAT} histogram`])]);
  });
  it('a HELP text changed', () => {
    checkSequence([T0, T0.replace('Count of HTTP requests started', 'Count of HTTP requests begun!!')]);
  });
  it('a HELP text or a comment extended at its end', () => {
    checkSequence([T0, T0.replace('Count of HTTP requests started', 'Count of HTTP requests started, and more'), T0]);
    checkSequence(['# note\nx 1\n', '# note 2\nx 1\n', '# note\nx 1\n']);
  });
  it('a label value changed to one of equal length', () => {
    const [a, b] = checkSequence([T0, T0.replaceAll('"Cluster.ID"', '"Cluster.IX"')]);
    assert.ok(b.series.some((s) => s.labels.gorpc_server_method === 'Cluster.IX'));
    assert.ok(!a.series.some((s) => s.labels.gorpc_server_method === 'Cluster.IX'));
  });
  it('le written differently but equal as a float (same series)', () => {
    const [a, b] = checkSequence([T0, T0.replaceAll('le="1"', 'le="1.0"').replaceAll('le="2"', 'le="2e0"')]);
    assert.equal(a.series, b.series);
  });
  it('comments and blank lines added', () => {
    checkSequence([T0, '# a comment\n\n' + T0.replace('\n# HELP go_goroutines', '\n   \n# HELP go_goroutines'), T0]);
  });
  it('blanks around the value and timestamps added', () => {
    checkSequence([T0, T0.replace(/^(go_goroutines) (\d+)$/m, '$1  $2  1700000000000').replace(/^(go_threads) (\d+)$/m, '$1\t$2\t'), T0]);
  });
  it('unusual values: NaN, +Inf, long mantissas, negative zero', () => {
    checkSequence([T0, T0.replace(/^(go_goroutines) \d+$/m, '$1 NaN').replace(/^(go_threads) \d+$/m, '$1 -0').replace(/^(process_max_fds) .*$/m, '$1 +Inf'), T10]);
  });
  it('an invalid payload after a valid one fails the same way and leaves the table usable', () => {
    checkSequence([T0, T0.replace(/^(go_goroutines) \d+$/m, '$1 12x'), T10, T0.replace('le="0.3"', "le='0.3'"), T0]);
  });
  it('a duplicated series line', () => {
    const i = lines.findIndex((l) => l.startsWith('go_goroutines'));
    checkSequence([T0, edit((ls) => [...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)]), T0]);
  });
  it('a missing final line feed, then present again', () => {
    checkSequence([T0, T0.trimEnd(), T0]);
  });
  it('the payload shortened, emptied and restored', () => {
    checkSequence([T0, lines.slice(0, 100).join('\n'), '', T0]);
  });
  it('switching between text and OpenMetrics on one table', () => {
    const table = new SeriesTable();
    const om = 'x_total 1\n# EOF\n';
    const a = parseExposition('x_total 1\n', { format: 'text', table });
    const b = parseExposition(om, { format: 'openmetrics', table });
    const c = parseExposition('x_total 2\n', { format: 'text', table });
    assert.deepStrictEqual(view(b), view(parseExposition(om, { format: 'openmetrics' })));
    assert.ok(a.ok && c.ok);
    assert.equal(a.exposition.series[0], c.exposition.series[0]);
  });
  it('keys that end without a blank ("x{}7", "x-1") are never matched by bytes alone', () => {
    checkSequence(['x{a="1"}7\ny 1\n', 'x{a="1"}8\ny 2\n', 'x{a="1"}8{\n']);
    checkSequence(['foo-1\nfoo 2\n', 'foo1 3\nfoo 2\n', 'foo-1\nfoo 2\n']);
    checkSequence(['foo-1\n', 'foo5\n', 'foo-1\n', 'foo-2\n']);
  });
  it('the same metadata lines in another order (duplicate TYPE: the last one wins)', () => {
    const [a, b] = checkSequence(['a 1\n# TYPE x counter\nb 1\n# TYPE x gauge\n', 'b 1\n# TYPE x gauge\na 1\n# TYPE x counter\n']);
    assert.equal(a.families.get('x')?.type, 'gauge');
    assert.equal(b.families.get('x')?.type, 'counter');
  });
});

describe('fast path equals full parse (OpenMetrics)', () => {
  const A = [
    '# TYPE req counter', '# HELP req Requests.', 'req_total{code="200"} 10', 'req_created{code="200"} 1.7e9',
    'req_total{code="500"} 1 # {trace_id="abc"} 1 1.5', '# TYPE lat histogram', '# UNIT lat seconds',
    'lat_bucket{le="0.1"} 1', 'lat_bucket{le="1"} 2', 'lat_bucket{le="+Inf"} 3', 'lat_sum 1.5', 'lat_count 3',
    'up 1 1700000000.5', '# EOF',
  ];
  const om = (ls: string[]): string => ls.join('\n') + '\n';
  it('values, exemplars and timestamps changed', () => {
    checkSequence([om(A), om(A).replace('} 10', '} 11').replace('1 1.5', '2 2.5').replace('0.5\n', '0.75\n')], 'openmetrics');
  });
  it('series added, removed and a TYPE changed', () => {
    checkSequence([om(A), om([...A.slice(0, 3), 'req_total{code="404"} 2', ...A.slice(3)]), om(A.filter((l) => !l.startsWith('lat_sum'))), om(A).replace('TYPE lat histogram', 'TYPE lat gaugehistogram')], 'openmetrics');
  });
  it('data after # EOF on a warm table', () => {
    checkSequence([om(A), om(A) + 'x 1\n', om(A)], 'openmetrics');
  });
  it('# EOF removed on a warm table', () => {
    checkSequence([om(A), om(A.slice(0, -1)), om(A)], 'openmetrics');
  });
  it('# EOF first, then lines the template knows (found by the fuzzer): rejected at the line after # EOF', () => {
    checkSequence([om(A), om(['# EOF', ...A]), om(A)], 'openmetrics');
  });
  it('a metadata line the template knows, cut before its line feed (found by the fuzzer)', () => {
    checkSequence([om(A), A.slice(0, 2).join('\n'), '# TYPE req counter'], 'openmetrics');
  });
});
