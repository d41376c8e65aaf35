// The connection side of the scraper: one keep-alive Agent per target (a single socket,
// reused poll after poll) and the request headers Prometheus itself sends.

import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import { PACKAGE_VERSION } from '../version.js';

/** The Accept header of Prometheus 2.42 (`scrape/scrape.go`): OpenMetrics first, then text 0.0.4. */
export const PROMETHEUS_ACCEPT =
  'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,' +
  'text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

/** `cluster-top/<version>`. */
export const USER_AGENT = `cluster-top/${PACKAGE_VERSION}`;

/** TLS settings of a target; ignored for plain http. */
export interface TlsSettings {
  /** PEM CA bundle that replaces the default trust store. */
  readonly ca?: string | Buffer;
  /** Skip certificate verification entirely. */
  readonly insecure?: boolean;
}

/**
 * A keep-alive agent holding at most one socket, so consecutive scrapes of a peer reuse
 * one TCP (and TLS) connection and a scrape can never open a second one in parallel.
 */
export function createAgent(protocol: 'http:' | 'https:', settings: TlsSettings): http.Agent {
  const common = { keepAlive: true, maxSockets: 1, maxFreeSockets: 1 };
  if (protocol === 'http:') return new http.Agent(common);
  return new https.Agent({
    ...common,
    ca: settings.ca ?? systemAndDefaultCas(),
    rejectUnauthorized: settings.insecure !== true,
  });
}

/**
 * Request headers: Prometheus' Accept, gzip (unless `gzip` is false: then identity only), our
 * User-Agent, then the caller's extra headers, which win over ours (compared case-insensitively).
 */
export function requestHeaders(extra: Readonly<Record<string, string>> | undefined, gzip = true): Record<string, string> {
  const headers: Record<string, string> = {
    accept: PROMETHEUS_ACCEPT,
    'accept-encoding': gzip ? 'gzip' : 'identity',
    'user-agent': USER_AGENT,
  };
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}

/**
 * Node 20 trusts its bundled Mozilla store (plus NODE_EXTRA_CA_CERTS, or OpenSSL's system
 * store with --use-openssl-ca). Node ≥ 22.15 can list the OS store: then trust both.
 */
function systemAndDefaultCas(): string[] | undefined {
  const get = (tls as { getCACertificates?: (kind: string) => string[] }).getCACertificates;
  if (typeof get !== 'function') return undefined;
  try {
    return [...get('default'), ...get('system')];
  } catch {
    return undefined;
  }
}
