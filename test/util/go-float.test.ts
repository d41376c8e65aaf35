// Go 'g' shortest float formatting, against values written by expfmt (and the fixture generator).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatGoFloat } from '../../src/util/go-float.js';

test('integers below 1e6 print plainly, from 1e6 in exponent form', () => {
  assert.equal(formatGoFloat(0), '0');
  assert.equal(formatGoFloat(1), '1');
  assert.equal(formatGoFloat(-1), '-1');
  assert.equal(formatGoFloat(2977), '2977');
  assert.equal(formatGoFloat(100000), '100000');
  assert.equal(formatGoFloat(999999), '999999');
  assert.equal(formatGoFloat(1e6), '1e+06');
  assert.equal(formatGoFloat(1048576), '1.048576e+06');
  assert.equal(formatGoFloat(4294967296), '4.294967296e+09');
  assert.equal(formatGoFloat(2.5769803776e10), '2.5769803776e+10');
});

test('fractions and small numbers', () => {
  assert.equal(formatGoFloat(0.01), '0.01');
  assert.equal(formatGoFloat(0.3), '0.3');
  assert.equal(formatGoFloat(6720.41), '6720.41');
  assert.equal(formatGoFloat(0.000105701), '0.000105701');
  assert.equal(formatGoFloat(0.0001), '0.0001');
  assert.equal(formatGoFloat(9.0478e-5), '9.0478e-05');
  assert.equal(formatGoFloat(1e-300), '1e-300');
  assert.equal(formatGoFloat(846465.6363559524), '846465.6363559524');
  assert.equal(formatGoFloat(-0.5), '-0.5');
});

test('large values and specials', () => {
  assert.equal(formatGoFloat(18446744073709551615), '1.8446744073709552e+19');
  assert.equal(formatGoFloat(9223372036854775807), '9.223372036854776e+18');
  assert.equal(formatGoFloat(1.7794559588165371e9), '1.7794559588165371e+09');
  assert.equal(formatGoFloat(1e21), '1e+21');
  assert.equal(formatGoFloat(-1.5e100), '-1.5e+100');
  assert.equal(formatGoFloat(Infinity), '+Inf');
  assert.equal(formatGoFloat(-Infinity), '-Inf');
  assert.equal(formatGoFloat(NaN), 'NaN');
  assert.equal(formatGoFloat(-0), '0');
});

test('round-trips', () => {
  for (const v of [0.1, 1 / 3, 123456.789, 1e-7, 5e-324, Number.MAX_VALUE, 12345678901234567890]) {
    assert.equal(Number(formatGoFloat(v)), v);
  }
});
