// What one poll of a peer yields, as the model and the views see it: a sample or a failure.

import type { PollFailureKind } from './failure-kinds.js';
import type { PeerSample } from './peer-sample.js';

export type { PollFailureKind } from './failure-kinds.js';

/** The result of one poll: a parsed sample, or one escaped line saying what went wrong. */
export type PollOutcome =
  | {
      readonly ok: true;
      readonly sample: PeerSample;
      readonly bytes: number;
      readonly durationMs: number;
      /** One escaped line when the payload was cut to fit the target's caps ("truncated: …"). */
      readonly notice?: string;
    }
  | PollFailure;

/** A failed poll: a kind to branch on, the HTTP status when an answer had one, one escaped line. */
export interface PollFailure {
  readonly ok: false;
  readonly kind: PollFailureKind;
  /** HTTP status, for kind 'http-status'. */
  readonly status?: number;
  readonly message: string;
  readonly atMs: number;
}
