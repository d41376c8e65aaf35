// Test support: hand-built PeerSamples with a latency histogram, for model tests that should not
// depend on the parser.

import { latencyLayout as layoutOf, type LatencyLayout } from '../../src/model/latency-layout.js';
import type { PeerSample } from '../../src/model/peer-sample.js';

/** Builds a layout of `methods` × `bounds` (+Inf appended), series ids in order. */
export function latencyLayout(methods: readonly string[], bounds: readonly number[]): LatencyLayout {
  const columns = methods.flatMap((method, m) =>
    [...bounds, Infinity].map((le, b) => ({ seriesId: m * (bounds.length + 1) + b, method, le })),
  );
  return layoutOf('ipfscluster_gorpc_libp2p_io_server_server_latency', columns);
}

/** A sample at `tMs` whose bucket counts are `counts` (per method, cumulative, +Inf last). */
export function sampleAt(tMs: number, layout: LatencyLayout | null, counts: readonly (readonly number[])[], extra: Partial<{ startTime: number; pinAdd: number; cpu: number }> = {}): PeerSample {
  const nan = NaN;
  return {
    tMs,
    gauges: { pins: 10, pinQueued: 1, pinning: 2, pinErrors: 0, ipfsPins: 9, informerDisk: -5e9 },
    counters: { pinAdd: extra.pinAdd ?? nan, pinAddErrors: nan, blocksPut: nan, blocksAdded: nan, blocksAddedSize: nan, blocksPutErrors: nan },
    process: { residentMemoryBytes: 1e8, cpuSecondsTotal: extra.cpu ?? nan, startTimeSeconds: extra.startTime ?? 1000, openFds: 10, maxFds: 1024, goroutines: 50 },
    libp2pOpened: 10,
    libp2pClosed: 4,
    latency: layout,
    latencyValues: Float64Array.from(counts.flat()),
    clusterMetricsFound: 12,
  };
}
