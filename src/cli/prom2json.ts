// prom2json's JSON shape (prometheus/prom2json): one object per family with string values
// formatted like Go's fmt.Sprint, histograms with cumulative `buckets` by upper bound
// (including +Inf), summaries with `quantiles`, and `count`/`sum` for both.

import type { Exposition, Family, Series } from '../exposition/types.js';
import { formatGoFloat } from '../util/go-float.js';

/** The JSON document prom2json prints for this payload, families in payload order. */
export function familiesAsProm2json(exposition: Exposition): object[] {
  const groups = new Map<string, { family: Family; metrics: Map<string, MetricAccumulator> }>();
  exposition.series.forEach((series, i) => {
    const family = exposition.families.get(series.family) ?? { name: series.family, type: 'untyped', help: undefined, unit: undefined };
    let group = groups.get(family.name);
    if (group === undefined) groups.set(family.name, (group = { family, metrics: new Map() }));
    const labels = labelsWithout(series, family.type === 'histogram' ? 'le' : family.type === 'summary' ? 'quantile' : null);
    const key = JSON.stringify(labels);
    let metric = group.metrics.get(key);
    if (metric === undefined) group.metrics.set(key, (metric = { labels, timestamp: undefined, value: 0, buckets: {}, quantiles: {}, count: 0, sum: 0 }));
    const ts = exposition.timestamps?.[i];
    if (ts !== undefined && !Number.isNaN(ts)) metric.timestamp = ts;
    addSample(metric, family, series, exposition.values[i]);
  });
  return [...groups.values()].map(({ family, metrics }) => ({
    name: family.name,
    help: family.help ?? '',
    type: prom2jsonType(family),
    metrics: [...metrics.values()].map((m) => render(m, family)),
  }));
}

interface MetricAccumulator {
  labels: Record<string, string>;
  timestamp: number | undefined;
  value: number;
  buckets: Record<string, string>;
  quantiles: Record<string, string>;
  count: number;
  sum: number;
}

function addSample(metric: MetricAccumulator, family: Family, series: Series, value: number): void {
  if (family.type === 'histogram' || family.type === 'gaugehistogram') {
    if (series.name === family.name + '_bucket' || series.name === family.name + '_gbucket') metric.buckets[formatGoFloat(series.le)] = uint(value);
    else if (series.name === family.name + '_count' || series.name === family.name + '_gcount') metric.count = value;
    else if (series.name === family.name + '_sum' || series.name === family.name + '_gsum') metric.sum = value;
  } else if (family.type === 'summary') {
    if (series.name === family.name) metric.quantiles[formatGoFloat(series.quantile)] = formatGoFloat(value);
    else if (series.name === family.name + '_count') metric.count = value;
    else if (series.name === family.name + '_sum') metric.sum = value;
  } else if (!series.name.endsWith('_created') || series.name === family.name) metric.value = value;
}

function render(m: MetricAccumulator, family: Family): object {
  const base = {
    ...(Object.keys(m.labels).length > 0 ? { labels: m.labels } : {}),
    ...(m.timestamp !== undefined ? { timestamp_ms: String(m.timestamp) } : {}),
  };
  if (family.type === 'histogram' || family.type === 'gaugehistogram') {
    return { ...base, ...(Object.keys(m.buckets).length > 0 ? { buckets: m.buckets } : {}), count: uint(m.count), sum: formatGoFloat(m.sum) };
  }
  if (family.type === 'summary') {
    return { ...base, ...(Object.keys(m.quantiles).length > 0 ? { quantiles: m.quantiles } : {}), count: uint(m.count), sum: formatGoFloat(m.sum) };
  }
  return { ...base, value: formatGoFloat(m.value) };
}

/** Counts are uint64 in client_model: Go prints them as plain integers. */
function uint(v: number): string {
  return Number.isFinite(v) && v >= 0 ? BigInt(Math.trunc(v)).toString() : formatGoFloat(v);
}

function prom2jsonType(family: Family): string {
  switch (family.type) {
    case 'counter': return 'COUNTER';
    case 'gauge': return 'GAUGE';
    case 'histogram': return 'HISTOGRAM';
    case 'gaugehistogram': return 'GAUGE_HISTOGRAM';
    case 'summary': return 'SUMMARY';
    default: return 'UNTYPED';
  }
}

function labelsWithout(series: Series, drop: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(series.labels)) if (k !== drop) out[k] = v;
  return out;
}
