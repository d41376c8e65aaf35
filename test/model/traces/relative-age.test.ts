// The one relative-age format of every trace view: short, whole units, telling recent traces apart.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { relativeAge } from '../../../src/model/traces/relative-age.js';

test('ages are short and tell recent traces apart', () => {
  const now = 1_800_000_000_000;
  assert.equal(relativeAge(now, now), '0s ago');
  assert.equal(relativeAge(now - 12_400, now), '12s ago');
  assert.equal(relativeAge(now - 59_000, now), '59s ago');
  assert.equal(relativeAge(now - 61_000, now), '1m ago');
  assert.equal(relativeAge(now - 3_599_000, now), '59m ago');
  assert.equal(relativeAge(now - 7_300_000, now), '2h ago');
  assert.equal(relativeAge(now - 3 * 86_400_000, now), '3d ago');
  assert.equal(relativeAge(now - 999 * 86_400_000, now), '999d ago', 'still 8 cells');
  assert.equal(relativeAge(now + 5_000, now), 'in 5s', 'a clock ahead of ours');
});
