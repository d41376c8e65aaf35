// The connection side of the scraper and the Jaeger client: one keep-alive connection per
// target (a single socket, reused poll after poll) and the request headers Prometheus sends.
// Every HTTP client of cluster-top connects through here, so each honours the proxy variables
// (proxy-env.ts: https_proxy, http_proxy, no_proxy) and the client certificate.

import tls from 'node:tls';
import { PACKAGE_VERSION } from '../version.js';
import { Http1Connection } from './http1-connection.js';
import { proxyFor, readProxyEnvironment, type ProxyEnvironment } from './proxy-env.js';

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
  /** A client certificate (mTLS) presented to every https target that asks for one. */
  readonly clientCert?: ClientCertificate;
  /** The proxy variables to follow; undefined: those of this process's environment. */
  readonly proxy?: ProxyEnvironment;
}

/** A client certificate chain and its private key, PEM. */
export interface ClientCertificate {
  readonly cert: Buffer | string;
  readonly key: Buffer | string;
}

/**
 * The keep-alive connection of the target of `url` (an http: or https: URL), so consecutive
 * scrapes of a peer reuse one TCP (and TLS) connection and never open a second one in parallel;
 * through the proxy the environment names for it, if any.
 */
export function createConnection(url: URL, settings: TlsSettings): Http1Connection {
  const https = url.protocol === 'https:';
  const proxy = proxyFor(url, settings.proxy ?? readProxyEnvironment(process.env));
  return new Http1Connection({
    protocol: https ? 'https:' : 'http:',
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port !== '' ? Number(url.port) : https ? 443 : 80,
    ca: https ? (settings.ca ?? systemAndDefaultCas()) : undefined,
    rejectUnauthorized: settings.insecure !== true,
    ...(https && settings.clientCert !== undefined ? { cert: settings.clientCert.cert, key: settings.clientCert.key } : {}),
    ...(proxy === null ? {} : { proxy }),
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
