import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { PeerSample } from '../../src/model/peer-sample.js';
import { Dashboard, type DashboardProps } from '../../src/ui/dashboard.js';
import { DASHBOARD_NOW, dashboardProps, renderAt, scriptedPoll, syntheticSamples, waitFor, type Rendered } from './support.js';

let current: Rendered | null = null;

afterEach(() => {
  current?.instance.unmount();
  current = null;
});

/** The dashboard on a fake terminal, fed `samples` (strings are failed polls) then nothing. */
function start(samples: readonly (PeerSample | string)[], columns = 80, rows = 24, props: Partial<DashboardProps> = {}): Rendered & { calls: () => number } {
  const { poll, calls } = scriptedPoll(samples);
  current = renderAt(<Dashboard {...dashboardProps(poll, props)} />, columns, rows);
  return { ...current, calls };
}

/** Types `keys` and waits until the frame satisfies `expect`. */
async function press(t: Rendered, keys: string, expect: (frame: string) => boolean, what: string): Promise<string> {
  t.stdin.type(keys);
  await waitFor(() => expect(t.frame()), what);
  return t.frame();
}

const ready = (frame: string) => frame.includes('Cluster.Unpin') && frame.includes('▅██████');
const selectedRow = (frame: string) => frame.split('\n').find((l) => l.startsWith('›'));

