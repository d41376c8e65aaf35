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
    assert.deepEqual([l.cluster, l.latency, l.chart, l.traces, l.gaugesPerRow, l.gaugeWidth], [4, 14, 0, 3, 4, 18]);
    assert.deepEqual(l.panes, ['cluster', 'latency', 'traces']);
  });

  it('gives an open chart its own pane from 100×30 and the latency pane below it', () => {
    const wide = computeLayout(120, 40, { chartOpen: true });
    assert.deepEqual([wide.chartMode, wide.cluster, wide.latency, wide.chart, wide.traces, wide.gaugesPerRow], ['pane', 3, 16, 15, 3, 6]);
    assert.deepEqual(wide.panes, ['cluster', 'latency', 'chart', 'traces']);
    const narrow = computeLayout(99, 40, { chartOpen: true });
    assert.deepEqual([narrow.chartMode, narrow.latency, narrow.chart], ['replace', 0, 30]);
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
