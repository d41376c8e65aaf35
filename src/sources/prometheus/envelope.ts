// The JSON envelope of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`), as
// every engine that speaks it answers: `{"status","data","errorType"?,"error"?,"warnings"?,"infos"?}`.
// Decodes a (size-capped) body into typed vectors and matrices with numeric values ("NaN",
// "+Inf" and "-Inf" included), keeps warnings and infos, and turns `status: "error"` into its
// errorType and error, raw (they are escaped where shown). The number of series and of points
// kept is capped too, so what a server sends costs bounded memory after decoding as well.

/** One series of an instant vector: its labels and one value at `t` (unix seconds). */
export interface VectorSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly t: number;
  readonly value: number;
}

/** One series of a range result: its labels and its points, oldest first. */
export interface MatrixSeries {
  readonly labels: Readonly<Record<string, string>>;
  /** Unix seconds. */
  readonly t: Float64Array;
  readonly values: Float64Array;
}

/** The `data` of a successful answer. */
export type QueryData =
  | { readonly resultType: 'vector'; readonly result: readonly VectorSample[] }
  | { readonly resultType: 'matrix'; readonly result: readonly MatrixSeries[] }
  | { readonly resultType: 'scalar'; readonly t: number; readonly value: number }
  | { readonly resultType: 'string'; readonly t: number; readonly value: string };

/** A decoded answer: its data or the engine's error, with what the engine added on the side. */
export type Envelope =
  | {
      readonly status: 'success';
      readonly data: QueryData;
      /** The engine's warnings (Thanos: partial response), raw. */
      readonly warnings: readonly string[];
      /** The engine's infos (Prometheus 3), raw. */
      readonly infos: readonly string[];
      /** Series (or points) left out over the caps; 0 when none. */
      readonly dropped: number;
    }
  | {
      readonly status: 'error';
      /** `bad_data`, `execution`, `timeout`, … (VictoriaMetrics sends an HTTP status here), raw. */
      readonly errorType: string;
      readonly error: string;
      readonly warnings: readonly string[];
      readonly infos: readonly string[];
    };

/** Caps on what is kept of one answer. */
export interface EnvelopeLimits {
  /** Series kept at most (the rest are counted in `dropped`). */
  readonly maxSeries: number;
  /** Points kept per series at most (the Prometheus API never sends more than 11,000). */
  readonly maxPoints: number;
  /** Warnings and infos kept at most, each. */
  readonly maxNotes: number;
}

/** Defaults: as many series as a scrape keeps, the API's own point cap. */
export const DEFAULT_ENVELOPE_LIMITS: EnvelopeLimits = { maxSeries: 50_000, maxPoints: 11_000, maxNotes: 20 };

/** A body that is not the API's envelope. */
export class EnvelopeError extends Error {}

/** A sample value as the API writes it: a decimal string, "NaN", "+Inf", "-Inf" (also "Inf"). */
export function parseSampleValue(raw: unknown): number {
  if (typeof raw !== 'string') throw new EnvelopeError(`a sample value is not a string: ${JSON.stringify(raw)?.slice(0, 40)}`);
  switch (raw) {
    case 'NaN':
      return NaN;
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
  }
  const v = raw.trim() === '' ? NaN : Number(raw);
  if (Number.isNaN(v)) throw new EnvelopeError(`a sample value is not a number: ${JSON.stringify(raw.slice(0, 40))}`);
  return v;
}

/** Decodes the text of an answer; throws EnvelopeError when it is not the API's envelope. */
export function decodeEnvelope(text: string, limits: EnvelopeLimits = DEFAULT_ENVELOPE_LIMITS): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EnvelopeError(text.trim() === '' ? 'an empty body, not JSON' : 'a body that is not JSON');
  }
  if (!isObject(json) || (json.status !== 'success' && json.status !== 'error')) throw new EnvelopeError('JSON without "status": "success" or "error"');
  const warnings = notes(json.warnings, limits.maxNotes);
  const infos = notes(json.infos, limits.maxNotes);
  if (json.status === 'error') {
    return { status: 'error', errorType: stringOf(json.errorType), error: stringOf(json.error), warnings, infos };
  }
  const { data, dropped } = decodeData(json.data, limits);
  return { status: 'success', data, warnings, infos, dropped };
}

function decodeData(data: unknown, limits: EnvelopeLimits): { data: QueryData; dropped: number } {
  if (!isObject(data)) throw new EnvelopeError('"data" is not an object');
  const { resultType, result } = data;
  if (resultType === 'scalar' || resultType === 'string') {
    if (!Array.isArray(result) || result.length !== 2) throw new EnvelopeError(`a ${resultType} result is not [time, value]`);
    const t = timeOf(result[0]);
    if (resultType === 'scalar') return { data: { resultType, t, value: parseSampleValue(result[1]) }, dropped: 0 };
    return { data: { resultType, t, value: stringOf(result[1]) }, dropped: 0 };
  }
  if (resultType !== 'vector' && resultType !== 'matrix') throw new EnvelopeError(`unknown resultType ${JSON.stringify(resultType)?.slice(0, 40)}`);
  if (!Array.isArray(result)) throw new EnvelopeError('"result" is not a list');
  const kept = result.slice(0, Math.max(0, limits.maxSeries));
  let dropped = result.length - kept.length;
  if (resultType === 'vector') {
    const out = kept.map((item: unknown): VectorSample => {
      if (!isObject(item) || !Array.isArray(item.value) || item.value.length !== 2) throw new EnvelopeError('a vector item without "value": [time, value]');
      return { labels: labelsOf(item.metric), t: timeOf(item.value[0]), value: parseSampleValue(item.value[1]) };
    });
    return { data: { resultType, result: out }, dropped };
  }
  const out = kept.map((item: unknown): MatrixSeries => {
    if (!isObject(item) || !Array.isArray(item.values)) throw new EnvelopeError('a matrix item without "values"');
    const points = item.values.slice(0, Math.max(0, limits.maxPoints));
    dropped += item.values.length - points.length;
    const t = new Float64Array(points.length);
    const values = new Float64Array(points.length);
    points.forEach((point: unknown, i: number) => {
      if (!Array.isArray(point) || point.length !== 2) throw new EnvelopeError('a matrix point is not [time, value]');
      t[i] = timeOf(point[0]);
      values[i] = parseSampleValue(point[1]);
    });
    return { labels: labelsOf(item.metric), t, values };
  });
  return { data: { resultType, result: out }, dropped };
}

function labelsOf(metric: unknown): Record<string, string> {
  if (metric === undefined) return {};
  if (!isObject(metric)) throw new EnvelopeError('"metric" is not an object');
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(metric)) {
    if (typeof value !== 'string') throw new EnvelopeError(`label ${JSON.stringify(name.slice(0, 40))} is not a string`);
    out[name] = value;
  }
  return out;
}

function timeOf(raw: unknown): number {
  const t = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  if (!Number.isFinite(t)) throw new EnvelopeError(`a timestamp is not a number: ${JSON.stringify(raw)?.slice(0, 40)}`);
  return t;
}

function notes(raw: unknown, max: number): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, Math.max(0, max)).map(stringOf);
}

function stringOf(raw: unknown): string {
  return typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
