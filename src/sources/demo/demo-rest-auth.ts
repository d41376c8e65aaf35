// Auth of the demo cluster's REST API, as IPFS Cluster's (api/common): with credentials set, a
// request needs Basic auth with one of them, or `Authorization: Bearer <JWT>` where the JWT came
// from `POST /token`: HS256, signed with the user's password, issuer = the user, no expiry.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Users and their passwords (service.json's `basic_auth_credentials`). */
export type DemoCredentials = Readonly<Record<string, string>>;

/** The `WWW-Authenticate` header a 401 carries. */
export const WWW_AUTHENTICATE = 'Basic realm="Restricted IPFS Cluster API"';

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The user a `Basic` Authorization header names with a right password, else null. */
export function basicUser(credentials: DemoCredentials, authorization: string | undefined): string | null {
  const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(authorization ?? '');
  if (m === null) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const user = decoded.slice(0, colon);
  const password = credentials[user];
  return Object.hasOwn(credentials, user) && typeof password === 'string' && same(password, decoded.slice(colon + 1)) ? user : null;
}

/** The JWT `POST /token` issues to `user`. */
export function issueToken(credentials: DemoCredentials, user: string): string {
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify({ iss: user }))}`;
  return `${unsigned}.${b64url(createHmac('sha256', credentials[user]).update(unsigned).digest())}`;
}

/** Whether a `Bearer` Authorization header holds a token signed with its issuer's password. */
function bearerValid(credentials: DemoCredentials, authorization: string | undefined): boolean {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? '');
  if (m === null) return false;
  let issuer: unknown;
  try {
    issuer = (JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as { iss?: unknown }).iss;
  } catch {
    return false;
  }
  if (typeof issuer !== 'string' || !Object.hasOwn(credentials, issuer)) return false;
  const signature = b64url(createHmac('sha256', credentials[issuer]).update(`${m[1]}.${m[2]}`).digest());
  return same(signature, m[3]);
}

/** Whether a request may go on: no credentials set, or a right Basic or Bearer header. */
export function authorized(credentials: DemoCredentials | undefined, headers: IncomingHttpHeaders): boolean {
  if (credentials === undefined) return true;
  return basicUser(credentials, headers.authorization) !== null || bearerValid(credentials, headers.authorization);
}
