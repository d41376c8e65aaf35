// What every HTTP source needs to know about its target before the first request: a checked
// http(s) URL (its message never shows a user:password) and the list of secret strings that
// must be cut out of anything shown. Generalised from the private helpers of scrape.ts so the
// Jaeger client can share them; scrape.ts can switch to these as they are.

import { oneLine } from '../util/escape-control.js';

/** Parses and checks an http(s) URL; the error message hides any user:password. */
export function parseHttpUrl(raw: string): { url: URL } | { error: string } {
  const shown = raw.replace(/\/\/[^/?#]*@/, '//***@');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { error: `invalid URL "${oneLine(shown, 120)}"` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { error: `unsupported URL scheme "${oneLine(url.protocol, 20)}" in "${oneLine(shown, 120)}": use http:// or https://` };
  }
  if (url.hostname === '') return { error: `URL "${oneLine(shown, 120)}" names no host` };
  return { url };
}

/** `host:port` of a URL with the scheme's default port filled in, escaped for display. */
export function hostPort(url: URL): string {
  const port = url.port !== '' ? url.port : url.protocol === 'https:' ? '443' : '80';
  return oneLine(`${url.hostname}:${port}`, 120);
}

/** Strings that must never be shown: extra header values, their tokens, the URL's user and password. */
export function secretsOf(headers: Readonly<Record<string, string>> | undefined, url: URL | undefined): string[] {
  const secrets: string[] = [];
  for (const value of Object.values(headers ?? {})) {
    secrets.push(value, value.trim());
    const token = value.trim().split(/\s+/).slice(1).join(' ');
    if (token !== '') secrets.push(token);
  }
  if (url !== undefined && url.password !== '') {
    secrets.push(url.password);
    try {
      secrets.push(decodeURIComponent(url.password));
    } catch {
      // malformed %-escape: the raw form is already listed
    }
  }
  return secrets;
}
