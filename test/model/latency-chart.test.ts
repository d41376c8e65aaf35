import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/model/glyphs.js';
import { chartPoints, plotLatency } from '../../src/model/latency-chart.js';

describe('plotLatency', () => {
  it('plots on a labelled ms axis from 0 to the maximum', () => {
    const lines = plotLatency([10, 20, 40, 20], { width: 14, height: 3, symbols: UNICODE_GLYPHS.chart });
    // 10 and 20 both round to the middle row at this height; asciichart marks the first value
    // (and the top of the axis) with ┼.
    assert.deepEqual(lines, [
      ' 40.0 ms ┼ ╭╮ ',
      ' 20.0 ms ┼─╯╰─',
      '       0 ┤    ',
    ]);
  });

  it('leaves gap columns blank instead of throwing on them, and shows every known point', () => {
    const lines = plotLatency([10, null, 10, 10, 10], { width: 15, height: 2, symbols: UNICODE_GLYPHS.chart })!;
    assert.deepEqual(lines, [' 10.0 ms ┼─ ───', '       0 ┤     ']);
  });

  it('clamps the scale: a constant series keeps its height and negative values sit on 0', () => {
    const lines = plotLatency([5, 5, -3], { width: 13, height: 3, symbols: ASCII_GLYPHS.chart })!;
    assert.equal(lines.length, 3);
    assert.deepEqual(lines, [' 5.00 ms +-+ ', ' 2.50 ms | | ', '       0 | +-']);
  });

  it('gives null when there is nothing to draw', () => {
    assert.equal(plotLatency([null, null], { width: 20, height: 4, symbols: UNICODE_GLYPHS.chart }), null);
    assert.equal(plotLatency([], { width: 20, height: 4, symbols: UNICODE_GLYPHS.chart }), null);
  });

  it('downsamples a long history to the plot width', () => {
    const series = Array.from({ length: 500 }, (_, i) => i % 7);
    const lines = plotLatency(series, { width: 40, height: 4, symbols: UNICODE_GLYPHS.chart })!;
    assert.equal(chartPoints(40), 30);
    for (const line of lines) assert.equal([...line].length, 40);
  });
});
