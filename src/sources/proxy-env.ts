// Which proxy, if any, carries a request: the proxy variables as curl and Go's net/http read them.
// https targets use https_proxy (or HTTPS_PROXY), http targets http_proxy (or HTTP_PROXY); the
// lowercase spelling wins when both are set, as in curl. A value without a scheme means http://;
// only http:// proxies are supported (https:// or socks5:// ones are refused with a clear line,
// not silently bypassed). The URL's user:password becomes Proxy-Authorization: Basic; it is never
// shown (a proxy is shown as `http://***@host:port`, named in messages by host:port only).
//
// no_proxy (or NO_PROXY): entries separated by commas or blanks. `*` sends everything direct;
// `example.com` and `.example.com` both match example.com and every name under it; `host:port`
// matches that port only; an IP address (IPv6 with or without brackets) or a CIDR range
// (`10.0.0.0/8`, `fd00::/8`) matches targets written as addresses in it. Matching is textual, no
// name is resolved. Loopback targets, `localhost`, names under `.localhost`, 127.0.0.0/8 and ::1,
// are never proxied, whatever the variables say (Go's rule): the proxy's loopback is not ours.
// Pure: an environment in, a decision out.

import net from 'node:net';
import { oneLine } from '../util/escape-control.js';

/** An http:// proxy server. */
export interface ProxyServer {
  readonly host: string;
  readonly port: number;
  /** The Proxy-Authorization value (`Basic …`) from the URL's user:password, or null. */
  readonly authorization: string | null;
  /** The URL as it may be shown: `http://***@host:port` (credentials masked), escaped. */
  readonly shown: string;
  /** How messages name it: `proxy host:port (https_proxy)`, escaped, no credentials. */
  readonly name: string;
  /** The variable it came from (`https_proxy`, `HTTP_PROXY`…). */
  readonly variable: string;
}

/** What one scheme's variable says: a usable proxy, or why it cannot be used. */
export type ProxyChoice =
  | { readonly variable: string; readonly server: ProxyServer }
  | { readonly variable: string; readonly error: string };

/** The proxy variables of an environment, read. */
export interface ProxyEnvironment {
  /** For http:// targets, or null when unset. */
  readonly http: ProxyChoice | null;
  /** For https:// targets, or null when unset. */
  readonly https: ProxyChoice | null;
  /** The no_proxy rules and the variable they came from (null when unset). */
  readonly noProxy: NoProxyRules;
  readonly noProxyVariable: string | null;
}

/** Parsed no_proxy entries. */
export interface NoProxyRules {
  /** `*` was given: nothing is proxied. */
  readonly all: boolean;
  readonly names: readonly { readonly suffix: string; readonly port: number | null }[];
  readonly addresses: readonly { readonly net: net.BlockList; readonly port: number | null }[];
  /** The entries as given (for display). */
  readonly text: string;
}

/** No variables at all. */
export const NO_PROXY_ENVIRONMENT: ProxyEnvironment = { http: null, https: null, noProxy: parseNoProxy(''), noProxyVariable: null };

/** Reads the proxy variables of `env`. */
export function readProxyEnvironment(env: Readonly<Record<string, string | undefined>>): ProxyEnvironment {
  const pick = (lower: string): [string, string] | null => {
    for (const name of [lower, lower.toUpperCase()]) {
      const value = env[name]?.trim();
      if (value !== undefined && value !== '') return [name, value];
    }
    return null;
  };
  const choice = (lower: string): ProxyChoice | null => {
    const found = pick(lower);
    return found === null ? null : parseProxyUrl(found[0], found[1]);
  };
  const noProxy = pick('no_proxy');
  return { http: choice('http_proxy'), https: choice('https_proxy'), noProxy: parseNoProxy(noProxy?.[1] ?? ''), noProxyVariable: noProxy?.[0] ?? null };
}

/** The proxy for a request to `url` (null: connect directly), or why its proxy cannot be used. */
export function proxyFor(url: URL, environment: ProxyEnvironment): ProxyServer | { error: string } | null {
  const choice = url.protocol === 'https:' ? environment.https : environment.http;
  if (choice === null) return null;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port !== '' ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  if (isLoopback(host) || bypassesProxy(host, port, environment.noProxy)) return null;
  return 'server' in choice ? choice.server : { error: choice.error };
}

