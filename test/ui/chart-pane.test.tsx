import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildChartView, type ChartInput } from '../../src/model/chart-view.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { LatencyTrend } from '../../src/model/latency-trend.js';
import { chartPaneLines } from '../../src/ui/chart-pane.js';
import { lines, paneText, syntheticState } from './support.js';

const { trend } = syntheticState(8);
const base: ChartInput = { method: 'IPFSConnector.Pin', trend, quantile: 0.95, focused: true, width: 79, height: 8, glyphs: glyphsFor(false) };

function frame(input: Partial<ChartInput>): string {
  const view = buildChartView({ ...base, ...input });
  return paneText(chartPaneLines(view, false));
}

describe('chartPaneLines', () => {
  it('plots the quantile on a labelled axis, newest at the right, at 80 columns', () => {
    assert.equal(
      frame({}),
      lines(
        '━━ IPFSConnector.Pin · p95 latency · last 7s · Esc closes ━━━━━━━━━━━━━━━━━━━━━',
        '  4.60 s ┼                                                              ╭──────',
        '  3.68 s ┤                                                              │',
        '  2.76 s ┤                                                              │',
        '  1.84 s ┤                                                              │',
        '  920 ms ┼                                                              ╯',
        '       0 ┤',
        '                                                                       -7s  now',
      ),
    );
  });

  it('uses the width at 120 columns and follows the quantile', () => {
    assert.equal(
      frame({ width: 119, height: 6, quantile: 0.5, focused: false, method: 'Cluster.PinGet' }),
      lines(
        '── Cluster.PinGet · p50 latency · last 7s · Esc closes ────────────────────────────────────────────────────────────────',
        ' 5.00 ms ┼                                                                                                      ╭╮ ╭╮',
        ' 3.33 ms ┼                                                                                                      ╯╰─╯╰──',
        ' 1.67 ms ┤',
        '       0 ┤',
        '                                                                                                               -7s  now',
      ),
    );
  });

  it('says so when the method has no data yet', () => {
    const empty = new LatencyTrend();
    empty.pushGap(1000);
    assert.equal(
      frame({ trend: empty.points(), height: 3, method: 'Cluster.Unpin', glyphs: glyphsFor(true) }),
      lines('== Cluster.Unpin | p95 latency | last 0s | Esc closes =========================', 'no p95 data for Cluster.Unpin yet (the method had no calls)', ''),
    );
  });
});
