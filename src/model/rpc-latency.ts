// Per-RPC-method latency over a window, computed the way Prometheus evaluates
// histogram_quantile(q, sum by (le, gorpc_server_method) (rate(<bucket>[window]))):
// extrapolatedRate per bucket series, summed per (method, le), then the bucket quantile.

import { counterIncrease, extrapolatedRate, type Point, type RateVariant } from './counter.js';
import { histogramQuantile, type Bucket } from './quantile.js';
import type { LatencyLayout, PeerSample } from './peer-sample.js';

export type { RateVariant };

/** Windowed bucket rates of one method: enough to compute any quantile later. */
export interface MethodRates {
  /** RPC method, e.g. `Cluster.Pin`. */
  readonly method: string;
  /** Buckets with per-second rates, summed by upper bound, ascending. */
  readonly buckets: readonly Bucket[];
  /** Calls per second over the sampled part of the window (NaN with fewer than two samples). */
  readonly callsPerSecond: number;
}

/** Bucket rates of every method for the window ending at `evalMs`. */
export function windowedMethodRates(
  samples: readonly PeerSample[],
  evalMs: number,
  windowMs: number,
  variant: RateVariant,
): MethodRates[] {
  const newest = samples[samples.length - 1];
  if (newest === undefined || newest.latency === null) return [];
  const layout = newest.latency;
  const rangeStart = evalMs - windowMs;
  const inWindow = samples.filter((s) => s.tMs >= rangeStart && s.tMs <= evalMs);
  const byMethod = new Map<string, { rates: Map<number, number>; calls: number }>();
  layout.columns.forEach((column, index) => {
    const points = columnPoints(inWindow, layout, index, column.seriesId);
    const rate = extrapolatedRate(points, rangeStart, evalMs, { isCounter: true, isRate: true, variant });
    let entry = byMethod.get(column.method);
    if (entry === undefined) byMethod.set(column.method, (entry = { rates: new Map(), calls: NaN }));
    if (!Number.isNaN(rate)) entry.rates.set(column.le, (entry.rates.get(column.le) ?? 0) + rate);
    if (column.le === Infinity) entry.calls = addKnown(entry.calls, callsPerSecond(points, rangeStart));
  });
  const out: MethodRates[] = [];
  for (const [method, entry] of byMethod) {
    const buckets = [...entry.rates].map(([upperBound, count]) => ({ upperBound, count }));
    buckets.sort((a, b) => a.upperBound - b.upperBound);
    out.push({ method, buckets, callsPerSecond: entry.calls });
  }
  return out;
}

/** The q-quantile in ms of a method's windowed rates; NaN when there were no calls. */
export function methodQuantile(q: number, rates: MethodRates): number {
  return histogramQuantile(q, rates.buckets);
}

function columnPoints(samples: readonly PeerSample[], layout: LatencyLayout, index: number, seriesId: number): Point[] {
  const points: Point[] = [];
  for (const sample of samples) {
    let v: number | undefined;
    if (sample.latency === layout) v = sample.latencyValues[index];
    else if (sample.latency !== null) {
      const j = sample.latency.indexById.get(seriesId);
      if (j !== undefined) v = sample.latencyValues[j];
    }
    if (v !== undefined) points.push({ t: sample.tMs, v });
  }
  return points;
}

/** Increase over the samples strictly after the window start, per second of sampled time. */
function callsPerSecond(points: readonly Point[], rangeStart: number): number {
  const inside = points.filter((p) => p.t > rangeStart);
  if (inside.length < 2) return NaN;
  const seconds = (inside[inside.length - 1].t - inside[0].t) / 1000;
  return counterIncrease(inside) / seconds;
}

function addKnown(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return a + b;
}
