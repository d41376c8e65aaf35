// The cluster's REST API for a run. The live view: its client and monitor opened (a failure is one
// line, and everything else works as before), the first `/id` asked at once so the view can name
// the peer and tell whether it is one of several, and — on a peer host watching its own peer with
// no other targets — the fleet made from the API: the local peer scraped, every other peer a row
// from the API. `--once`: one read of everything, run while the peers are scraped.

import { ApiMonitor } from '../feed/api-monitor.js';
import type { ApiId } from '../model/cluster-api/shapes.js';
import { oneLine } from '../util/escape-control.js';
import { settledWithin } from '../util/event-loop.js';
import { openApiAccess } from './api-access.js';
import { readApiOnce } from './api-once.js';
import type { ApiReport } from '../model/cluster-api/api-report.js';
import { sayer, usageError, type Output } from './output.js';
import type { MonitorOptions } from './command.js';
import { readCaBundle, readClientCert } from './endpoint-access.js';
import type { OpenedFleet } from './fleet.js';
import type { PeerFeed } from '../feed/peer-feed.js';

/** How long the view waits for the API's `/id` before it starts without it. */
const FIRST_ID_WAIT_MS = 1500;

/** The REST API as the live view uses it. */
export interface LiveApi {
  readonly monitor: ApiMonitor;
  readonly url: string;
  /** The API's own peer, when `/id` answered in time. */
  readonly self: ApiId | null;
  close(): void;
}

/** Opens the REST API the settings name (`url`: the demo cluster's, for --demo); null when off or unusable (said in one line). */
export async function openLiveApi(options: MonitorOptions, say: (line: string) => void, url?: string): Promise<LiveApi | null> {
  const api = options.api;
  if (api === null) return null;
  // The demo cluster's own API for --demo; none for a single demo peer.
  const target = api.demo === true ? url : api.url;
  if (target === undefined) return null;
  const ca = await readCaBundle(options.tls, options.tls.caFrom);
  const cert = await readClientCert(options.tls);
  if ((ca !== null && 'error' in ca) || (cert !== null && 'error' in cert)) return null; // the metrics endpoint's access says why
  const opened = await openApiAccess(api, { url: target, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, tls: options.tls, ca, clientCert: cert?.clientCert, env: process.env });
  if ('error' in opened) {
    say(`REST API off: ${opened.error}`);
    return null;
  }
  opened.warnings.forEach(say);
  const { client } = opened;
  const first = await settledWithin(client.id(), FIRST_ID_WAIT_MS);
  if (first !== null && !first.value.ok && first.value.failure.kind === 'refused') {
    // Nothing listens (yet): one line now, and the fleet's header keeps saying so while it lasts.
    say(`no IPFS Cluster REST API at ${target} (${oneLine(first.value.failure.message)}); --api URL names it, --no-api hides this`);
  }
  const self = first?.value.ok === true ? first.value.value : null;
  const monitor = new ApiMonitor({ source: client, apiIntervalMs: api.intervalMs, errorsIntervalMs: api.errorsIntervalMs });
  return { monitor, url: target, self, close: () => client.close() };
}

/** The fleet of one scraped peer and the API's others, when the API's peer sees other peers; else null. */
export function fleetFromApi(api: LiveApi, feed: PeerFeed, close: () => Promise<void>): OpenedFleet | null {
  const self = api.self;
  if (self === null || self.clusterPeers < 2) return null;
  const name = self.peername === '' ? 'this peer' : self.peername;
  return { peers: [{ name, peerName: self.peername === '' ? null : self.peername, feed, jaegerUrl: null }], close };
}

/**
 * `--once`'s one read of the REST API, or null when it is off; a credential that cannot be read is
 * a usage error (a number: the exit code), as for the other endpoints. `demoUrl`: the demo
 * cluster's own API, for `--demo`.
 */
export async function apiOnceReader(o: Output, options: MonitorOptions, demoUrl: string | null): Promise<(() => Promise<ApiReport>) | null | number> {
  const api = options.api;
  if (api === null) return null;
  const url = api.demo === true ? demoUrl : api.url;
  if (url === null) return null;
  const ca = await readCaBundle(options.tls, options.tls.caFrom);
  if (ca !== null && 'error' in ca) return usageError(o, ca.error);
  const cert = await readClientCert(options.tls);
  const access = await openApiAccess(api, { url, timeoutMs: options.timeoutMs, maxBodyBytes: options.maxBodyBytes, tls: options.tls, ca, clientCert: cert !== null && !('error' in cert) ? cert.clientCert : undefined, env: process.env });
  if ('error' in access) return usageError(o, access.error);
  access.warnings.forEach(sayer(o));
  return () => readApiOnce(access.client);
}