/** Whether `no_proxy` sends a request to host:port directly (loopback aside). */
export function bypassesProxy(host: string, port: number, rules: NoProxyRules): boolean {
  if (rules.all) return true;
  const name = host.toLowerCase().replace(/\.$/, '');
  const family = net.isIP(name);
  if (family !== 0) return rules.addresses.some((a) => (a.port === null || a.port === port) && a.net.check(name, family === 4 ? 'ipv4' : 'ipv6'));
  return rules.names.some((r) => (r.port === null || r.port === port) && (name === r.suffix || name.endsWith(`.${r.suffix}`)));
}

/** Loopback: `localhost`, a name under `.localhost`, 127.0.0.0/8, ::1 (also IPv4-mapped). */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (net.isIPv4(name)) return name.startsWith('127.');
  if (!net.isIPv6(name)) return false;
  return LOOPBACK_V6.check(name, 'ipv6');
}

const LOOPBACK_V6 = new net.BlockList();
LOOPBACK_V6.addAddress('::1', 'ipv6');
LOOPBACK_V6.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');

/** Parses a no_proxy value (see the header for its rules); entries that mean nothing are skipped. */
export function parseNoProxy(text: string): NoProxyRules {
  let all = false;
  const names: { suffix: string; port: number | null }[] = [];
  const addresses: { net: net.BlockList; port: number | null }[] = [];
  for (const raw of text.split(/[\s,]+/)) {
    const entry = raw.toLowerCase();
    if (entry === '') continue;
    if (entry === '*') {
      all = true;
      continue;
    }
    const cidr = /^\[?([0-9a-f.:]+)\]?\/(\d{1,3})$/.exec(entry);
    if (cidr !== null) {
      const family = net.isIP(cidr[1]);
      const bits = Number(cidr[2]);
      if (family === 0 || bits > (family === 4 ? 32 : 128)) continue;
      const list = new net.BlockList();
      list.addSubnet(cidr[1], bits, family === 4 ? 'ipv4' : 'ipv6');
      addresses.push({ net: list, port: null });
      continue;
    }
    const { host, port } = splitPort(entry);
    const address = host.replace(/^\[(.*)\]$/, '$1');
    const family = net.isIP(address);
    if (family !== 0) {
      const list = new net.BlockList();
      list.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      addresses.push({ net: list, port });
      continue;
    }
    const suffix = host.replace(/^\*?\./, '').replace(/\.$/, '');
    if (suffix !== '') names.push({ suffix, port });
  }
  return { all, names, addresses, text: text.trim() };
}

/** `host:port` split; a bare IPv6 address (several colons, no brackets) has no port. */
function splitPort(entry: string): { host: string; port: number | null } {
  const m = /^(\[[^\]]*\]|[^:]*):(\d{1,5})$/.exec(entry);
  if (m === null) return { host: entry, port: null };
  return { host: m[1], port: Number(m[2]) };
}

/** Reads one proxy URL; only http:// (or no scheme) is usable. */
function parseProxyUrl(variable: string, value: string): ProxyChoice {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  const masked = oneLine(raw.replace(/\/\/[^/?#]*@/, '//***@'), 120);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { variable, error: `${variable}: invalid proxy URL "${masked}"` };
  }
  if (url.protocol !== 'http:') {
    return { variable, error: `${variable}: ${oneLine(url.protocol, 20)}// proxies are not supported, only http:// ones ("${masked}")` };
  }
  if (url.hostname === '') return { variable, error: `${variable}: proxy URL "${masked}" names no host` };
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port !== '' ? Number(url.port) : 80;
  const hostPort = oneLine(`${url.hostname}:${port}`, 120);
  const credentials = url.username !== '' || url.password !== '';
  const authorization = credentials ? `Basic ${Buffer.from(`${decoded(url.username)}:${decoded(url.password)}`).toString('base64')}` : null;
  return {
    variable,
    server: { host, port, authorization, shown: `http://${credentials ? '***@' : ''}${hostPort}`, name: `proxy ${hostPort} (${variable})`, variable },
  };
}

/** %-escapes undone (a malformed one is kept as written). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
