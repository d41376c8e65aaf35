// PublishThrottle on mocked timers: one firing per gap, requests inside a gap merged into one at
// its end, fireNow() at once whatever the gap, cancel() drops a waiting firing.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PublishThrottle } from '../../src/feed/publish-throttle.js';

test('fires at most once per gap, the requests inside it merged into one at its end', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let clock = 0;
  const fired: number[] = [];
  const throttle = new PublishThrottle(100, () => clock, () => fired.push(clock));
  throttle.request();
  assert.deepEqual(fired, [0]);
  clock = 30;
  throttle.request();
  clock = 60;
  throttle.request();
  assert.deepEqual(fired, [0]);
  clock = 100;
  t.mock.timers.tick(70);
  assert.deepEqual(fired, [0, 100], 'one firing for both requests, at the end of the gap');
  clock = 250;
  throttle.request();
  assert.deepEqual(fired, [0, 100, 250], 'after the gap, at once');
  clock = 260;
  throttle.request();
  throttle.fireNow();
  assert.deepEqual(fired, [0, 100, 250, 260], 'fireNow does not wait');
  t.mock.timers.tick(200);
  assert.deepEqual(fired, [0, 100, 250, 260], 'and replaces the firing that waited');
  clock = 300;
  throttle.request();
  throttle.cancel();
  t.mock.timers.tick(200);
  assert.deepEqual(fired, [0, 100, 250, 260]);
});
