// Test support: compares cluster-top's per-method quantiles with a real Prometheus' result rows
// (same methods; NaN there means null here; otherwise equal within 1e-9 relative).

import assert from 'node:assert/strict';
import type { OracleRow } from './prometheus-oracle.js';

/** Asserts agreement and returns how many methods had a numeric value to compare. */
export function assertSameQuantiles(ours: Map<string, number | null>, oracle: readonly OracleRow[], what: string): number {
  const theirs = new Map(oracle.map((row) => [row.labels.gorpc_server_method, row.value]));
  assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort(), `${what}: same methods`);
  let compared = 0;
  for (const [method, expected] of theirs) {
    const actual = ours.get(method);
    if (Number.isNaN(expected)) {
      assert.equal(actual, null, `${what} ${method}: Prometheus says NaN`);
      continue;
    }
    assert.equal(typeof actual, 'number', `${what} ${method}: Prometheus says ${expected}`);
    const relative = Math.abs((actual as number) - expected) / Math.max(Math.abs(expected), Number.MIN_VALUE);
    assert.ok(relative <= 1e-9, `${what} ${method}: cluster-top ${actual} vs Prometheus ${expected}`);
    compared++;
  }
  return compared;
}
