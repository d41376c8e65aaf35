// One method's windowed bucket rates kept packed: its counts are a slice of one Float64Array
// per scrape, and the upper bounds a slice of an array shared by every scrape with the same
// buckets. The latency trend keeps hundreds of scrapes of a few dozen methods of ~40 buckets
// each: as {upperBound, count} objects that is ~60 bytes a bucket, packed ~8. Quantiles are
// computed from the arrays directly; `buckets` is only rebuilt for callers that ask for it (a
// getter: an object spread of packed rates copies no buckets).

import { histogramQuantile, packedHistogramQuantile, type Bucket } from './quantile.js';
import type { MethodRates } from './rpc-latency.js';

/** MethodRates whose buckets are slices of shared Float64Arrays (never changed once built). */
export class PackedMethodRates implements MethodRates {
  constructor(
    readonly method: string,
    readonly callsPerSecond: number,
    private readonly bounds: Float64Array,
    private readonly counts: Float64Array,
    private readonly offset: number,
    private readonly length: number,
  ) {}

  /** The buckets as objects, made anew on each read. */
  get buckets(): Bucket[] {
    const out = new Array<Bucket>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { upperBound: this.bounds[this.offset + i], count: this.counts[this.offset + i] };
    return out;
  }

  /** histogramQuantile(q, this.buckets), to the bit, without making the bucket objects when they are in order. */
  quantile(q: number): number {
    return packedHistogramQuantile(q, this.bounds, this.counts, this.offset, this.length) ?? histogramQuantile(q, this.buckets);
  }
}
