// How the CLI reaches an endpoint behind a proxy: reads the `--cacert` file and the endpoint's
// credential (see sources/credentials.ts) once at start, and hands the scraper or the Jaeger
// client its headers and TLS settings, plus what the failure hints need to know. Secrets stay
// in the headers; everything else here is safe to show.

import { readFile } from 'node:fs/promises';
import type { EndpointContext } from '../model/failure-hints.js';
import { credentialHelp, describeCredential, loadCredential, type CredentialSpec, type CredentialTarget } from '../sources/credentials.js';
import { oneLine } from '../util/escape-control.js';
import type { TlsOptions } from './args.js';

/** Headers and TLS settings for one endpoint. */
export interface EndpointAccess {
  /** The Authorization header, when a credential is given. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The `--cacert` bundle, when given. */
  readonly ca: Buffer | undefined;
  readonly insecure: boolean;
  /** What the failure hints say about this endpoint. */
  readonly context: EndpointContext;
  /** Lines to show once (a credential file others can read). */
  readonly warnings: readonly string[];
}

/** The `--cacert` bundle, read once for every endpoint. */
export type CaBundle = { readonly pem: Buffer; readonly source: string } | null;

/** Reads the CA file; the error is one line naming the flag or variable. */
export async function readCaBundle(tls: TlsOptions, source: string): Promise<CaBundle | { error: string }> {
  if (tls.caFile === null) return null;
  let pem: Buffer;
  try {
    pem = await readFile(tls.caFile);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'cannot read it');
    return { error: `${source} ${oneLine(tls.caFile, 160)}: ${why}` };
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) return { error: `${source} ${oneLine(tls.caFile, 160)}: no PEM certificate in it` };
  return { pem, source: `${source} ${tls.caFile}` };
}

/** Reads `spec`'s credential and assembles the access to `target`. */
export async function openEndpointAccess(
  target: CredentialTarget,
  spec: CredentialSpec | null,
  tls: TlsOptions,
  ca: CaBundle,
  env: Readonly<Record<string, string | undefined>>,
): Promise<EndpointAccess | { error: string }> {
  let headers: Record<string, string> | undefined;
  let credential: string | null = null;
  const warnings: string[] = [];
  if (spec !== null) {
    const loaded = await loadCredential(spec, env);
    if ('error' in loaded) return { error: loaded.error };
    headers = { authorization: loaded.credential.authorization };
    credential = describeCredential(loaded.credential);
    if (loaded.warning !== null) warnings.push(loaded.warning);
  }
  return {
    headers,
    ca: ca?.pem,
    insecure: tls.insecure,
    context: { credential, credentialHelp: credentialHelp(target), caSource: ca?.source ?? null },
    warnings,
  };
}

/** The warning shown whenever `--insecure` is in force. */
export function insecureWarning(source: string): string {
  return `warning: ${source}: TLS certificates are NOT verified; anyone on the path can read and change what cluster-top sees`;
}
