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

/** The whole exposition text for `families`, in expfmt order. */
export function writeExposition(families: readonly FamilyOut[]): string {
  const out: string[] = [];
  const sorted = families.filter((f) => f.series.length > 0).sort((a, b) => compare(a.name, b.name));
  for (const f of sorted) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.spec.help)}`, `# TYPE ${f.name} ${f.spec.type}`);
    const series = f.series
      .map((s) => ({ s, pairs: Object.entries(s.labels).sort((a, b) => compare(a[0], b[0])) }))
      .map((x) => ({ ...x, key: x.pairs.map((p) => p[1]).join('\u0000') }))
      .sort((a, b) => compare(a.key, b.key));
    for (const { s, pairs } of series) writeSeries(out, f.name, pairs, s.value);
  }
  out.push('');
  return out.join('\n');
}

function writeSeries(out: string[], name: string, pairs: [string, string][], value: SeriesOut['value']): void {
  const plain = labelText(pairs);
  if (typeof value === 'number') {
    out.push(`${name}${plain} ${formatGoFloat(value)}`);
  } else if ('bounds' in value) {
    let cumulative = 0;
    value.bounds.forEach((bound, i) => {
      cumulative += value.counts[i];
      out.push(`${name}_bucket${labelText(pairs, ['le', formatGoFloat(bound)])} ${formatGoFloat(cumulative)}`);
    });
    out.push(`${name}_bucket${labelText(pairs, ['le', '+Inf'])} ${formatGoFloat(value.count)}`);
    out.push(`${name}_sum${plain} ${formatGoFloat(value.sum)}`);
    out.push(`${name}_count${plain} ${formatGoFloat(value.count)}`);
  } else {
    for (const [q, v] of value.quantiles) out.push(`${name}${labelText(pairs, ['quantile', formatGoFloat(q)])} ${formatGoFloat(v)}`);
    out.push(`${name}_sum${plain} ${formatGoFloat(value.sum)}`);
    out.push(`${name}_count${plain} ${formatGoFloat(value.count)}`);
  }
}

function labelText(pairs: readonly [string, string][], last?: [string, string]): string {
  const all = last ? [...pairs, last] : pairs;
  if (all.length === 0) return '';
  return `{${all.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(',')}}`;
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
