// Spots a pin queue that keeps growing: the queued-pins gauge rose at each of the last few
// scrapes. A queue that grows without draining means the IPFS daemon cannot keep up.

import type { PeerSample } from './peer-sample.js';

/** How many consecutive rises count as "growing". */
export const GROWING_SCRAPES = 3;

/** True when each of the last `rises` steps of `values` (oldest first) went up. */
export function isQueueGrowing(values: readonly number[], rises = GROWING_SCRAPES): boolean {
  if (values.length < rises + 1) return false;
  for (let i = values.length - rises; i < values.length; i++) {
    const before = values[i - 1];
    const after = values[i];
    if (!Number.isFinite(before) || !Number.isFinite(after) || !(after > before)) return false;
  }
  return true;
}

/** isQueueGrowing of the samples' pin queue gauges, reading only the last few. */
export function isPinQueueGrowing(samples: readonly PeerSample[], rises = GROWING_SCRAPES): boolean {
  const from = Math.max(0, samples.length - (rises + 1));
  const queued: number[] = [];
  for (let i = from; i < samples.length; i++) queued.push(samples[i].gauges.pinQueued);
  return isQueueGrowing(queued, rises);
}
