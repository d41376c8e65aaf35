import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphsFor } from '../../src/model/glyphs.js';
import { buildLatencyView, type LatencyInput } from '../../src/model/latency-view.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { latencyPaneLines } from '../../src/ui/latency-pane.js';
import { sampleAt } from '../support/samples.js';
import { lines, paneText, syntheticState } from './support.js';

const { snapshot, trend } = syntheticState(8);
const base: LatencyInput = {
  snapshot,
  trend,
  quantile: 0.95,
  sort: 'latency',
  filter: '',
  selected: null,
  filterEditing: false,
  focused: true,
  width: 79,
  height: 9,
  glyphs: glyphsFor(false),
};

function frame(input: Partial<LatencyInput>): string {
  const view = buildLatencyView({ ...base, ...input });
  return paneText(latencyPaneLines(view, false));
}

describe('LatencyPane', () => {
  it('lists methods by latency with their quantile, calls/s and a sparkline at 80 columns', () => {
    assert.equal(
      frame({}),
      lines(
        '━━ RPC latency p95 · 1m window · by latency ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  method                             p95  calls/s  p95 trend',
        '› IPFSConnector.Pin               4.30 s     2.00                       ▂██████',
        '  Cluster.SendInformersMetrics   91.2 ms     3.00                       ▅██████',
        '  PinTracker.Status              43.0 ms     4.00                       ▂██████',
        '  Cluster.PinGet                 9.13 ms     5.00                       ▅██████',
        '  PeerMonitor.LatestMetrics      4.30 ms     6.00                       ▂██████',
        '  Cluster.Unpin                        -        0',
        '',
      ),
    );
  });

  it('gives the sparkline the extra width at 120 columns and scrolls to the selection', () => {
    assert.equal(
      frame({ width: 119, height: 5, focused: false, selected: 'PinTracker.Status' }),
      lines(
        '── RPC latency p95 · 1m window · by latency · 1-3 of 6 ────────────────────────────────────────────────────────────────',
        '  method                             p95  calls/s  p95 trend',
        '  IPFSConnector.Pin               4.30 s     2.00                                                               ▂██████',
        '  Cluster.SendInformersMetrics   91.2 ms     3.00                                                               ▅██████',
        '› PinTracker.Status              43.0 ms     4.00                                                               ▂██████',
      ),
    );
    assert.equal(
      frame({ width: 119, height: 5, focused: false, selected: 'Cluster.PinGet' }).split('\n')[0],
      '── RPC latency p95 · 1m window · by latency · 2-4 of 6 ────────────────────────────────────────────────────────────────',
    );
  });

  it('redraws every row for another quantile and sorts by calls', () => {
    assert.equal(
      frame({ quantile: 0.5, sort: 'calls', height: 4, glyphs: glyphsFor(true) }),
      lines(
        '== RPC latency p50 | 1m window | by calls | 1-2 of 6 ==========================',
        '  method                             p50  calls/s  p50 trend',
        '> PeerMonitor.LatestMetrics      0.70 ms     6.00                       :#++*++',
        '  Cluster.PinGet                 3.80 ms     5.00                       =#*+***',
      ),
    );
  });

  it('filters by substring, shows the filter being typed, and says when nothing matches', () => {
    assert.equal(
      frame({ filter: 'pin', height: 5, sort: 'name' }),
      lines(
        '━━ RPC latency p95 · 1m window · by name · /pin · 1-3 of 4 ━━━━━━━━━━━━━━━━━━━━',
        '  method                  p95  calls/s  p95 trend',
        '› Cluster.PinGet      9.13 ms     5.00                                  ▅██████',
        '  Cluster.Unpin             -        0',
        '  IPFSConnector.Pin    4.30 s     2.00                                  ▂██████',
      ),
    );
    assert.equal(
      frame({ filter: 'zz', filterEditing: true, height: 3 }),
      lines(
        '━━ RPC latency p95 · 1m window · by latency · /zz_ ━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'no method matches "zz" (Esc clears the filter)',
        '',
      ),
    );
  });

  it('explains that the histograms need tracing when the peer has none', () => {
    const noHistograms = buildSnapshot([sampleAt(1000, null, [])], { target: 't', quantile: 0.95, windowMs: 60_000, variant: 'prom3' });
    assert.equal(
      frame({ snapshot: noHistograms, trend: [], height: 6 }),
      lines(
        '━━ RPC latency p95 · 1m window · by latency ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'RPC latency histograms appear only when the peer runs with tracing enabled:',
        'start it with `ipfs-cluster-service daemon --stats --tracing`, or set',
        '"observations.tracing.enable_tracing": true in service.json (or',
        'CLUSTER_TRACING_ENABLETRACING=true).',
        '',
      ),
    );
    // The pane decides from the typed flag, not by looking for the note's wording.
    assert.equal(frame({ snapshot: { ...noHistograms, notes: [] }, trend: [], height: 6 }), frame({ snapshot: noHistograms, trend: [], height: 6 }));
  });

  it('escapes control characters in method names', () => {
    const view = buildLatencyView({ ...base, filter: 'pinget' });
    assert.equal(view.rows[0].method.trimEnd(), 'Cluster.PinGet');
    const first = snapshot.methodRates[0];
    const hostile = { ...snapshot, methodRates: [{ method: 'Evil\u001b[2J.Method', buckets: first.buckets, callsPerSecond: first.callsPerSecond }] };
    const row = buildLatencyView({ ...base, snapshot: hostile }).rows[0];
    assert.equal(row.method.trimEnd(), 'Evil\\x1b[2J.Method');
  });
});
