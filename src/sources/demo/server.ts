// The embedded demo peer: a loopback HTTP server that answers GET/HEAD /metrics like an IPFS
// Cluster peer's Prometheus endpoint (text 0.0.4, gzip when the client accepts it), advancing the
// simulated peer to the injected clock before each render. Any other path is a 404.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { advanceTo, createDemoPeerState, type DemoPeerState } from './peer-state.js';
import { renderMetrics } from './render.js';

const gzipAsync = promisify(gzip);

/** Content type promhttp answers with for text format 0.0.4. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8; escaping=underscores';

/** Options of startDemoPeer. */
export interface DemoPeerServerOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Bind address; loopback only. */
  host?: '127.0.0.1';
  /** PRNG seed of the simulated peer. */
  seed?: number;
  /** Uptime of the peer when the server starts, seconds (default ~2.6 days; 0 = fresh start). */
  uptimeSeconds?: number;
  /** Clock in unix ms (default Date.now); the peer's state follows it. */
  now?: () => number;
}

/** A running demo peer. */
export interface DemoPeer {
  /** `http://127.0.0.1:PORT/metrics`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** Stops listening, closes idle keep-alive sockets and resolves once the server is closed. */
  close(): Promise<void>;
}

/** Starts the demo peer on 127.0.0.1. */
export async function startDemoPeer(options: DemoPeerServerOptions = {}): Promise<DemoPeer> {
  const now = options.now ?? Date.now;
  const state = createDemoPeerState({ seed: options.seed, startMs: now(), uptimeSeconds: options.uptimeSeconds });
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(state, now, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`demo peer: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}

async function handle(state: DemoPeerState, now: () => number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/metrics') {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
    res.end('404 page not found\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('method not allowed\n');
    return;
  }
  advanceTo(state, now());
  const text = Buffer.from(renderMetrics(state), 'utf8');
  const zipped = acceptsGzip(req.headers['accept-encoding']);
  const body = zipped ? await gzipAsync(text) : text;
  const headers: Record<string, string | number> = {
    'Content-Type': METRICS_CONTENT_TYPE,
    'Content-Length': body.length,
    Vary: 'Accept-Encoding',
  };
  if (zipped) headers['Content-Encoding'] = 'gzip';
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Whether an Accept-Encoding header allows gzip (a `gzip` or `*` entry without q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header ?? '';
  let gzipQ: number | undefined;
  let starQ: number | undefined;
  for (const part of value.split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (coding === 'gzip' || coding === 'x-gzip') gzipQ = Number.isNaN(q) ? 0 : q;
    else if (coding === '*') starQ = Number.isNaN(q) ? 0 : q;
  }
  return (gzipQ ?? starQ ?? 0) > 0;
}
