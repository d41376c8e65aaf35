// ConcurrencyLimit: never more than N tasks at once, waiting ones start in order, and a task
// that fails gives its place back.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyLimit } from '../../src/feed/concurrency-limit.js';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ConcurrencyLimit', () => {
  it('runs at most N at once, the rest in the order they came', async () => {
    const limit = new ConcurrencyLimit(2);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const results = Array.from({ length: 5 }, (_, i) =>
      limit.run(() => {
        started.push(i);
        return new Promise<number>((resolve) => finish.push(() => resolve(i)));
      }),
    );
    await flush();
    assert.deepEqual(started, [0, 1]);
    assert.equal(limit.running, 2);
    finish[1]();
    await flush();
    assert.deepEqual(started, [0, 1, 2]);
    finish[0]();
    finish[2]();
    await flush();
    assert.deepEqual(started, [0, 1, 2, 3, 4]);
    finish[3]();
    finish[4]();
    assert.deepEqual(await Promise.all(results), [0, 1, 2, 3, 4]);
    assert.equal(limit.running, 0);
  });

  it('a task that rejects gives its place to the next', async () => {
    const limit = new ConcurrencyLimit(1);
    const failed = limit.run(() => Promise.reject(new Error('no')));
    const next = limit.run(() => Promise.resolve('yes'));
    await assert.rejects(failed, /no/);
    assert.equal(await next, 'yes');
    assert.equal(limit.running, 0);
  });

  it('refuses a limit below one', () => {
    assert.throws(() => new ConcurrencyLimit(0), RangeError);
  });
});
