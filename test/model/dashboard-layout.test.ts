import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLayout, effectiveFocus } from '../../src/model/dashboard-layout.js';

describe('computeLayout', () => {
  it('keeps the frame one row short and the last column empty', () => {
    const l = computeLayout(80, 24, { chartOpen: false });
    assert.deepEqual([l.width, l.frameRows, l.body], [79, 23, 21]);
    assert.equal(1 + l.cluster + l.latency + l.chart + l.traces + 1, l.frameRows);
  });

  it('shows cluster, latency and traces at 80×24 with four gauges a row', () => {
    const l = computeLayout(80, 24, { chartOpen: false });
    assert.deepEqual([l.cluster, l.latency, l.chart, l.traces, l.gaugesPerRow, l.gaugeWidth], [4, 12, 0, 5, 4, 18]);
    assert.deepEqual(l.panes, ['cluster', 'latency', 'traces']);
  });

  it('gives the focused traces pane all but four rows of the latency list, and none with --no-traces', () => {
    const small = computeLayout(80, 24, { chartOpen: false, traces: 'expanded' });
    assert.deepEqual([small.latency, small.traces], [4, 13]);
    const large = computeLayout(120, 40, { chartOpen: false, traces: 'expanded' });
    assert.deepEqual([large.latency, large.traces, large.cluster + large.latency + large.traces], [4, 30, large.body]);
    const chart = computeLayout(120, 40, { chartOpen: true, traces: 'expanded' });
    assert.deepEqual([chart.chartMode, chart.latency, chart.chart, chart.traces], ['replace', 0, 4, 30]);
    const off = computeLayout(120, 40, { chartOpen: false, traces: 'off' });
    assert.deepEqual([off.latency, off.traces, off.panes], [34, 0, ['cluster', 'latency']]);
  });

  it('gives the rows a short latency list leaves blank to the traces pane, never to --no-traces or past an open chart', () => {
    const plain = computeLayout(120, 40, { chartOpen: false });
    const fitted = computeLayout(120, 40, { chartOpen: false, latencyRows: 20 });
    assert.deepEqual([fitted.latency, fitted.traces], [20, plain.latency + plain.traces - 20]);
    assert.equal(fitted.cluster + fitted.latency + fitted.traces, fitted.body);
    const long = computeLayout(120, 40, { chartOpen: false, latencyRows: 60 });
    assert.deepEqual([long.latency, long.traces], [plain.latency, plain.traces], 'a list longer than its room keeps it');
    const tiny = computeLayout(120, 40, { chartOpen: false, latencyRows: 1 });
    assert.equal(tiny.latency, 4, 'the list keeps its title, captions and two rows');
    const off = computeLayout(120, 40, { chartOpen: false, traces: 'off', latencyRows: 20 });
    assert.deepEqual([off.latency, off.traces], [34, 0]);
    const chart = computeLayout(120, 40, { chartOpen: true, latencyRows: 20 });
    assert.deepEqual([chart.latency, chart.chart, chart.traces], [computeLayout(120, 40, { chartOpen: true }).latency, computeLayout(120, 40, { chartOpen: true }).chart, plain.traces]);
  });

  it('gives the rows a short traces list leaves blank back to the latency list', () => {
    // 120×40, traces focused: 20 traces need 22 rows (title, caption, rows) of the 30 they would get.
    const fitted = computeLayout(120, 40, { chartOpen: false, traces: 'expanded', latencyRows: 20, tracesRows: 22 });
    assert.deepEqual([fitted.latency, fitted.traces], [12, 22]);
    assert.equal(fitted.cluster + fitted.latency + fitted.traces, fitted.body);
    const long = computeLayout(120, 40, { chartOpen: false, traces: 'expanded', latencyRows: 20, tracesRows: 60 });
    assert.deepEqual([long.latency, long.traces], [4, 30], 'a list longer than its room keeps it');
    const tiny = computeLayout(120, 40, { chartOpen: false, traces: 'expanded', latencyRows: 40, tracesRows: 1 });
    assert.equal(tiny.traces, 3, 'the pane keeps its title and two rows');
    // Both short: the blank rows stay at the bottom, in the traces pane.
    const both = computeLayout(120, 40, { chartOpen: false, traces: 'expanded', latencyRows: 8, tracesRows: 10 });
    assert.deepEqual([both.latency, both.traces], [8, 26]);
  });

  it('gives an open chart its own pane from 100×30 and the latency pane below it', () => {
    const wide = computeLayout(120, 40, { chartOpen: true });
    assert.deepEqual([wide.chartMode, wide.cluster, wide.latency, wide.chart, wide.traces, wide.gaugesPerRow], ['pane', 3, 12, 11, 11, 6]);
    assert.deepEqual(wide.panes, ['cluster', 'latency', 'chart', 'traces']);
    const narrow = computeLayout(99, 40, { chartOpen: true });
    assert.deepEqual([narrow.chartMode, narrow.latency, narrow.chart], ['replace', 0, 22]);
    assert.deepEqual(narrow.panes, ['cluster', 'chart', 'traces']);
  });

  it('folds the traces pane below 80×24 and is too small below 60×16', () => {
    assert.equal(computeLayout(79, 40, { chartOpen: false }).traces, 0);
    assert.equal(computeLayout(100, 23, { chartOpen: false }).traces, 0);
    assert.equal(computeLayout(60, 16, { chartOpen: false }).tooSmall, false);
    assert.equal(computeLayout(59, 40, { chartOpen: false }).tooSmall, true);
    assert.equal(computeLayout(200, 15, { chartOpen: false }).tooSmall, true);
  });

  it('treats an unknown size as 80×24', () => {
    assert.deepEqual([computeLayout(undefined, 0, { chartOpen: false }).columns, computeLayout(undefined, 0, { chartOpen: false }).rows], [80, 24]);
  });
});

describe('effectiveFocus', () => {
  it('falls back to the chart or the list when the focused pane is hidden', () => {
    assert.equal(effectiveFocus('traces', ['cluster', 'latency']), 'latency');
    assert.equal(effectiveFocus('latency', ['cluster', 'chart']), 'chart');
    assert.equal(effectiveFocus('cluster', ['cluster', 'latency']), 'cluster');
  });
});
