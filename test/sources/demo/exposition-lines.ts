// A small, strict line-based reader of Prometheus text 0.0.4 for the demo peer's tests: every line
// must be `# HELP name text`, `# TYPE name type` or `name{labels} value` with a Go-formatted
// value; anything else throws. Independent of the project's real parser on purpose.

/** One sample line. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** Family the sample belongs to, from the preceding `# TYPE`. */
  readonly family: string;
}

/** A payload read line by line. */
export interface Lines {
  /** Family → declared type, in payload order. */
  readonly types: Map<string, string>;
  readonly help: Map<string, string>;
  readonly samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const VALUE = '(?:-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:e[+-][0-9]{2,3})?|\\+Inf|-Inf|NaN)';
/** `name{labels} value` as expfmt writes it. */
export const SAMPLE_LINE = new RegExp(`^(${NAME})(?:\\{(${LABEL}(?:,${LABEL})*)\\})? (${VALUE})$`);
const HELP_LINE = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);

/** Reads `text`; throws on the first line that does not match the grammar. */
export function readLines(text: string): Lines {
  if (!text.endsWith('\n')) throw new Error('payload does not end with a newline');
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  let family = '';
  text
    .slice(0, -1)
    .split('\n')
    .forEach((line, i) => {
      let m: RegExpExecArray | null;
      if ((m = HELP_LINE.exec(line))) help.set(m[1]!, m[2]!);
      else if ((m = TYPE_LINE.exec(line))) {
        if (types.has(m[1]!)) throw new Error(`line ${i + 1}: duplicate TYPE for ${m[1]}`);
        types.set(m[1]!, m[2]!);
        family = m[1]!;
      } else if ((m = SAMPLE_LINE.exec(line))) {
        const labels: Record<string, string> = {};
        for (const pair of (m[2] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
          const eq = pair.indexOf('=');
          labels[pair.slice(0, eq)] = pair.slice(eq + 2, -1);
        }
        if (!m[1]!.startsWith(family)) throw new Error(`line ${i + 1}: sample ${m[1]} outside its family ${family}`);
        samples.push({ name: m[1]!, labels, value: parseValue(m[3]!), family });
      } else throw new Error(`line ${i + 1} is not valid text format: ${JSON.stringify(line)}`);
    });
  return { types, help, samples };
}

/** Parses a Go-formatted value. */
export function parseValue(s: string): number {
  if (s === '+Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  return Number(s);
}

/** A stable key for a sample: name plus its labels in written order. */
export function sampleKey(s: Sample): string {
  return `${s.name}${JSON.stringify(s.labels)}`;
}

/** Map from sampleKey to value. */
export function byKey(lines: Lines): Map<string, number> {
  return new Map(lines.samples.map((s) => [sampleKey(s), s.value]));
}

/** The value of the sample `name` with exactly `labels` (throws when absent, unless a fallback is given). */
export function valueOf(lines: Lines, name: string, labels: Record<string, string> = {}, fallback?: number): number {
  const want = JSON.stringify(sortKeys(labels));
  const hit = lines.samples.find((s) => s.name === name && JSON.stringify(sortKeys(s.labels)) === want);
  if (hit) return hit.value;
  if (fallback !== undefined) return fallback;
  throw new Error(`no sample ${name}${want}`);
}

function sortKeys(o: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Family → sorted union of label names over its samples. */
export function labelNamesByFamily(lines: Lines): Map<string, string> {
  const out = new Map<string, Set<string>>();
  for (const s of lines.samples) {
    const set = out.get(s.family) ?? new Set<string>();
    for (const k of Object.keys(s.labels)) set.add(k);
    out.set(s.family, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort().join(',')]));
}

/** Samples of a histogram family grouped by their labels without `le`. */
export function histograms(lines: Lines, family: string): Map<string, { buckets: [number, number][]; sum: number; count: number }> {
  const out = new Map<string, { buckets: [number, number][]; sum: number; count: number }>();
  for (const s of lines.samples) {
    if (s.family !== family) continue;
    const { le, ...rest } = s.labels;
    const key = JSON.stringify(rest);
    const h = out.get(key) ?? { buckets: [], sum: NaN, count: NaN };
    if (s.name === `${family}_bucket`) h.buckets.push([parseValue(le!), s.value]);
    else if (s.name === `${family}_sum`) h.sum = s.value;
    else if (s.name === `${family}_count`) h.count = s.value;
    out.set(key, h);
  }
  return out;
}
