// Opens the cluster's REST API for a run: its credential (the one given by flag or environment,
// else service.json's basic_auth_credentials), its TLS options, and a ClusterApiClient whose
// timeout covers /peers (the peer asks every other peer, 15 s each at worst). The live view and
// `--once` both open it here.

import { ClusterApiClient } from '../sources/cluster-api/client.js';
import { basicAuthCredential, describeCredential, loadCredential, type Credential } from '../sources/credentials.js';
import type { ApiSettings, TlsOptions } from './command.js';
import type { CaBundle } from './endpoint-access.js';
import type { ClientCertificate } from '../sources/http-agent.js';

/** /peers waits up to 15 s for each peer it cannot reach: the API's requests get at least this long. */
export const API_MIN_TIMEOUT_MS = 20_000;

/** An opened REST API client, or the one line saying why there is none. */
export type OpenedApi = { readonly client: ClusterApiClient; readonly warnings: readonly string[] } | { readonly error: string };

/** The REST API client of `api`, with its credential read. */
export async function openApiClient(api: ApiSettings, tls: TlsOptions, ca: CaBundle, clientCert: ClientCertificate | undefined, timeoutMs: number, maxBodyBytes: number, env: Readonly<Record<string, string | undefined>>): Promise<OpenedApi> {
  let credential: Credential | null = null;
  const warnings: string[] = [];
  if (api.auth !== null) {
    const loaded = await loadCredential(api.auth, env);
    if ('error' in loaded) return { error: loaded.error };
    credential = loaded.credential;
    if (loaded.warning !== null) warnings.push(loaded.warning);
  } else if (api.serviceAuth !== null) {
    credential = basicAuthCredential(api.serviceAuth.user, api.serviceAuth.password, api.serviceAuth.source);
  }
  const client = new ClusterApiClient({
    url: api.url,
    timeoutMs: Math.max(API_MIN_TIMEOUT_MS, timeoutMs),
    maxBodyBytes,
    headers: credential === null ? undefined : { authorization: credential.authorization },
    credential: credential === null ? null : describeCredential(credential),
    secrets: credential?.secrets ?? [],
    ca: ca?.pem,
    insecure: tls.insecure,
    clientCert,
  });
  return { client, warnings };
}
