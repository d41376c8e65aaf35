import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLayout } from '../../src/model/dashboard-layout.js';
import { buildDashboardView, type DisplayInput } from '../../src/model/dashboard-view.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { initialScrapeStatus } from '../../src/model/scrape-status.js';
import { DashboardScreen } from '../../src/ui/dashboard-screen.js';
import { initialDashboardState } from '../../src/ui/use-dashboard-state.js';
import { INITIAL_TRACES_DISPLAY } from '../../src/model/traces-display.js';
import { lines, renderAt, sampleTime, syntheticState } from './support.js';
import { fixtureSearch, fixtureStatus, fixtureTraces, NOW_MS, shifted } from './traces-support.js';

const { snapshot, trend } = syntheticState(8);
const status = { ...initialScrapeStatus(1000), snapshot, trend, answered: 8, lastOkMs: sampleTime(7), updatedMs: sampleTime(7), queueGrowing: true };

const nowMs = sampleTime(7) + 1500;
/** The fixture traces of cluster-daemon-peer0, as if searched 2 s ago by this screen's clock. */
const traces = {
  status: fixtureStatus({ search: { ...fixtureSearch(), summaries: fixtureSearch(0, shifted(fixtureTraces(), nowMs - NOW_MS)).summaries, fetchedAtMs: nowMs - 2000 } }),
  display: INITIAL_TRACES_DISPLAY,
  waterfall: null,
  jaegerUrl: 'http://127.0.0.1:16686',
  hyperlinks: false,
  refreshMs: 10_000,
  lookbackMs: 3_600_000,
};

/** The whole screen on a `columns`×`rows` terminal. */
function screen(columns: number, rows: number, display: Partial<DisplayInput> = {}): string {
  const shown: DisplayInput = { ...initialDashboardState(0.95), selected: 'Cluster.PinGet', ...display };
  const layout = computeLayout(columns, rows, { chartOpen: shown.chartOpen, traces: shown.focus === 'traces' ? 'expanded' : 'compact' });
  const view = buildDashboardView({ target: 'http://peer0:8888/metrics', status, display: shown, layout, nowMs, glyphs: glyphsFor(false), traces });
  const rendered = renderAt(<DashboardScreen view={view} color={false} />, columns, rows);
  const frame = rendered.frame();
  rendered.instance.unmount();
  return frame;
}

