// The IPFS Cluster REST API's JSON shapes (api/types.go, v1.x) decoded into typed records: the
// peer `ID`, a `Metric`, an `Alert` (a metric plus when it fired). Only the fields a monitor
// uses are kept, with the wrong types read as absent and every string cut to a bound, so a
// hostile or broken peer costs no more memory than a sane one. Strings stay raw (control
// characters included): escaping happens where they are shown. Pure.

/** Longest id, name, version or metric name kept, in UTF-16 code units. */
export const MAX_NAME_CHARS = 256;
/** Longest error message or metric value kept. */
export const MAX_TEXT_CHARS = 2048;

/** A cluster peer as `GET /id` or one item of `GET /peers` describes it. */
export interface ApiId {
  /** The peer ID (never empty). */
  readonly id: string;
  /** '' when not given. */
  readonly peername: string;
  /** '' when not given. */
  readonly version: string;
  /** Why the peer could not be asked ('' when it answered). */
  readonly error: string;
  /** How many cluster peers it sees, itself included (`cluster_peers`). */
  readonly clusterPeers: number;
  /** The IPFS daemon's peer ID ('' when unknown). */
  readonly ipfsId: string;
  /** Why its IPFS daemon could not be asked ('' when fine). */
  readonly ipfsError: string;
}

/** One metric of one peer (`GET /monitor/metrics/{name}`). */
export interface ApiMetric {
  readonly name: string;
  /** The peer ID it is about. */
  readonly peer: string;
  /** The value as sent (always a string in the API). */
  readonly value: string;
  /** When it expires, unix ms (0 when not given). */
  readonly expireMs: number;
  readonly valid: boolean;
  /** When the peer monitor got it, unix ms (0 when not given). */
  readonly receivedAtMs: number;
}

/** An expired metric (`GET /health/alerts`): a `ping` alert means the peer went quiet. */
export interface ApiAlert extends ApiMetric {
  /** When the alert fired, unix ms (0 when not given or unreadable). */
  readonly triggeredAtMs: number;
}

type Json = Readonly<Record<string, unknown>>;

/** The value as an object, or null. */
export function asObject(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

/** A string field cut to `max` code units (never between the halves of a surrogate pair); '' when not a string. */
export function boundedString(value: unknown, max: number): string {
  if (typeof value !== 'string') return '';
  if (value.length <= max) return value;
  const cut = value.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A finite number field, else `fallback`. */
function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** Unix nanoseconds (as Go's JSON writes an int64) to unix ms; 0 when absent. */
function nsToMs(value: unknown): number {
  const ns = numberOr(value, 0);
  return ns > 0 ? Math.floor(ns / 1e6) : 0;
}

/** An RFC 3339 time to unix ms; 0 when absent, unreadable, or Go's zero time. */
export function rfc3339ToMs(value: unknown): number {
  if (typeof value !== 'string' || value.length > 64) return 0;
  const ms = Date.parse(value);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** An `ID`; null when it is not an object with a peer ID. */
export function decodeId(value: unknown): ApiId | null {
  const o = asObject(value);
  if (o === null) return null;
  const id = boundedString(o.id, MAX_NAME_CHARS);
  if (id === '') return null;
  const ipfs = asObject(o.ipfs);
  return {
    id,
    peername: boundedString(o.peername, MAX_NAME_CHARS),
    version: boundedString(o.version, MAX_NAME_CHARS),
    error: boundedString(o.error, MAX_TEXT_CHARS),
    clusterPeers: Array.isArray(o.cluster_peers) ? o.cluster_peers.length : 0,
    ipfsId: ipfs === null ? '' : boundedString(ipfs.id, MAX_NAME_CHARS),
    ipfsError: ipfs === null ? '' : boundedString(ipfs.error, MAX_TEXT_CHARS),
  };
}

/** A `Metric`; null when it names no peer. */
export function decodeMetric(value: unknown): ApiMetric | null {
  const o = asObject(value);
  if (o === null) return null;
  const peer = boundedString(o.peer, MAX_NAME_CHARS);
  if (peer === '') return null;
  return {
    name: boundedString(o.name, MAX_NAME_CHARS),
    peer,
    value: boundedString(o.value, MAX_TEXT_CHARS),
    expireMs: nsToMs(o.expire),
    valid: o.valid === true,
    receivedAtMs: nsToMs(o.received_at),
  };
}

/** An `Alert`; null when it names no peer. */
export function decodeAlert(value: unknown): ApiAlert | null {
  const metric = decodeMetric(value);
  if (metric === null) return null;
  return { ...metric, triggeredAtMs: rfc3339ToMs((value as Json).triggered_at) };
}

/** The items of a JSON array answer decoded by `decode` (the undecodable ones counted, not kept). */
export function decodeList<T>(value: unknown, decode: (item: unknown) => T | null, max: number): { readonly items: readonly T[]; readonly skipped: number } {
  if (!Array.isArray(value)) return { items: [], skipped: value === null ? 0 : 1 };
  const items: T[] = [];
  let skipped = 0;
  for (const item of value) {
    const decoded = items.length < max ? decode(item) : null;
    if (decoded === null) skipped++;
    else items.push(decoded);
  }
  return { items, skipped };
}

/** The `peer_name` inside a `ping` metric's value (a JSON string), or ''. */
export function pingPeername(metric: ApiMetric): string {
  if (!metric.value.startsWith('{')) return '';
  try {
    return boundedString(asObject(JSON.parse(metric.value))?.peer_name, MAX_NAME_CHARS);
  } catch {
    return '';
  }
}

/** A numeric metric value (freespace bytes, pin queue length), or null when it is not a number. */
export function metricNumber(metric: ApiMetric): number | null {
  const text = metric.value.trim();
  if (!/^\d{1,20}$/.test(text)) return null;
  return Number(text);
}
