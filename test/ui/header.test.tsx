import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphsFor } from '../../src/model/glyphs.js';
import { buildHeaderView, clockPeriodMs, type HeaderInput } from '../../src/model/header-view.js';
import { initialScrapeStatus, type ScrapeStatus } from '../../src/model/scrape-status.js';
import { segmentLine } from '../../src/ui/pane-title.js';
import { paneText, sampleTime, syntheticState } from './support.js';

const { snapshot, trend } = syntheticState(8);
const ok: ScrapeStatus = { ...initialScrapeStatus(2000), snapshot, trend, answered: 8, lastOkMs: sampleTime(7), updatedMs: sampleTime(7) };
const failure = { kind: 'timeout' as const, message: 'no complete answer from 127.0.0.1:8888 within 2s', atMs: sampleTime(10) };
const base: HeaderInput = { target: 'http://peer0:8888/metrics', status: ok, paused: false, nowMs: sampleTime(7) + 3200, width: 79, glyphs: glyphsFor(false) };

function frame(input: Partial<HeaderInput>): string {
  const merged = { ...base, ...input };
  return paneText([segmentLine(buildHeaderView(merged).segments, false)]);
}

describe('Header', () => {
  it('shows target, uptime, data age, interval and an ok status', () => {
    assert.equal(frame({}), 'cluster-top http://peer0:8888/metrics  up 1h  data 3s  every 2s  ● ok');
  });

  it('ticks while an age on screen would stand still: the spinner, a slow interval, and a paused display', () => {
    assert.equal(clockPeriodMs({ paused: false, waiting: true, intervalMs: 2000 }), 250);
    assert.equal(clockPeriodMs({ paused: false, waiting: false, intervalMs: 2000 }), 1000);
    assert.equal(clockPeriodMs({ paused: false, waiting: false, intervalMs: 1000 }), null, 'each scrape redraws the age');
    assert.equal(clockPeriodMs({ paused: true, waiting: false, intervalMs: 500 }), 1000, 'paused: the held data ages');
  });

  it('shows the age of the held data while paused', () => {
    assert.equal(frame({ paused: true, nowMs: sampleTime(7) + 12_400, width: 99 }), 'cluster-top http://peer0:8888/metrics  ‖ paused  up 1h  data 12s  every 2s  ● ok');
  });

  it('spins until the first scrape answers', () => {
    const waiting = { ...initialScrapeStatus(2000), connecting: true };
    assert.equal(frame({ status: waiting, nowMs: 0 }), 'cluster-top http://peer0:8888/metrics  every 2s  ⠋ connecting');
    assert.equal(frame({ status: waiting, nowMs: 250 }), 'cluster-top http://peer0:8888/metrics  every 2s  ⠙ connecting');
  });

  it('says stale, with its age and the escaped error, while keeping the last data (80 columns)', () => {
    const stale = { ...ok, failure: { ...failure, message: 'bad\u001b[31m status' } };
    assert.equal(frame({ status: stale, nowMs: sampleTime(10) }), 'cluster-top http://peer0:8888…  up 1h  every 2s  ▲ stale 3s: bad\\x1b[31m status');
  });

  it('says down, in the fleet\'s words, when nothing listens or no data came for two intervals', () => {
    const refused = { ...ok, failure: { kind: 'refused' as const, message: 'connection refused by 127.0.0.1:8888', atMs: sampleTime(8) } };
    assert.equal(frame({ status: refused, nowMs: sampleTime(8) }), 'cluster-top http://peer0:88…  ✖ down, data 1s old: connection refused by 127.0…');
    const silent = { ...ok, failure };
    assert.equal(frame({ status: silent, nowMs: sampleTime(12), width: 139 }), 'cluster-top http://peer0:8888/metrics  every 2s  ✖ down, data 5s old: no complete answer from 127.0.0.1:8888 within 2s', 'no uptime beside down');
  });

  it('shortens the target, then drops facts, then cuts the error at 80 columns; keeps all at 140', () => {
    const stale = { ...ok, failure };
    assert.equal(frame({ status: stale, nowMs: sampleTime(10), paused: true }), 'cluster-top http://peer0:88…  ‖ paused  ▲ stale 3s: no complete answer from 12…');
    assert.equal(
      frame({ status: stale, nowMs: sampleTime(10), paused: true, width: 139 }),
      'cluster-top http://peer0:8888/metrics  ‖ paused  up 1h  every 2s  ▲ stale 3s: no complete answer from 127.0.0.1:8888 within 2s',
    );
  });

  it('shows a truncation notice, escaped, instead of ok', () => {
    const cut = { ...ok, notice: 'truncated: 3 samples dropped\u001b[2J' };
    assert.equal(frame({ status: cut, width: 119 }), 'cluster-top http://peer0:8888/metrics  up 1h  data 3s  every 2s  ▲ truncated: 3 samples dropped\\x1b[2J');
  });

  it('shows the error alone before any data, and a restart notice for a minute', () => {
    const failed = { ...initialScrapeStatus(1000), failure: { kind: 'refused' as const, message: 'connect ECONNREFUSED 127.0.0.1:8888', atMs: sampleTime(8) }, answered: 1 };
    assert.equal(frame({ status: failed, glyphs: glyphsFor(true) }), 'cluster-top http://peer0:8888~  every 1s  x connect ECONNREFUSED 127.0.0.1:8888');
    const restarted = { ...ok, restartedAtMs: sampleTime(7) };
    assert.equal(frame({ status: restarted, width: 119 }), 'cluster-top http://peer0:8888/metrics  up 1h  data 3s  every 2s  peer restarted 3s ago  ● ok');
  });
});
