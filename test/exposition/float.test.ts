// Go strconv.ParseFloat minus p/P/_ (prometheus-semantics.md §1a "Values") and the canonical float
// rendering used for le/quantile label values.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatCanonicalFloat, parseGoFloat, type FloatOut } from '../../src/exposition/float.js';

const enc = new TextEncoder();
const out: FloatOut = { value: 0 };
function parse(s: string): number | string {
  const b = enc.encode(s);
  const why = parseGoFloat(b, 0, b.length, out);
  return why === null ? out.value : why;
}

describe('parseGoFloat', () => {
  const accepted: [string, number][] = [
    ['0', 0], ['1e3', 1000], ['1E3', 1000], ['.5', 0.5], ['5.', 5], ['+3', 3], ['-3', -3], ['0042', 42], ['1e+06', 1e6],
    ['1.048576e+06', 1048576], ['4.294967296e+09', 4294967296], ['1.7976931348623157e308', 1.7976931348623157e308],
    ['5e-324', 5e-324], ['1e-400', 0], ['0e999999999', 0], ['123456789012345678901234567890', 1.2345678901234568e29],
    ['0.1', 0.1], ['0.30000000000000004', 0.30000000000000004], ['9007199254740993', 9007199254740992],
    ['Inf', Infinity], ['+Inf', Infinity], ['-inf', -Infinity], ['INF', Infinity], ['Infinity', Infinity],
    ['+infinity', Infinity], ['-Infinity', -Infinity],
  ];
  for (const [s, v] of accepted) it(`accepts ${s}`, () => assert.equal(parse(s), v));
  it('accepts NaN in any case, and -0', () => {
    for (const s of ['NaN', 'nan', 'nAn']) assert.ok(Number.isNaN(parse(s)));
    assert.ok(Object.is(parse('-0'), -0));
    assert.ok(Object.is(parse('-0.0e5'), -0));
  });
  const rejected: [string, RegExp][] = [
    ['0x1p-3', /unsupported character/], ['1_000', /unsupported character/], ['1P3', /unsupported character/],
    ['0x10', /invalid syntax/], ['1e400', /out of range/], ['-1e400', /out of range/], ['1.8e308', /out of range/],
    ['', /empty/], ['+', /invalid/], ['.', /invalid/], ['e3', /invalid/], ['1e', /invalid/], ['1e+', /invalid/],
    ['+NaN', /invalid/], ['-nan', /invalid/], ['infin', /invalid/], ['infinityy', /invalid/], ['1.2.3', /invalid/],
    [' 1', /invalid/], ['1 ', /invalid/], ['１', /invalid/],
  ];
  for (const [s, why] of rejected) it(`rejects ${JSON.stringify(s)}`, () => assert.match(String(parse(s)), why));
  it('agrees with Number() on every double printed by JavaScript', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        assert.ok(Object.is(parse((Object.is(x, -0) ? '-0' : String(x)).replace('Infinity', 'Inf')), x));
        assert.ok(Object.is(parse(x.toExponential(20).replace('Infinity', 'Inf')), Number(x.toExponential(20))));
      }),
      { numRuns: 2000 },
    );
  });
  it('agrees with Number() on random decimal strings', () => {
    const decimal = fc.tuple(fc.stringMatching(/^[0-9]{1,25}$/), fc.stringMatching(/^[0-9]{0,25}$/), fc.integer({ min: -340, max: 320 }));
    fc.assert(
      fc.property(decimal, ([int, frac, exp]) => {
        const s = `${int}.${frac}e${exp}`;
        const expected = Number(s);
        if (!Number.isFinite(expected)) assert.match(String(parse(s)), /out of range/);
        else assert.ok(Object.is(parse(s), expected), s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('parseGoFloat, checking only (a skipped sample)', () => {
  const check = (s: string): string | null => {
    const b = enc.encode(s);
    return parseGoFloat(b, 0, b.length, out, true);
  };
  it('accepts and refuses exactly what a full parse does', () => {
    const cases = [
      '1e400', '-1e400', '1.8e308', '1.7976931348623157e308', '1e300', '9.99e299', '123456789012345678901234567890',
      '0.00010314324157413807', '9.223372036854776e+18', '1e-400', '0x10', '1_000', '1e', '', 'NaN', '-Inf', '+', '.',
    ];
    for (const s of cases) {
      const full = parse(s);
      assert.equal(check(s), typeof full === 'string' ? full : null, s);
    }
    const decimal = fc.tuple(fc.stringMatching(/^[0-9]{1,40}$/), fc.stringMatching(/^[0-9]{0,40}$/), fc.integer({ min: -400, max: 400 }));
    fc.assert(
      fc.property(decimal, ([int, frac, exp]) => {
        const s = `${int}.${frac}e${exp}`;
        const full = parse(s);
        assert.equal(check(s), typeof full === 'string' ? full : null, s);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('formatCanonicalFloat', () => {
  const cases: [number, string][] = [
    [1, '1.0'], [0, '0.0'], [-0, '-0.0'], [0.25, '0.25'], [0.01, '0.01'], [100000, '100000.0'], [1e6, '1e+06'],
    [1048576, '1.048576e+06'], [1.5e-7, '1.5e-07'], [0.0001, '0.0001'], [0.00001, '1e-05'], [-2.5, '-2.5'],
    [1e21, '1e+21'], [1.7976931348623157e308, '1.7976931348623157e+308'], [5e-324, '5e-324'],
    [Infinity, '+Inf'], [-Infinity, '-Inf'], [NaN, 'NaN'], [123456, '123456.0'], [1234567, '1.234567e+06'],
  ];
  for (const [x, s] of cases) it(`renders ${x} as ${s}`, () => assert.equal(formatCanonicalFloat(x), s));
  it('round-trips through parseGoFloat', () => {
    fc.assert(fc.property(fc.double({ noNaN: true }), (x) => assert.ok(Object.is(parse(formatCanonicalFloat(x)), x))), { numRuns: 2000 });
  });
});
