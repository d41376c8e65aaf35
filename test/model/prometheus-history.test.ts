// The history fill's model: how many steps a fill asks for under the peer-step budget, and the
// range answers regrouped by step and peer into each trend point's methods and quantiles (NaN
// where a key's answer has no point); the last step read as an instant answer.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HISTORY_PEER_STEPS, historyStepCount, historySteps, valuesAt } from '../../src/model/prometheus-history.js';

const series = (instance: string, method: string, times: number[], values: number[]) => ({ labels: { instance, gorpc_server_method: method }, t: Float64Array.from(times), values: Float64Array.from(values) });

describe('prometheus history', () => {
  it('asks for a full trend before the refresh, fewer steps over the budget, none without peers', () => {
    assert.equal(historyStepCount(512, 3), 511);
    assert.equal(historyStepCount(32, 200), 8, 'the fleet list\'s 8-cell sparkline and the refresh\'s point at 200 peers');
    assert.equal(historyStepCount(32, 50), 31);
    assert.equal(historyStepCount(32, 400, 1600), 4);
    assert.equal(historyStepCount(32, HISTORY_PEER_STEPS + 1), 0);
    assert.equal(historyStepCount(40, 0), 0);
    assert.equal(historyStepCount(1, 10), 0);
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

  it('reads a range answer\'s last step as an instant answer, or says it has no point there', () => {
    const answer = [series('a', 'X', [10, 12.345], [1, 2]), series('b', 'X', [10], [5]), series('a', 'Y', [12.345], [7])];
    assert.deepEqual(valuesAt(answer, 12_345), [
      { labels: answer[0].labels, value: 2 },
      { labels: answer[2].labels, value: 7 },
    ]);
    assert.equal(valuesAt(answer, 12_000), null, 'steps moved by the engine');
    assert.equal(valuesAt([], 12_345), null);
  });
});
