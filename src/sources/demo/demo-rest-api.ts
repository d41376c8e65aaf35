// The demo cluster's IPFS Cluster REST API (as demo-1's, which knows every peer), on its own
// loopback port, answering from demo-rest-view.ts at the demo's clock. Like v1.1.6's: streamed
// answers (`/peers`, `/pins`) are NDJSON written one object per chunk with `Trailer:
// X-Stream-Error` (empty when all went well), 204 for no items (without the Trailer header a real
// peer sends along, which node:http cannot send), 500 `{"code","message"}` for an
// error before the first item; a stream started in a trailer-error window (streamErrorAt) stops
// half way with the error in the trailer. Basic auth or a Bearer token from `POST /token` on
// every route but `GET /health` when credentials are set (401 bodies and headers as v1.1.6's);
// unknown routes and methods are a 404 JSON error. The demo's pinset lists only pins in error:
// a filter for other statuses gets none.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, issueToken, WWW_AUTHENTICATE_DENIED, WWW_AUTHENTICATE_MISSING, type DemoCredentials } from './demo-rest-auth.js';
import { DEMO_CLUSTER_VERSION, dialError, restErrorId, restId } from './demo-rest-shapes.js';
import { alertsAt, METRIC_NAMES, metricsAt, parseStatusFilter, peersAt, pinErrorsAt, STREAM_ERROR_MESSAGE, streamErrorAt, type RestView } from './demo-rest-view.js';

/** Options of startDemoRestApi. */
export interface DemoRestApiOptions {
  /** The cluster it describes. */
  readonly view: RestView;
  /** Clock in unix ms. */
  readonly now: () => number;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** `basic_auth_credentials`: when set, every route but GET /health needs them (or a token). */
  readonly credentials?: DemoCredentials;
}

/** A running demo REST API. */
export interface DemoRestApi {
  /** `http://127.0.0.1:PORT`, the API's base URL. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json';

/** A JSON answer with a length. */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}): void {
  const text = Buffer.from(JSON.stringify(body), 'utf8');
  res.writeHead(status, { 'Content-Type': JSON_TYPE, 'Content-Length': text.length, ...headers });
  res.end(text);
}

/** The API's error shape. */
function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string | string[]> = {}): void {
  sendJson(res, status, { code: status, message }, headers);
}

/** Waits until the socket has taken the last write (each item leaves as a chunk of its own), or the client is gone. */
function flushed(res: ServerResponse, drained: boolean): Promise<void> {
  if (drained) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** A streamed answer: each item a line; cut after half of them (an error trailer) when `cut`. */
async function sendStream(res: ServerResponse, items: readonly unknown[], cut: boolean): Promise<void> {
  if (items.length === 0) {
    // v1.1.6 declares the trailer on a 204 too; node:http refuses a Trailer header without chunking.
    res.writeHead(204);
    res.end();
    return;
  }
  const count = cut ? Math.floor(items.length / 2) : items.length;
  if (count === 0) return sendError(res, 500, STREAM_ERROR_MESSAGE);
  res.writeHead(200, { 'Content-Type': JSON_TYPE, Trailer: 'X-Stream-Error' });
  for (let i = 0; i < count; i++) {
    if (res.destroyed) return;
    await flushed(res, res.write(JSON.stringify(items[i]) + '\n'));
  }
  res.addTrailers({ 'X-Stream-Error': cut ? STREAM_ERROR_MESSAGE : '' });
  res.end();
}

/** Routes one request of `user` (null when no credentials are set). */
async function route(options: DemoRestApiOptions, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, user: string | null): Promise<void> {
  const at = options.now();
  const view = options.view;
  if (path === '/token' && req.method === 'POST') {
    if (user === null || options.credentials === undefined) return sendError(res, 401, 'unauthorized: no auth provided', { 'WWW-Authenticate': WWW_AUTHENTICATE_MISSING });
    return sendJson(res, 200, { token: issueToken(options.credentials, user) });
  }
  if (req.method !== 'GET') return sendError(res, 404, 'not found');
  const peers = peersAt(view, at).filter((p) => p.inPeerset);
  const peerset = peers.map((p) => p.peer.k);
  switch (path) {
    case '/id':
      return sendJson(res, 200, restId(view.directory, 1, peerset));
    case '/version':
      return sendJson(res, 200, { version: DEMO_CLUSTER_VERSION });
    case '/peers': {
      // the peers that answer, then those that cannot be reached (they answer last on a real cluster)
      const ids = [...peers.filter((p) => p.up).map((p) => restId(view.directory, p.peer.k, peerset)), ...peers.filter((p) => !p.up).map((p) => restErrorId(view.directory, p.peer.k, dialError(view.directory, p.peer.k, false)))];
      return sendStream(res, ids, streamErrorAt(at - view.startMs));
    }
    case '/monitor/metrics':
      return sendJson(res, 200, [...METRIC_NAMES]);
    case '/health/alerts':
      return sendJson(res, 200, alertsAt(view, at));
    case '/pins': {
      const statuses = parseStatusFilter(query.get('filter'));
      if (statuses === null) return sendError(res, 400, 'invalid filter value');
      return sendStream(res, pinErrorsAt(view, statuses, at), streamErrorAt(at - view.startMs));
    }
  }
  const metric = /^\/monitor\/metrics\/([^/]+)$/.exec(path);
  if (metric !== null) return sendJson(res, 200, metricsAt(view, decodeURIComponent(metric[1]), at));
  return sendError(res, 404, 'not found');
}

/** Starts the demo REST API on 127.0.0.1. */
export async function startDemoRestApi(options: DemoRestApiOptions): Promise<DemoRestApi> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/health' && req.method === 'GET') {
      res.writeHead(204, { 'Content-Type': JSON_TYPE });
      res.end();
      return;
    }
    const auth = authenticate(options.credentials, req.headers);
    if (!auth.ok) {
      const challenge = auth.reason === 'no auth provided' ? WWW_AUTHENTICATE_MISSING : WWW_AUTHENTICATE_DENIED;
      return sendError(res, 401, `unauthorized: ${auth.reason}`, { 'WWW-Authenticate': challenge });
    }
    route(options, req, res, path, url.searchParams, auth.user).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendError(res, 500, `demo REST API: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
