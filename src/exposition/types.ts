// The parsed shape of one /metrics payload: families, interned series and their values.
// Shared by the parser (which builds it) and the model (which reads it); no logic lives here.

/** Metric type as declared by `# TYPE` (text format 0.0.4 and OpenMetrics 1.0 names). */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'summary'
  | 'untyped'
  | 'unknown'
  | 'gaugehistogram'
  | 'info'
  | 'stateset';

/** Which grammar a payload is read with: Prometheus text 0.0.4 or OpenMetrics 1.0. */
export type ExpositionFormat = 'text' | 'openmetrics';

/** Metadata of one metric family, from its `# TYPE`, `# HELP` and `# UNIT` lines. */
export interface Family {
  /** Family name, e.g. `ipfscluster_gorpc_libp2p_io_server_server_latency`. */
  readonly name: string;
  /** Declared type; `untyped` (text) or `unknown` (OpenMetrics) when no TYPE line names it. */
  readonly type: MetricType;
  /** Unescaped HELP text, if any. */
  readonly help: string | undefined;
  /** OpenMetrics UNIT, if any. */
  readonly unit: string | undefined;
}

/** One time series, interned: the same series gets the same object on every scrape (and in every target's table, see SeriesPool). */
export interface Series {
  /** Id unique in the process (so within any SeriesTable); stable across scrapes of one target. */
  readonly id: number;
  /** Sample name as written, e.g. `x_bucket`, `x_sum`, `x_count`, `foo_total`. */
  readonly name: string;
  /** Name of the family this series belongs to, decided by `# TYPE`, never by suffix alone. */
  readonly family: string;
  /** Unescaped labels; labels with empty values are dropped (as Prometheus stores them). */
  readonly labels: Readonly<Record<string, string>>;
  /** Float value of the `le` label (NaN when absent or unparsable). */
  readonly le: number;
  /** Float value of the `quantile` label (NaN when absent or unparsable). */
  readonly quantile: number;
}

/** An OpenMetrics exemplar attached to a sample. */
export interface Exemplar {
  /** Exemplar labels, unescaped. */
  readonly labels: Readonly<Record<string, string>>;
  /** Exemplar value. */
  readonly value: number;
  /** Exemplar timestamp in ms (OpenMetrics seconds × 1000, truncated), if given. */
  readonly timestampMs: number | undefined;
}

/** What a payload lost to the per-target caps (see `SeriesLimits`). */
export interface Truncation {
  /** The cap that was hit first: distinct series (or samples per payload), or label text. */
  readonly cap: 'series' | 'label-bytes';
  /** Sample lines read but not kept because their series was refused. */
  readonly droppedSamples: number;
  /** Reading stopped at the sample cap: the rest of the payload was not read. */
  readonly stoppedEarly: boolean;
}

/** Result of parsing one payload. Arrays are parallel: `values[i]` belongs to `series[i]`. */
export interface Exposition {
  /** Grammar the payload was read with. */
  readonly format: ExpositionFormat;
  /** Every family seen in this payload, declared or implied, by family name. */
  readonly families: ReadonlyMap<string, Family>;
  /** Series in payload order; a duplicated series appears more than once. */
  readonly series: readonly Series[];
  /** Sample values, parallel to `series`. */
  readonly values: Float64Array;
  /** Explicit sample timestamps in ms, parallel to `series`, NaN where absent; null when none had one. */
  readonly timestamps: Float64Array | null;
  /** Exemplars by index into `series`; null when there are none. */
  readonly exemplars: ReadonlyMap<number, Exemplar> | null;
  /** Set when the payload was cut to fit the target's caps. */
  readonly truncated?: Truncation;
}

/** Where and why a payload was rejected. Line and column are 1-based; column counts bytes. */
export interface ParseError {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/** Either a parsed payload or the first error in it; the parser never throws. */
export type ParseResult =
  | { readonly ok: true; readonly exposition: Exposition }
  | { readonly ok: false; readonly error: ParseError };
