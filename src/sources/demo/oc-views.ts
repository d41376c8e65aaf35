// The OpenCensus views a `--tracing` peer exports, as mutable demo state: gorpc server views per
// method, ochttp server views (REST API, pooled) and ochttp client views (ipfshttp → IPFS) per
// method/status. A series exists only once something was recorded in it, as with OC, where a
// view row appears on its first record.

import { RPC_METHOD_BY_NAME, GORPC_LATENCY_BOUNDS_MS, OCHTTP_LATENCY_BOUNDS_MS, SIZE_BOUNDS_BYTES } from './catalogue.js';
import { createDistribution, recordSample, type OcDistribution } from './distribution.js';
import { chance, lognormal, type Prng } from './prng.js';

/** The three gorpc server views of one method. */
export interface RpcSeries {
  readonly latency: OcDistribution;
  readonly received: OcDistribution;
  readonly sent: OcDistribution;
}

/** ochttp server views; the REST, pinning-service and proxy servers are pooled, without labels. */
export interface HttpServerViews {
  /** Requests started. */
  started: number;
  /** Requests by HTTP method. */
  readonly byMethod: Map<string, number>;
  /** Responses by status code. */
  readonly byStatus: Map<string, number>;
  readonly latency: OcDistribution;
  /** Request body sizes, recorded only for requests that had a body. */
  readonly requestBytes: OcDistribution;
  readonly responseBytes: OcDistribution;
}

/** ochttp client views for one (method, status) pair. */
export interface HttpClientSeries {
  readonly method: string;
  readonly status: string;
  readonly latency: OcDistribution;
  readonly received: OcDistribution;
  readonly sent: OcDistribution;
}

/** All OC views of the peer. */
export interface OcViews {
  /** gorpc views by method name; only methods that were ever called. */
  readonly rpc: Map<string, RpcSeries>;
  readonly server: HttpServerViews;
  /** ochttp client views by `METHOD STATUS`. */
  readonly client: Map<string, HttpClientSeries>;
}

/** One finished REST API request. */
export interface ServerRequest {
  readonly method: string;
  readonly status: string;
  readonly latencyMs: number;
  readonly responseBytes: number;
  /** Body size; absent or 0 when the request had none. */
  readonly requestBytes?: number;
}

/** One finished request from the ipfshttp connector to IPFS. */
export interface ClientRequest {
  readonly method: string;
  readonly status: string;
  readonly latencyMs: number;
  readonly receivedBytes: number;
}

/** Empty views, as at process start. */
export function createOcViews(): OcViews {
  return {
    rpc: new Map(),
    server: {
      started: 0,
      byMethod: new Map(),
      byStatus: new Map(),
      latency: createDistribution(OCHTTP_LATENCY_BOUNDS_MS),
      requestBytes: createDistribution(SIZE_BOUNDS_BYTES),
      responseBytes: createDistribution(SIZE_BOUNDS_BYTES),
    },
    client: new Map(),
  };
}

/** The gorpc views of `method`, created on first use. */
export function rpcSeries(views: OcViews, method: string): RpcSeries {
  let s = views.rpc.get(method);
  if (!s) {
    s = {
      latency: createDistribution(GORPC_LATENCY_BOUNDS_MS),
      received: createDistribution(SIZE_BOUNDS_BYTES),
      sent: createDistribution(SIZE_BOUNDS_BYTES),
    };
    views.rpc.set(method, s);
  }
  return s;
}

/** The client views of (method, status), created on first use. */
export function clientSeries(views: OcViews, method: string, status: string): HttpClientSeries {
  const key = `${method} ${status}`;
  let s = views.client.get(key);
  if (!s) {
    s = {
      method,
      status,
      latency: createDistribution(OCHTTP_LATENCY_BOUNDS_MS),
      received: createDistribution(SIZE_BOUNDS_BYTES),
      sent: createDistribution(SIZE_BOUNDS_BYTES),
    };
    views.client.set(key, s);
  }
  return s;
}

/** Records one served gorpc call (latency sampled from the catalogue unless given); returns the latency. */
export function recordRpc(views: OcViews, rng: Prng, method: string, latencyMs?: number): number {
  const spec = RPC_METHOD_BY_NAME.get(method);
  if (!spec) throw new Error(`demo peer: unknown gorpc method ${method}`);
  const ms = latencyMs ?? lognormal(rng, spec.medianMs, spec.sigma);
  const local = chance(rng, spec.localFraction);
  const s = rpcSeries(views, method);
  recordSample(s.latency, ms);
  recordSample(s.received, local ? spec.argBytes : 0); // InPayload only for local calls
  recordSample(s.sent, 0); // OutPayload is never emitted
  return ms;
}

/** Records one finished REST API request. */
export function recordServerRequest(views: OcViews, req: ServerRequest): void {
  const v = views.server;
  v.started += 1;
  v.byMethod.set(req.method, (v.byMethod.get(req.method) ?? 0) + 1);
  v.byStatus.set(req.status, (v.byStatus.get(req.status) ?? 0) + 1);
  recordSample(v.latency, req.latencyMs);
  recordSample(v.responseBytes, req.responseBytes);
  if (req.requestBytes !== undefined && req.requestBytes > 0) recordSample(v.requestBytes, req.requestBytes);
}

/** Records one finished request to the IPFS API. */
export function recordClientRequest(views: OcViews, req: ClientRequest): void {
  const s = clientSeries(views, req.method, req.status);
  recordSample(s.latency, req.latencyMs);
  recordSample(s.received, req.receivedBytes);
  recordSample(s.sent, 0);
}
