// The fleet's peers: health from the scrape status, trouble order and the other sorts, the
// filter, the worst-quantile series, and the summary (pinset shown once, disagreeing peers).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareTrouble, filterFleet, fleetPeer, fleetSummary, peerHealth, pinsetSpeed, pinsetSpeedOf, sortFleet, worstQuantileSeries, type FleetPeer } from '../../src/model/fleet-peers.js';
import { sampleAt } from '../support/samples.js';
import { initialScrapeStatus, type ScrapeStatus } from '../../src/model/scrape-status.js';
import { samplesWith, statusOf } from '../support/fleet-status.js';

const peer = (name: string, status: ScrapeStatus, nowMs = 1500): FleetPeer => fleetPeer({ name, target: `http://${name}/metrics`, status }, 0.95, nowMs);

describe('fleet peers', () => {
  it("pinset speed: from a peer's oldest and newest finite pinset gauge, as pinsetSpeedOf gives it", () => {
    const pins = fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.constantFrom(NaN, Infinity));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), pins), { maxLength: 12 }), (points) => {
        let t = 0;
        const samples = points.map(([dt, p]) => {
          const s = sampleAt((t += dt), null, []);
          return { ...s, gauges: { ...s.gauges, pins: p } };
        });
        assert.equal(pinsetSpeed(samples), pinsetSpeedOf(samples.map((s) => ({ tMs: s.tMs, pins: s.gauges.pins }))));
      }),
    );
    const two = [sampleAt(1000, null, []), sampleAt(3000, null, [])].map((s, i) => ({ ...s, gauges: { ...s.gauges, pins: 10 + 4 * i } }));
    assert.equal(pinsetSpeed(two), 2, '4 pins in 2 s');
  });
  it('health: up after a good poll, stale after a failed one, down when unreachable or silent for two intervals', () => {
    const good = samplesWith({});
    assert.equal(peerHealth(statusOf(good), 1500), 'up');
    assert.equal(peerHealth(statusOf(good, [{ kind: 'timeout', atMs: 2000 }]), 2500), 'stale');
    assert.equal(peerHealth(statusOf(good, [{ kind: 'timeout', atMs: 2000 }, { kind: 'timeout', atMs: 3000 }]), 3000), 'down', 'two intervals after the last good data');
    assert.equal(peerHealth(statusOf(good, [{ kind: 'refused', atMs: 2000 }]), 2000), 'down', 'refused: nothing listens');
    assert.equal(peerHealth(statusOf([], [{ kind: 'timeout', atMs: 2000 }]), 2000), 'down', 'never read');
    assert.equal(peerHealth(initialScrapeStatus(1000, 0), 0), 'down', 'not polled yet');
  });

  it('a peer keeps its last data, its age and the reason while not up', () => {
    const p = peer('a', statusOf(samplesWith({ pins: 7 }), [{ kind: 'timeout', atMs: 2000 }]), 2600);
    assert.equal(p.health, 'stale');
    assert.equal(p.staleForMs, 1600);
    assert.equal(p.reason, 'timeout!');
    assert.equal(p.snapshot?.cluster.pins, 7);
  });

  it('worst method and its series: the slowest method at the fleet quantile', () => {
    const p = peer('a', statusOf(samplesWith({}, 2)));
    assert.equal(p.worst?.method, 'Cluster.Pin');
    assert.ok(p.worst!.latencyMs > 10 && p.worst!.latencyMs <= 100, String(p.worst?.latencyMs));
    const series = worstQuantileSeries(p.trend, 0.95, 10);
    assert.equal(series.length, 2);
    assert.equal(series[0], null, 'one sample: no rate yet');
    assert.equal(series[1], p.worst!.latencyMs);
  });

  it('trouble order: down, stale, pin errors, growing queue, slowest; then by name', () => {
    const ok = samplesWith({});
    const peers = [
      peer('fast', statusOf(ok)),
      peer('slow', statusOf(samplesWith({}, 3))),
      peer('queue', statusOf(ok, [], true)),
      peer('errors', statusOf(samplesWith({ pinErrors: 3 }))),
      peer('stale', statusOf(ok, [{ kind: 'timeout', atMs: 1500 }])),
      peer('down', statusOf(ok, [{ kind: 'refused', atMs: 1500 }])),
      peer('fast2', statusOf(ok)),
    ];
    assert.deepEqual([...peers].sort(compareTrouble).map((p) => p.name), ['down', 'stale', 'errors', 'queue', 'slow', 'fast', 'fast2']);
    assert.deepEqual(sortFleet(peers, 'name').map((p) => p.name), ['down', 'errors', 'fast', 'fast2', 'queue', 'slow', 'stale']);
    assert.equal(sortFleet(peers, 'errors')[0].name, 'errors');
    assert.equal(sortFleet(peers, 'latency')[0].name, 'slow');
    assert.deepEqual(filterFleet(peers, 'FAST').map((p) => p.name), ['fast', 'fast2']);
  });

  it('a longer queue ranks above a shorter one, even when it stopped growing', () => {
    const peers = [peer('empty', statusOf(samplesWith({ pinQueued: 0 }))), peer('long', statusOf(samplesWith({ pinQueued: 441 }))), peer('short', statusOf(samplesWith({ pinQueued: 3 })))];
    assert.deepEqual([...peers].sort(compareTrouble).map((p) => p.name), ['long', 'short', 'empty']);
  });

  it('a replay at its end shows its last data as stale, not down', () => {
    let status = statusOf(samplesWith({}));
    status = { ...status, failure: { kind: 'replay-end', message: 'end of recording', atMs: 99_000 } };
    assert.equal(peerHealth(status, 99_000), 'stale');
  });

  it('out of sync: not for a pin added between two scrapes, yes for a peer behind by more', () => {
    const at = (name: string, pins: number, toMs: number, pinsPerSecond: number | null) => {
      const status = statusOf(samplesWith({ pins }));
      return fleetPeer({ name, target: name, status: { ...status, snapshot: { ...status.snapshot!, to: toMs } }, pinsPerSecond }, 0.95, toMs);
    };
    const scrapedLater = [at('a', 100, 1000, 0.5), at('b', 100, 1000, 0.5), at('c', 101, 3000, 0.5)];
    assert.deepEqual(fleetSummary(scrapedLater).pinsetDisagree, [], 'one pin in 2 s at 0.5 pins/s is timing');
    const behind = [at('a', 100, 1000, 0.5), at('b', 100, 1000, 0.5), at('c', 90, 3000, 0.5)];
    assert.deepEqual(fleetSummary(behind).pinsetDisagree, ['c']);
    const sameMoment = [at('a', 100, 1000, 0.5), at('b', 100, 1000, 0.5), at('c', 101, 1000, 0.5)];
    assert.deepEqual(fleetSummary(sameMoment).pinsetDisagree, ['c'], 'scraped at the same moment, one pin is a difference');
    // A server's answers are all at one instant (`to`); each peer's gauges were scraped before it.
    const fromServer = (name: string, pins: number, sampledMs: number) => {
      const status = statusOf(samplesWith({ pins }));
      return fleetPeer({ name, target: name, status: { ...status, snapshot: { ...status.snapshot!, to: 5000, sampledMs } }, pinsPerSecond: 0.5 }, 0.95, 5000);
    };
    assert.deepEqual(fleetSummary([fromServer('a', 100, 1000), fromServer('b', 100, 1000), fromServer('c', 101, 3000)]).pinsetDisagree, [], 'scraped 2 s apart before the instant');
    assert.deepEqual(fleetSummary([fromServer('a', 100, 1000), fromServer('b', 100, 1000), fromServer('c', 101, 1000)]).pinsetDisagree, ['c']);
  });

  it('out of sync: each peer measured against the agreeing peer scraped nearest in time, as comparing every pair gives', () => {
    const member = fc.record({ pins: fc.integer({ min: 98, max: 102 }), toMs: fc.integer({ min: 0, max: 10_000 }), speed: fc.option(fc.double({ min: -5, max: 5, noNaN: true })) });
    fc.assert(
      fc.property(fc.array(member, { minLength: 1, maxLength: 30 }), (members) => {
        const peers = members.map((m, i) => {
          const status = statusOf(samplesWith({ pins: m.pins }));
          return fleetPeer({ name: `p${i}`, target: `p${i}`, status: { ...status, snapshot: { ...status.snapshot!, to: m.toMs } }, pinsPerSecond: m.speed }, 0.95, 10_000);
        });
        const { pinset, pinsetDisagree } = fleetSummary(peers);
        // The definition, pair by pair: behind by more than the fastest peer's speed covers in the
        // time to the nearest agreeing scrape.
        const speed = Math.max(0, ...members.map((m) => Math.abs(m.speed ?? 0)));
        const agreeing = members.filter((m) => m.pins === pinset);
        const expected = members.flatMap((m, i) => {
          if (m.pins === pinset) return [];
          const skew = Math.min(...agreeing.map((a) => Math.abs(a.toMs - m.toMs)));
          return Math.abs(m.pins - pinset!) > Math.ceil((speed * skew) / 1000) ? [`p${i}`] : [];
        });
        assert.deepEqual(pinsetDisagree, expected.sort());
      }),
      { numRuns: 300 },
    );
  });

  it('names sort as people number peers: demo-2 before demo-10', () => {
    const ok = statusOf(samplesWith({}));
    assert.deepEqual(sortFleet(['demo-10', 'demo-2', 'demo-1'].map((n) => peer(n, ok)), 'name').map((p) => p.name), ['demo-1', 'demo-2', 'demo-10']);
  });

  it('summary: the pinset once (never summed), out-of-sync peers named, queues and errors summed over peers with data', () => {
    const peers = [
      peer('a', statusOf(samplesWith({ pins: 100, pinQueued: 2, pinning: 1, pinErrors: 0 }))),
      peer('b', statusOf(samplesWith({ pins: 100, pinQueued: 3, pinning: 0, pinErrors: 4 }))),
      peer('c', statusOf(samplesWith({ pins: 98, pinQueued: 0, pinning: 2, pinErrors: 0 }))),
      peer('d', statusOf(samplesWith({ pins: 50, pinQueued: 9, pinning: 9, pinErrors: 9 }), [{ kind: 'refused', atMs: 1500 }])),
    ];
    assert.deepEqual(fleetSummary(peers), { peersUp: 3, peersTotal: 4, pinset: 100, pinsetDisagree: ['c'], pinQueued: 5, pinning: 3, pinErrors: 4 });
    const none = fleetSummary([peers[3]]);
    assert.equal(none.pinset, null);
    assert.equal(none.pinQueued, null);
  });
});
