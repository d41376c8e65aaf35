// The kinds of failure, defined once: those of any HTTP exchange (a metrics scrape or a Jaeger
// request), then what else can fail a poll of a peer, what else a Jaeger request, and what else
// a REST API request. The sources make failures of these kinds, the feed passes them on, the
// hints and views branch on them; each list is a const array, its type the union of its values.

/** Why an HTTP exchange failed, whichever source made it. */
export const HTTP_FAILURE_KINDS = ['refused', 'dns', 'timeout', 'http-status', 'too-big', 'network', 'tls', 'bad-url'] as const;

/** Why an HTTP exchange failed (a scrape's failures are all of these). */
export type HttpFailureKind = (typeof HTTP_FAILURE_KINDS)[number];

/** Why a poll of a peer failed: its scrape, its payload, a recording. */
export const POLL_FAILURE_KINDS = [...HTTP_FAILURE_KINDS, 'parse', 'replay-end', 'io'] as const;

/** Why a poll of a peer failed. */
export type PollFailureKind = (typeof POLL_FAILURE_KINDS)[number];

/** Why a Jaeger request failed: its exchange, or an answer that is not what the client needs. */
export const JAEGER_ERROR_KINDS = [...HTTP_FAILURE_KINDS, 'bad-json', 'bad-response', 'no-api', 'no-service', 'not-found', 'closed'] as const;

/** Why a Jaeger request failed. */
export type JaegerErrorKind = (typeof JAEGER_ERROR_KINDS)[number];

/** Why a request to the cluster's REST API failed: its exchange, credentials, or the answer. */
export const API_FAILURE_KINDS = [...HTTP_FAILURE_KINDS, 'unauthorized', 'api-error', 'bad-json', 'closed'] as const;

/** Why a REST API request failed. */
export type ApiFailureKind = (typeof API_FAILURE_KINDS)[number];
