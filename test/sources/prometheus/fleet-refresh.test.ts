// The evaluation instant of a refresh: the oldest of the peers' newest `up` sample times, so
// that no peer's sample at or before it is still to come.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluationInstant } from '../../../src/sources/prometheus/fleet-refresh.js';

const up = (instance: string, seconds: number) => ({ labels: { instance }, t: 0, value: seconds });

describe('evaluationInstant', () => {
  it('takes each peer\'s newest sample, then the oldest of those, in whole ms', () => {
    assert.equal(evaluationInstant([up('a', 100.5), up('b', 101.25), up('a', 99), up('c', 100.75)], 'instance'), 100_500);
    assert.equal(evaluationInstant([up('a', 1796589070.864)], 'instance'), 1_796_589_070_864);
  });

  it('is NaN without any up series', () => {
    assert.ok(Number.isNaN(evaluationInstant([], 'instance')));
  });
});
