// The one internal shape of a Jaeger trace, whichever API it came from (1.x UI JSON with
// unpadded or padded IDs, or v3 OTLP-JSON). Times are integer microseconds since the Unix
// epoch, as in Jaeger's own JSON; IDs are lower-case hex, zero-padded to 16 or 32 digits.
// Every string (operation names, tag values) is remote data: escaping is the view's job.

/** A tag or log-field value as Jaeger sends it (int64 beyond ±2^53 arrives as a string). */
export type TagValue = string | number | boolean;

/** One tag, process tag or log field. */
export interface KeyValue {
  /** Tag name, e.g. `error` or `http.status_code`. */
  readonly key: string;
  /** Jaeger's type name: `string`, `bool`, `int64`, `float64` or `binary` (base64). */
  readonly type: string;
  /** The value. */
  readonly value: TagValue;
}

/** A span log (OTLP: an event), its fields in order. */
export interface SpanLog {
  /** When it was written, µs since the epoch. */
  readonly timestampUs: number;
  /** Its fields (OTLP events get `event` = the event name first). */
  readonly fields: readonly KeyValue[];
}

/** How a span points at another. */
export type RefType = 'CHILD_OF' | 'FOLLOWS_FROM';

/** A reference to another span, possibly in another trace. */
export interface SpanRef {
  /** CHILD_OF or FOLLOWS_FROM (an unknown type is read as CHILD_OF, as Jaeger's default). */
  readonly refType: RefType;
  /** Normalised trace ID of the referenced span. */
  readonly traceID: string;
  /** Normalised span ID of the referenced span. */
  readonly spanID: string;
}

/** The emitting process: service name and process tags. */
export interface Process {
  /** Service name, e.g. `cluster-daemon-peer0`. */
  readonly serviceName: string;
  /** Process tags, e.g. `cluster_id`. */
  readonly tags: readonly KeyValue[];
}

/** One span. */
export interface Span {
  /** Normalised trace ID. */
  readonly traceID: string;
  /** Normalised span ID, unique in its trace (a duplicate becomes `<id>_<n>`, as Jaeger UI does). */
  readonly spanID: string;
  /** Operation (span) name. */
  readonly operationName: string;
  /** References in the order sent. */
  readonly references: readonly SpanRef[];
  /** Start, µs since the epoch (0 when the sender gave none). */
  readonly startTimeUs: number;
  /** Duration in µs. */
  readonly durationUs: number;
  /** Span tags in the order sent. */
  readonly tags: readonly KeyValue[];
  /** Span logs in the order sent. */
  readonly logs: readonly SpanLog[];
  /** The process that emitted it. */
  readonly process: Process;
  /** Warnings the server attached (clock skew, invalid parent, …). */
  readonly warnings: readonly string[];
  /** True when the span carries `error=true` (bool or the string "true"), Jaeger UI's rule. */
  readonly isError: boolean;
}

/** One trace: its spans in the order the server sent them (not parent-first). */
export interface Trace {
  /** Normalised trace ID. */
  readonly traceID: string;
  /** Spans in server order. */
  readonly spans: readonly Span[];
  /** Trace-level warnings. */
  readonly warnings: readonly string[];
}
