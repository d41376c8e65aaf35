// Parsing a payload for some families (ParseOptions.keep, SampleFamilies) gives exactly what parsing
// the whole payload gives for those families, on random payloads of both grammars (names that are
// prefixes of others, suffixed names, raw LFs in text label values, escapes, no final LF, families
// in several blocks), through warm tables, on random corruptions (the same error, at the same line
// and column) and on the IPFS Cluster fixtures.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { SampleFamilies, familiesOfSamples } from '../../src/exposition/sample-families.js';
import { familyCandidates } from '../../src/exposition/families.js';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { ExpositionFormat, ParseResult } from '../../src/exposition/types.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));

/** Whether samples named `name` are kept: a kept family can own them. */
function kept(name: string, families: ReadonlySet<string>): boolean {
  return familyCandidates(name).some((f) => families.has(f));
}

/** What a result says about the kept samples, their families included. */
function restricted(r: ParseResult, families: ReadonlySet<string>): unknown {
  if (!r.ok) return r.error;
  const e = r.exposition;
  const out: unknown[] = [];
  e.series.forEach((s, i) => {
    if (!kept(s.name, families)) return;
    const ts = e.timestamps?.[i] ?? NaN;
    const v = e.values[i];
    const family = e.families.get(s.family);
    out.push([s.name, s.family, family, { ...s.labels }, s.le, s.quantile, Number.isNaN(v) ? 'NaN' : v, Number.isNaN(ts) ? 'NaN' : ts, e.exemplars?.get(i) ?? null]);
  });
  return out;
}

// Names chosen to collide: prefixes of one another, and names that are others plus a type suffix.
const NAMES = ['a', 'a_total', 'a_bucket', 'a_count', 'ab', 'process_open_fds', 'process_open_fdsX', 'x_sum', 'x', 'x_created', 'y_info', 'y'];
const labelName = fc.constantFrom('m', 'le', 'quantile', 'method', 'x_y');
const labelValue = fc.oneof(fc.constantFrom('', '1', '+Inf', '0.5', 'Cluster.Pin', 'a"b', 'a\\b', 'a\nb', '}', '} 1', '\n# TYPE a gauge\n', '\na 1\n'), fc.string({ maxLength: 6 }));
const sample = fc.record({
  suffix: fc.constantFrom('', '', '_total', '_count', '_sum', '_bucket', '_created', '_info', 'X'),
  labels: fc.dictionary(labelName, labelValue, { maxKeys: 3 }),
  value: fc.constantFrom('1', '0', '-2.5', 'NaN', '+Inf', '1e3', '12345678901'),
  ts: fc.option(fc.constantFrom('1', '1700000000000'), { nil: null }),
});
const family = fc.record({
  name: fc.constantFrom(...NAMES),
  type: fc.option(fc.constantFrom('counter', 'gauge', 'histogram', 'summary', 'untyped', 'info'), { nil: null }),
  help: fc.option(fc.constantFrom('help', 'with \\n escape', 'a "quote"'), { nil: null }),
  samples: fc.array(sample, { maxLength: 4 }),
});
// Names may repeat: a family split in two blocks is read line by line all the same.
const payloadSpec = fc.record({
  families: fc.array(family, { maxLength: 7 }),
  rawLf: fc.boolean(), // text: write LF in label values as is (the parser accepts it), not as \n
  comments: fc.boolean(),
  finalLf: fc.boolean(),
  blanks: fc.boolean(),
});
type Spec = typeof payloadSpec extends fc.Arbitrary<infer T> ? T : never;

function serialize(spec: Spec, format: ExpositionFormat): string {
  const om = format === 'openmetrics';
  const out: string[] = [];
  const esc = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, om || !spec.rawLf ? '\\n' : '\n');
  for (const f of spec.families) {
    if (spec.comments && !om) out.push(`# a comment about ${f.name}`);
    if (f.help !== null) out.push(`# HELP ${f.name} ${f.help}`);
    const type = f.type === null ? null : om && f.type === 'untyped' ? 'unknown' : !om && f.type === 'info' ? 'gauge' : f.type;
    if (type !== null) out.push(`# TYPE ${f.name} ${type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${esc(v)}"`);
      const sep = spec.blanks && !om ? ' \t' : ' ';
      const ts = s.ts === null ? '' : sep + (om ? String(Number(s.ts) / 1000) : s.ts);
      out.push(`${f.name}${s.suffix}${labels.length > 0 ? `{${labels.join(',')}}` : ''}${sep}${s.value}${ts}`);
    }
    if (spec.blanks && !om) out.push('');
  }
  if (om) out.push('# EOF');
  return out.join('\n') + (spec.finalLf || om ? '\n' : '');
}

