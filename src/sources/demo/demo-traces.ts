// The demo peer's traces, as a Jaeger storage would hold them for `cluster-daemon-demo`: in
// every simulated second a seeded Poisson number of sampled traces start (the kinds and rates of
// demo-trace-kinds.ts), so a trace depends only on (seed, second) and never on when or how often
// Jaeger is asked; a trace is reported once all its spans ended. Plus the one trace every peer
// has: `cluster/pushInformerMetrics`, a span that never ends, whose `cluster/sendInformerMetric`
// children (every 15 s) are orphans in a trace without root. Search applies Jaeger's rules to
// the last 3 hours (the demo Jaeger's retention).

import { hexId, ipfsCall, layOut, plan, type DemoSpan } from './demo-spans.js';
import { pickKind, TRACES_PER_SECOND } from './demo-trace-kinds.js';
import { createPrng, intBetween, lognormal, poisson, type Prng } from './prng.js';

/** Service name of the demo peer (`<service_name>-<peername>`). */
export const DEMO_SERVICE = 'cluster-daemon-demo';

/** One reported trace. */
export interface DemoTrace {
  /** 32 hex digits. */
  readonly traceID: string;
  /** Spans in export order (by end time). */
  readonly spans: readonly DemoSpan[];
  /** Earliest start and latest end, µs since the epoch. */
  readonly startUs: number;
  readonly endUs: number;
}

/** A search, in Jaeger's terms: one span must match operation, durations and tags together. */
export interface DemoTraceQuery {
  /** Window on the trace start, µs since the epoch. */
  readonly startUs: number;
  readonly endUs: number;
  readonly limit: number;
  readonly operation?: string;
  readonly minDurationUs?: number;
  readonly maxDurationUs?: number;
  /** Tag values compared as text (`{"error":"true"}`). */
  readonly tags?: Readonly<Record<string, string>>;
}

/** The traces of one demo peer. */
export interface DemoTraceStore {
  readonly service: string;
  /** The peer's libp2p ID (process tag `cluster_id`). */
  readonly peerId: string;
  /** Matching traces reported by `nowMs`: the informer loop first, then newest first. */
  search(query: DemoTraceQuery, nowMs: number): DemoTrace[];
  /** One trace by its 32-digit ID, as reported by `nowMs`; null when unknown or not yet reported. */
  get(traceID: string, nowMs: number): DemoTrace | null;
  /** The operation names of the last hour, sorted. */
  operations(nowMs: number): string[];
}

/** Options of createDemoTraces. */
export interface DemoTracesOptions {
  readonly seed: number;
  /** When the demo peer started serving, unix ms (the informer loop's history begins 5 minutes earlier). */
  readonly startMs: number;
  readonly service?: string;
}

const SLOT_MS = 1000;
/** Recent seconds whose traces are kept (a few MB); older ones are drawn again when asked for. */
const CACHED_SLOTS = 900;
const INFORMER_PERIOD_MS = 15_000;
const INFORMER_HISTORY_MS = 5 * 60_000;
const INFORMER_MAX_TICKS = 240;
const HOUR_MS = 3_600_000;
/** What the demo's Jaeger keeps: traces that started in the last 3 hours (bounds a search's cost). */
const RETENTION_MS = 3 * HOUR_MS;

