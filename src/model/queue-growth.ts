// Spots a pin queue that keeps growing: the queued-pins gauge rose at each of the last few
// scrapes. A queue that grows without draining means the IPFS daemon cannot keep up.

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