const wantedSet = fc.subarray(NAMES).map((names) => new Set(names));
const formats = ['text', 'openmetrics'] as const;

describe('SampleFamilies: a payload read for some families', () => {
  for (const format of formats) {
    it(`equals the whole parse on the kept families (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, wantedSet, (spec, families) => {
          const bytes = encode(serialize(spec, format));
          const whole = parseExposition(bytes, { format });
          const part = parseExposition(bytes, { format, keep: new SampleFamilies(families) });
          // (A generated combination the parser rejects, e.g. a duplicate label, gives the same error.)
          assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
        }),
        { numRuns: 600 },
      );
    });

    it(`gives the same through warm tables sharing one SampleFamilies, and after another one (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, payloadSpec, wantedSet, wantedSet, (one, two, families, others) => {
          const keep = new SampleFamilies(families);
          const tables = [new SeriesTable(), new SeriesTable()];
          for (const [spec, read] of [[one, keep], [two, keep], [one, new SampleFamilies(others)], [one, keep], [two, keep]] as const) {
            const bytes = encode(serialize(spec, format));
            const whole = parseExposition(bytes, { format });
            const names = read === keep ? families : others;
            for (const table of tables) assert.deepStrictEqual(restricted(parseExposition(bytes, { format, table, keep: read }), names), restricted(whole, names));
          }
        }),
        { numRuns: 200 },
      );
    });
  }
});

// Long runs of one name whose lines differ late, in any of up to 20 labels, with escapes and raw LFs
// where they differ: the filter reads each line only from where it leaves the previous one.
const runLine = fc.record({
  name: fc.constantFrom('a', 'ab', 'a_bucket'),
  values: fc.array(
    fc.oneof({ arbitrary: fc.constantFrom('v', 'w', 'v\\\\', 'v\\"', 'v\n', ''), weight: 40 }, { arbitrary: fc.constantFrom('v\\', 'v\\\n', '"'), weight: 1 }),
    { minLength: 20, maxLength: 20 },
  ),
  labels: fc.integer({ min: 0, max: 20 }),
  blank: fc.constantFrom('', ' ', '\t'),
  value: fc.constantFrom('1', '22', 'NaN'),
});

describe('SampleFamilies: runs of similar lines', () => {
  it('reads them as the whole parse does, through a warm table', () => {
    fc.assert(
      fc.property(fc.array(runLine, { minLength: 1, maxLength: 12 }), wantedSet, (lines, families) => {
        const text = lines
          .map((l) => {
            const labels = l.values.slice(0, l.labels).map((v, k) => `l${k}${l.blank}=${l.blank}"${v}"`);
            return `${l.name}${l.labels > 0 ? `{${labels.join(',')}}` : ''}${l.blank} ${l.value}`;
          })
          .join('\n');
        const bytes = encode(text + '\n');
        const whole = parseExposition(bytes, { format: 'text' });
        const part = parseExposition(bytes, { format: 'text', keep: new SampleFamilies(families) });
        assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
      }),
      { numRuns: 600 },
    );
  });
});

const special = [0x0a, 0x20, 0x09, 0x22, 0x7b, 0x7d, 0x5c, 0x23, 0x2c, 0x3d, 0xff, 0x0d, 0x30, 0x61];
const mutation = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), op: fc.constantFrom('replace', 'insert', 'delete'), byte: fc.constantFrom(...special) });

function mutate(bytes: Uint8Array, ms: { at: number; op: string; byte: number }[]): Uint8Array {
  const b = Array.from(bytes);
  for (const m of ms) {
    const i = Math.min(b.length, Math.floor(m.at * (b.length + 1)));
    if (m.op === 'insert' || b.length === 0) b.splice(i, 0, m.byte);
    else if (m.op === 'delete') b.splice(Math.min(i, b.length - 1), 1);
    else b[Math.min(i, b.length - 1)] = m.byte;
  }
  return new Uint8Array(b);
}

