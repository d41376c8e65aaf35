// Test support for the "on a peer host" tests: a loopback HTTP or HTTPS server on an ephemeral port
// that can demand an Authorization header (401 without the right one, or 403), serves the
// fixture scrapes at /metrics and a Jaeger query API under /api, and records every request.
// Also an environment with nothing of the developer's (no IPFS_CLUSTER_PATH, no CLUSTER_*).

import http from 'node:http';
import https from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { listenLoopback } from './listen-loopback.js';

/** One request as seen. */
export interface SeenRequest {
  readonly path: string;
  readonly authorization: string | undefined;
}

/** A running server. */
export interface GuardedServer {
  /** `http(s)://127.0.0.1:<port>`. */
  readonly origin: string;
  /** `<origin>/metrics`. */
  readonly metricsUrl: string;
  readonly seen: SeenRequest[];
}

/** How the server behaves. */
export interface GuardOptions {
  /** TLS certificate and key: serve HTTPS; with `clientCa`, only to clients with a certificate it signed (mTLS). */
  readonly tls?: { readonly cert: string; readonly key: string; readonly clientCa?: string };
  /** The Authorization value required (anything else gets 401), or undefined for none. */
  readonly authorization?: string;
  /** Answer 403 to every request that passed the check above. */
  readonly forbid?: boolean;
  /** Echo the received Authorization header in error bodies (a careless proxy). */
  readonly echo?: boolean;
}

const fixture = (dir: string, name: string): string => readFileSync(new URL(`../../../test/fixtures/${dir}/${name}`, import.meta.url), 'utf8');

/** Starts the server; it is closed (connections included) when the test ends. */
export async function startGuardedServer(t: TestContext, options: GuardOptions = {}): Promise<GuardedServer> {
  const seen: SeenRequest[] = [];
  const scrapes = [fixture('ipfs-cluster', 'peer-t0.prom'), fixture('ipfs-cluster', 'peer-t10s.prom')];
  let next = 0;
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const authorization = req.headers.authorization;
    seen.push({ path, authorization });
    const echo = options.echo ? ` (got ${authorization ?? 'nothing'})` : '';
    if (options.authorization !== undefined && authorization !== options.authorization) {
      res.writeHead(401, { 'content-type': 'text/plain', 'www-authenticate': 'Bearer realm="peer"' });
      return void res.end(`unauthorized${echo}\n`);
    }
    if (options.forbid) {
      res.writeHead(403, { 'content-type': 'text/plain' });
      return void res.end(`forbidden${echo}\n`);
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      return void res.end(scrapes[Math.min(next++, scrapes.length - 1)]);
    }
    if (path === '/api/services') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ data: ['cluster-daemon-peer0'], total: 1 }));
    }
    if (path === '/api/traces') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(fixture('jaeger', 'search-cluster-daemon-peer0.json'));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found\n');
  };
  const server = options.tls === undefined ? http.createServer(handler) : https.createServer({ cert: options.tls.cert, key: options.tls.key, ...(options.tls.clientCa === undefined ? {} : { ca: options.tls.clientCa, requestCert: true, rejectUnauthorized: true }) }, handler);
  const port = await listenLoopback(t, server);
  const origin = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`;
  return { origin, metricsUrl: `${origin}/metrics`, seen };
}

/** A temporary folder, removed when the test ends. */
export function tempFolder(t: TestContext, prefix = 'cluster-top-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An environment with only PATH, a home folder of the test's own and a UTF-8 locale, plus `extra`. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8', ...extra };
}
