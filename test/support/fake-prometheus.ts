// Test support: a loopback server speaking the Prometheus HTTP API as far as one fleet refresh and
// one history fill (its histogram_quantile range queries) need. It knows the refresh's queries
// (fleetQueries) and answers each from a world the test changes between refreshes: peers with an
// instant, `up`, a pinset and one RPC method's bucket rates; the engine's warnings; an engine
// error; a stall (answers held until released); two jobs scraping every peer (each peer's
// quantile over the bucket series as they are then comes twice); range steps moved off the
// instant. It records every request. Closed after the test.

import http from 'node:http';
import type { TestContext } from 'node:test';
import { fleetQueries, type FleetQueries } from '../../src/model/prometheus-queries.js';
import { listenLoopback } from './listen-loopback.js';

/** One peer as the fake server sees it. */
export interface FakePeer {
  readonly instance: string;
  readonly up: number;
  readonly pins: number;
  /** Rates of the `le` 10 (ms) and +Inf buckets of Cluster.Pin (per second). */
  readonly fast: number;
  readonly all: number;
}

/** What the server answers now. */
export interface FakeWorld {
  /** Newest `up` sample of every peer, unix seconds. */
  instantS: number;
  peers: FakePeer[];
  warnings: string[];
  /** An engine error for every query, or null. */
  error: { readonly errorType: string; readonly error: string } | null;
  /** Hold every answer until release() (a slow server). */
  stall: boolean;
  /** An engine error for range queries only (absent: none). */
  rangeError?: string;
  /** Hold range answers only until release() (a slow history fill beside quick refreshes). */
  rangeStall?: boolean;
  /**
   * Every peer scraped by two jobs (absent: one): a quantile over the bucket series as they are
   * has each (method, peer) twice, once per job; over their sums, once.
   */
  twoJobs?: boolean;
  /** Range answers whose steps are moved by this many ms (absent: 0), as an engine that aligns them would. */
  rangeShiftMs?: number;
}

/** A request the server took: its API path and parameters. */
export interface FakeRequest {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** Which refresh query it was, 'range' for query_range, or 'other'. */
  readonly kind: keyof FleetQueries | 'quantile' | 'range' | 'other';
  /** A quantile (instant or range) over the bucket sums per (le, method, peer), not the series as they are. */
  readonly summed: boolean;
}

/** The fake server: its URL, the world, the requests, and release() for stalled answers. */
export interface FakePrometheus {
  readonly url: string;
  readonly world: FakeWorld;
  readonly requests: FakeRequest[];
  release(): void;
}

const METHOD = 'Cluster.Pin';

function bucketSeries(p: FakePeer, perPeer: boolean): { metric: Record<string, string>; le: string; value: number }[] {
  const base: Record<string, string> = perPeer ? { gorpc_server_method: METHOD, instance: p.instance } : { gorpc_server_method: METHOD };
  return [{ metric: { ...base, le: '10' }, le: '10', value: p.fast }, { metric: { ...base, le: '+Inf' }, le: '+Inf', value: p.all }];
}

function vectorOf(kind: keyof FleetQueries, world: FakeWorld): { metric: Record<string, string>; value: number }[] {
  const peers = world.peers;
  switch (kind) {
    case 'clock':
      return peers.map((p) => ({ metric: { instance: p.instance, job: 'ipfs-cluster' }, value: world.instantS }));
    case 'up':
      return peers.map((p) => ({ metric: { __name__: 'up', instance: p.instance }, value: p.up }));
    case 'gauges':
      return peers.filter((p) => p.up === 1).map((p) => ({ metric: { __name__: 'ipfscluster_pins', instance: p.instance }, value: p.pins }));
    case 'rates':
      return [];
    case 'latencyPerPeer':
    case 'peerBuckets':
      return peers.filter((p) => p.up === 1).flatMap((p) => bucketSeries(p, true));
    case 'peerCalls':
      return peers.filter((p) => p.up === 1).map((p) => ({ metric: { gorpc_server_method: METHOD, instance: p.instance }, value: p.all }));
    case 'latencyFleet': {
      const up = peers.filter((p) => p.up === 1);
      const fast = up.reduce((s, p) => s + p.fast, 0);
      const all = up.reduce((s, p) => s + p.all, 0);
      return up.length === 0 ? [] : bucketSeries({ instance: '', up: 1, pins: 0, fast, all }, false);
    }
  }
}

