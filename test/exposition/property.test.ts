// Property tests with fast-check: random valid payloads survive a serialize-then-parse round trip in
// both formats, and random byte mutations never make the parser throw (the result is either ok or an
// error with a position), with a warm table giving exactly what a fresh one gives.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { ExpositionFormat, ParseResult } from '../../src/exposition/types.js';

interface SampleModel {
  suffix: string;
  labels: Record<string, string>;
  value: number;
  ts: number | null;
}
interface FamilyModel {
  name: string;
  type: string | null;
  help: string | null;
  samples: SampleModel[];
}

const metricName = fc.stringMatching(/^[a-zA-Z_:][a-zA-Z0-9_:]{0,12}$/);
const labelName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/).filter((n) => n !== 'le' && n !== 'quantile' && n !== '__name__');
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('', '\\', '"', '\n', 'a\\nb', '\\"', 'é✓'));
const value = fc.oneof(fc.double(), fc.integer({ min: -1e6, max: 1e12 }), fc.integer({ min: -9, max: 9 }), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 0.1, 1e21, 5e-324));
const sample = fc.record({
  suffix: fc.constantFrom('', '', '_total', '_count', '_sum', '_bucket', '_created'),
  labels: fc.dictionary(labelName, text, { maxKeys: 3 }),
  value,
  ts: fc.option(fc.integer({ min: 0, max: 2 ** 40 }), { nil: null }),
});
const family = fc.record({
  name: metricName,
  type: fc.option(fc.constantFrom('counter', 'gauge', 'histogram', 'summary', 'untyped'), { nil: null }),
  help: fc.option(text, { nil: null }),
  samples: fc.array(sample, { maxLength: 4 }),
});
const payload = fc.uniqueArray(family, { selector: (f) => f.name, maxLength: 6 });

const escapeLabel = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (s: string, om: boolean): string => (om ? escapeLabel(s) : s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n'));
const formatValue = (v: number): string => (Number.isNaN(v) ? 'NaN' : v === Infinity ? '+Inf' : v === -Infinity ? '-Inf' : Object.is(v, -0) ? '-0' : String(v));

function serialize(families: FamilyModel[], format: ExpositionFormat): string {
  const om = format === 'openmetrics';
  const out: string[] = [];
  for (const f of families) {
    if (f.help !== null) out.push(`# HELP ${f.name} ${escapeHelp(f.help, om)}`);
    if (f.type !== null) out.push(`# TYPE ${f.name} ${om && f.type === 'untyped' ? 'unknown' : f.type}`);
    for (const s of f.samples) {
      const labels = Object.entries(s.labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      const ts = s.ts === null ? '' : ' ' + (om ? String(s.ts / 1000) : String(s.ts));
      out.push(`${f.name}${s.suffix}${labels.length > 0 ? `{${labels.join(',')}}` : ''} ${formatValue(s.value)}${ts}`);
    }
  }
  if (om) out.push('# EOF');
  return out.join('\n') + '\n';
}

function checkRoundTrip(families: FamilyModel[], format: ExpositionFormat): void {
  const r = parseExposition(serialize(families, format), { format });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  const e = r.exposition;
  const samples = families.flatMap((f) => f.samples.map((s) => ({ f, s })));
  assert.equal(e.series.length, samples.length);
  samples.forEach(({ f, s }, i) => {
    const series = e.series[i];
    assert.equal(series.name, f.name + s.suffix);
    const expected = Object.fromEntries(Object.entries(s.labels).filter(([, v]) => v !== '').sort(([a], [b]) => (a < b ? -1 : 1)));
    assert.deepEqual({ ...series.labels }, expected);
    assert.ok(Object.is(e.values[i], s.value) || (Number.isNaN(e.values[i]) && Number.isNaN(s.value)), `value ${s.value}`);
    const ts = e.timestamps?.[i] ?? NaN;
    if (s.ts === null) assert.ok(Number.isNaN(ts));
    else assert.ok(Math.abs(ts - s.ts) <= 1, `timestamp ${s.ts} read as ${ts}`);
    assert.ok(e.families.has(series.family));
    if (s.suffix === '') assert.equal(series.family, f.name, 'a sample named like its family belongs to it');
  });
  for (const f of families) {
    const fam = e.families.get(f.name);
    if (f.type === null && f.help === null) continue;
    const type = f.type ?? (format === 'text' ? 'untyped' : 'unknown');
    assert.equal(fam?.type, format === 'openmetrics' && type === 'untyped' ? 'unknown' : type);
    assert.equal(fam?.help, f.help ?? undefined);
  }
}

/** Everything observable about a result except series ids. */
function view(r: ParseResult): unknown {
  if (!r.ok) return r.error;
  const e = r.exposition;
  return {
    families: [...e.families.entries()],
    series: e.series.map((s) => [s.name, s.family, { ...s.labels }, s.le, s.quantile]),
    values: [...e.values].map((v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v)),
    timestamps: e.timestamps && [...e.timestamps].map((v) => (Number.isNaN(v) ? 'NaN' : v)),
    exemplars: e.exemplars && [...e.exemplars.entries()],
  };
}

const special = [0x0a, 0x20, 0x09, 0x22, 0x7b, 0x7d, 0x5c, 0x23, 0x2c, 0x3d, 0xff, 0xc3, 0x0d, 0x30, 0x65, 0x2e];
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  op: fc.constantFrom('replace', 'insert', 'delete'),
  byte: fc.oneof(fc.constantFrom(...special), fc.integer({ min: 0, max: 255 })),
});

