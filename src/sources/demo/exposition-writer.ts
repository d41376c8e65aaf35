// Writes Prometheus text format 0.0.4 the way prometheus/common expfmt does: `# HELP` (with `\`
// and newlines escaped) and `# TYPE` per family, families sorted by name, series sorted by label
// values, labels sorted by name with `le`/`quantile` last, values in Go 'g' shortest form, and
// histograms as cumulative buckets, `+Inf`, `_sum`, `_count`.

import type { FamilySpec } from './catalogue.js';
import type { OcDistribution } from './distribution.js';
import { formatGoFloat } from '../../util/go-float.js';

/** Label pairs of one series, any order (they are sorted by name when written). */
export type Labels = Readonly<Record<string, string>>;

/** One series of a family: its labels and how to write its sample lines. */
export interface SeriesOut {
  readonly labels: Labels;
  /** A counter/gauge value, a histogram's distribution, or a summary's parts. */
  readonly value: number | OcDistribution | SummaryValue;
}

/** A summary's quantiles, sum and count. */
export interface SummaryValue {
  readonly quantiles: readonly (readonly [number, number])[];
  readonly sum: number;
  readonly count: number;
}

/** A family to write: name, TYPE/HELP and its series (families with no series are skipped). */
export interface FamilyOut {
  readonly name: string;
  readonly spec: FamilySpec;
  readonly series: readonly SeriesOut[];
}

/**
 * The whole exposition text for `families`, in expfmt order. A demo cluster writes one for each
 * scrape of each peer (100 peers every 2 s: 50 a second of ~1,800 lines), so each series' label
 * text is written once for all its lines, and the bucket bounds shared by a family's series are
 * formatted once per payload.
 */
export function writeExposition(families: readonly FamilyOut[]): string {
  let out = '';
  const boundTexts = new Map<readonly number[], readonly string[]>();
  const sorted = families.filter((f) => f.series.length > 0).sort((a, b) => compare(a.name, b.name));
  for (const f of sorted) {
    out += `# HELP ${f.name} ${escapeHelp(f.spec.help)}\n# TYPE ${f.name} ${f.spec.type}\n`;
    const series = f.series
      .map((s) => ({ s, pairs: Object.entries(s.labels).sort((a, b) => compare(a[0], b[0])) }))
      .map((x) => ({ ...x, key: x.pairs.map((p) => p[1]).join('\u0000') }))
      .sort((a, b) => compare(a.key, b.key));
    for (const { s, pairs } of series) out += seriesLines(f.name, pairs, s.value, boundTexts);
  }
  return out;
}

/** The sample lines of one series, each ending in a line feed. */
function seriesLines(name: string, pairs: [string, string][], value: SeriesOut['value'], boundTexts: Map<readonly number[], readonly string[]>): string {
  const inner = pairsText(pairs);
  const plain = inner === '' ? '' : `{${inner}}`;
  if (typeof value === 'number') return `${name}${plain} ${formatGoFloat(value)}\n`;
  // Bucket and quantile lines: the series' labels, then `le` or `quantile` last.
  const open = inner === '' ? '{' : `{${inner},`;
  let out = '';
  if ('bounds' in value) {
    const bounds = boundsText(value.bounds, boundTexts);
    const prefix = `${name}_bucket${open}le="`;
    let cumulative = 0;
    for (let i = 0; i < bounds.length; i++) {
      cumulative += value.counts[i];
      out += `${prefix}${bounds[i]}"} ${formatGoFloat(cumulative)}\n`;
    }
    out += `${prefix}+Inf"} ${formatGoFloat(value.count)}\n`;
  } else {
    for (const [q, v] of value.quantiles) out += `${name}${open}quantile="${formatGoFloat(q)}"} ${formatGoFloat(v)}\n`;
  }
  return `${out}${name}_sum${plain} ${formatGoFloat(value.sum)}\n${name}_count${plain} ${formatGoFloat(value.count)}\n`;
}

/** The `le` texts of `bounds`, formatted once per payload. */
function boundsText(bounds: readonly number[], known: Map<readonly number[], readonly string[]>): readonly string[] {
  let texts = known.get(bounds);
  if (texts === undefined) known.set(bounds, (texts = bounds.map(formatGoFloat)));
  return texts;
}

/** `k="v",…` for label pairs already in order. */
function pairsText(pairs: readonly [string, string][]): string {
  let text = '';
  for (let i = 0; i < pairs.length; i++) text += `${i === 0 ? '' : ','}${pairs[i][0]}="${escapeLabelValue(pairs[i][1])}"`;
  return text;
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** A label value with `\\`, `"` and line feeds escaped (most have none). */
function escapeLabelValue(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') : s;
}

const NEEDS_ESCAPE = /[\\"\n]/;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
