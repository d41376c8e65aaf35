// PollScheduler on mocked timers and a manual clock: runs start one interval apart, a slow run
// delays the next one instead of overlapping it, and interval changes, kicks, a late start and
// stop() behave as the live view, the traces loop and `record` rely on.

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { PollScheduler } from '../../src/feed/poll-scheduler.js';

/** A run the test ends by hand. */
interface Gate {
  readonly started: number[];
  open: number;
  maxOpen: number;
  release: () => void;
}

/** A scheduler over mocked timers; every run stays open until the test releases it (or at once with `instant`). */
function setup(t: TestContext, intervalMs: number, instant = false) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
  let clock = 0;
  const gate: Gate = { started: [], open: 0, maxOpen: 0, release: () => undefined };
  const waiting: (() => void)[] = [];
  gate.release = () => waiting.shift()?.();
  const scheduler = new PollScheduler({
    intervalMs,
    now: () => clock,
    run: async () => {
      gate.started.push(clock);
      gate.open++;
      gate.maxOpen = Math.max(gate.maxOpen, gate.open);
      if (!instant) await new Promise<void>((resolve) => waiting.push(resolve));
      gate.open--;
    },
  });
  /** Moves the clock and the mocked timers on by `ms`, letting promise callbacks run between. */
  const advance = async (ms: number) => {
    for (let i = 0; i < ms; i++) {
      clock++;
      t.mock.timers.tick(1);
      await flush();
    }
    await flush();
  };
  return { scheduler, gate, advance, flush };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('PollScheduler', () => {
  it('runs at once and then one interval after each start', async (t) => {
    const { scheduler, gate, advance } = setup(t, 100, true);
    scheduler.start();
    await flush();
    assert.deepEqual(gate.started, [0]);
    await advance(99);
    assert.deepEqual(gate.started, [0]);
    await advance(1);
    assert.deepEqual(gate.started, [0, 100]);
    await advance(200);
    assert.deepEqual(gate.started, [0, 100, 200, 300]);
    scheduler.stop();
  });

  it('never overlaps: a run longer than the interval delays the next one until it ends', async (t) => {
    const { scheduler, gate, advance } = setup(t, 100);
    scheduler.start();
    await advance(350);
    assert.deepEqual(gate.started, [0], 'no second run while the first is open');
    gate.release();
    await advance(0);
    t.mock.timers.tick(0); // the overdue run goes on the next turn (setImmediate)
    await flush();
    assert.deepEqual(gate.started, [0, 350]);
    assert.equal(gate.maxOpen, 1);
    gate.release();
    scheduler.stop();
  });

  it('reschedules the pending run from the last start when the interval changes', async (t) => {
    const { scheduler, gate, advance } = setup(t, 1000, true);
    scheduler.start();
    await advance(100);
    scheduler.setInterval(250);
    assert.equal(scheduler.intervalMs, 250);
    await advance(149);
    assert.deepEqual(gate.started, [0]);
    await advance(1);
    assert.deepEqual(gate.started, [0, 250]);
    scheduler.stop();
  });

  it('kick() runs at once when idle, and right after the run in flight otherwise', async (t) => {
    const { scheduler, gate, advance } = setup(t, 1000);
    scheduler.start();
    await advance(10);
    scheduler.kick();
    scheduler.kick();
    assert.deepEqual(gate.started, [0], 'not while the first run is open');
    gate.release();
    await flush();
    assert.deepEqual(gate.started, [0, 10], 'once, right after it');
    gate.release();
    await advance(20);
    scheduler.kick();
    await flush();
    assert.deepEqual(gate.started, [0, 10, 30]);
    gate.release();
    scheduler.stop();
  });

  it('starts one interval after a run made outside it', async (t) => {
    const { scheduler, gate, advance } = setup(t, 500, true);
    await advance(200);
    scheduler.start(100);
    await advance(399);
    assert.deepEqual(gate.started, []);
    await advance(1);
    assert.deepEqual(gate.started, [600]);
    scheduler.stop();
  });

  it('after stop() the run in flight ends and nothing else runs', async (t) => {
    const { scheduler, gate, advance } = setup(t, 100);
    scheduler.start();
    await advance(50);
    scheduler.stop();
    gate.release();
    await advance(500);
    scheduler.kick();
    await flush();
    assert.deepEqual(gate.started, [0]);
    assert.equal(scheduler.isStopped, true);
  });

  it('hands a rejection to onError, and stops when it says so', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout', 'setImmediate'] });
    const errors: unknown[] = [];
    let runs = 0;
    const keepGoing = new PollScheduler({
      intervalMs: 0,
      run: async () => {
        runs++;
        throw new Error(`boom ${runs}`);
      },
      onError: (error) => {
        errors.push(error);
        return errors.length < 3;
      },
    });
    keepGoing.start();
    for (let i = 0; i < 10; i++) {
      await flush();
      t.mock.timers.tick(0);
    }
    assert.deepEqual(errors.map((e) => (e as Error).message), ['boom 1', 'boom 2', 'boom 3']);
    assert.equal(keepGoing.isStopped, true);
  });
});
