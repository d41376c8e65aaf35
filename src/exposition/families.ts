// Family grouping: declared families come from `# TYPE`/`# HELP`/`# UNIT` lines, and a sample joins
// a family by exact name first, then by the suffixes its declared type allows. Never by suffix alone.

import type { ExpositionFormat, Family, MetricType, Series } from './types.js';

/** One parsed metadata line. */
export interface MetaEntry {
  /** Which line it was. */
  readonly kind: 'help' | 'type' | 'unit';
  /** Family name as written. */
  readonly name: string;
  /** Unescaped HELP text, the type word, or the unit. */
  readonly text: string;
}

/** The type a family gets when no `# TYPE` line names it. */
function impliedType(format: ExpositionFormat): MetricType {
  return format === 'text' ? 'untyped' : 'unknown';
}

/** Builds the declared families from the metadata lines in payload order (a later line wins). */
export function buildDeclared(entries: readonly MetaEntry[], format: ExpositionFormat): Map<string, Family> {
  const draft = new Map<string, { name: string; type: MetricType; help: string | undefined; unit: string | undefined }>();
  for (const e of entries) {
    let f = draft.get(e.name);
    if (f === undefined) {
      f = { name: e.name, type: impliedType(format), help: undefined, unit: undefined };
      draft.set(e.name, f);
    }
    if (e.kind === 'type') f.type = e.text as MetricType;
    else if (e.kind === 'help') f.help = e.text;
    else f.unit = e.text;
  }
  return draft as Map<string, Family>;
}

/** Sample-name suffixes and the family types that own them. */
const SUFFIXES: readonly (readonly [string, readonly MetricType[], readonly MetricType[]])[] = [
  // [suffix, types in text format, types in OpenMetrics]
  ['_bucket', ['histogram'], ['histogram', 'gaugehistogram']],
  ['_count', ['histogram', 'summary'], ['histogram', 'summary']],
  ['_sum', ['histogram', 'summary'], ['histogram', 'summary']],
  ['_created', ['histogram', 'summary'], ['histogram', 'summary', 'counter']],
  ['_total', [], ['counter']],
  ['_gcount', [], ['gaugehistogram']],
  ['_gsum', [], ['gaugehistogram']],
  ['_info', [], ['info']],
];

/** The suffixes a sample name may add to its family's name (`_bucket`, `_total`, …). */
export const SAMPLE_SUFFIXES: readonly string[] = SUFFIXES.map(([suffix]) => suffix);

/**
 * The families sample `name` can belong to, whatever the metadata says: its own name, and its name
 * without each suffix above that it ends with (what `resolveFamily` may pick from).
 */
export function familyCandidates(name: string): string[] {
  const out = [name];
  for (const [suffix] of SUFFIXES) if (name.length > suffix.length && name.endsWith(suffix)) out.push(name.slice(0, name.length - suffix.length));
  return out;
}

/** Name of the family that sample `name` belongs to (its own name when no declared family claims it). */
export function resolveFamily(name: string, declared: ReadonlyMap<string, Family>, format: ExpositionFormat): string {
  if (declared.has(name)) return name;
  const om = format === 'openmetrics';
  for (const [suffix, text, open] of SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) {
      const f = declared.get(name.slice(0, name.length - suffix.length));
      if (f !== undefined && (om ? open : text).includes(f.type)) return f.name;
    }
  }
  return name;
}

/** Every family of a payload: the declared ones, then an implied one per undeclared family of a sample. */
export function buildFamilies(declared: ReadonlyMap<string, Family>, series: readonly Series[], format: ExpositionFormat): Map<string, Family> {
  const all = new Map<string, Family>(declared);
  const type = impliedType(format);
  let last = '';
  for (let i = 0; i < series.length; i++) {
    const name = series[i].family;
    if (name === last) continue;
    last = name;
    if (!all.has(name)) all.set(name, { name, type, help: undefined, unit: undefined });
  }
  return all;
}
