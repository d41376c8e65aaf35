// Counter resets and restarts of a real loopback peer, through the real feed and the model: a reset
// never gives a negative rate or a latency spike (compared with the same peer without the reset),
// a restart is detected, cuts the history and is said by `--once`. (Latency quantiles after a reset
// differ slightly from the clean peer's even later: Prometheus' extrapolation clamps at the counter's
// zero point, which depends on the absolute values.)

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { MonitorOptions } from '../../src/cli/args.js';
import { runOnce } from '../../src/cli/once.js';
import { createHttpFeed, type PeerFeed } from '../../src/feed/peer-feed.js';
import { PeerHistory, RESTART_NOTE } from '../../src/model/history.js';
import { buildSnapshot, rpcRows, type PeerSnapshot } from '../../src/model/snapshot.js';
import { startDemoPeer } from '../../src/sources/demo/server.js';
import { schedule } from '../support/faulty-peer.js';

const WINDOW_MS = 60_000;
const STEP_MS = 2000;

/** Two peers on one simulated clock (same seed), each with its feed and history. */
async function twins(t: TestContext): Promise<{ tick: () => void; clean: Twin; faulty: Twin }> {
  let clock = Date.now();
  const make = async (): Promise<Twin> => {
    const peer = await startDemoPeer({ jaeger: false, now: () => clock, faults: [] });
    const feed = createHttpFeed({ url: peer.url, timeoutMs: 5000, maxBodyBytes: 64 * 1024 * 1024 });
    t.after(async () => {
      feed.close();
      await peer.close();
    });
    const history = new PeerHistory({ windowMs: WINDOW_MS, maxSamples: 1000 });
    return {
      set: (spec) => peer.setFaults!(schedule(spec)),
      async poll() {
        const outcome = await feed.poll();
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
        // Scrapes stamped with the simulated time, so that rates are per simulated second.
        const pushed = history.push({ ...outcome.sample, tMs: clock });
        return { snapshot: buildSnapshot(history.samples(), { target: peer.url, quantile: 0.95, windowMs: WINDOW_MS, variant: 'prom3' }), restarted: pushed.restarted, tMs: clock };
      },
    };
  };
  const clean = await make();
  const faulty = await make();
  return { tick: () => void (clock += STEP_MS), clean, faulty };
}

interface Twin {
  set(spec: string): Promise<void>;
  poll(): Promise<{ snapshot: PeerSnapshot; restarted: boolean; tMs: number }>;
}

/** Every rate and CPU figure of a snapshot that is known. */
function rates(s: PeerSnapshot): number[] {
  const out = [...Object.values(s.rates), s.process.cpuPercent, ...rpcRows(s.methodRates, s.quantile).map((r) => r.callsPerSecond)];
  return out.filter((v): v is number => v !== null);
}

test('a counter reset: no negative rate, no latency spike, and the same figures once it left the window', async (t) => {
  const { tick, clean, faulty } = await twins(t);
  for (let i = 0; i < 45; i++) {
    if (i === 10) await faulty.set('counter-reset');
    const a = await clean.poll();
    const b = await faulty.poll();
    assert.equal(b.restarted, false, 'a reset is not a restart');
    for (const v of rates(b.snapshot)) assert.ok(v >= 0, `negative rate ${v} at scrape ${i}`);
    const cleanLatency = new Map(rpcRows(a.snapshot.methodRates, a.snapshot.quantile).map((r) => [r.method, r.latencyMs]));
    for (const row of rpcRows(b.snapshot.methodRates, b.snapshot.quantile)) {
      const reference = cleanLatency.get(row.method);
      if (row.latencyMs === null || reference === null || reference === undefined) continue;
      assert.ok(row.latencyMs <= reference * 1.5, `${row.method}: ${row.latencyMs} ms after the reset, ${reference} ms without (scrape ${i})`);
    }
    if (i >= 10 + WINDOW_MS / STEP_MS + 1) {
      // The reset is out of the window: counter increases are the clean peer's again.
      const ra = rates(a.snapshot);
      const rb = rates(b.snapshot);
      assert.equal(rb.length, ra.length);
      rb.forEach((v, k) => assert.ok(Math.abs(v - ra[k]) <= 1e-9 * Math.max(1, Math.abs(ra[k])), `rate ${k}: ${v} vs ${ra[k]}`));
    }
    tick();
  }
});

test('a restart is detected, the history starts over from it, and rates never go negative', async (t) => {
  const { tick, faulty } = await twins(t);
  let restartAt: number | null = null;
  for (let i = 0; i < 16; i++) {
    if (i === 10) await faulty.set('restart');
    const b = await faulty.poll();
    assert.equal(b.restarted, i === 10, `scrape ${i}`);
    if (b.restarted) restartAt = b.tMs;
    for (const v of rates(b.snapshot)) assert.ok(v >= 0, `negative rate ${v} at scrape ${i}`);
    if (restartAt !== null) {
      assert.equal(b.snapshot.from, restartAt, 'no sample from before the restart is used');
      assert.ok((b.snapshot.process.uptimeSeconds ?? Infinity) < 60, 'the new process is young');
    } else assert.ok((b.snapshot.process.uptimeSeconds ?? 0) > 200_000);
    if (i === 10) assert.equal(b.snapshot.rates.pinAdd, null, 'one sample of the new process: no rate yet');
    tick();
  }
});

test('--once across a restart notes it and reports rates of the new process only', async (t) => {
  const peer = await startDemoPeer({ jaeger: false, faults: [] });
  const feed: PeerFeed = createHttpFeed({ url: peer.url, timeoutMs: 5000, maxBodyBytes: 64 * 1024 * 1024 });
  t.after(async () => {
    feed.close();
    await peer.close();
  });
  let stdout = '';
  const options = { windowMs: 60_000, maxSamples: 100, intervalMs: 10, quantile: 0.95, variant: 'prom3', json: true, peer: { tracingOff: null } } as unknown as MonitorOptions;
  const code = await runOnce(feed, options, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => assert.fail(text),
    sleep: async () => peer.setFaults!(schedule('restart')),
    traces: null,
  }, false);
  assert.equal(code, 0);
  const doc = JSON.parse(stdout) as { notes: string[]; rates: Record<string, number | null>; from: number; to: number };
  assert.ok(doc.notes.includes(RESTART_NOTE), stdout);
  assert.equal(doc.from, doc.to, 'only the scrape after the restart is used');
  assert.equal(doc.rates.pinAdd, null);
});
