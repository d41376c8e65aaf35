// How the CLI reaches the cluster's REST API: its credential (a flag or CLUSTER_TOP_API_*
// variable, read as the other endpoints' are, else service.json's basic_auth_credentials), the
// `--cacert` bundle and `--insecure`, assembled into a ClusterApiClient. The request deadline is
// never under API_MIN_TIMEOUT_MS: GET /peers asks every peer and waits up to 15 s for each one
// that does not answer, so a scrape's timeout would cut it short on any cluster with a peer down.

import { ClusterApiClient } from '../sources/cluster-api/client.js';
import { basicAuthCredential, describeCredential, loadCredential, type Credential } from '../sources/credentials.js';
import type { ApiSettings, TlsOptions } from './command.js';
import type { CaBundle } from './endpoint-access.js';
import type { ClientCertificate } from '../sources/http-agent.js';
import { DEFAULTS } from './options.js';

/** The least time a REST API request is given. */
export const API_MIN_TIMEOUT_MS = DEFAULTS.apiOnceTimeoutMs;

/** What the client is made from besides the API's settings. */
export interface ApiAccessOptions {
  /** The REST API's address (the demo cluster's own for `--demo`). */
  readonly url: string;
  /** `--timeout`; the deadline is at least API_MIN_TIMEOUT_MS. */
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly tls: TlsOptions;
  readonly ca: CaBundle;
  /** `--cert`/`--key`, for an API behind mTLS. */
  readonly clientCert?: ClientCertificate;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A client of the REST API, with the lines to show once (a credential file others can read). */
export interface ApiAccess {
  readonly client: ClusterApiClient;
  readonly warnings: readonly string[];
}

/** Reads the API's credential and makes its client; the error is one line naming the credential's source. */
export async function openApiAccess(api: ApiSettings, options: ApiAccessOptions): Promise<ApiAccess | { error: string }> {
  let credential: Credential | null = null;
  const warnings: string[] = [];
  if (api.auth !== null) {
    const loaded = await loadCredential(api.auth, options.env);
    if ('error' in loaded) return { error: loaded.error };
    credential = loaded.credential;
    if (loaded.warning !== null) warnings.push(loaded.warning);
  } else if (api.serviceAuth !== null) {
    credential = basicAuthCredential(api.serviceAuth.user, api.serviceAuth.password, api.serviceAuth.source);
  }
  const timeoutMs = Math.max(options.timeoutMs, API_MIN_TIMEOUT_MS);
  const client = new ClusterApiClient({
    url: options.url,
    timeoutMs,
    pinsTimeoutMs: timeoutMs,
    maxBodyBytes: options.maxBodyBytes,
    ca: options.ca?.pem,
    insecure: options.tls.insecure,
    clientCert: options.clientCert,
    headers: credential === null ? undefined : { authorization: credential.authorization },
    credential: credential === null ? null : describeCredential(credential),
    secrets: credential?.secrets ?? [],
  });
  return { client, warnings };
}
