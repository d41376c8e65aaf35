// Sums the windowed rate of every latency bucket series into per-method buckets, the
// `sum by (le, gorpc_server_method)` step. Which method and which (method, le) sum each column
// goes to depends only on the layout, so it is worked out once per layout; each scrape then
// only adds numbers, without building maps (the live view does this every second).

import { PackedMethodRates } from './packed-rates.js';
import type { LatencyColumn } from './latency-layout.js';
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
  /**
   * Every method's sums in ascending order of bound, method after method (null when a bound is
   * NaN: sorting is then order-dependent and done per scrape): where the sums go when each has
   * a number, which is every scrape once the window holds two samples.
   */
  readonly sorted: SortedSums | null;
}

/** The sums of a plan laid out method after method, each method's ascending by bound. */
interface SortedSums {
  /** Sum index at each position. */
  readonly sumAt: Int32Array;
  /** Upper bound at each position, shared by every scrape's packed rates. */
  readonly bounds: Float64Array;
  /** Per method: its first position. */
  readonly offset: Int32Array;
  /** Per method: how many sums it has. */
  readonly length: Int32Array;
}

/** The plan of a layout's columns (made once, with the layout: see latency-layout.ts). */
export function columnPlan(columns: readonly LatencyColumn[]): ColumnPlan {
  const methodIndex = new Map<string, { index: number; sums: Map<number, number> }>();
  const methods: string[] = [];
  const bounds: number[] = [];
  const methodOf = new Int32Array(columns.length);
  const sumOf = new Int32Array(columns.length);
  columns.forEach((column, c) => {
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
  const boundOf = Float64Array.from(bounds);
  const sorted = bounds.some(Number.isNaN) ? null : sortSums([...methodIndex.values()].map((m) => [...m.sums.values()]), boundOf);
  return { methods, methodOf, sumOf, boundOf, sorted };
}

/** Each method's sums by ascending bound (bounds distinct within a method and not NaN, so the order is unique). */
function sortSums(sumsByMethod: readonly number[][], boundOf: Float64Array): SortedSums {
  const sumAt = new Int32Array(boundOf.length);
  const offset = new Int32Array(sumsByMethod.length);
  const length = new Int32Array(sumsByMethod.length);
  let at = 0;
  sumsByMethod.forEach((sums, m) => {
    offset[m] = at;
    length[m] = sums.length;
    for (const s of [...sums].sort((a, b) => boundOf[a] - boundOf[b])) sumAt[at++] = s;
  });
  return { sumAt, bounds: Float64Array.from(sumAt, (s) => boundOf[s]), offset, length };
}

/**
 * Per method: the sums of `rates` by upper bound (a rate of NaN adds nothing; a bound with no
 * number at all is left out), ascending, and the known `calls` of its +Inf columns added up.
 * The sums are made in column order, starting from 0, exactly as adding into a Map would.
 */
export function sumByMethod(plan: ColumnPlan, rates: Float64Array, calls: Float64Array): MethodRates[] {
  const { sums, seen, callsOf } = sumColumns(plan, rates, calls);
  const sorted = plan.sorted;
  if (sorted !== null && seen.indexOf(0) < 0) {
    // Every sum has a number: each method's buckets are its sums in the plan's order, packed.
    const counts = new Float64Array(sorted.sumAt.length);
    for (let k = 0; k < counts.length; k++) counts[k] = sums[sorted.sumAt[k]];
    return plan.methods.map((method, m) => new PackedMethodRates(method, callsOf[m], sorted.bounds, counts, sorted.offset[m], sorted.length[m]));
  }
  // Some sum has no number (or the bounds do not sort): each method's sums that have one, in
  // order of first appearance, as bucket objects.
  const order: number[][] = plan.methods.map(() => []);
  seen.fill(0);
  for (let c = 0; c < plan.methodOf.length; c++) {
    const s = plan.sumOf[c];
    if (Number.isNaN(rates[c]) || seen[s] === 1) continue;
    seen[s] = 1;
    order[plan.methodOf[c]].push(s);
  }
  return plan.methods.map((method, m) => {
    const buckets = order[m].map((s) => ({ upperBound: plan.boundOf[s], count: sums[s] }));
    buckets.sort((a, b) => a.upperBound - b.upperBound);
    return { method, buckets, callsPerSecond: callsOf[m] };
  });
}

/** Receives a peer's sums per method (see forEachMethodSum). */
export interface MethodSumVisitor {
  /** The next method, with its calls per second (NaN when unknown); its buckets follow. */
  method(method: string, callsPerSecond: number): void;
  /** A bucket of the last method: its bound and its summed rate. */
  bucket(upperBound: number, rate: number): void;
}

/**
 * sumByMethod's figures handed to `visit` instead of made into MethodRates (a fleet that only
 * adds them up across peers makes no objects per peer): each method in the plan's order, then
 * its buckets that have a number, ascending. False, with nothing handed on, when the plan's
 * bounds do not sort (the caller then uses sumByMethod).
 */
export function forEachMethodSum(plan: ColumnPlan, rates: Float64Array, calls: Float64Array, visit: MethodSumVisitor): boolean {
  const sorted = plan.sorted;
  if (sorted === null) return false;
  const { sums, seen, callsOf } = sumColumns(plan, rates, calls);
  for (let m = 0; m < plan.methods.length; m++) {
    visit.method(plan.methods[m], callsOf[m]);
    for (let k = sorted.offset[m]; k < sorted.offset[m] + sorted.length[m]; k++) {
      const s = sorted.sumAt[k];
      if (seen[s] === 1) visit.bucket(sorted.bounds[k], sums[s]);
    }
  }
  return true;
}

/**
 * The sums of `rates` per (method, le) in column order, starting from 0 (`seen[s]`: sum s has a
 * number), and the known calls of each method's +Inf columns added up (`callsOf`, by method).
 * All three are scratch, valid until the next call.
 */
function sumColumns(plan: ColumnPlan, rates: Float64Array, calls: Float64Array): { sums: Float64Array; seen: Uint8Array; callsOf: Float64Array } {
  const sums = scratch.sums(plan.boundOf.length);
  const seen = scratch.seen(plan.boundOf.length);
  seen.fill(0);
  const callsOf = scratch.methodCalls(plan.methods.length).fill(NaN);
  for (let c = 0; c < plan.methodOf.length; c++) {
    const m = plan.methodOf[c];
    const s = plan.sumOf[c];
    const rate = rates[c];
    if (!Number.isNaN(rate)) {
      if (seen[s] === 0) {
        seen[s] = 1;
        sums[s] = 0 + rate;
      } else sums[s] += rate;
    }
    if (plan.boundOf[s] === Infinity) callsOf[m] = addKnown(callsOf[m], calls[c]);
  }
  return { sums, seen, callsOf };
}

/**
 * Working arrays reused from scrape to scrape (their contents never outlive a call): at full
 * speed (`--replay`) fresh ones made thousands of short-lived off-heap buffers a second, which
 * V8 frees only at its next collection.
 */
class Scratch {
  private floats = new Float64Array(0);
  private flags = new Uint8Array(0);
  private extraFloats = new Float64Array(0);
  private perMethod = new Float64Array(0);

  /** `n` floats (contents undefined). */
  sums(n: number): Float64Array {
    if (this.floats.length < n) this.floats = new Float64Array(n);
    return this.floats.subarray(0, n);
  }

  /** `n` flags (contents undefined). */
  seen(n: number): Uint8Array {
    if (this.flags.length < n) this.flags = new Uint8Array(n);
    return this.flags.subarray(0, n);
  }

  /** `n` floats for per-method values (contents undefined). */
  methodCalls(n: number): Float64Array {
    if (this.perMethod.length < n) this.perMethod = new Float64Array(n);
    return this.perMethod.subarray(0, n);
  }

  /** Two arrays of `n` floats for per-column values, each filled with NaN. */
  columns(n: number): [Float64Array, Float64Array] {
    if (this.extraFloats.length < 2 * n) this.extraFloats = new Float64Array(2 * n);
    const both = this.extraFloats.subarray(0, 2 * n).fill(NaN);
    return [both.subarray(0, n), both.subarray(n, 2 * n)];
  }
}

const scratch = new Scratch();

/** Two arrays of `n` NaNs for a call's per-column rates and calls, valid until the next call. */
export function columnScratch(n: number): [Float64Array, Float64Array] {
  return scratch.columns(n);
}

function addKnown(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a + b;
}
