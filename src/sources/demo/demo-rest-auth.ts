// Auth of the demo cluster's REST API, as IPFS Cluster's (api/common): with credentials set, a
// request needs Basic auth with one of them, or `Authorization: Bearer <JWT>` where the JWT came
// from `POST /token`: HS256, signed with the user's password, issuer = the user, no expiry.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** Users and their passwords (service.json's `basic_auth_credentials`). */
export type DemoCredentials = Readonly<Record<string, string>>;

/** The `WWW-Authenticate` headers of a 401: both schemes when no auth was given, Basic when it was wrong (as v1.1.6). */
export const WWW_AUTHENTICATE_MISSING = ['Bearer realm="Restricted IPFS Cluster API"', 'Basic realm="Restricted IPFS Cluster API"'];
export const WWW_AUTHENTICATE_DENIED = 'Basic realm="Restricted IPFS Cluster API"';

/** How a request's Authorization fares: its user (null when no credentials are set), or why not. */
export type AuthOutcome = { readonly ok: true; readonly user: string | null } | { readonly ok: false; readonly reason: 'no auth provided' | 'access denied' };

function same(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** The user a `Basic` Authorization header names with a right password, else null. */
function basicUser(credentials: DemoCredentials, authorization: string | undefined): string | null {
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

/** The issuer of a `Bearer` Authorization header's token when it is signed with that user's password, else null. */
function bearerUser(credentials: DemoCredentials, authorization: string | undefined): string | null {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/i.exec(authorization ?? '');
  if (m === null) return null;
  let issuer: unknown;
  try {
    issuer = (JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as { iss?: unknown }).iss;
  } catch {
    return null;
  }
  if (typeof issuer !== 'string' || !Object.hasOwn(credentials, issuer)) return null;
  const signature = b64url(createHmac('sha256', credentials[issuer]).update(`${m[1]}.${m[2]}`).digest());
  return same(signature, m[3]) ? issuer : null;
}

/** Whether a request may go on: no credentials set, or a right Basic or Bearer header (whose user may ask for a token). */
export function authenticate(credentials: DemoCredentials | undefined, headers: IncomingHttpHeaders): AuthOutcome {
  if (credentials === undefined) return { ok: true, user: null };
  if (headers.authorization === undefined || headers.authorization === '') return { ok: false, reason: 'no auth provided' };
  const user = basicUser(credentials, headers.authorization) ?? bearerUser(credentials, headers.authorization);
  return user === null ? { ok: false, reason: 'access denied' } : { ok: true, user };
}
