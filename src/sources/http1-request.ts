// The head of a GET request as Node's http client writes it for a keep-alive agent: the
// caller's fields in order, then Host and, for a URL with user:password, Basic credentials
// (unless the caller gave those fields), then `Connection: keep-alive`. Field names and values
// are checked as Node checks them, with Node's error codes and messages. Also a POST of a form
// (Content-Type and Content-Length added), and the absolute form (`GET http://host/path`, with
// Proxy-Authorization) for a request sent to an http:// proxy.

/** An invalid request field or path, named as Node names it. */
export class RequestFieldError extends TypeError {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
const INVALID_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const INVALID_PATH = /[^\u0021-\u00ff]/;

/** How a request differs from a plain GET to the target. */
export interface RequestForm {
  /** A form body of this many bytes: the request is a POST (application/x-www-form-urlencoded unless the headers say). */
  readonly formBytes?: number;
  /** Sent to this http:// proxy: absolute form, and its Proxy-Authorization (null: none). */
  readonly proxy?: { readonly authorization: string | null } | null;
}

/** A request head for `GET url` (or a POST, or to a proxy) with `headers`; throws RequestFieldError like Node does. */
export function requestHead(url: URL, headers: Readonly<Record<string, string>>, form: RequestForm = {}): string {
  const path = `${url.pathname}${url.search}`;
  if (INVALID_PATH.test(path)) throw new RequestFieldError('ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
  const proxy = form.proxy ?? null;
  const post = form.formBytes !== undefined;
  let head = `${post ? 'POST' : 'GET'} ${proxy === null ? '' : `${url.protocol}//${url.host}`}${path} HTTP/1.1\r\n`;
  let host = false;
  let authorization = false;
  let connection = false;
  let proxyAuthorization = false;
  let contentType = false;
  for (const name of Object.keys(headers)) {
    const value = String(headers[name]);
    if (!TOKEN.test(name)) throw new RequestFieldError('ERR_INVALID_HTTP_TOKEN', `Header name must be a valid HTTP token ["${name}"]`);
    if (INVALID_VALUE.test(value)) throw new RequestFieldError('ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
    const lower = name.toLowerCase();
    host ||= lower === 'host';
    authorization ||= lower === 'authorization';
    connection ||= lower === 'connection';
    proxyAuthorization ||= lower === 'proxy-authorization';
    contentType ||= lower === 'content-type';
    head += `${name}: ${value}\r\n`;
  }
  if (post) {
    if (!contentType) head += 'Content-Type: application/x-www-form-urlencoded\r\n';
    head += `Content-Length: ${form.formBytes}\r\n`;
  }
  if (proxy?.authorization != null && !proxyAuthorization) head += `Proxy-Authorization: ${proxy.authorization}\r\n`;
  if (!host) head += `Host: ${url.host}\r\n`;
  if (!authorization && (url.username !== '' || url.password !== '')) {
    const credentials = `${decoded(url.username)}:${decoded(url.password)}`;
    head += `Authorization: Basic ${Buffer.from(credentials).toString('base64')}\r\n`;
  }
  if (!connection) head += 'Connection: keep-alive\r\n';
  return `${head}\r\n`;
}

/** True when `headers` ask the server to close the connection after its answer. */
export function asksToClose(headers: Readonly<Record<string, string>>): boolean {
  for (const name of Object.keys(headers)) {
    if (name.toLowerCase() === 'connection' && /(^|,)\s*close\s*(,|$)/i.test(String(headers[name]))) return true;
  }
  return false;
}

/** %-escapes of a URL's user or password undone (a malformed one is kept as written). */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
