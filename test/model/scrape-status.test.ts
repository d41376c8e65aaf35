import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialScrapeStatus, scrapeStatusReducer, stepInterval, type ScrapeStatus } from '../../src/model/scrape-status.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { sampleAt } from '../support/samples.js';

const snapshot = buildSnapshot([sampleAt(1000, null, [])], { target: 't', quantile: 0.95, windowMs: 60_000, variant: 'prom3' });
const ok = { type: 'poll-succeeded' as const, atMs: 5000, snapshot, trend: [], queueGrowing: false, durationMs: 4, restarted: false };
const fail = { type: 'poll-failed' as const, atMs: 7000, kind: 'timeout' as const, message: 'timed out\u001b[2J', trend: [] };

describe('scrapeStatusReducer', () => {
  it('shows only the first poll as connecting', () => {
    const s0 = initialScrapeStatus(1000);
    const s1 = scrapeStatusReducer(s0, { type: 'poll-started', atMs: 10 });
    assert.equal(s1.connecting, true);
    const s2 = scrapeStatusReducer(s1, ok);
    assert.equal(s2.connecting, false);
    assert.equal(scrapeStatusReducer(s2, { type: 'poll-started', atMs: 6000 }), s2, 'later polls do not re-render');
  });

  it('keeps the last good data through a failure, with the message escaped, until the next success', () => {
    const failed = [ok, fail].reduce<ScrapeStatus>(scrapeStatusReducer, initialScrapeStatus(1000));
    assert.equal(failed.snapshot, snapshot);
    assert.equal(failed.lastOkMs, 5000);
    assert.deepEqual(failed.failure, { kind: 'timeout', message: 'timed out\\x1b[2J', atMs: 7000 });
    const recovered = scrapeStatusReducer(failed, { ...ok, atMs: 9000, restarted: true });
    assert.deepEqual([recovered.failure, recovered.restartedAtMs, recovered.answered], [null, 9000, 3]);
  });

  it('records interval changes', () => {
    const s = scrapeStatusReducer(initialScrapeStatus(1000), { type: 'interval-set', intervalMs: 2000, atMs: 1 });
    assert.equal(s.intervalMs, 2000);
    assert.equal(scrapeStatusReducer(s, { type: 'interval-set', intervalMs: 2000, atMs: 2 }), s);
  });
});

describe('stepInterval', () => {
  it('steps to the next longer or shorter interval, stopping at the ends', () => {
    assert.deepEqual([stepInterval(1000, 1), stepInterval(1000, -1), stepInterval(1500, 1), stepInterval(1500, -1)], [2000, 500, 2000, 1000]);
    assert.deepEqual([stepInterval(100, -1), stepInterval(60_000, 1)], [100, 60_000]);
  });
});
