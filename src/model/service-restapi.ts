// Where a peer's REST API listens and which credentials it takes, from its `service.json`
// (`api.restapi`) with the daemon's environment override applied, as IPFS Cluster applies it:
// `http_listen_multiaddress` (a string or a list; `CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS`, a
// comma-separated list, wins), https when `ssl_cert_file` is set, and `basic_auth_credentials`
// (`{"user": "password"}`), the fallback credential when the user gives none. The password is
// data to send, never to show: no message here quotes it. Pure.

import { listenUrlFromMultiaddr } from './multiaddr.js';
import type { PeerValue } from './service-observations.js';

/** IPFS Cluster's default REST API listen address. */
export const REST_API_DEFAULT_MULTIADDR = '/ip4/127.0.0.1/tcp/9094';
/** The daemon's variable for it. */
export const REST_API_ENV = 'CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS';

/** A user and password from `basic_auth_credentials`. */
export interface RestApiBasicAuth {
  readonly user: string;
  readonly password: string;
  /** `/path/service.json api.restapi.basic_auth_credentials` (never the values). */
  readonly source: string;
}

/** What a peer's configuration says about its REST API. */
export interface RestApiConfig {
  /** Its base URL (`http://127.0.0.1:9094`); null when stated nowhere or unusable (see problems). */
  readonly url: PeerValue<string> | null;
  /** The first user of `basic_auth_credentials`, or null. */
  readonly basicAuth: RestApiBasicAuth | null;
  /** One line per value that was ignored, and why. */
  readonly problems: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;
type Json = Readonly<Record<string, unknown>>;

/** Reads `api.restapi` of `config` (the parsed service.json found at `path`, or null), then the daemon's variable in `env`. */
export function readRestApiConfig(config: Json | null, path: string, env: Env): RestApiConfig {
  const problems: string[] = [];
  const section = restApiSection(config, path, problems);
  const https = typeof section?.ssl_cert_file === 'string' && section.ssl_cert_file.trim() !== '';
  const scheme = https ? 'https' : 'http';
  let addresses: { list: readonly string[]; source: string } | null = null;
  const fromEnv = env[REST_API_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    addresses = { list: fromEnv.split(',').map((a) => a.trim()).filter((a) => a !== ''), source: `${REST_API_ENV} (peer environment)` };
  } else if (config !== null) {
    const name = 'api.restapi.http_listen_multiaddress';
    const stated = section?.http_listen_multiaddress;
    if (typeof stated === 'string') addresses = { list: [stated], source: `${path} ${name}` };
    else if (Array.isArray(stated) && stated.length > 0 && stated.every((a) => typeof a === 'string')) addresses = { list: stated, source: `${path} ${name}` };
    else {
      if (stated !== undefined && stated !== null) problems.push(`${path}: ${name} is not a string or a list of strings; IPFS Cluster's default is used`);
      addresses = { list: [REST_API_DEFAULT_MULTIADDR], source: `${path} (no ${name}: IPFS Cluster's default)` };
    }
  }
  let url: PeerValue<string> | null = null;
  if (addresses !== null) {
    const errors: string[] = [];
    for (const address of addresses.list) {
      const converted = listenUrlFromMultiaddr(address, { scheme, served: 'the REST API', use: 'reached' });
      if (converted.ok) {
        url = { value: converted.url, source: addresses.source };
        break;
      }
      errors.push(converted.error);
    }
    if (url === null) problems.push(`${addresses.source}: ${errors.length > 0 ? errors.join('; ') : 'empty'}; ignored`);
  }
  return { url, basicAuth: basicAuthOf(section, path, problems), problems };
}

/** `api.restapi`, or undefined (a wrong type is a problem). */
function restApiSection(config: Json | null, path: string, problems: string[]): Json | undefined {
  if (config === null) return undefined;
  let at: unknown = config;
  for (const key of ['api', 'restapi']) {
    const next = (at as Json)[key];
    if (next === undefined || next === null) return undefined;
    if (typeof next !== 'object' || Array.isArray(next)) {
      problems.push(`${path}: "${key === 'api' ? 'api' : 'api.restapi'}" is not an object; IPFS Cluster's defaults are used`);
      return undefined;
    }
    at = next;
  }
  return at as Json;
}

/** The first usable user of `basic_auth_credentials`. */
function basicAuthOf(section: Json | undefined, path: string, problems: string[]): RestApiBasicAuth | null {
  const stated = section?.basic_auth_credentials;
  if (stated === undefined || stated === null) return null;
  const name = 'api.restapi.basic_auth_credentials';
  if (typeof stated !== 'object' || Array.isArray(stated)) {
    problems.push(`${path}: ${name} is not an object of user: password; not used`);
    return null;
  }
  for (const [user, password] of Object.entries(stated as Json)) {
    // A user with a colon cannot be sent in Basic auth; a control character cannot be sent at all.
    if (typeof password !== 'string' || user === '' || user.includes(':') || /[\u0000-\u001f\u007f]/.test(user + password)) continue;
    return { user, password, source: `${path} ${name}` };
  }
  problems.push(`${path}: ${name} holds no usable user: password (a user without ":", a string password); not used`);
  return null;
}
