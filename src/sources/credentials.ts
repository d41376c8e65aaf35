// Credentials for an endpoint behind a proxy: a bearer token or basic auth (`user:password`), for
// the metrics endpoint, Jaeger, the cluster's REST API and a Prometheus-compatible server. They
// come from a file named by a flag (`--metrics-token-file`, `--api-basic-auth-file`, …) or from
// the environment (`CLUSTER_TOP_METRICS_TOKEN`, or a `…_FILE` variable), never from an argument
// value: argv is visible to every user in `ps`. The REST API's may also come from the peer's
// service.json.
// What is shown about a credential is its kind and source, never its value.

import { readFile, stat } from 'node:fs/promises';
import { oneLine } from '../util/escape-control.js';

/** The endpoints that take credentials. */
export type CredentialTarget = 'metrics' | 'jaeger' | 'api' | 'prometheus';

/** Where a credential is to be read from (chosen before any file is opened). */
export interface CredentialSpec {
  readonly kind: 'bearer' | 'basic';
  /** A file to read, or a variable holding the value itself. */
  readonly from: { readonly file: string } | { readonly variable: string };
  /** What named it: `--metrics-token-file /path`, `CLUSTER_TOP_METRICS_TOKEN`, … (never the value). */
  readonly source: string;
}

/** A credential ready to send. */
export interface Credential {
  readonly kind: 'bearer' | 'basic';
  /** The Authorization header value. */
  readonly authorization: string;
  /** Where it came from (see CredentialSpec.source). */
  readonly source: string;
  /** Every string that must be cut out of anything shown. */
  readonly secrets: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;
type Flags = Readonly<Record<string, string | boolean | undefined>>;

/** Flag and variable names for one endpoint. */
export function credentialNames(target: CredentialTarget): {
  tokenFlag: string; basicFlag: string; tokenVar: string; basicVar: string; tokenFileVar: string; basicFileVar: string;
} {
  const upper = target.toUpperCase();
  return {
    tokenFlag: `${target}-token-file`,
    basicFlag: `${target}-basic-auth-file`,
    tokenVar: `CLUSTER_TOP_${upper}_TOKEN`,
    basicVar: `CLUSTER_TOP_${upper}_BASIC_AUTH`,
    tokenFileVar: `CLUSTER_TOP_${upper}_TOKEN_FILE`,
    basicFileVar: `CLUSTER_TOP_${upper}_BASIC_AUTH_FILE`,
  };
}

/** How to give credentials for `target`, for messages. */
export function credentialHelp(target: CredentialTarget): string {
  const n = credentialNames(target);
  return `--${n.tokenFlag} FILE, --${n.basicFlag} FILE (user:password) or ${n.tokenVar}`;
}

/**
 * Chooses the credential of `target`: a flag wins over the environment; two at the same level
 * are an error. Returns null when none is given. Pure.
 */
export function chooseCredential(target: CredentialTarget, flags: Flags, env: Env): CredentialSpec | null | { error: string } {
  const n = credentialNames(target);
  const fromFlags: CredentialSpec[] = [];
  const tokenFile = flags[n.tokenFlag];
  const basicFile = flags[n.basicFlag];
  if (typeof tokenFile === 'string') fromFlags.push({ kind: 'bearer', from: { file: tokenFile }, source: `--${n.tokenFlag} ${tokenFile}` });
  if (typeof basicFile === 'string') fromFlags.push({ kind: 'basic', from: { file: basicFile }, source: `--${n.basicFlag} ${basicFile}` });
  if (fromFlags.length > 1) return { error: `--${n.tokenFlag} and --${n.basicFlag} exclude each other` };
  if (fromFlags.length === 1) return fromFlags[0];
  const fromEnv: CredentialSpec[] = [];
  const set = (name: string): string | undefined => (env[name] !== undefined && env[name] !== '' ? env[name] : undefined);
  if (set(n.tokenVar) !== undefined) fromEnv.push({ kind: 'bearer', from: { variable: n.tokenVar }, source: n.tokenVar });
  if (set(n.basicVar) !== undefined) fromEnv.push({ kind: 'basic', from: { variable: n.basicVar }, source: n.basicVar });
  const tokenFileVar = set(n.tokenFileVar);
  const basicFileVar = set(n.basicFileVar);
  if (tokenFileVar !== undefined) fromEnv.push({ kind: 'bearer', from: { file: tokenFileVar }, source: `${n.tokenFileVar} ${tokenFileVar}` });
  if (basicFileVar !== undefined) fromEnv.push({ kind: 'basic', from: { file: basicFileVar }, source: `${n.basicFileVar} ${basicFileVar}` });
  if (fromEnv.length > 1) return { error: `set only one of ${fromEnv.map((s) => s.source.split(' ')[0]).join(', ')}` };
  return fromEnv[0] ?? null;
}

/** Reads the credential a spec names; the error says which source failed and why, never a value. */
export async function loadCredential(spec: CredentialSpec, env: Env): Promise<{ credential: Credential; warning: string | null } | { error: string }> {
  let text: string;
  let warning: string | null = null;
  if ('file' in spec.from) {
    try {
      const info = await stat(spec.from.file);
      if (!info.isFile()) return { error: `${shown(spec.source)}: not a file` };
      if (info.size > 64 * 1024) return { error: `${shown(spec.source)}: larger than 64 KiB, not a credential` };
      text = await readFile(spec.from.file, 'utf8');
      if ((info.mode & 0o077) !== 0) {
        warning = `${shown(spec.source)} can be read by other users (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`;
      }
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (code ?? 'cannot read it');
      return { error: `${shown(spec.source)}: ${why}` };
    }
  } else {
    text = env[spec.from.variable] ?? '';
  }
  const value = text.replace(/\r?\n$/, '').trim();
  if (value === '') return { error: `${shown(spec.source)} is empty` };
  if (/[\u0000-\u001f\u007f]/.test(value)) return { error: `${shown(spec.source)}: the credential must be one line without control characters` };
  if (spec.kind === 'bearer') {
    const authorization = `Bearer ${value}`;
    return { credential: { kind: 'bearer', authorization, source: spec.source, secrets: [value, authorization] }, warning };
  }
  const colon = value.indexOf(':');
  if (colon <= 0) return { error: `${shown(spec.source)} must hold user:password` };
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const authorization = `Basic ${encoded}`;
  const secrets = [value, value.slice(colon + 1), encoded, authorization].filter((s) => s !== '');
  return { credential: { kind: 'basic', authorization, source: spec.source, secrets }, warning };
}

/**
 * Basic auth for a user and password read elsewhere (the REST API's `basic_auth_credentials` in
 * service.json); `source` names where, never the values.
 */
export function basicAuthCredential(user: string, password: string, source: string): Credential {
  const value = `${user}:${password}`;
  const encoded = Buffer.from(value, 'utf8').toString('base64');
  const authorization = `Basic ${encoded}`;
  return { kind: 'basic', authorization, source, secrets: [value, password, encoded, authorization].filter((s) => s !== '') };
}

/** `a bearer token from --metrics-token-file /path` (kind and source only). */
export function describeCredential(credential: Pick<Credential, 'kind' | 'source'>): string {
  return `${credential.kind === 'bearer' ? 'a bearer token' : 'basic auth'} from ${credential.source}`;
}

function shown(source: string): string {
  return oneLine(source, 200);
}
