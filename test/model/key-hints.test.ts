import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphsFor } from '../../src/model/glyphs.js';
import { fitHints, keyHints } from '../../src/model/key-hints.js';

const text = (hints: { key: string; label: string }[]) => hints.map((h) => `${h.key} ${h.label}`).join('  ');

describe('key hints', () => {
  it('shows the focused pane\'s keys first and help and quit last', () => {
    const hints = keyHints({ focus: 'latency', helpOpen: false, filterEditing: false }, glyphsFor(true));
    assert.equal(text(hints), 'up/dn/jk select  Enter chart  s sort  / filter  Tab pane  1-4 quantile  p pause  +/- interval  ? help  q quit');
  });

  it('drops hints from the end to fit but always keeps help and quit', () => {
    const hints = keyHints({ focus: 'chart', helpOpen: false, filterEditing: false }, glyphsFor(false));
    assert.equal(text(fitHints(hints, 40)), 'Esc close  ↑↓/jk method  ? help  q quit');
    assert.equal(text(fitHints(hints, 10)), '? help  q quit');
  });

  it('switches to the filter and help keys while those are open', () => {
    assert.equal(text(keyHints({ focus: 'latency', helpOpen: false, filterEditing: true }, glyphsFor(false))), 'type filter  ⏎ keep  Esc clear  Bksp erase');
    assert.equal(text(keyHints({ focus: 'cluster', helpOpen: true, filterEditing: false }, glyphsFor(false))), '? close  Esc close  q quit');
  });
});
