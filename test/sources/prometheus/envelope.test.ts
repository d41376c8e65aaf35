// The API envelope: values as the engines write them, the other result types, and bodies that
// are not the envelope (each a clear EnvelopeError, never a crash).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEnvelope, EnvelopeError, parseSampleValue } from '../../../src/sources/prometheus/envelope.js';

describe('parseSampleValue', () => {
  it('reads decimal strings, NaN and the infinities, and refuses what is not a number', () => {
    assert.deepEqual(['1', '-0.25', '1e+06', '5e-324', 'NaN', '+Inf', 'Inf', '-Inf'].map(parseSampleValue), [1, -0.25, 1e6, 5e-324, NaN, Infinity, Infinity, -Infinity]);
    for (const bad of ['', ' ', 'abc', '1,5', 1.5, null]) assert.throws(() => parseSampleValue(bad), EnvelopeError, String(bad));
  });
});

describe('decodeEnvelope', () => {
  it('decodes scalar and string results and keeps warnings (at most maxNotes)', () => {
    const scalar = decodeEnvelope(JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [12.5, '+Inf'] }, warnings: ['a', 'b', 'c'] }), { maxSeries: 10, maxPoints: 10, maxNotes: 2 });
    assert.deepEqual(scalar, { status: 'success', data: { resultType: 'scalar', t: 12.5, value: Infinity }, warnings: ['a', 'b'], infos: [], dropped: 0 });
    const text = decodeEnvelope(JSON.stringify({ status: 'success', data: { resultType: 'string', result: [1, 'hi'] } }));
    assert.deepEqual(text.status === 'success' && text.data, { resultType: 'string', t: 1, value: 'hi' });
  });

  it('an error envelope gives errorType and error as sent, VictoriaMetrics\' numeric-looking type included', () => {
    assert.deepEqual(decodeEnvelope('{"status":"error","errorType":"422","error":"bad \\u001b"}'), { status: 'error', errorType: '422', error: 'bad \x1b', warnings: [], infos: [] });
  });

  it('refuses bodies that are not the envelope, saying what they were', () => {
    const cases: [string, RegExp][] = [
      ['', /empty body/],
      ['<html>', /not JSON/],
      ['[]', /without "status"/],
      ['{"status":"success","data":{"resultType":"vector","result":{}}}', /"result" is not a list/],
      ['{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1]]}]}}', /not \[time, value\]/],
      ['{"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":1},"value":[1,"1"]}]}}', /label "a" is not a string/],
      ['{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["x","1"]}]}}', /timestamp is not a number/],
      ['{"status":"success","data":{"resultType":"histogram","result":[]}}', /unknown resultType/],
    ];
    for (const [body, message] of cases) assert.throws(() => decodeEnvelope(body), (e: unknown) => e instanceof EnvelopeError && message.test(e.message), body);
  });
});
