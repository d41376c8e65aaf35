// The TLS settings of a command line: --cacert (CAs instead of the system's), --insecure, and
// --cert/--key (a client certificate for mTLS, both or neither), each with where it came from.
// The files are read later, when an endpoint is opened (endpoint-access.ts).

import type { TlsOptions } from './command.js';
import { originOf, SettingError, type SettingLayers } from './settings.js';

/** The TLS options the layers give; a file flag given empty, or --cert without --key, is a usage error. */
export function tlsOptions(layers: SettingLayers, origins: Record<string, string>): TlsOptions {
  const cacert = layers.string('cacert');
  const insecure = layers.boolean('insecure');
  origins.cacert = cacert === undefined ? 'default (the system CAs)' : cacert.label;
  origins.insecure = originOf(insecure);
  if (cacert !== undefined && cacert.value.trim() === '') throw new SettingError(`${cacert.label} needs a file`);
  const cert = layers.string('cert');
  const key = layers.string('key');
  origins.cert = originOf(cert);
  origins.key = originOf(key);
  for (const given of [cert, key]) if (given !== undefined && given.value.trim() === '') throw new SettingError(`${given.label} needs a file`);
  if ((cert === undefined) !== (key === undefined)) {
    throw new SettingError(cert !== undefined ? `${cert.label} needs --key FILE, its private key` : `${key!.label} needs --cert FILE, its certificate`);
  }
  return {
    caFile: cacert?.value ?? null,
    insecure: insecure?.value === true,
    caFrom: originOf(cacert),
    insecureFrom: originOf(insecure),
    certFile: cert?.value ?? null,
    keyFile: key?.value ?? null,
    certFrom: originOf(cert),
    keyFrom: originOf(key),
  };
}
