import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLayout } from '../../src/model/dashboard-layout.js';
import { buildDashboardView, type DisplayInput } from '../../src/model/dashboard-view.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { initialScrapeStatus } from '../../src/model/scrape-status.js';
import { DashboardScreen } from '../../src/ui/dashboard-screen.js';
import { initialDashboardState } from '../../src/ui/use-dashboard-state.js';
import { lines, renderAt, sampleTime, syntheticState } from './support.js';

const { snapshot, trend } = syntheticState(8);
const status = { ...initialScrapeStatus(1000), snapshot, trend, answered: 8, lastOkMs: sampleTime(7), updatedMs: sampleTime(7), queueGrowing: true };

/** The whole screen on a `columns`×`rows` terminal. */
function screen(columns: number, rows: number, display: Partial<DisplayInput> = {}): string {
  const shown: DisplayInput = { ...initialDashboardState(0.95), selected: 'Cluster.PinGet', ...display };
  const layout = computeLayout(columns, rows, { chartOpen: shown.chartOpen });
  const view = buildDashboardView({ target: 'http://peer0:8888/metrics', status, display: shown, layout, nowMs: sampleTime(7) + 1500, glyphs: glyphsFor(false) });
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
        '',
        '',
        '── Traces ─────────────────────────────────────────────────────────────────────',
        'Jaeger traces of this peer will be listed here.',
        '',
        '↑↓/jk select  ⏎ chart  s sort  / filter  Tab pane  1-4 quantile  ? help  q quit',
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
        '',
        '',
        '',
        '',
        '━━ Cluster.PinGet · p95 latency · last 7s · Esc closes ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        ' 9.50 ms ┼                                                                                                      ╭─╮╭───',
        ' 8.71 ms ┤                                                                                                      │ ╰╯',
        ' 7.92 ms ┤                                                                                                      │',
        ' 7.13 ms ┤                                                                                                      │',
        ' 6.33 ms ┤                                                                                                      │',
        ' 5.54 ms ┤                                                                                                      │',
        ' 4.75 ms ┼                                                                                                      ╯',
        ' 3.96 ms ┤',
        ' 3.17 ms ┤',
        ' 2.38 ms ┤',
        ' 1.58 ms ┤',
        ' 0.79 ms ┤',
        ' 0.00 ms ┤',
        '                                                                                                               -7s  now',
        '── Traces ─────────────────────────────────────────────────────────────────────────────────────────────────────────────',
        'Jaeger traces of this peer will be listed here.',
        '',
        'Esc close  ↑↓/jk method  Tab pane  1-4 quantile  p pause  +/- interval  ? help  q quit',
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
        '  Enter           open the latency chart of the selected method',
        '  Esc             close the chart or help, clear the filter',
        '  s               sort methods by latency, calls or name',
        '  /               filter methods by substring',
        '  1 2 3 4         quantile p50, p90, p95, p99',
        '  p, space        pause the display (scraping goes on)',
        '  +, -            poll less often, more often',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '? close  Esc close  q quit',
      ),
    );
  });

  it('says the terminal is too small instead of drawing a garbled layout', () => {
    assert.equal(screen(50, 12), 'terminal too small: need 60×16, have 50×12');
    assert.equal(screen(60, 16).split('\n').length, 15);
  });
});