describe('DashboardScreen', () => {
  it('fills an 80×24 terminal but its last row and column: header, cluster, latency, traces, keys', () => {
    const frame = screen(80, 24);
    assert.equal(frame.split('\n').length, 23);
    assert.equal(
      frame,
      lines(
        'cluster-top http://peer0:8888/metrics  up 1h  data 1s  every 1s  ● ok',
        '── Cluster ────────────────────────────────────────────────────────────────────',
        'pins            10  queued ↑         7  pinning          2  pin errors       2',
        'IPFS pins        9  disk used 4.66 GiB  pins/s        3.00  blocks/s         -',
        'RSS       95.4 MiB  CPU           5.0%  goroutines      50  conns            6',
        '━━ RPC latency p95 · 1m window · by latency ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  method                             p95  calls/s  p95 trend',
        '  IPFSConnector.Pin               4.30 s     2.00                       ▂██████',
        '  Cluster.SendInformersMetrics   91.2 ms     3.00                       ▅██████',
        '  PinTracker.Status              43.0 ms     4.00                       ▂██████',
        '› Cluster.PinGet                 9.13 ms     5.00                       ▅██████',
        '  PeerMonitor.LatestMetrics      4.30 ms     6.00                       ▂██████',
        '  Cluster.Unpin                        -        0',
        '',
        '',
        '',
        '',
        '── Traces · cluster-daemon-peer0 · 8 traces · 1-3 of 8 · most recent · 2s ago ─',
        '  trace                             duration         spans err started  id',
        '› Recv.127.0.0.1:9094:/peers:GET      8.9ms ██           8     13s ago  162059e',
        '  <trace-without-root-span>           30.0s ████████    15     45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins/bafybe…   1.7ms █            4   1 1m ago   e6449ca',
        '↑↓/jk select  ⏎ chart  t traces  s sort  / filter  Tab pane  ? help  q quit',
      ),
    );
  });

  it('gives an open chart its own pane at 120×40', () => {
    const frame = screen(120, 40, { chartOpen: true, focus: 'chart' });
    assert.equal(frame.split('\n').length, 39);
    assert.equal(
      frame,
      lines(
        'cluster-top http://peer0:8888/metrics  up 1h  data 1s  every 1s  ● ok',
        '── Cluster ────────────────────────────────────────────────────────────────────────────────────────────────────────────',
        'pins            10  queued ↑         7  pinning          2  pin errors       2  IPFS pins        9  disk used 4.66 GiB',
        'pins/s        3.00  blocks/s         -  RSS       95.4 MiB  CPU           5.0%  goroutines      50  conns            6',
        '── RPC latency p95 · 1m window · by latency ───────────────────────────────────────────────────────────────────────────',
        '  method                             p95  calls/s  p95 trend',
        '  IPFSConnector.Pin               4.30 s     2.00                                                               ▂██████',
        '  Cluster.SendInformersMetrics   91.2 ms     3.00                                                               ▅██████',
        '  PinTracker.Status              43.0 ms     4.00                                                               ▂██████',
        '› Cluster.PinGet                 9.13 ms     5.00                                                               ▅██████',
        '  PeerMonitor.LatestMetrics      4.30 ms     6.00                                                               ▂██████',
        '  Cluster.Unpin                        -        0',
        '',
        '',
        '',
        '',
        '━━ Cluster.PinGet · p95 latency · last 7s · Esc closes ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        ' 9.50 ms ┼                                                                                                      ╭──────',
        ' 8.31 ms ┤                                                                                                      │',
        ' 7.13 ms ┤                                                                                                      │',
        ' 5.94 ms ┤                                                                                                      │',
        ' 4.75 ms ┼                                                                                                      ╯',
        ' 3.56 ms ┤',
        ' 2.38 ms ┤',
        ' 1.19 ms ┤',
        '       0 ┤',
        '                                                                                                               -7s  now',
        '── Traces · cluster-daemon-peer0 · 8 traces · most recent · 2s ago ────────────────────────────────────────────────────',
        '  trace                                    duration               spans err services                   started  id',
        '› Recv.127.0.0.1:9094:/peers:GET             8.9ms ███                8     cluster-daemon-peer0 (8)   13s ago  162059e',
        '  <trace-without-root-span>                  30.0s ██████████████    15     cluster-daemon-peer0 (15)  45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins/bafybeivc57ws…   1.7ms █                  4   1 cluster-daemon-peer0 (4)   1m ago   e6449ca',
        '  Recv.127.0.0.1:9094:/pins/bafybei36xtnf…   9.2ms ███               10   1 cluster-daemon-peer0 (10)  1m ago   48d6e09',
        '  Recv.127.0.0.1:9094:/pins:GET             47.9ms █████             10     cluster-daemon-peer0 (10)  3m ago   4beaa3a',
        '  Recv.127.0.0.1:9094:/id:GET                6.4ms ███                6     Kubo (1), cluster-daemon-… 5m ago   048c6f5',
        '  Recv.127.0.0.1:9094:/pins/bafybeicqzywu…  16.9ms ████              12     cluster-daemon-peer0 (12)  7m ago   a46a575',
        '  Recv.127.0.0.1:9094:/add:POST              412ms ████████          14     cluster-daemon-peer0 (14)  10m ago  4589241',
        '',
        'Esc close  ↑↓/jk method  t traces  Tab pane  1-4 quantile  p pause  +/- interval  ? help  q quit',
      ),
    );
  });

  it('gives the focused traces pane the room at 120×40, the latency list keeping the selection', () => {
    assert.equal(
      screen(120, 40, { focus: 'traces' }),
      lines(
        'cluster-top http://peer0:8888/metrics  up 1h  data 1s  every 1s  ● ok',
        '── Cluster ────────────────────────────────────────────────────────────────────────────────────────────────────────────',
        'pins            10  queued ↑         7  pinning          2  pin errors       2  IPFS pins        9  disk used 4.66 GiB',
        'pins/s        3.00  blocks/s         -  RSS       95.4 MiB  CPU           5.0%  goroutines      50  conns            6',
        '── RPC latency p95 · 1m window · by latency · 3-4 of 6 ────────────────────────────────────────────────────────────────',
        '  method                             p95  calls/s  p95 trend',
        '  PinTracker.Status              43.0 ms     4.00                                                               ▂██████',
        '› Cluster.PinGet                 9.13 ms     5.00                                                               ▅██████',
        '━━ Traces · cluster-daemon-peer0 · 8 traces · most recent · 2s ago ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  trace                                    duration               spans err services                   started  id',
        '› Recv.127.0.0.1:9094:/peers:GET             8.9ms ███                8     cluster-daemon-peer0 (8)   13s ago  162059e',
        '  <trace-without-root-span>                  30.0s ██████████████    15     cluster-daemon-peer0 (15)  45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins/bafybeivc57ws…   1.7ms █                  4   1 cluster-daemon-peer0 (4)   1m ago   e6449ca',
        '  Recv.127.0.0.1:9094:/pins/bafybei36xtnf…   9.2ms ███               10   1 cluster-daemon-peer0 (10)  1m ago   48d6e09',
        '  Recv.127.0.0.1:9094:/pins:GET             47.9ms █████             10     cluster-daemon-peer0 (10)  3m ago   4beaa3a',
        '  Recv.127.0.0.1:9094:/id:GET                6.4ms ███                6     Kubo (1), cluster-daemon-… 5m ago   048c6f5',
        '  Recv.127.0.0.1:9094:/pins/bafybeicqzywu…  16.9ms ████              12     cluster-daemon-peer0 (12)  7m ago   a46a575',
        '  Recv.127.0.0.1:9094:/add:POST              412ms ████████          14     cluster-daemon-peer0 (14)  10m ago  4589241',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '↑↓/jk select  ⏎ open  s sort  e errors  m min time  o operation  x clear  v service  Tab pane  ? help  q quit',
      ),
    );
  });

  it('folds the chart into the latency pane below 100×30 and the traces pane below 80×24', () => {
    const frame = screen(79, 23, { chartOpen: true, focus: 'chart' }).split('\n');
    assert.equal(frame.length, 22);
    assert.equal(frame.some((l) => l.includes('RPC latency')), false);
    assert.equal(frame.some((l) => l.includes('Traces')), false);
    assert.match(frame[5], /^━━ Cluster\.PinGet · p95 latency/);
  });

  it('shows the key help in place of the panes', () => {
    assert.equal(
      screen(80, 24, { helpOpen: true }),
      lines(
        'cluster-top http://peer0:8888/metrics  up 1h  data 1s  every 1s  ● ok',
        '━━ Keys ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  q, Ctrl-C       quit',
        '  ?               show or hide this help',
        '  Tab, Shift-Tab  move the focus between panes',
        '  ↑↓, j/k         select a method',
        '  g, G            first, last method',
        '  PgUp, PgDn      a page up or down (methods, traces, spans, this help)',
        '  Enter           open the latency chart of the selected method',
        '  Esc             close the chart or help, clear the filter',
        '  s               sort methods by latency, calls or name',
        '  /               filter methods by substring',
        '  1 2 3 4         quantile p50, p90, p95, p99',
        '  p, space        pause the display (scraping goes on)',
        '  +, -            poll less often, more often',
        '  t               traces of the selected method that took at least its quantile',
        '  Enter, Esc      traces: open a trace, then a span; go back',
        '  s e m o x v     traces: order, errors, minimum, operation, clear, service',
        '  h/l, c          waterfall: fold or unfold the span, fold all',
        '',
        '',
        '',
        '? close  Esc close  q quit',
      ),
    );
  });

  it('scrolls a help longer than the terminal, saying which lines are shown and that more are above or below', () => {
    const top = screen(60, 16, { helpOpen: true }).split('\n');
    assert.equal(top[1], '━━ Keys · 1-12 of 17 · more below ━━━━━━━━━━━━━━━━━━━━━━━━━');
    assert.equal(top[2], '  q, Ctrl-C       quit');
    assert.equal(top[14], '↑↓/jk scroll  PgUp/PgDn page  ? close  Esc close  q quit');
    const middle = screen(60, 16, { helpOpen: true, helpOffset: 2 }).split('\n');
    assert.equal(middle[1], '━━ Keys · 3-14 of 17 · more above and below ━━━━━━━━━━━━━━━');
    assert.equal(middle[2], '  Tab, Shift-Tab  move the focus between panes');
    // An offset past the end (the terminal grew taller since) shows the last lines.
    const end = screen(60, 16, { helpOpen: true, helpOffset: 99 }).split('\n');
    assert.equal(end[1], '━━ Keys · 6-17 of 17 · more above ━━━━━━━━━━━━━━━━━━━━━━━━━');
    assert.equal(end[13], '  h/l, c          waterfall: fold or unfold the span, fold…');
  });

  it('says the terminal is too small instead of drawing a garbled layout', () => {
    assert.equal(screen(50, 12), 'terminal too small: need 60×16, have 50×12');
    assert.equal(screen(60, 16).split('\n').length, 15);
  });
});