describe('Dashboard', () => {
  it('spins until the first scrape answers', async () => {
    const t = start([]);
    await waitFor(() => t.frame().includes('connecting'), 'the spinner');
    assert.match(t.frame().split('\n')[0], /^cluster-top http:\/\/peer0:8888\/metrics {2}every 10ms {2}[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] connecting$/);
    assert.match(t.frame(), /━━ RPC latency p95 · by latency ━/);
    assert.match(t.frame(), /waiting for the first scrape/);
  });

  it('shows a first failure whole in the latency pane, where the header has room for its start only', async () => {
    const failure = 'connection to 127.0.0.1:9464 failed: connection closed before the body was complete (after 65536 of 198115 bytes)';
    const t = start([failure], 80, 24);
    await waitFor(() => t.frame().includes('no data yet'), 'the failure in the latency pane');
    const frame = t.frame();
    assert.ok(frame.split('\n')[0].endsWith('…'), 'cut in the header');
    const pane = frame.split('\n').slice(1).join(' ').replace(/\s+/g, ' ');
    assert.ok(pane.includes(`no data yet; the last scrape failed: ${failure}`), pane);
    assert.doesNotMatch(frame, /waiting for the first scrape/);
  });

  it('polls immediately, never twice at once, and fills every pane', async () => {
    // Each poll takes longer than the 10 ms interval: the next one must wait for it.
    const { poll } = scriptedPoll(syntheticSamples(8));
    let inFlight = 0;
    let maxInFlight = 0;
    const slow = async () => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 25));
      inFlight--;
      return poll();
    };
    const t = start([], 80, 24, { poll: slow });
    await waitFor(() => ready(t.frame()), 'eight scrapes');
    assert.equal(maxInFlight, 1);
    const frame = t.frame().split('\n');
    assert.equal(frame.length, 23);
    assert.equal(frame[0], 'cluster-top http://peer0:8888/metrics  up 1h  data 0s  every 10ms  ● ok');
    assert.equal(frame[7], '› IPFSConnector.Pin               4.30 s     2.00                       ▂██████');
    assert.equal(frame[22], '↑↓/jk select  ⏎ chart  s sort  / filter  Tab pane  1-4 quantile  ? help  q quit');
  });

  it('moves the selection with j/k and the arrows, and the focus with Tab/Shift-Tab', async () => {
    const t = start(syntheticSamples(8));
    await waitFor(() => ready(t.frame()), 'data');
    await press(t, 'j', (f) => selectedRow(f)?.includes('Cluster.SendInformersMetrics') === true, 'j');
    await press(t, '\u001B[B', (f) => selectedRow(f)?.includes('PinTracker.Status') === true, 'down arrow');
    await press(t, 'k', (f) => selectedRow(f)?.includes('Cluster.SendInformersMetrics') === true, 'k');
    // Without Jaeger settings there is no traces pane (traces-dashboard.test.tsx has one), and the
    // cluster gauges have no keys: Tab leaves the focus on the list, where j still selects.
    const stays = await press(t, '\tj', (f) => selectedRow(f)?.includes('PinTracker.Status') === true, 'Tab, then j on the list');
    assert.match(stays, /━━ RPC latency/);
    assert.equal(stays.includes('━━ Cluster'), false);
    t.stdin.type('\u001B[Z');
    await press(t, 'k', (f) => selectedRow(f)?.includes('Cluster.SendInformersMetrics') === true && !f.includes('━━ Cluster'), 'Shift-Tab stays too');
    // PgDn/PgUp move by a page of rows (all six fit here: to the last and the first).
    await press(t, '\u001B[6~', (f) => selectedRow(f)?.includes('Cluster.Unpin') === true, 'PgDn');
    await press(t, '\u001B[5~', (f) => selectedRow(f)?.includes('IPFSConnector.Pin') === true, 'PgUp');
  });

  it('opens the chart with Enter and closes it with Esc', async () => {
    const t = start(syntheticSamples(8));
    await waitFor(() => ready(t.frame()), 'data');
    await press(t, 'jj', (f) => selectedRow(f)?.includes('PinTracker.Status') === true, 'two keys in one read');
    const chart = await press(t, '\r', (f) => f.includes('━━ PinTracker.Status · p95 latency'), 'the chart');
    assert.match(chart, /┤/);
    assert.match(chart.split('\n')[22], /^Esc close {2}↑↓\/jk method/);
    await press(t, '\u001B', (f) => f.includes('━━ RPC latency'), 'Esc back to the list');
  });

  it('switches the quantile, the sort order and the help overlay', async () => {
    const t = start(syntheticSamples(8));
    await waitFor(() => ready(t.frame()), 'data');
    const p90 = await press(t, '2', (f) => f.includes('RPC latency p90'), 'quantile p90');
    assert.match(p90, / {2}method {29}p90 {2}calls\/s {2}p90 trend/);
    await press(t, 's', (f) => f.includes('by calls') && selectedRow(f)?.includes('PeerMonitor.LatestMetrics') === true, 'sort by calls');
    await press(t, '?', (f) => f.includes('━━ Keys') && !f.includes('RPC latency'), 'help');
    await press(t, '?', (f) => f.includes('RPC latency p90'), 'help closed');
  });

  it('filters methods by substring as it is typed, even when the keys arrive together', async () => {
    const t = start(syntheticSamples(8));
    await waitFor(() => ready(t.frame()), 'data');
    const typing = await press(t, '/', (f) => f.includes('/_'), 'filter prompt');
    assert.match(typing.split('\n')[22], /^type filter/);
    const filtered = await press(t, 'pin\r', (f) => f.includes('· /pin ━'), 'filter kept');
    assert.equal(filtered.includes('PeerMonitor.LatestMetrics'), false);
    assert.match(filtered, /Cluster\.Unpin/);
    await press(t, '\u001B', (f) => !f.includes('/pin') && f.includes('PeerMonitor.LatestMetrics'), 'Esc clears the filter');
  });

  it('pauses the display while scraping goes on, and changes the interval', async () => {
    const samples = syntheticSamples(12);
    const { poll } = scriptedPoll(samples);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const gated = async () => {
      if (++n > 8) await gate;
      return poll();
    };
    const t = start([], 80, 24, { poll: gated });
    await waitFor(() => ready(t.frame()), 'data');
    const before = t.frame();
    await press(t, 'p', (f) => f.includes('‖ paused'), 'pause');
    release();
    await waitFor(() => n >= 12, 'more scrapes while paused');
    const body = (f: string) => f.split('\n').slice(1).join('\n');
    assert.equal(body(t.frame()), body(before));
    await press(t, ' ', (f) => !f.includes('paused') && f !== before, 'resume shows the newer data');
    await press(t, '+', (f) => f.includes('every 100ms'), 'longer interval');
    await press(t, '+', (f) => f.includes('every 250ms'), 'longer still');
    await press(t, '-', (f) => f.includes('every 100ms'), 'shorter again');
  });

  it('shows the age of the held data while paused, not the age of the last scrape', async () => {
    let clock = DASHBOARD_NOW;
    const { poll } = scriptedPoll(syntheticSamples(10));
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let n = 0;
    const gated = async () => {
      if (++n > 8) await gate;
      return poll();
    };
    const t = start([], 80, 24, { poll: gated, now: () => clock });
    await waitFor(() => ready(t.frame()) && n > 8, 'data');
    const held = await press(t, 'p', (f) => f.includes('‖ paused'), 'pause');
    assert.match(held.split('\n')[0], / data 0s /);
    clock += 7000;
    release(); // scrapes go on meanwhile, but the screen holds what it showed at p
    await waitFor(() => / data 7s /.test(t.frame().split('\n')[0]), 'the held data 7s old');
    await waitFor(() => n >= 10, 'the scrapes while paused');
    await press(t, 'p', (f) => !f.includes('paused') && / data 0s /.test(f.split('\n')[0]), 'resumed: the newest data, 0s old');
  });

  it('keeps the last data on screen and says down when the peer refuses', async () => {
    const t = start([...syntheticSamples(8), 'connect ECONNREFUSED 127.0.0.1:8888']);
    await waitFor(() => t.frame().includes('down'), 'the failure');
    assert.equal(t.frame().split('\n')[0], 'cluster-top http://peer0:88…  ✖ down, data 0s old: connect ECONNREFUSED 127.0.…');
    assert.match(t.frame(), /IPFSConnector\.Pin/);
  });

  it('re-lays out on resize and says when the terminal is too small', async () => {
    const t = start(syntheticSamples(8));
    await waitFor(() => ready(t.frame()), 'data');
    t.stdout.resize(120, 40);
    await waitFor(() => t.frame().split('\n').length === 39, 'the 120×40 layout');
    assert.match(t.frame().split('\n')[2], /disk used 4\.66 GiB$/);
    t.stdout.resize(50, 12);
    await waitFor(() => t.frame() === 'terminal too small: need 60×16, have 50×12', 'the too-small line');
    t.stdout.resize(80, 24);
    await waitFor(() => ready(t.frame()), 'the dashboard again');
  });

  it('quits on q and on Ctrl-C', async () => {
    for (const key of ['q', '\u0003']) {
      const t = start(syntheticSamples(2));
      await waitFor(() => t.frame().includes('● ok'), 'data');
      const exited = t.instance.waitUntilExit();
      t.stdin.type(key);
      await exited;
      current = null;
    }
  });
});
