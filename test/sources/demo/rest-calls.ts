// HTTP calls for the demo REST API's tests, on connections of their own: status, headers, body
// and trailers; JSON and NDJSON bodies; a gauge of a peer's /metrics; the shapes the tests read.

import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { readLines } from './exposition-lines.js';

/** A clock the test moves by hand. */
export function manualClock(startMs: number): { now: () => number; set: (ms: number) => void } {
  let at = startMs;
  return { now: () => at, set: (ms) => void (at = ms) };
}

/** A whole answer. */
export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  headersDistinct: NodeJS.Dict<string[]>;
  trailers: NodeJS.Dict<string>;
  body: string;
}

/** A request on a connection of its own: status, headers, body and trailers. */
export function call(url: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, method: init.method ?? 'GET', headers: init.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, headersDistinct: res.headersDistinct, trailers: res.trailers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** GET a JSON answer that must be 200. */
export async function json<T>(url: string, headers?: Record<string, string>): Promise<T> {
  const a = await call(url, { headers });
  assert.equal(a.status, 200, `${url}: ${a.body}`);
  assert.equal(a.headers['content-type'], 'application/json');
  return JSON.parse(a.body) as T;
}

/** The NDJSON lines of a streamed answer, each parsed. */
export function ndjson<T>(body: string): T[] {
  assert.ok(body.endsWith('\n'), 'each item ends its line');
  return body.slice(0, -1).split('\n').map((line) => JSON.parse(line) as T);
}

/** A single-sample gauge of a peer's /metrics. */
export async function gauge(metricsUrl: string, name: string): Promise<number> {
  const a = await call(metricsUrl);
  assert.equal(a.status, 200);
  const sample = readLines(a.body).samples.find((s) => s.name === name && Object.keys(s.labels).length === 0);
  assert.ok(sample !== undefined, name);
  return sample.value;
}

/** The fields of an `ID` the tests read. */
export interface Id {
  id: string;
  peername: string;
  version: string;
  cluster_peers: string[];
  rpc_protocol_version: string;
  ipfs: { id: string };
  error: string;
}
/** The fields of a `Metric` the tests read. */
export interface Metric {
  name: string;
  peer: string;
  value: string;
  expire: number;
  received_at: number;
  valid: boolean;
}
/** The fields of a `GlobalPinInfo` the tests read. */
export interface PinInfo {
  cid: string;
  peer_map: Record<string, { peername: string; status: string; error: string; attempt_count: number; timestamp: string }>;
}
