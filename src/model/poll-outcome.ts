// What one poll of a peer yields, as the model and the views see it: a sample or a failure.

import type { PeerSample } from './peer-sample.js';

/** Kinds of failure, so a view can word them and a test can tell them apart. */
export type PollFailureKind =
  | 'refused'
  | 'dns'
  | 'timeout'
  | 'http-status'
  | 'too-big'
  | 'network'
  | 'tls'
  | 'bad-url'
  | 'overlap'
  | 'parse'
  | 'replay-end'
  | 'io';

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
  | { readonly ok: false; readonly kind: PollFailureKind; readonly message: string; readonly atMs: number };
