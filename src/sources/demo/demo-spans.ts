// The spans of the demo peer's traces as IPFS Cluster's OpenCensus Jaeger exporter writes them:
// a span tree laid out from a plan (operation, share of the parent's time, children), with
// the tags each kind of span carries: ochttp's `http.*` on REST (`Recv.<host>:<path>:<METHOD>`)
// and IPFS (`Sent.…`) spans plus the client trace logs, gorpc's `Client=false` on
// `Recv.<Service>.<Method>`, and `status.code`/`status.message` (and `error=true`) on all.

import { lognormal, type Prng } from './prng.js';

/** A tag or log field, typed as Jaeger's JSON types it. */
export interface DemoTag {
  readonly key: string;
  readonly type: 'string' | 'bool' | 'int64';
  readonly value: string | number | boolean;
}

/** A span log: a time and its fields. */
export interface DemoLog {
  readonly timestampUs: number;
  readonly fields: readonly DemoTag[];
}

/** How the span is exported: the OpenCensus kind behind the `Recv.`/`Sent.` prefixes. */
export type DemoSpanKind = 'server' | 'client' | 'internal';

/** One span of a demo trace. */
export interface DemoSpan {
  /** 16 hex digits. */
  readonly spanID: string;
  /** Parent span ID; null for a root. */
  readonly parentID: string | null;
  readonly operationName: string;
  readonly kind: DemoSpanKind;
  /** µs since the epoch. */
  readonly startUs: number;
  readonly durationUs: number;
  readonly tags: readonly DemoTag[];
  readonly logs: readonly DemoLog[];
  /** Carries `error=true`. */
  readonly error: boolean;
  /** Warnings Jaeger's query service attaches (orphans). */
  readonly warnings: readonly string[];
}

/** An HTTP exchange on a REST (server) or IPFS (client) span. */
export interface HttpCall {
  readonly method: string;
  readonly path: string;
  /** Query string without `?`, '' for none. */
  readonly query: string;
  readonly status: number;
}

/** One node of a span plan. */
export interface SpanPlan {
  readonly op: string;
  /** Share of the parent's duration (the root's duration is given instead). */
  readonly share: number;
  readonly kids: readonly SpanPlan[];
  /** REST or IPFS request of a `Recv.`/`Sent.` HTTP span. */
  readonly http?: HttpCall;
  /** The span fails (error=true, a failing status). */
  readonly fails?: boolean;
}

/** A plan node. */
export function plan(op: string, share: number, kids: readonly SpanPlan[] = [], extra: Pick<SpanPlan, 'http' | 'fails'> = {}): SpanPlan {
  return { op, share, kids, ...extra };
}

/** REST API address in span names. */
export const REST_HOST = '127.0.0.1:9094';
/** IPFS (Kubo) API address in span names. */
export const IPFS_HOST = '127.0.0.1:5001';

/** A `Sent.127.0.0.1:5001:/api/v0/<call>:POST` plan. */
export function ipfsCall(call: string, share: number, query: string, fails = false): SpanPlan {
  const path = `/api/v0/${call}`;
  return plan(`Sent.${IPFS_HOST}:${path}:POST`, share, [], { http: { method: 'POST', path, query, status: fails ? 500 : 200 }, fails });
}

/** A `Recv.127.0.0.1:9094:<path>:<METHOD>` plan. */
export function restCall(method: string, path: string, query: string, status: number, kids: readonly SpanPlan[]): SpanPlan {
  return plan(`Recv.${REST_HOST}:${path}:${method}`, 1, kids, { http: { method, path, query, status }, fails: status >= 400 });
}

/** Random lower-case hex digits. */
export function hexId(rng: Prng, digits: number): string {
  let out = '';
  while (out.length < digits) out += Math.floor(rng.next() * 0x1_0000_0000).toString(16).padStart(8, '0');
  return out.slice(0, digits);
}

