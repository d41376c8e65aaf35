// The fleet list's clock: while new states keep coming (each with its own time) the view takes
// their time and no clock tick rebuilds it in between; once they stop (paused, a slow server) the
// clock ticks again, so that stale ages still move. Timers are node:test's mock timers; React
// renders after the scheduler's turn, which the test awaits.

import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { useDataClock } from '../../src/ui/use-clock.js';
import { renderAt } from './support.js';

/** Renders a probe of useDataClock; `show(atMs)` hands it a new state time. */
function probe(t: TestContext, clock: { ms: number }) {
  const seen: number[] = [];
  const now = () => clock.ms;
  function Probe({ atMs }: { readonly atMs: number | undefined }) {
    seen.push(useDataClock(1000, atMs, now));
    return null;
  }
  const rendered = renderAt(<Probe atMs={undefined} />, 40, 5);
  t.after(() => rendered.instance.unmount());
  return { seen, show: (atMs: number | undefined) => rendered.instance.rerender(<Probe atMs={atMs} />) };
}

/** Lets React's scheduler run (it renders on a later turn than a state update). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('useDataClock', () => {
  it('shows each new state at its own time, with no tick between states 1.1 s apart', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = { ms: 10_000 };
    const { seen, show } = probe(t, clock);
    show(clock.ms);
    await settle();
    const before = seen.length;
    for (let k = 1; k <= 6; k++) {
      for (let ms = 0; ms < 1100; ms += 100) {
        clock.ms += 100;
        t.mock.timers.tick(100);
        await settle();
      }
      show(clock.ms);
      await settle();
    }
    // React may render twice with the same value (a view memoized on it is built once); a plain
    // one-second ticker would have shown 11 000, 12 000, … between the states.
    const values = seen.slice(before).filter((v, i, all) => i === 0 || v !== all[i - 1]);
    assert.deepEqual(values, [11_100, 12_200, 13_300, 14_400, 15_500, 16_600]);
  });

  it('ticks again once states stop coming, a period and a half after the last, then every period', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = { ms: 10_000 };
    const { seen, show } = probe(t, clock);
    show(10_000);
    await settle();
    const before = seen.length;
    for (const step of [1000, 499, 1, 999, 1]) {
      clock.ms += step;
      t.mock.timers.tick(step);
      await settle();
    }
    assert.deepEqual(seen.slice(before), [11_500, 12_500], 'ticks at 1.5 s and 2.5 s after the last state');
  });

  it('without a state time, ticks every period like a plain clock', async (t) => {
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const clock = { ms: 10_000 };
    const { seen } = probe(t, clock);
    await settle();
    const before = seen.length;
    for (let k = 0; k < 4; k++) {
      clock.ms += 500;
      t.mock.timers.tick(500);
      await settle();
    }
    assert.deepEqual(seen.slice(before), [11_000, 12_000], 'at 1 s and 2 s');
  });
});
