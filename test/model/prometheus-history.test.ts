// The history fill's model: how many steps a fill asks for under the point budget, how many
// (method, peer) series a quantile answer has, and the range answers regrouped by step and peer
// into each trend point's methods and quantiles (NaN where a key's answer has no point).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { historyStepCount, historySteps, methodPeerCount } from '../../src/model/prometheus-history.js';

const series = (instance: string, method: string, times: number[], values: number[]) => ({ labels: { instance, gorpc_server_method: method }, t: Float64Array.from(times), values: Float64Array.from(values) });

describe('prometheus history', () => {
  it('asks for a full trend before the refresh, fewer steps over the budget, none without series', () => {
    assert.equal(historyStepCount(512, 60, 4, 400_000), 511);
    assert.equal(historyStepCount(40, 4000, 4, 400_000), 25);
    assert.equal(historyStepCount(40, 0, 4), 0);
    assert.equal(historyStepCount(1, 10, 4), 0);
  });

  it('counts the (method, peer) pairs of a bucket-rate answer', () => {
    const b = (instance: string, method: string, le: string) => ({ labels: { instance, gorpc_server_method: method, le } });
    assert.equal(methodPeerCount([b('a', 'X', '1'), b('a', 'X', '+Inf'), b('a', 'Y', '1'), b('b', 'X', '1')], 'instance'), 3);
  });

  it('regroups the answers per step and peer, each method\'s quantiles at the keys in order', () => {
    const p50 = [series('a', 'X', [10, 12], [1, 2]), series('b', 'X', [12], [5]), { labels: { gorpc_server_method: 'X' }, t: [10], values: [9] }];
    const p99 = [series('a', 'X', [10, 12], [3, 4]), series('a', 'Y', [12], [7])];
    const { times, at } = historySteps([p50, p99], 2, 'instance');
    assert.deepEqual(times, [10_000, 12_000]);
    assert.deepEqual([...at.get(10_000)!.keys()], ['a']);
    const a12 = at.get(12_000)!.get('a')!;
    assert.deepEqual(a12.methods, ['X', 'Y']);
    assert.deepEqual([...a12.values], [2, 4, NaN, 7]);
    assert.deepEqual([...at.get(12_000)!.get('b')!.values], [5, NaN]);
  });
});
