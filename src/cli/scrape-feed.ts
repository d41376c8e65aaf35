// The feed of one scraped peer as the command line sets it up: the settings' timeout and body cap,
// the endpoint's credentials and TLS options, and its failures explained (which credential a 401
// refused, a peer whose service.json turns stats off). The single peer, the fleet's peers and
// `record` all scrape through it.

import { withExplainedFailures } from '../feed/explained-feed.js';
import { createHttpFeed, type PeerFeed } from '../feed/peer-feed.js';
import { explainScrapeFailure } from '../model/failure-hints.js';
import type { PollSettings } from './command.js';
import type { EndpointAccess } from './endpoint-access.js';
import type { BodyBufferPool } from '../sources/body-buffer-pool.js';

/** How one feed differs from the others of a run. */
export interface ScrapeFeedOptions {
  /** Save every payload there as `<unix-ms>.prom`. */
  readonly recordDir?: string;
  /** Whether gzip may be asked for (false for a demo peer in this process: it would only cost CPU on both ends). */
  readonly gzip: boolean;
  /** Body buffers shared with the other peers of a fleet. */
  readonly bodyPool?: BodyBufferPool;
}

/** A feed scraping `url`; `access` is null for the embedded demo peers (no credentials, no TLS). */
export function scrapeFeed(settings: PollSettings, url: string, access: EndpointAccess | null, options: ScrapeFeedOptions): PeerFeed {
  const http = createHttpFeed({
    url,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    recordDir: options.recordDir,
    headers: access?.headers,
    ca: access?.ca,
    insecure: access?.insecure,
    clientCert: access?.clientCert,
    gzip: options.gzip,
    bodyPool: options.bodyPool,
  });
  if (access === null) return http;
  return withExplainedFailures(http, (f) => explainScrapeFailure(f.kind, f.status, f.message, access.context, settings.peer.statsOff));
}
