import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildClusterView } from '../../src/model/cluster-view.js';
import { computeLayout } from '../../src/model/dashboard-layout.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import { clusterPaneLines } from '../../src/ui/cluster-pane.js';
import { sampleAt } from '../support/samples.js';
import { lines, paneText, syntheticState } from './support.js';

const { snapshot } = syntheticState(8);

function frame(columns: number, rows: number, queueGrowing: boolean, snap = snapshot, ascii = false): string {
  const layout = computeLayout(columns, rows, { chartOpen: false });
  const view = buildClusterView({
    snapshot: snap,
    queueGrowing,
    focused: false,
    width: layout.width,
    height: layout.cluster,
    gaugesPerRow: layout.gaugesPerRow,
    gaugeWidth: layout.gaugeWidth,
    glyphs: glyphsFor(ascii),
  });
  return paneText(clusterPaneLines(view, false));
}

describe('ClusterPane', () => {
  it('draws twelve gauges in rows of four at 80 columns, marking a growing queue', () => {
    assert.equal(
      frame(80, 24, true),
      lines(
        '── Cluster ────────────────────────────────────────────────────────────────────',
        'pins            10  queued ↑         7  pinning          2  pin errors       2',
        'IPFS pins        9  disk used 4.66 GiB  pins/s        3.00  blocks/s         -',
        'RSS       95.4 MiB  CPU           5.0%  goroutines      50  conns            6',
      ),
    );
  });

  it('shows unknown conns (-) when the closed-connection counter is ahead of the opened one', () => {
    const odd = buildSnapshot([{ ...sampleAt(1000, null, []), libp2pOpened: 40, libp2pClosed: 41 }], { target: 't', quantile: 0.95, windowMs: 60_000, variant: 'prom3' });
    assert.match(frame(80, 24, false, odd), /conns {12}-\n?$/);
  });

  it('draws rows of six at 120 columns, free disk when the informer reports free space', () => {
    const free = buildSnapshot([{ ...sampleAt(4_600_000, null, []), gauges: { pins: 42509, pinQueued: 0, pinning: 1, pinErrors: 0, ipfsPins: 14464, informerDisk: 1.44e12 } }], {
      target: 't',
      quantile: 0.95,
      windowMs: 60_000,
      variant: 'prom3',
    });
    assert.equal(
      frame(120, 40, false, free),
      lines(
        '── Cluster ────────────────────────────────────────────────────────────────────────────────────────────────────────────',
        'pins         42509  queued           0  pinning          1  pin errors       0  IPFS pins    14464  disk free 1.31 TiB',
        'pins/s           -  blocks/s         -  RSS       95.4 MiB  CPU              -  goroutines      50  conns            6',
      ),
    );
  });

  it('explains instead when the endpoint has no cluster metrics', () => {
    const notCluster = buildSnapshot([{ ...sampleAt(1000, null, []), clusterMetricsFound: 0 }], { target: 't', quantile: 0.95, windowMs: 60_000, variant: 'prom3' });
    assert.equal(
      frame(80, 24, false, notCluster, true),
      lines(
        '-- Cluster --------------------------------------------------------------------',
        "no IPFS Cluster metrics found: is this the peer's metrics endpoint",
        '(observations.metrics.prometheus_endpoint, default 127.0.0.1:8888) with',
        'enable_stats on?',
      ),
    );
    // The pane decides from the typed flag, not by looking for the note's wording.
    assert.equal(frame(80, 24, false, { ...notCluster, notes: ['reworded'] }, true), frame(80, 24, false, notCluster, true));
  });
});