/** Lays out `root` from `startUs` lasting `durationUs`; spans in export order (by end time). */
export function layOut(rng: Prng, root: SpanPlan, startUs: number, durationUs: number, parentID: string | null = null): DemoSpan[] {
  const spans: DemoSpan[] = [];
  const stack: { node: SpanPlan; startUs: number; durationUs: number; parentID: string | null }[] = [{ node: root, startUs, durationUs, parentID }];
  while (stack.length > 0) {
    const { node, startUs: s, durationUs: d, parentID: p } = stack.pop()!;
    const spanID = hexId(rng, 16);
    const dur = Math.max(1, Math.round(d));
    spans.push(makeSpan(rng, node, spanID, p, Math.round(s), dur));
    // Children run one after the other inside the parent, each after a short gap.
    const total = node.kids.reduce((sum, k) => sum + k.share, 0);
    const slack = Math.max(0, 1 - total);
    let at = s + dur * slack * 0.4 * rng.next();
    for (const kid of node.kids) {
      const kidDur = Math.max(1, dur * kid.share * (0.9 + 0.1 * rng.next()));
      stack.push({ node: kid, startUs: at, durationUs: kidDur, parentID: spanID });
      at += kidDur + (dur * slack * 0.6) / Math.max(1, node.kids.length) * rng.next();
    }
  }
  return spans.sort((a, b) => a.startUs + a.durationUs - (b.startUs + b.durationUs));
}

function makeSpan(rng: Prng, node: SpanPlan, spanID: string, parentID: string | null, startUs: number, durationUs: number): DemoSpan {
  const kind: DemoSpanKind = node.op.startsWith('Sent.') ? 'client' : node.op.startsWith('Recv.') ? 'server' : 'internal';
  const fails = node.fails === true;
  const tags: DemoTag[] = [];
  const logs: DemoLog[] = [];
  if (node.http !== undefined) {
    const h = node.http;
    const host = kind === 'client' ? IPFS_HOST : REST_HOST;
    const url = kind === 'client' ? `http://${host}${h.path}` : h.path;
    tags.push(str('http.host', host), str('http.method', h.method), str('http.path', h.path));
    tags.push(str('http.url', h.query === '' ? url : `${url}?${h.query}`));
    if (kind === 'server') tags.push(str('http.user_agent', 'Go-http-client/1.1'));
    tags.push(int('http.status_code', h.status));
    tags.push(...httpStatus(h.status));
    if (kind === 'client') logs.push(...clientTraceLogs(rng, startUs, durationUs));
  } else if (kind === 'server') {
    tags.push({ key: 'Client', type: 'bool', value: false }, int('status.code', fails ? 127 : 0), str('status.message', fails ? 'rpc: remote error' : ''));
  } else {
    tags.push(int('status.code', fails ? 2 : 0), str('status.message', fails ? 'context canceled' : ''));
  }
  if (fails) tags.push({ key: 'error', type: 'bool', value: true });
  return { spanID, parentID, operationName: node.op, kind, startUs, durationUs, tags, logs, error: fails, warnings: [] };
}

/** ochttp's status tags: OK, NOT_FOUND (404), UNKNOWN (5xx), as the exporter writes them. */
function httpStatus(status: number): DemoTag[] {
  if (status < 400) return [int('status.code', 0), str('status.message', 'OK')];
  if (status === 404) return [int('status.code', 5), str('status.message', 'NOT_FOUND')];
  return [int('status.code', 2), str('status.message', 'UNKNOWN')];
}

/** The annotations of ochttp's client trace: connection, request written, first byte. */
function clientTraceLogs(rng: Prng, startUs: number, durationUs: number): DemoLog[] {
  const at = (share: number) => startUs + Math.round(durationUs * share);
  const idle = `${(lognormal(rng, 2, 0.8)).toFixed(5)}s`;
  return [
    { timestampUs: at(0.002), fields: [str('httptrace.get_connection.host_port', IPFS_HOST), str('message', 'GetConn')] },
    {
      timestampUs: at(0.004),
      fields: [bool('httptrace.got_connection.reused', true), bool('httptrace.got_connection.was_idle', true), str('httptrace.got_connection.idle_time', idle), str('message', 'GotConn')],
    },
    { timestampUs: at(0.006), fields: [str('message', 'WroteHeaders')] },
    { timestampUs: at(0.008), fields: [str('message', 'WroteRequest')] },
    { timestampUs: at(0.97), fields: [str('message', 'GotFirstResponseByte')] },
  ];
}

function str(key: string, value: string): DemoTag {
  return { key, type: 'string', value };
}
function int(key: string, value: number): DemoTag {
  return { key, type: 'int64', value };
}
function bool(key: string, value: boolean): DemoTag {
  return { key, type: 'bool', value };
}