/** The traces of the demo peer with `seed`. */
export function createDemoTraces(options: DemoTracesOptions): DemoTraceStore {
  const { seed, startMs } = options;
  const service = options.service ?? DEMO_SERVICE;
  const idRng = createPrng(seed ^ 0x3c6ef372);
  const peerId = `12D3KooW${base58(idRng, 44)}`;
  const slotMask = Math.floor(idRng.next() * 0x1_0000_0000) >>> 0;
  const informerID = hexId(idRng, 32);
  const informerRoot = hexId(idRng, 16);
  const informerPhaseMs = Math.floor(idRng.next() * INFORMER_PERIOD_MS);
  const cache = new Map<number, DemoTrace[]>();
  let newest = 0;

  function slot(k: number): DemoTrace[] {
    const hit = cache.get(k);
    if (hit !== undefined) return hit;
    const rng = createPrng(mix(seed, k));
    const n = poisson(rng, TRACES_PER_SECOND * (SLOT_MS / 1000));
    const traces: DemoTrace[] = [];
    for (let i = 0; i < n; i++) {
      const kind = pickKind(rng);
      const traceID = hexId(rng, 22) + hex8((k ^ slotMask) >>> 0) + i.toString(16).padStart(2, '0');
      const startUs = Math.round((k * SLOT_MS + rng.next() * SLOT_MS) * 1000);
      const drawn = kind.draw(rng, cidV1(rng));
      traces.push(finish(traceID, layOut(rng, drawn.root, startUs, drawn.durationMs * 1000)));
    }
    newest = Math.max(newest, k);
    if (k > newest - CACHED_SLOTS) cache.set(k, traces);
    if (cache.size > CACHED_SLOTS + 60) for (const old of cache.keys()) if (old <= newest - CACHED_SLOTS) cache.delete(old);
    return traces;
  }

  function informerTrace(nowMs: number): DemoTrace | null {
    const first = Math.max(startMs - INFORMER_HISTORY_MS, nowMs - INFORMER_MAX_TICKS * INFORMER_PERIOD_MS);
    const spans: DemoSpan[] = [];
    for (let k = Math.ceil((first - informerPhaseMs) / INFORMER_PERIOD_MS); ; k++) {
      const tickMs = k * INFORMER_PERIOD_MS + informerPhaseMs;
      const rng = createPrng(mix(seed ^ 0x1b873593, k));
      const durationUs = Math.round(lognormal(rng, 3.4, 0.4) * 1000);
      if ((tickMs + 1) * 1000 + durationUs > nowMs * 1000) break;
      const root = plan('cluster/sendInformerMetric', 1, [
        plan('informer/disk/GetMetric', 0.75, [plan('ipfsconn/ipfshttp/RepoStat', 0.97, [ipfsCall('repo/stat', 0.97, 'size-only=true')])]),
        plan('monitor/pubsub/PublishMetric', 0.2),
      ]);
      for (const span of layOut(rng, root, tickMs * 1000, durationUs, informerRoot)) {
        const orphan = span.parentID === informerRoot;
        spans.push(orphan ? { ...span, warnings: [`invalid parent span IDs=${informerRoot}; skipping clock skew adjustment`] } : span);
      }
    }
    return spans.length === 0 ? null : finish(informerID, spans);
  }

  function search(query: DemoTraceQuery, nowMs: number): DemoTrace[] {
    const out: DemoTrace[] = [];
    const limit = Math.max(0, Math.floor(query.limit));
    const nowUs = nowMs * 1000;
    const informer = informerTrace(nowMs);
    if (informer !== null && informer.startUs <= query.endUs && informer.endUs >= query.startUs && matches(informer, query)) out.push(informer);
    const last = Math.floor(Math.min(query.endUs / 1000, nowMs) / SLOT_MS);
    const first = Math.floor(Math.max(query.startUs / 1000, nowMs - RETENTION_MS) / SLOT_MS);
    for (let k = last; k >= first && out.length < limit; k--) {
      const traces = slot(k);
      for (let i = traces.length - 1; i >= 0 && out.length < limit; i--) {
        const t = traces[i];
        if (t.endUs <= nowUs && t.startUs >= query.startUs && t.startUs <= query.endUs && matches(t, query)) out.push(t);
      }
    }
    return out;
  }

  function get(traceID: string, nowMs: number): DemoTrace | null {
    const id = traceID.toLowerCase();
    if (id === informerID) return informerTrace(nowMs);
    if (!/^[0-9a-f]{32}$/.test(id)) return null;
    const k = (parseInt(id.slice(22, 30), 16) ^ slotMask) >>> 0;
    const found = slot(k).find((t) => t.traceID === id) ?? null;
    return found !== null && found.endUs <= nowMs * 1000 ? found : null;
  }

  function operations(nowMs: number): string[] {
    const names = new Set<string>();
    for (const t of search({ startUs: (nowMs - HOUR_MS) * 1000, endUs: nowMs * 1000, limit: Number.MAX_SAFE_INTEGER }, nowMs)) {
      for (const s of t.spans) names.add(s.operationName);
    }
    return [...names].sort();
  }

  return { service, peerId, search, get, operations };
}

/** True when one span of the trace matches every criterion of the query. */
function matches(trace: DemoTrace, q: DemoTraceQuery): boolean {
  const tags = Object.entries(q.tags ?? {});
  if (q.operation === undefined && q.minDurationUs === undefined && q.maxDurationUs === undefined && tags.length === 0) return true;
  return trace.spans.some(
    (s) =>
      (q.operation === undefined || s.operationName === q.operation) &&
      (q.minDurationUs === undefined || s.durationUs >= q.minDurationUs) &&
      (q.maxDurationUs === undefined || s.durationUs <= q.maxDurationUs) &&
      tags.every(([key, value]) => s.tags.some((t) => t.key === key && String(t.value) === value)),
  );
}

function finish(traceID: string, spans: DemoSpan[]): DemoTrace {
  let startUs = Infinity;
  let endUs = 0;
  for (const s of spans) {
    startUs = Math.min(startUs, s.startUs);
    endUs = Math.max(endUs, s.startUs + s.durationUs);
  }
  return { traceID, spans, startUs, endUs };
}

/** A 32-bit seed for (seed, k). */
function mix(seed: number, k: number): number {
  let h = Math.imul((seed ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul(k >>> 0, 0xc2b2ae35) ^ Math.floor(k / 0x1_0000_0000);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  return (h ^ (h >>> 15)) >>> 0;
}

function hex8(n: number): string {
  return n.toString(16).padStart(8, '0');
}

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** A CIDv1 (dag-pb, sha2-256) in base32, shaped like `bafybei…` (59 characters). */
function cidV1(rng: Prng): string {
  let out = 'bafybei';
  for (let i = 0; i < 52; i++) out += BASE32[intBetween(rng, 0, 31)];
  return out;
}

function base58(rng: Prng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += BASE58[intBetween(rng, 0, 57)];
  return out;
}
