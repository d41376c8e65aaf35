// What the demo REST API knows at an instant, without HTTP: answers depend on the instant only
// (not on how often or in which order it was asked), a down peer's informer values freeze at its
// outage, an outage shorter than a ping's life raises no alert, and the pin filter's parsing.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterPeerId, createDemoDirectory } from '../../../src/sources/demo/demo-rest-ids.js';
import type { FaultSchedule } from '../../../src/sources/demo/fault-spec.js';
import { alertsAt, metricsAt, parseStatusFilter, peerAt, pinErrorsAt, PING_PERIOD_MS, tickAtOrBefore, type RestView } from '../../../src/sources/demo/demo-rest-view.js';
import { NORMAL_PINS } from '../../../src/sources/demo/pin-pipeline.js';
import { createDemoPeerState } from '../../../src/sources/demo/peer-state.js';

const START = Date.UTC(2026, 11, 6, 12, 0, 0);

/** Two peers: demo-1 healthy; demo-2 failing pins, pinning one at a time (its queue moves), down from 60 s to 90 s (or as `faults` says). */
function view(faults: FaultSchedule = [{ fault: 'refused', fromMs: 60_000, toMs: 90_000 }]): RestView {
  return {
    startMs: START,
    directory: createDemoDirectory(2),
    peers: [
      { k: 1, state: createDemoPeerState({ seed: 11, startMs: START, pinTuning: { ...NORMAL_PINS, failureShare: 0 } }), faults: [] },
      { k: 2, state: createDemoPeerState({ seed: 12, startMs: START, pinTuning: { failureShare: 0.35, concurrency: 1, slowFactor: 3 } }), faults },
    ],
  };
}

describe('the demo REST API\'s view of the cluster', () => {
  it('answers by the instant alone, however often and in whichever order it is asked', () => {
    const asked = view();
    const fresh = view();
    for (const at of [START + 5_000, START + 20_000, START + 40_000]) metricsAt(asked, 'pinqueue', at);
    const at = START + 45_000;
    assert.deepEqual(metricsAt(asked, 'pinqueue', at), metricsAt(fresh, 'pinqueue', at));
    assert.deepEqual(pinErrorsAt(asked, new Set(['pin_error']), at), pinErrorsAt(fresh, new Set(['pin_error']), at));
    assert.ok(pinErrorsAt(fresh, new Set(['pin_error']), at).length > 0, 'demo-2 has pins in error');
  });

  it('freezes a down peer\'s informer values where it went down', () => {
    const id2 = clusterPeerId(2);
    const queueOf = (v: RestView, at: number) => metricsAt(v, 'pinqueue', at).find((m) => m.peer === id2);
    const down = view();
    const before = queueOf(view(), START + 59_999);
    for (const at of [START + 61_000, START + 70_000, START + 75_000]) assert.deepEqual(queueOf(down, at), before, `at +${at - START} ms`);
  });

  it('raises no alert for an outage that ends before its last ping expires', () => {
    const v = view([{ fault: 'refused', fromMs: 60_000, toMs: 60_500 }]);
    assert.equal(peerAt(v, v.peers[1], START + 60_200).inPeerset, true);
    assert.deepEqual(alertsAt(v, START + 120_000), []);
    assert.equal(alertsAt(view(), START + 120_000).length, 1);
  });

  it('ticks on each peer\'s own phase', () => {
    const v = view();
    const t1 = tickAtOrBefore(v, 1, PING_PERIOD_MS, START + 30_000);
    const t2 = tickAtOrBefore(v, 2, PING_PERIOD_MS, START + 30_000);
    assert.notEqual(t1, t2);
    for (const t of [t1, t2]) assert.ok(t <= START + 30_000 && t > START + 30_000 - PING_PERIOD_MS);
    assert.equal(tickAtOrBefore(v, 1, PING_PERIOD_MS, t1), t1);
  });

  it('parses a pin filter as v1.1.6 does: unknown names dropped, none known is an error, error = the three errors', () => {
    assert.deepEqual([...parseStatusFilter('pin_error,unpin_error,cluster_error')!].sort(), ['cluster_error', 'pin_error', 'unpin_error']);
    assert.deepEqual([...parseStatusFilter('pinned,bogus')!], ['pinned']);
    assert.equal(parseStatusFilter('bogus'), null);
    assert.ok(parseStatusFilter('error')!.has('cluster_error'));
    assert.ok(parseStatusFilter(null)!.has('pinned'));
  });
});
