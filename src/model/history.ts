// The short history cluster-top keeps for one peer: the PeerSamples inside the window, capped in
// count, and cut at a peer restart so that rates never mix two processes.

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
    this.kept.push(sample);
    const oldestKept = sample.tMs - this.limits.windowMs;
    let drop = 0;
    while (drop < this.kept.length - 1 && this.kept[drop].tMs < oldestKept) drop++;
    drop = Math.max(drop, this.kept.length - this.limits.maxSamples);
    if (drop > 0) this.kept.splice(0, drop);
    return { restarted, outOfOrder: false };
  }

  /** Kept samples, oldest first. */
  samples(): readonly PeerSample[] {
    return this.kept;
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

/** A different process start time means the peer restarted between the two scrapes. */
function isRestart(previous: PeerSample, next: PeerSample): boolean {
  const a = previous.process.startTimeSeconds;
  const b = next.process.startTimeSeconds;
  return Number.isFinite(a) && Number.isFinite(b) && a !== b;
}
