// FamilyFilter and parseFiltered: filtering a payload to some families and parsing it gives exactly
// what parsing the whole payload gives for those families, on random payloads of both grammars
// (names that are prefixes of others, suffixed names, raw LFs in text label values, escapes, no
// final LF, non-contiguous families), on random corruptions (no error is placed before the whole
// parse's first one; one in a kept line is that one, at its line and column) and on the IPFS Cluster fixtures.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { FamilyFilter, familiesOfSamples } from '../../src/exposition/family-filter.js';
import { parseFiltered } from '../../src/exposition/filtered-parse.js';
import { familyCandidates } from '../../src/exposition/families.js';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { ExpositionFormat, ParseResult } from '../../src/exposition/types.js';

const encode = (s: string): Uint8Array => new TextEncoder().encode(s);
const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));

/** Whether the filter keeps samples named `name`: a kept family can own them. */
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

describe('FamilyFilter: filter then parse', () => {
  for (const format of formats) {
    it(`equals the whole parse on the kept families (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, wantedSet, (spec, families) => {
          const bytes = encode(serialize(spec, format));
          const whole = parseExposition(bytes, { format });
          const filter = new FamilyFilter(families);
          const part = parseFiltered(bytes, filter, { format });
          if (!whole.ok) return; // a generated combination the parser rejects (e.g. a duplicate label)
          assert.ok(part.ok, JSON.stringify(!part.ok && part.error));
          assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
        }),
        { numRuns: 600 },
      );
    });

    it(`gives the same through a warm table and a shared filter (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, payloadSpec, wantedSet, (one, two, families) => {
          const filter = new FamilyFilter(families);
          const tables = [new SeriesTable(), new SeriesTable()];
          for (const spec of [one, two, one]) {
            const bytes = encode(serialize(spec, format));
            const whole = parseExposition(bytes, { format });
            for (const table of tables) {
              const part = parseFiltered(bytes, filter, { format, table });
              if (whole.ok) assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
            }
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

describe('FamilyFilter: runs of similar lines', () => {
  it('splits them where the parser does', () => {
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
        const part = parseFiltered(bytes, new FamilyFilter(families), { format: 'text' });
        if (whole.ok) assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
        else if (!part.ok) assert.ok(part.error.line > whole.error.line || (part.error.line === whole.error.line && part.error.column >= whole.error.column));
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

describe('FamilyFilter: corrupted payloads', () => {
  for (const format of formats) {
    it(`reports no error before the whole parse's first one (${format})`, () => {
      fc.assert(
        fc.property(payloadSpec, wantedSet, fc.array(mutation, { minLength: 1, maxLength: 3 }), (spec, families, ms) => {
          const bytes = mutate(encode(serialize(spec, format)), ms);
          const whole = parseExposition(bytes, { format });
          const part = parseFiltered(bytes, new FamilyFilter(families), { format });
          if (whole.ok) {
            assert.ok(part.ok, JSON.stringify(!part.ok && part.error));
            assert.deepStrictEqual(restricted(part, families), restricted(whole, families));
            return;
          }
          if (part.ok) return; // the error was in a line of a dropped family
          assert.ok(!part.error.message.startsWith('internal'), part.error.message);
          // Never before the first error of the whole payload (the same one when its line is kept).
          const later = part.error.line > whole.error.line || (part.error.line === whole.error.line && part.error.column >= whole.error.column);
          assert.ok(later, `${JSON.stringify(part.error)} before ${JSON.stringify(whole.error)}`);
        }),
        { numRuns: 800 },
      );
    });
  }

  it('skips a bad line of a dropped family, and places one of a kept family where it is', () => {
    const families = new Set(['process_open_fds']);
    const payload = ['# TYPE go_goroutines gauge', 'go_goroutines 1x', 'other{a="b"} 1 2 3', '# TYPE process_open_fds gauge', 'process_open_fds 12', ''].join('\n');
    const ok = parseFiltered(encode(payload), new FamilyFilter(families), { format: 'text' });
    assert.ok(ok.ok);
    assert.deepEqual([...ok.exposition.values], [12]);
    const bad = encode(payload.replace('process_open_fds 12', 'process_open_fds 1y'));
    const r = parseFiltered(bad, new FamilyFilter(families), { format: 'text' });
    assert.deepEqual(r, { ok: false, error: { line: 5, column: 18, message: 'invalid value "1y": invalid syntax' } });
  });

  it('keeps everything from a line whose end it cannot tell, so the parser reports it as a whole parse would', () => {
    const families = new Set(['process_open_fds']);
    const payload = encode('go_x{a="unterminated} 1\nprocess_open_fds{b="c"} 1\n');
    const whole = parseExposition(payload, { format: 'text' });
    const part = parseFiltered(payload, new FamilyFilter(families), { format: 'text' });
    assert.ok(!whole.ok);
    assert.deepStrictEqual(part, whole);
  });

  it('keeps `# EOF` and what follows it in OpenMetrics', () => {
    const payload = encode('# TYPE a gauge\na 1\n# EOF\nb 2\n');
    const part = parseFiltered(payload, new FamilyFilter(new Set(['a'])), { format: 'openmetrics' });
    assert.deepEqual(part, { ok: false, error: { line: 4, column: 1, message: 'unexpected data after "# EOF"' } });
  });

  it('follows a raw LF inside a quoted label value in the text format', () => {
    const payload = encode('drop{a="x\nprocess_open_fds 5\n"} 1\nprocess_open_fds 7\nkeep_me{a="y\ndrop 1\n"} 2\n');
    const part = parseFiltered(payload, new FamilyFilter(new Set(['process_open_fds', 'keep_me'])), { format: 'text' });
    assert.ok(part.ok);
    assert.deepEqual(part.exposition.series.map((s) => [s.name, { ...s.labels }]), [['process_open_fds', {}], ['keep_me', { a: 'y\ndrop 1\n' }]]);
    assert.deepEqual([...part.exposition.values], [7, 2]);
  });
});

describe('FamilyFilter: IPFS Cluster payloads', () => {
  it('keeps every line of the families asked for, and nothing else', () => {
    const families = familiesOfSamples(['process_cpu_seconds_total', 'ipfscluster_gorpc_libp2p_io_server_server_latency_bucket']);
    assert.ok(families.has('process_cpu_seconds')); // an OpenMetrics counter's family
    for (const name of ['peer-t0.prom', 'peer-t10s.prom']) {
      const bytes = fixture(name);
      const out = new TextDecoder().decode(new FamilyFilter(families).filter(bytes, 'text'));
      const expected = new TextDecoder()
        .decode(bytes)
        .split('\n')
        .filter((line) => /^(# (HELP|TYPE) )?(process_cpu_seconds_total|ipfscluster_gorpc_libp2p_io_server_server_latency(_bucket|_sum|_count)?)[ {]/.test(line));
      assert.deepEqual(out.split('\n').slice(0, -1), expected);
      assert.deepStrictEqual(restricted(parseFiltered(bytes, new FamilyFilter(families), { format: 'text' }), families), restricted(parseExposition(bytes, { format: 'text' }), families));
    }
  });
});
