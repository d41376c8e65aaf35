// The short history cluster-top keeps for one peer: the PeerSamples inside the window, capped in
// count, and cut at a peer restart so that rates never mix two processes. It also knows from which
// sample on no latency bucket count went down (steadyFrom), and from which on no counter the
// snapshot rates did (countersSteadyFrom), each checked once per sample as it comes, so that the
// rates need not go over the whole window again on every scrape.

import { CLUSTER_COUNTER_KEYS } from './cluster-catalogue.js';
import type { PeerSample } from './peer-sample.js';

/** What `--once` says when the process start time changed between its scrapes. */
export const RESTART_NOTE = 'the peer restarted between the scrapes (process_start_time_seconds changed): rates start over';

/** Limits of a PeerHistory. */
export interface HistoryLimits {
  /** Samples older than newest − windowMs are dropped (one at exactly the edge is kept). */
  readonly windowMs: number;
  /** At most this many samples are kept. */
  readonly maxSamples: number;
}

/** What push() noticed about the new sample. */
export interface PushResult {
  /** The peer's process start time changed: older samples were dropped. */
  readonly restarted: boolean;
  /** The sample was not newer than the last one and was ignored. */
  readonly outOfOrder: boolean;
}

/** Bounded, time-ordered samples of one peer. */
export class PeerHistory {
  private readonly kept: PeerSample[] = [];
  private steady = 0;
  private countersSteady = 0;
  /** Scrape time of the first sample after the last detected restart, or null. */
  restartedAtMs: number | null = null;

  constructor(private readonly limits: HistoryLimits) {}

  /** Adds the newest sample, dropping what fell out of the window or over the cap. */
  push(sample: PeerSample): PushResult {
    const last = this.latest();
    if (last !== undefined && sample.tMs <= last.tMs) return { restarted: false, outOfOrder: true };
    const restarted = last !== undefined && isRestart(last, sample);
    if (restarted) {
      this.kept.length = 0;
      this.restartedAtMs = sample.tMs;
    }
    const previous = this.latest();
    if (previous !== undefined && !continuesLatency(previous, sample)) this.steady = this.kept.length;
    if (previous !== undefined && !continuesCounters(previous, sample)) this.countersSteady = this.kept.length;
    this.kept.push(sample);
    const oldestKept = sample.tMs - this.limits.windowMs;
    let drop = 0;
    while (drop < this.kept.length - 1 && this.kept[drop].tMs < oldestKept) drop++;
    drop = Math.max(drop, this.kept.length - this.limits.maxSamples);
    if (drop > 0) this.kept.splice(0, drop);
    this.steady = Math.max(0, this.steady - drop);
    this.countersSteady = Math.max(0, this.countersSteady - drop);
    return { restarted, outOfOrder: false };
  }

  /** Kept samples, oldest first. */
  samples(): readonly PeerSample[] {
    return this.kept;
  }

  /**
   * The index (in samples()) from which on every sample has the previous one's latency layout and
   * no bucket count below it: a window starting there has no counter reset.
   */
  get steadyFrom(): number {
    return this.steady;
  }

  /**
   * The index (in samples()) from which on each cluster counter and the process CPU seconds is
   * either missing from every sample or present in each and never below the one before: the
   * per-second rate of a window starting there is its last value minus its first.
   */
  get countersSteadyFrom(): number {
    return this.countersSteady;
  }

  /** The newest sample, if any. */
  latest(): PeerSample | undefined {
    return this.kept[this.kept.length - 1];
  }

  /** Number of kept samples. */
  get length(): number {
    return this.kept.length;
  }
}

/** `next` has `previous`'s latency layout and no bucket count below it (NaN compares false, as in rawIncrease). */
export function continuesLatency(previous: PeerSample, next: PeerSample): boolean {
  if (next.latency !== previous.latency) return false;
  const a = previous.latencyValues;
  const b = next.latencyValues;
  for (let j = 0; j < b.length; j++) if (b[j] < a[j]) return false;
  return true;
}

/** Every counter the snapshot rates continues from `previous` to `next` (see countersSteadyFrom). */
function continuesCounters(previous: PeerSample, next: PeerSample): boolean {
  for (let i = 0; i < CLUSTER_COUNTER_KEYS.length; i++) {
    const key = CLUSTER_COUNTER_KEYS[i];
    if (!continuesCount(previous.counters[key], next.counters[key])) return false;
  }
  return continuesCount(previous.process.cpuSecondsTotal, next.process.cpuSecondsTotal);
}

/** `b` follows `a` as a count without a reset: both missing (NaN), or b ≥ a. */
function continuesCount(a: number, b: number): boolean {
  return b >= a || (Number.isNaN(a) && Number.isNaN(b));
}

/** A different process start time means the peer restarted between the two scrapes. */
function isRestart(previous: PeerSample, next: PeerSample): boolean {
  const a = previous.process.startTimeSeconds;
  const b = next.process.startTimeSeconds;
  return Number.isFinite(a) && Number.isFinite(b) && a !== b;
}
