// Without colour (`--no-color`, NO_COLOR) the 'bad' tone is drawn in inverse video, so a blank
// cell in that tone shows as a solid block: the trace list and the waterfall must put it only
// on the error marks themselves, never on the padding around them.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toneStyle } from '../../src/ui/theme.js';
import { openedDisplay, openedStatus, pane } from './traces-support.js';

/** The 'bad' segments of a pane that hold blank cells, with the line they are on. */
function blankBadCells(p: ReturnType<typeof pane>): string[] {
  const found: string[] = [];
  for (const line of p.view.lines) {
    for (const segment of line.segments) {
      if (segment.tone === 'bad' && segment.text !== segment.text.trim()) {
        found.push(`${JSON.stringify(segment.text)} in ${JSON.stringify(line.segments.map((s) => s.text).join(''))}`);
      }
    }
  }
  return found;
}

describe('the bad tone without colour', () => {
  it('is inverse video, so blank cells in it would show', () => {
    assert.equal(toneStyle('bad', false).inverse, true);
  });

  it('marks only error counts and error bars in the trace list', () => {
    const p = pane({ columns: 120 });
    assert.ok(p.view.lines.some((l) => l.segments.some((s) => s.tone === 'bad' && s.text.trim() !== '')), 'the fixture has traces with errors');
    assert.deepEqual(blankBadCells(p), []);
  });

  it('marks only the error mark and the bar of a failed span in the waterfall', () => {
    for (const prefix of ['e6449ca', '48d6e09']) {
      const p = pane({ columns: 100, height: 30, status: openedStatus(prefix), display: openedDisplay(prefix) });
      assert.ok(p.view.lines.some((l) => l.segments.some((s) => s.tone === 'bad' && s.text.trim() !== '')), `${prefix} has a failed span`);
      assert.deepEqual(blankBadCells(p), [], prefix);
    }
  });
});