/**
 * The q-quantile of a peer's two buckets as histogram_quantile takes it: linear within the first
 * bucket (0 to 10), else the highest finite bound.
 */
function quantileOf(q: number, p: FakePeer): number {
  const rank = q * p.all;
  return rank <= p.fast ? (10 * rank) / p.fast : 10;
}

/** Starts the fake server for `windowMs` rate windows, every target a peer (no selector). */
export async function fakePrometheus(t: TestContext, windowMs: number, world: FakeWorld): Promise<FakePrometheus> {
  const queries = fleetQueries({ selector: null, peerLabel: 'instance' }, windowMs);
  const byExpr = new Map(Object.entries(queries).map(([k, v]) => [v, k as keyof FleetQueries]));
  const requests: FakeRequest[] = [];
  let held: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handle(req, res, body));
  });
  // The parameters come in the URL (GET) or as a form body (POST, as the client sends them).
  const handle = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const params = { ...Object.fromEntries(url.searchParams), ...Object.fromEntries(new URLSearchParams(body)) };
    // histogram_quantile(q, <per-peer bucket rates>) is each peer's quantile at q: over the series as they are, or summed.
    const quantileAsked = /^histogram_quantile\(([0-9.]+), (.*)\) >= -Inf$/.exec(params.query ?? '');
    const over = quantileAsked === null ? null : quantileAsked[2] === queries.latencyPerPeer ? 'summed' : quantileAsked[2] === queries.peerBuckets ? 'as-is' : null;
    const peerQuantile = over !== null ? Number(quantileAsked![1]) : null;
    const kind = url.pathname === '/api/v1/query_range' ? 'range' : peerQuantile !== null ? 'quantile' : (byExpr.get(params.query ?? '') ?? 'other');
    requests.push({ path: url.pathname, params, kind, summed: over === 'summed' });
    // The series of each peer's quantile: one per peer, or one per job and peer.
    const jobs = world.twoJobs === true && over === 'as-is' ? ['a', 'b'] : ['ipfs-cluster'];
    const quantileSeries = () => world.peers.filter((p) => p.up === 1).flatMap((p) => jobs.map((job) => ({ p, metric: { gorpc_server_method: METHOD, instance: p.instance, ...(over === 'as-is' ? { job } : {}) } })));
    const answer = () => {
      if (kind === 'range' && world.rangeError !== undefined) {
        res.writeHead(503, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: 'error', errorType: 'unavailable', error: world.rangeError }));
      }
      res.writeHead(world.error === null ? 200 : 422, { 'content-type': 'application/json' });
      if (world.error !== null) return res.end(JSON.stringify({ status: 'error', ...world.error }));
      const warnings = world.warnings.length > 0 ? { warnings: world.warnings } : {};
      if (kind === 'range') {
        // histogram_quantile(q, <per-peer bucket rates>) at every step, the peers as they are now.
        const shift = (world.rangeShiftMs ?? 0) / 1000;
        const start = Number(params.start) + shift;
        const end = Number(params.end) + shift;
        const step = Number(params.step);
        const times: number[] = [];
        for (let s = start; s <= end + 1e-9; s += step) times.push(s);
        const result = over === null ? [] : quantileSeries().map(({ p, metric }) => ({ metric, values: times.map((tS) => [tS, String(quantileOf(peerQuantile!, p))]) }));
        return res.end(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result }, ...warnings }));
      }
      if (kind === 'other') return res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `unknown query ${params.query}` }));
      const tS = Number(params.time);
      if (kind === 'quantile') {
        const result = quantileSeries().map(({ p, metric }) => ({ metric, value: [tS, String(quantileOf(peerQuantile!, p))] }));
        return res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...warnings }));
      }
      const result = vectorOf(kind, world).map((s) => ({ metric: s.metric, value: [tS, String(s.value)] }));
      return res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result }, ...warnings }));
    };
    if (world.stall || (kind === 'range' && world.rangeStall === true)) held.push(answer);
    else answer();
  };
  const port = await listenLoopback(t, server);
  return {
    url: `http://127.0.0.1:${port}`,
    world,
    requests,
    release: () => {
      world.stall = false;
      world.rangeStall = false;
      const now = held;
      held = [];
      now.forEach((a) => a());
    },
  };
}
