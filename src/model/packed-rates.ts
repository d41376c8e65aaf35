// One method's windowed bucket rates kept packed: its counts are a slice of one Float64Array
// per scrape, and the upper bounds a slice of an array shared by every scrape with the same
// buckets. The latency trend keeps hundreds of scrapes of a few dozen methods of ~40 buckets
// each: as {upperBound, count} objects that is ~60 bytes a bucket, packed ~8. Quantiles are
// computed from the arrays directly; `buckets` is only rebuilt for callers that ask for it (a
// getter: an object spread of packed rates copies no buckets). Rates the latency trend keeps
// carry the quantiles the view can ask for, worked out once when they were kept.

import { histogramQuantile, packedHistogramQuantile, packedHistogramQuantiles, type Bucket } from './quantile.js';
import type { MethodRates } from './rpc-latency.js';

/** Quantiles worked out when rates were kept, shared by a scrape's methods: `values[at + i]` is a method's `keys[i]`-quantile (its `at` kept with it). */
export interface KeptQuantiles {
  readonly keys: readonly number[];
  readonly values: Float64Array;
}

/** Receives buckets one by one (an object, not a callback: see src/feed/fleet-monitor.ts on closures). */
export interface BucketVisitor {
  bucket(upperBound: number, count: number): void;
}

/** MethodRates whose buckets are slices of shared Float64Arrays (never changed once built; quantiles may be attached once, see withQuantiles). */
export class PackedMethodRates implements MethodRates {
  constructor(
    readonly method: string,
    readonly callsPerSecond: number,
    private readonly bounds: Float64Array,
    private readonly counts: Float64Array,
    private readonly offset: number,
    private readonly length: number,
    private kept: KeptQuantiles | null = null,
    /** Where this method's quantiles start in `kept.values`. */
    private keptAt = 0,
  ) {}

  /** Writes this.quantile(q) for every q of `keys` to `out[at + i]`, the buckets prepared once. */
  quantilesInto(keys: readonly number[], out: Float64Array, at: number): void {
    if (this.kept !== null) {
      // Quantiles given with the rates (a server computed them): read, never recomputed from no buckets.
      for (let i = 0; i < keys.length; i++) out[at + i] = this.quantile(keys[i]);
      return;
    }
    if (packedHistogramQuantiles(keys, this.bounds, this.counts, this.offset, this.length, out, at)) return;
    for (let i = 0; i < keys.length; i++) out[at + i] = this.quantile(keys[i]);
  }

  /**
   * These rates, carrying their quantiles at `kept.values[at…]` (computed from these rates by the
   * caller, bit for bit what quantile() gives, so nothing a reader sees changes): they are
   * attached in place, as the latency trend keeps every scrape's rates, when these carry none
   * yet; otherwise a copy carries them.
   */
  withQuantiles(kept: KeptQuantiles, at: number): PackedMethodRates {
    if (this.kept !== null) return new PackedMethodRates(this.method, this.callsPerSecond, this.bounds, this.counts, this.offset, this.length, kept, at);
    this.kept = kept;
    this.keptAt = at;
    return this;
  }

  /** Calls `to.bucket(upperBound, count)` for each bucket, ascending, without making bucket objects. */
  forEachBucket(to: BucketVisitor): void {
    for (let i = 0; i < this.length; i++) to.bucket(this.bounds[this.offset + i], this.counts[this.offset + i]);
  }

  /** The buckets as objects, made anew on each read. */
  get buckets(): Bucket[] {
    const out = new Array<Bucket>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = { upperBound: this.bounds[this.offset + i], count: this.counts[this.offset + i] };
    return out;
  }

  /** histogramQuantile(q, this.buckets), to the bit, without making the bucket objects when they are in order. */
  quantile(q: number): number {
    const kept = this.kept;
    if (kept !== null) {
      const i = kept.keys.indexOf(q);
      if (i >= 0) return kept.values[this.keptAt + i];
    }
    return packedHistogramQuantile(q, this.bounds, this.counts, this.offset, this.length) ?? histogramQuantile(q, this.buckets);
  }
}
