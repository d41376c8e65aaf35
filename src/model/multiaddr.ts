// The peer's `observations.metrics.prometheus_endpoint` is a multiaddr; the daemon turns it into
// a listen address with go-multiaddr's DialArgs and serves /metrics there over plain HTTP.
// This does the same for the forms a metrics endpoint can take (`/ip4`, `/ip6`, `/dns`,
// `/dns4`, `/dns6`, each with `/tcp/<port>`) and gives back the URL to scrape. A wildcard
// listen address is scraped on loopback: `0.0.0.0` → 127.0.0.1, `::` → ::1. Like DialArgs,
// components after the port are ignored. The REST API's listen address is read the same way.
// Pure.

/** A multiaddr turned into a URL, or why it cannot be. */
export type MultiaddrUrl = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly error: string };

const HOST_PROTOCOLS = new Set(['ip4', 'ip6', 'dns', 'dns4', 'dns6']);
/** Protocols a multiaddr may start with that cannot carry an HTTP endpoint. */
const NOT_TCP_HOSTS = new Set(['unix', 'ip6zone', 'p2p', 'ipfs', 'dnsaddr', 'onion', 'onion3', 'garlic32', 'garlic64']);

/** The `http://host:port/metrics` URL a peer serves for `multiaddr`. */
export function metricsUrlFromMultiaddr(multiaddr: string): MultiaddrUrl {
  const base = listenUrlFromMultiaddr(multiaddr, { scheme: 'http', served: 'the metrics endpoint', use: 'scraped' });
  return base.ok ? { ok: true, url: `${base.url}/metrics` } : base;
}

/** How a listen address is used, for the URL and the messages. */
export interface ListenUse {
  readonly scheme: 'http' | 'https';
  /** What listens there, e.g. `the REST API`. */
  readonly served: string;
  /** What cannot be done at port 0, e.g. `reached`. */
  readonly use: string;
}

/** The `scheme://host:port` base URL a peer serves on for a listen `multiaddr` (the REST API's too). */
export function listenUrlFromMultiaddr(multiaddr: string, how: ListenUse): MultiaddrUrl {
  const fail = (why: string): MultiaddrUrl => ({ ok: false, error: `multiaddr ${JSON.stringify(shorten(multiaddr))}: ${why}` });
  const text = multiaddr.trim();
  if (text === '') return { ok: false, error: 'empty multiaddr' };
  if (!text.startsWith('/')) return fail('must start with "/", e.g. /ip4/127.0.0.1/tcp/8888');
  const parts = text.split('/').slice(1);
  if (parts[parts.length - 1] === '') parts.pop();
  const [protocol, value, transport, port] = parts;
  if (protocol === undefined || protocol === '') return fail('names no protocol');
  if (!HOST_PROTOCOLS.has(protocol)) {
    if (NOT_TCP_HOSTS.has(protocol)) return fail(`/${protocol} is not a TCP address; use /ip4, /ip6, /dns, /dns4 or /dns6 with /tcp`);
    return fail(`unknown protocol /${protocol}; use /ip4, /ip6, /dns, /dns4 or /dns6 with /tcp`);
  }
  if (value === undefined || value === '') return fail(`/${protocol} needs a value`);
  const host = hostOf(protocol, value);
  if ('error' in host) return fail(host.error);
  if (transport === undefined) return fail('has no /tcp/<port>');
  if (transport !== 'tcp') return fail(`/${transport} is not TCP: ${how.served} is served over /tcp`);
  if (port === undefined || port === '') return fail('/tcp needs a port');
  if (!/^[0-9]{1,5}$/.test(port) || Number(port) > 65535) return fail(`port ${JSON.stringify(port)} is not a number from 1 to 65535`);
  if (Number(port) === 0) return fail(`port 0 (any free port) cannot be ${how.use}: the peer picks a different port each start`);
  return { ok: true, url: `${how.scheme}://${host.host}:${Number(port)}` };
}

/** The URL host for one host component, or why the value is bad. */
function hostOf(protocol: string, value: string): { host: string } | { error: string } {
  if (protocol === 'ip4') {
    if (!isIpv4(value)) return { error: `${JSON.stringify(value)} is not an IPv4 address` };
    return { host: value === '0.0.0.0' ? '127.0.0.1' : value };
  }
  if (protocol === 'ip6') {
    if (value.includes('%')) return { error: 'IPv6 zones are not supported; use the address without %zone' };
    const normalised = normaliseIpv6(value);
    if (normalised === null) return { error: `${JSON.stringify(value)} is not an IPv6 address` };
    return { host: normalised === '[::]' ? '[::1]' : normalised };
  }
  if (!isDnsName(value)) return { error: `${JSON.stringify(value)} is not a host name` };
  return { host: value.toLowerCase() };
}

function isIpv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((o) => /^(0|[1-9][0-9]{0,2})$/.test(o) && Number(o) <= 255);
}

/** `[addr]` in the URL's canonical form, or null when it is not an IPv6 address. */
function normaliseIpv6(text: string): string | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return null;
  try {
    return new URL(`http://[${text}]/`).hostname;
  } catch {
    return null;
  }
}

function isDnsName(text: string): boolean {
  if (text.length > 253) return false;
  return text.split('.').every((label, i, all) => (label === '' ? i === all.length - 1 && i > 0 : /^[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(label)));
}

function shorten(text: string): string {
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
