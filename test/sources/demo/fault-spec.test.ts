// The --faults grammar: items alone, from a time until the next item, in a window; events once;
// and errors that name the item at fault.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeFaults, describeSchedule, dueEvents, FAULT_NAMES, parseFaultSpec, type FaultSchedule } from '../../../src/sources/demo/fault-spec.js';

function parsed(spec: string): FaultSchedule {
  const r = parseFaultSpec(spec);
  if ('error' in r) assert.fail(r.error);
  return r.schedule;
}

test('the example schedule: a window, a start that lasts until the next item, an event', () => {
  const s = parsed('refused@10s-20s,stall@30s,restart@40s');
  assert.deepEqual(s, [
    { fault: 'refused', fromMs: 10_000, toMs: 20_000 },
    { fault: 'stall', fromMs: 30_000, toMs: 40_000 },
    { fault: 'restart', fromMs: 40_000, toMs: 40_000 },
  ]);
  assert.deepEqual(activeFaults(s, 9_999), []);
  assert.deepEqual(activeFaults(s, 10_000), ['refused']);
  assert.deepEqual(activeFaults(s, 25_000), []);
  assert.deepEqual(activeFaults(s, 39_999), ['stall']);
  assert.deepEqual(activeFaults(s, 40_000), [], 'an event is never "on"');
  assert.deepEqual(dueEvents(s, 39_000, 41_000).map((e) => e.fault), ['restart']);
  assert.deepEqual(dueEvents(s, 40_000, 50_000), [], 'once only');
  assert.equal(describeSchedule(s), 'refused 10s-20s, stall 30s-40s, restart at 40s');
});

test('a name alone is on all the time (an event: at once); faults combine', () => {
  const s = parsed(' escapes , churn@1m30s, counter-reset ');
  assert.deepEqual(activeFaults(s, 0), ['escapes']);
  assert.deepEqual(activeFaults(s, 90_000), ['escapes', 'churn']);
  assert.deepEqual(dueEvents(s, -1, 0).map((e) => e.fault), ['counter-reset']);
  assert.equal(describeSchedule(s), 'escapes always, churn from 90s, counter-reset at 0s');
  assert.deepEqual(parsed(''), []);
  assert.equal(describeSchedule([]), 'no faults');
});

test('every fault name parses', () => {
  for (const name of FAULT_NAMES) assert.equal(parsed(name)[0].fault, name);
});

test('errors name the item and what is wrong', () => {
  const error = (spec: string) => {
    const r = parseFaultSpec(spec);
    assert.ok('error' in r, spec);
    return r.error;
  };
  assert.match(error('stall,explode'), /^--faults: unknown fault "explode" \(known: refused, http-500, /);
  assert.equal(error('stall@soon'), '--faults: "stall@soon": START must be a duration like 10s, 1m30s or 500ms');
  assert.equal(error('stall@10s-5s'), '--faults: "stall@10s-5s": END must be after START');
  assert.equal(error('restart@1s-2s'), '--faults: "restart@1s-2s": restart is an event and takes no END');
  assert.equal(error('stall@1s-'), '--faults: "stall@1s-" is not NAME, NAME@START or NAME@START-END');
  assert.equal(error('stall,,drip'), '--faults: "" is not NAME, NAME@START or NAME@START-END');
});
