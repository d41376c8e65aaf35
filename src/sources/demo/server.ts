// The embedded demo peer: a loopback HTTP server that answers GET/HEAD /metrics like an IPFS
// Cluster peer's Prometheus endpoint (text 0.0.4, gzip when the client accepts it), advancing the
// simulated peer to the injected clock before each render. The same origin serves the Jaeger
// query API with the peer's traces (jaeger-api.ts). Any other path is a 404.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { createDemoTraces } from './demo-traces.js';
import { createFaultInjector } from './fault-injector.js';
import type { FaultSchedule } from './fault-spec.js';
import { serveJaegerRequest, type DemoJaeger, type DemoJaegerOptions } from './jaeger-api.js';
import type { DemoTraceStore } from './demo-traces.js';
import { advanceTo, createDemoPeerState, DEFAULT_SEED, type DemoPeerState } from './peer-state.js';
import type { PinTuning } from './pin-pipeline.js';
import { renderMetrics, type SharedFigures } from './render.js';

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
  /** The Jaeger query API under `/api/` (default: both generations); false serves none. */
  jaeger?: DemoJaegerOptions | false;
  /** Faults to inject into /metrics, timed from the start (see fault-spec.ts); none when omitted. */
  faults?: FaultSchedule;
  /** How its IPFS pins behave (default: a healthy peer's). */
  pinTuning?: PinTuning;
  /** What the peer's cluster shares at a time (the pinset), when it is one of a demo cluster. */
  shared?: (nowMs: number) => SharedFigures;
  /** Its Jaeger service name (default `cluster-daemon-demo`). */
  service?: string;
  /** Traces of a demo cluster's peers, which its Jaeger API serves beside its own (one Jaeger for the cluster). */
  clusterTraces?: () => readonly DemoTraceStore[];
}

/** A running demo peer. */
export interface DemoPeer {
  /** `http://127.0.0.1:PORT/metrics`. */
  readonly url: string;
  /** The bound port. */
  readonly port: number;
  /** `http://127.0.0.1:PORT`, the Jaeger query API's base URL; null when not served. */
  readonly jaegerUrl: string | null;
  /** Its traces (null without the Jaeger API). */
  readonly traces: DemoTraceStore | null;
  /** Stops listening, closes idle keep-alive sockets and resolves once the server is closed. */
  close(): Promise<void>;
  /** The simulated peer behind the page (the demo cluster's REST API reads it). */
  readonly state: DemoPeerState;
  /** Replaces the fault schedule, timed from now (only on a peer started with `faults`). */
  readonly setFaults?: (schedule: FaultSchedule) => Promise<void>;
}

/** Starts the demo peer on 127.0.0.1. */
export async function startDemoPeer(options: DemoPeerServerOptions = {}): Promise<DemoPeer> {
  const now = options.now ?? Date.now;
  const state = createDemoPeerState({ seed: options.seed, startMs: now(), uptimeSeconds: options.uptimeSeconds, pinTuning: options.pinTuning });
  const host = options.host ?? '127.0.0.1';
  const store = options.jaeger === false ? null : createDemoTraces({ seed: options.seed ?? DEFAULT_SEED, startMs: now(), service: options.service });
  const clusterTraces = options.clusterTraces;
  const jaeger: DemoJaeger | null =
    store === null ? null : { store, options: options.jaeger === false ? {} : (options.jaeger ?? {}), others: clusterTraces === undefined ? undefined : () => clusterTraces().filter((s) => s !== store) };
  const server = createServer((req, res) => {
    if (jaeger !== null && serveJaegerRequest(jaeger, now(), req, res)) return;
    if (faults?.handle(req, res) === true) return;
    handle(state, now, options.shared, req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(`demo peer: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });
  const faults = options.faults === undefined ? null : createFaultInjector({ server, state, now, schedule: options.faults, shared: options.shared });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  faults?.start(port, host);
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    jaegerUrl: jaeger === null ? null : `http://${host}:${port}`,
    traces: store,
    state,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        if (faults !== null && !faults.stop()) return resolve(); // `refused` had closed it
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
        if (faults !== null) server.closeAllConnections(); // stalled and streaming answers too
      });
      return closing;
    },
    ...(faults === null ? {} : { setFaults: (schedule: FaultSchedule) => faults.setFaults(schedule) }),
  };
}

async function handle(state: DemoPeerState, now: () => number, shared: DemoPeerServerOptions['shared'], req: IncomingMessage, res: ServerResponse): Promise<void> {
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
  const at = now();
  advanceTo(state, at);
  const text = Buffer.from(renderMetrics(state, shared?.(at)), 'utf8');
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
