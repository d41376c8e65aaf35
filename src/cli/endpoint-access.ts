// How the CLI reaches an endpoint behind a proxy: reads the `--cacert` file, the `--cert`/`--key`
// pair and the endpoint's credential (see sources/credentials.ts) once at start, and hands the
// scraper or the Jaeger client its headers and TLS settings, plus what the failure hints need to
// know. Secrets stay in the headers and the key; everything else here is safe to show.

import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { ClientCertificate } from '../sources/http-agent.js';
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
  /** The `--cert`/`--key` pair, when given. */
  readonly clientCert?: ClientCertificate;
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

/** The `--cert`/`--key` pair, read and checked once for every endpoint, and a warning for a key others can read. */
export type ClientCertLoad = { readonly clientCert: ClientCertificate; readonly warning: string | null } | null;

/**
 * Reads the client certificate and its key; the error is one line naming the flag or variable
 * and the file, never a byte of the key: unreadable, no PEM certificate, no usable private key
 * (an encrypted one included), or a key that is not the certificate's.
 */
export async function readClientCert(tls: TlsOptions): Promise<ClientCertLoad | { error: string }> {
  if (tls.certFile === null || tls.keyFile === null) return null;
  const certName = `${tls.certFrom} ${oneLine(tls.certFile, 160)}`;
  const keyName = `${tls.keyFrom} ${oneLine(tls.keyFile, 160)}`;
  const cert = await readPem(tls.certFile, certName);
  if ('error' in cert) return cert;
  const key = await readPem(tls.keyFile, keyName);
  if ('error' in key) return key;
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(cert.pem);
  } catch {
    return { error: `${certName}: no PEM certificate in it` };
  }
  let privateKey;
  try {
    privateKey = createPrivateKey({ key: key.pem, format: 'pem' });
  } catch (err) {
    const encrypted = /passphrase|encrypted/i.test(key.pem.subarray(0, 200).toString('latin1')) || /passphrase/i.test((err as Error).message);
    return { error: `${keyName}: ${encrypted ? 'the key is encrypted; give it unencrypted (openssl pkey -in KEY -out PLAIN)' : 'no PEM private key in it'}` };
  }
  if (!x509.checkPrivateKey(privateKey)) return { error: `${keyName} is not the private key of ${certName}` };
  const warning = (key.mode & 0o077) !== 0 ? `${keyName} can be read by other users (mode ${(key.mode & 0o777).toString(8)}); chmod 600 it` : null;
  return { clientCert: { cert: cert.pem, key: key.pem }, warning };
}

async function readPem(file: string, name: string): Promise<{ pem: Buffer; mode: number } | { error: string }> {
  try {
    const [pem, info] = await Promise.all([readFile(file), stat(file)]);
    return { pem, mode: info.mode };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'a folder, not a file' : (code ?? 'cannot read it');
    return { error: `${name}: ${why}` };
  }
}

/** Reads `spec`'s credential and assembles the access to `target`. */
export async function openEndpointAccess(
  target: CredentialTarget,
  spec: CredentialSpec | null,
  tls: TlsOptions,
  ca: CaBundle,
  env: Readonly<Record<string, string | undefined>>,
  clientCert: ClientCertificate | null = null,
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
    ...(clientCert === null ? {} : { clientCert }),
    context: { credential, credentialHelp: credentialHelp(target), caSource: ca?.source ?? null },
    warnings,
  };
}

/** The warning shown whenever `--insecure` is in force. */
export function insecureWarning(source: string): string {
  return `warning: ${source}: TLS certificates are NOT verified; anyone on the path can read and change what cluster-top sees`;
}
