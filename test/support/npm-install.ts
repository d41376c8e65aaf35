// Test support for the install tests: `npm install -g` of a packed tarball into a temporary
// prefix, as this machine's npm would do it, with an empty npm cache of the test's own.
//
// The test runs npm in an otherwise empty environment (test/support/guarded-server.ts
// isolatedEnv) with a temporary HOME and --prefix, which moves npm's global config to
// `<prefix>/etc/npmrc` and its user config to `<HOME>/.npmrc`. A machine whose registry access
// needs either (a `cafile` for a TLS-intercepting proxy, a mirror, a token) would then fail. So
// both files are passed by name, as `npm config get` reports them, with the variables npm reads
// for certificates and proxies and every npm_config_* one.
//
// A registry that cannot be reached fails in seconds with npm's own reason: a preflight asks it
// for one of the packages the install needs, once, with a short timeout (npm's default is to
// retry for minutes).

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { isolatedEnv } from './guarded-server.js';

const run = promisify(execFile);
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Certificate variables Node, OpenSSL and npm read. */
const CA_VARIABLES = ['NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_TLS_REJECT_UNAUTHORIZED'];
/** Proxy variables npm reads, in any case. */
const PROXY_VARIABLE = /^(https?_proxy|no_proxy|all_proxy)$/i;
/** npm_config_* variables `npm run` sets about the project it runs in, or that the install sets itself. */
const NOT_PASSED = /^npm_config_(cache|prefix|global_prefix|local_prefix|globalconfig|userconfig)$/i;

/** How the install is done. */
export interface InstallOptions {
  /** The packed tarball. */
  readonly tarball: string;
  /** The global prefix to install into. */
  readonly prefix: string;
  /** An empty folder for npm's cache. */
  readonly cache: string;
  /** The HOME and working folder npm runs in. */
  readonly home: string;
  /** The environment whose npm settings are kept (default: this process's). */
  readonly base?: NodeJS.ProcessEnv;
  /** How long the preflight may wait for the registry, ms (default 10 s). */
  readonly preflightTimeoutMs?: number;
}

/** The variables of `base` that a user's npm needs to reach its registry. */
export function npmVariables(base: NodeJS.ProcessEnv): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (CA_VARIABLES.includes(name) || PROXY_VARIABLE.test(name) || (/^npm_config_/i.test(name) && !NOT_PASSED.test(name))) kept[name] = value;
  }
  return kept;
}

/** The command-line settings every npm call of the install gets: the machine's config files, the empty cache. */
async function npmSettings(options: InstallOptions): Promise<string[]> {
  const base = options.base ?? process.env;
  const config = async (key: string): Promise<string> => (await run(NPM, ['config', 'get', key], { cwd: options.home, env: base })).stdout.trim();
  const [globalconfig, userconfig] = [await config('globalconfig'), await config('userconfig')];
  return [`--globalconfig=${globalconfig}`, `--userconfig=${userconfig}`, `--cache=${options.cache}`, '--no-update-notifier'];
}

/** Installs the tarball into the prefix; rejects within seconds, with npm's reason, when the registry cannot be reached. */
export async function installGlobally(options: InstallOptions): Promise<void> {
  const base = options.base ?? process.env;
  const env = { ...isolatedEnv(options.home), ...npmVariables(base) };
  const settings = await npmSettings(options);
  const timeout = options.preflightTimeoutMs ?? 10_000;
  try {
    await run(NPM, ['view', 'ink', 'version', ...settings, '--fetch-retries=0', `--fetch-timeout=${timeout}`], { cwd: options.home, env, timeout: timeout + 20_000 });
  } catch (error) {
    const registry = await run(NPM, ['config', 'get', 'registry', ...settings], { cwd: options.home, env }).then((r) => r.stdout.trim(), () => '?');
    throw new Error(`npm cannot reach its registry ${registry} with this machine's settings (${settings.slice(0, 2).join(' ')}): ${npmReason(error)}`);
  }
  // One quick retry for a transient failure; the preflight has shown that the registry answers.
  const retries = ['--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=2000', '--fetch-timeout=60000'];
  try {
    await run(NPM, ['install', '-g', '--prefix', options.prefix, '--no-audit', '--no-fund', '--ignore-scripts', ...settings, ...retries, options.tarball], { cwd: options.home, env, maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw new Error(`npm install -g failed: ${npmReason(error)}`);
  }
}

/** npm's error lines from a failed run (without the pointer to its log file), else the error's message. */
export function npmReason(error: unknown): string {
  const stderr = String((error as { stderr?: unknown }).stderr ?? '');
  const lines = stderr
    .split('\n')
    .filter((line) => /^npm (error|ERR!)/.test(line) && !/complete log of this run|^npm (error|ERR!)\s*$/.test(line))
    .map((line) => line.replace(/^npm (error|ERR!)\s*/, ''))
    .filter((line) => !/^at /.test(line));
  if (lines.length > 0) return lines.slice(0, 8).join('; ');
  const signal = (error as { signal?: unknown }).signal;
  return signal ? `npm was stopped (${String(signal)}) after its timeout` : (error as Error).message;
}