describe('SampleFamilies: corrupted payloads', () => {
  for (const format of formats) {
    it(`are rejected with the whole parse's error, at its line and column (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, wantedSet, fc.array(mutation, { minLength: 1, maxLength: 3 }), (spec, families, ms) => {
          const original = encode(serialize(spec, format));
          const bytes = mutate(original, ms);
          const keep = new SampleFamilies(families);
          const table = new SeriesTable();
          parseExposition(original, { format, table, keep }); // a warm table too
          for (const part of [parseExposition(bytes, { format, keep }), parseExposition(bytes, { format, table, keep })]) {
            assert.deepStrictEqual(restricted(part, families), restricted(parseExposition(bytes, { format }), families));
          }
        }),
        { numRuns: 800 },
      );
    });
  }

  it('rejects a bad line of a family not kept, as the whole parse does', () => {
    const keep = new SampleFamilies(new Set(['process_open_fds']));
    const payload = ['# TYPE go_goroutines gauge', 'go_goroutines 1', '# TYPE process_open_fds gauge', 'process_open_fds 12', ''].join('\n');
    const ok = parseExposition(payload, { format: 'text', keep });
    assert.ok(ok.ok);
    assert.deepEqual([...ok.exposition.values], [12]);
    assert.deepEqual(ok.exposition.series.map((s) => s.name), ['process_open_fds']);
    assert.deepEqual(parseExposition(payload.replace('go_goroutines 1', 'go_goroutines 1x'), { format: 'text', keep }), {
      ok: false,
      error: { line: 2, column: 15, message: 'invalid value "1x": invalid syntax' },
    });
  });

  it('counts skipped samples against the cap on samples read, so a flood in another family is still cut', () => {
    const lines = ['process_open_fds 1', ...Array.from({ length: 50 }, (_, i) => `flood{i="${i}"} ${i}`), 'process_max_fds 2', ''];
    const keep = new SampleFamilies(new Set(['process_open_fds', 'process_max_fds']));
    const table = new SeriesTable({ maxSeries: 10 });
    for (let scrape = 0; scrape < 2; scrape++) {
      const r = parseExposition(lines.join('\n'), { format: 'text', table, keep });
      assert.ok(r.ok);
      assert.deepEqual(r.exposition.series.map((s) => s.name), ['process_open_fds']);
      assert.deepEqual(r.exposition.truncated, { cap: 'series', droppedSamples: 0, stoppedEarly: true });
    }
  });

  it('follows a raw LF inside a quoted label value in the text format', () => {
    const payload = encode('drop{a="x\nprocess_open_fds 5\n"} 1\nprocess_open_fds 7\nkeep_me{a="y\ndrop 1\n"} 2\n');
    const part = parseExposition(payload, { format: 'text', keep: new SampleFamilies(new Set(['process_open_fds', 'keep_me'])) });
    assert.ok(part.ok);
    assert.deepEqual(part.exposition.series.map((s) => [s.name, { ...s.labels }]), [['process_open_fds', {}], ['keep_me', { a: 'y\ndrop 1\n' }]]);
    assert.deepEqual([...part.exposition.values], [7, 2]);
  });
});

describe('SampleFamilies: IPFS Cluster payloads', () => {
  it('keeps the samples of the families asked for, and nothing else', () => {
    const families = familiesOfSamples(['process_cpu_seconds_total', 'ipfscluster_gorpc_libp2p_io_server_server_latency_bucket']);
    assert.ok(families.has('process_cpu_seconds')); // an OpenMetrics counter's family
    const keep = new SampleFamilies(families);
    const table = new SeriesTable();
    for (const name of ['peer-t0.prom', 'peer-t10s.prom', 'peer-t0.prom']) {
      const bytes = fixture(name);
      const whole = parseExposition(bytes, { format: 'text' });
      const part = parseExposition(bytes, { format: 'text', table, keep });
      assert.ok(whole.ok && part.ok);
      const names = new Set(part.exposition.series.map((s) => s.name));
      assert.deepEqual([...names].sort(), ['ipfscluster_gorpc_libp2p_io_server_server_latency_bucket', 'ipfscluster_gorpc_libp2p_io_server_server_latency_count', 'ipfscluster_gorpc_libp2p_io_server_server_latency_sum', 'process_cpu_seconds_total']);
      assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
      assert.ok(table.size < whole.exposition.series.length / 2, `the table holds ${table.size} series`);
    }
  });

  it('on a warm table, refuses a skipped sample\'s value out of range where a whole parse does, and takes its long mantissas', () => {
    const keep = new SampleFamilies(new Set(['kept']));
    const payload = (skippedValue: string) => encode(`# TYPE kept gauge\nkept 1\n# TYPE other gauge\nother{a="x"} ${skippedValue}\nother{a="y"} 0.00010314324157413807\nkept_too 2\n`);
    const table = new SeriesTable();
    for (const value of ['3', '9.223372036854776e+18', '1e400', '1.7976931348623157e308', '1.8e308', '3']) {
      const warm = parseExposition(payload(value), { format: 'text', table, keep });
      const whole = parseExposition(payload(value), { format: 'text' });
      assert.equal(warm.ok, whole.ok, value);
      if (!warm.ok && !whole.ok) assert.deepEqual(warm.error, whole.error, value);
      if (warm.ok) assert.deepEqual([...warm.exposition.values], [1], value);
    }
  });
});