function mutate(bytes: Uint8Array, ms: { at: number; op: string; byte: number }[]): Uint8Array {
  let b = Array.from(bytes);
  for (const m of ms) {
    const i = Math.min(b.length, Math.floor(m.at * (b.length + 1)));
    if (m.op === 'insert' || b.length === 0) b = [...b.slice(0, i), m.byte, ...b.slice(i)];
    else if (m.op === 'delete') b.splice(Math.min(i, b.length - 1), 1);
    else b[Math.min(i, b.length - 1)] = m.byte;
  }
  return new Uint8Array(b);
}

describe('property: serialize then parse', () => {
  it('round-trips random valid text payloads', () => {
    fc.assert(fc.property(payload, (p) => checkRoundTrip(p, 'text')), { numRuns: 300 });
  });
  it('round-trips random valid OpenMetrics payloads', () => {
    fc.assert(fc.property(payload, (p) => checkRoundTrip(p, 'openmetrics')), { numRuns: 300 });
  });
});

describe('property: random mutations', () => {
  for (const format of ['text', 'openmetrics'] as const) {
    it(`never throws and agrees with a fresh table (${format})`, () => {
      const steps = fc.array(fc.array(mutation, { maxLength: 4 }), { minLength: 1, maxLength: 3 });
      fc.assert(
        fc.property(payload, steps, (p, rounds) => {
          const original = new TextEncoder().encode(serialize(p, format));
          const table = new SeriesTable();
          // The table sees the original, then each mutated version, then the original again.
          for (const bytes of [original, ...rounds.map((ms) => mutate(original, ms)), original]) {
            const warm = parseExposition(bytes, { format, table });
            const cold = parseExposition(bytes, { format });
            for (const r of [warm, cold]) {
              if (!r.ok) {
                assert.ok(r.error.line >= 1 && r.error.column >= 1, JSON.stringify(r.error));
                assert.ok(r.error.message.length > 0 && !r.error.message.startsWith('internal'), r.error.message);
              }
            }
            assert.deepStrictEqual(view(warm), view(cold));
          }
        }),
        { numRuns: 400 },
      );
    });
  }
  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom('text', 'openmetrics' as const), (bytes, format) => {
        const r = parseExposition(bytes, { format: format as ExpositionFormat });
        if (!r.ok) assert.ok(r.error.line >= 1 && r.error.column >= 1 && !r.error.message.startsWith('internal'));
      }),
      { numRuns: 500 },
    );
  });
});
