import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLayout } from '../../src/model/dashboard-layout.js';
import { buildDashboardView, type DisplayInput } from '../../src/model/dashboard-view.js';
import { glyphsFor, UNICODE_GLYPHS } from '../../src/model/glyphs.js';
import { paneTitle } from '../../src/model/pane-view.js';
import { initialScrapeStatus } from '../../src/model/scrape-status.js';
import { sampleTime, syntheticState } from '../ui/support.js';

const { snapshot, trend } = syntheticState(8);
const status = { ...initialScrapeStatus(1000), snapshot, trend, lastOkMs: sampleTime(7), updatedMs: sampleTime(7) };
const display: DisplayInput = { focus: 'latency', selected: null, sort: 'latency', quantile: 0.95, chartOpen: false, helpOpen: false, helpOffset: 0, paused: false, filter: '', filterEditing: false };

function view(columns: number, rows: number, changes: Partial<DisplayInput> = {}, ascii = false) {
  const shown = { ...display, ...changes };
  return buildDashboardView({ target: 'http://peer0:8888/metrics', status, display: shown, layout: computeLayout(columns, rows, shown), nowMs: sampleTime(8), glyphs: glyphsFor(ascii) });
}

describe('buildDashboardView', () => {
  it('lists the methods in display order for the selection keys', () => {
    assert.deepEqual(view(80, 24).methods, ['IPFSConnector.Pin', 'Cluster.SendInformersMetrics', 'PinTracker.Status', 'Cluster.PinGet', 'PeerMonitor.LatestMetrics', 'Cluster.Unpin']);
    assert.deepEqual(view(80, 24, { sort: 'name', filter: 'CLUSTER' }).methods, ['Cluster.PinGet', 'Cluster.SendInformersMetrics', 'Cluster.Unpin']);
  });

  it('charts the selected method, or the first one when the selection is filtered out', () => {
    assert.match(view(120, 40, { chartOpen: true, selected: 'Cluster.PinGet' }).chart!.title.text, /^── Cluster\.PinGet · p95/);
    assert.match(view(120, 40, { chartOpen: true, selected: 'Cluster.PinGet', filter: 'tracker' }).chart!.title.text, /^── PinTracker\.Status · p95/);
  });

  it('moves the focus to a visible pane when the focused one is folded away', () => {
    assert.equal(view(120, 40, { focus: 'traces' }).focus, 'traces');
    assert.equal(view(79, 23, { focus: 'traces' }).focus, 'latency');
    assert.equal(view(79, 23, { focus: 'latency', chartOpen: true }).focus, 'chart');
  });

  it('draws with ASCII only when asked to', () => {
    for (const changes of [{}, { chartOpen: true }, { helpOpen: true }] as Partial<DisplayInput>[]) {
      const text = JSON.stringify(view(80, 24, changes, true));
      assert.equal(/[^\u0000-\u007f]/.test(text), false, text.match(/[^\u0000-\u007f]/)?.[0]);
    }
    assert.equal(view(50, 12, {}, true).tooSmall, 'terminal too small: need 60x16, have 50x12');
  });
});

describe('paneTitle', () => {
  it('fills the width with the rule, heavier when focused, and cuts a long title', () => {
    assert.equal(paneTitle('Cluster', 16, false, UNICODE_GLYPHS).text, '── Cluster ─────');
    assert.equal(paneTitle('Cluster', 16, true, UNICODE_GLYPHS).text, '━━ Cluster ━━━━━');
    assert.equal(paneTitle('A very long title', 12, false, UNICODE_GLYPHS).text, '── A very… ─');
  });
});
