import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PeerSample } from '../../src/model/peer-sample.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { runDashboard, type DashboardOptions } from '../../src/ui/run-dashboard.js';
import { ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN } from '../../src/ui/terminal-session.js';
import { ScreenModel } from './screen-model.js';
import { FakeStdin, FakeStdout, scriptedPoll, syntheticSamples, waitFor } from './support.js';

/** Starts the dashboard on a fake 80×24 TTY; `screen` follows everything written to it. */
function launch(overrides: Partial<DashboardOptions> = {}) {
  const stdout = new FakeStdout(80, 24);
  const stdin = new FakeStdin();
  const screen = new ScreenModel(80, 24);
  screen.write('$ cluster-top --demo\n');
  const write = stdout.write;
  stdout.write = (chunk: string, ...rest: unknown[]) => {
    screen.write(chunk);
    return write(chunk, ...rest);
  };
  const rawModes: boolean[] = [];
  stdin.setRawMode = (on?: boolean) => void rawModes.push(on === true);
  const result = runDashboard({
    target: 'http://peer0:8888/metrics',
    poll: scriptedPoll(syntheticSamples(6)).poll,
    intervalMs: 10,
    windowMs: 60_000,
    maxSamples: 100,
    quantile: 0.95,
    variant: 'prom3',
    ascii: false,
    color: true,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    ...overrides,
  });
  const output = () => stdout.frames.join('');
  return { stdout, stdin, screen, result, output, rawModes };
}

describe('runDashboard', () => {
  it('draws in the alternate screen and gives the terminal back on q with exit code 0', async () => {
    const t = launch();
    await waitFor(() => t.screen.text().includes('Cluster.SendInformersMetrics'), 'the dashboard');
    assert.equal(t.screen.alternateOn, true);
    assert.ok(t.output().startsWith(ENTER_ALTERNATE_SCREEN));
    const lines = t.screen.text().split('\n');
    assert.match(lines[0], /^cluster-top http:\/\/peer0:8888\/metrics .*● ok$/);
    assert.match(lines[22], /^↑↓\/jk select/);
    assert.equal(lines.length, 23, 'the frame stays one row short of the terminal');
    t.stdin.type('q');
    assert.equal(await t.result, 0);
    assert.ok(t.output().endsWith(LEAVE_ALTERNATE_SCREEN));
    assert.equal(t.screen.alternateOn, false);
    assert.equal(t.screen.text(), '$ cluster-top --demo');
    assert.equal(t.rawModes[t.rawModes.length - 1], false);
  });

  it('leaves one timer pending between refreshes: the next poll', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    // At 1 s the header has no clock to tick; Ink's render throttle would leave a trailing timer.
    const t = launch({ intervalMs: 1000 });
    await waitFor(() => t.screen.text().includes('Cluster.SendInformersMetrics'), 'the dashboard');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(timers() - before, 1);
    t.stdin.type('q');
    assert.equal(await t.result, 0);
  });

  it('keeps every repaint in place (the incremental renderer is anchored to the top)', async () => {
    const t = launch({ poll: scriptedPoll(syntheticSamples(12)).poll });
    await waitFor(() => t.screen.text().includes('conns'), 'the dashboard');
    for (const key of ['j', 'j', '2', 's']) t.stdin.type(key);
    await waitFor(() => t.screen.text().includes('by calls'), 'the keys');
    await new Promise((resolve) => setTimeout(resolve, 250)); // let the last scrapes (merged at 10 frames a second) be drawn
    const lines = t.screen.text().split('\n');
    assert.match(lines[0], /^cluster-top /);
    assert.match(lines[1], /^── Cluster ─/);
    assert.match(lines[5], /^━━ RPC latency p90 · 1m window · by calls ━/);
    assert.equal(lines.filter((l) => l.startsWith('── Cluster')).length, 1);
    t.stdin.type('q');
    assert.equal(await t.result, 0);
  });

  it('restores the terminal on SIGHUP and SIGTERM with 128 + the signal number', async () => {
    for (const [signal, code] of [['SIGHUP', 129], ['SIGTERM', 143]] as const) {
      const t = launch();
      await waitFor(() => t.screen.text().includes('● ok'), 'the dashboard');
      process.emit(signal, signal);
      assert.equal(await t.result, code);
      assert.equal(t.screen.alternateOn, false);
      assert.ok(process.listenerCount(signal) <= 1, 'none of our handlers is left listening (signal-exit may be)');
    }
  });

  it('restores the terminal first and then prints the error on a crash', async () => {
    const samples = syntheticSamples(2);
    let n = 0;
    // The third outcome is malformed: handling it throws, which must end the app as a crash.
    const poll = async (): Promise<PollOutcome> => {
      const sample = samples[n++];
      if (sample === undefined) return { ok: true, sample: { tMs: Infinity } as PeerSample, bytes: 0, durationMs: 0 };
      return { ok: true, sample, bytes: 1, durationMs: 1 };
    };
    const printed: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => {
      printed.push(`${t?.screen.alternateOn ? 'alt' : 'main'}:${chunk}`);
      return true;
    }) as typeof process.stderr.write;
    let t: ReturnType<typeof launch> | null = null;
    try {
      t = launch({ poll });
      assert.equal(await t.result, 1);
    } finally {
      process.stderr.write = original;
    }
    assert.equal(t.screen.alternateOn, false);
    const report = printed.find((p) => p.includes('crashed'));
    assert.match(report ?? '', /^main:cluster-top: crashed: TypeError: /);
  });
});
