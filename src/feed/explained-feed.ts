// A feed whose failures are worded with what the configuration knows (see
// model/failure-hints.ts): the live view and `--once` then show "metrics are off on this peer …"
// or "… sent a bearer token from --metrics-token-file …" instead of a bare error.

import type { PollFailure, PollOutcome } from '../model/poll-outcome.js';
import type { PeerFeed } from './peer-feed.js';

/** Rewords a failure: the failure (kind, HTTP status, message) in, the message to show out. */
export type ExplainFailure = (failure: PollFailure) => string;

/** `feed` with every failure message passed through `explain`. */
export function withExplainedFailures(feed: PeerFeed, explain: ExplainFailure): PeerFeed {
  return {
    target: feed.target,
    async poll(): Promise<PollOutcome> {
      const outcome = await feed.poll();
      if (outcome.ok || outcome.kind === 'replay-end') return outcome;
      return { ...outcome, message: explain(outcome) };
    },
    close: () => feed.close(),
  };
}
