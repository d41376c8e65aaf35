// Sums the windowed rate of every latency bucket series into per-method buckets, the
// `sum by (le, gorpc_server_method)` step. Which method and which (method, le) sum each column
// goes to depends only on the layout, so it is worked out once per layout; each scrape then
// only adds numbers, without building maps (the live view does this every second).

import type { LatencyLayout } from './peer-sample.js';
import type { MethodRates } from './rpc-latency.js';

/** Where each column of a layout goes. */
export interface ColumnPlan {
  /** Methods in the order their first column appears. */
  readonly methods: readonly string[];
  /** Per column: index into `methods`. */
  readonly methodOf: Int32Array;
  /** Per column: its (method, le) sum. */
  readonly sumOf: Int32Array;
  /** Per sum: its upper bound (−0 stored as +0, as a Map key would be). */
  readonly boundOf: Float64Array;
}

const plans = new WeakMap<LatencyLayout, ColumnPlan>();

/** The plan of `layout` (worked out on first use, then remembered). */
export function columnPlan(layout: LatencyLayout): ColumnPlan {
  let plan = plans.get(layout);
  if (plan === undefined) plans.set(layout, (plan = buildPlan(layout)));
  return plan;
}

function buildPlan(layout: LatencyLayout): ColumnPlan {
  const methodIndex = new Map<string, { index: number; sums: Map<number, number> }>();
  const methods: string[] = [];
  const bounds: number[] = [];
  const methodOf = new Int32Array(layout.columns.length);
  const sumOf = new Int32Array(layout.columns.length);
  layout.columns.forEach((column, c) => {
    let entry = methodIndex.get(column.method);
    if (entry === undefined) {
      methodIndex.set(column.method, (entry = { index: methods.length, sums: new Map() }));
      methods.push(column.method);
    }
    // Map keys compare like SameValueZero: NaN meets NaN, −0 meets +0 (and is kept as +0).
    let sum = entry.sums.get(column.le);
    if (sum === undefined) {
      entry.sums.set(column.le, (sum = bounds.length));
      bounds.push(column.le === 0 ? 0 : column.le);
    }
    methodOf[c] = entry.index;
    sumOf[c] = sum;
  });
  return { methods, methodOf, sumOf, boundOf: Float64Array.from(bounds) };
}

/**
 * Per method: the sums of `rates` by upper bound (a rate of NaN adds nothing; a bound with no
 * number at all is left out), ascending, and the known `calls` of its +Inf columns added up.
 * The sums are made in column order, starting from 0, exactly as adding into a Map would.
 */
export function sumByMethod(plan: ColumnPlan, rates: Float64Array, calls: Float64Array): MethodRates[] {
  const sums = new Float64Array(plan.boundOf.length);
  const seen = new Uint8Array(plan.boundOf.length);
  const order: number[][] = plan.methods.map(() => []);
  const callsOf = new Float64Array(plan.methods.length).fill(NaN);
  for (let c = 0; c < plan.methodOf.length; c++) {
    const m = plan.methodOf[c];
    const s = plan.sumOf[c];
    const rate = rates[c];
    if (!Number.isNaN(rate)) {
      if (seen[s] === 0) {
        seen[s] = 1;
        sums[s] = 0 + rate;
        order[m].push(s);
      } else sums[s] += rate;
    }
    if (plan.boundOf[s] === Infinity) callsOf[m] = addKnown(callsOf[m], calls[c]);
  }
  return plan.methods.map((method, m) => {
    const buckets = order[m].map((s) => ({ upperBound: plan.boundOf[s], count: sums[s] }));
    buckets.sort((a, b) => a.upperBound - b.upperBound);
    return { method, buckets, callsPerSecond: callsOf[m] };
  });
}

function addKnown(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a + b;
}
