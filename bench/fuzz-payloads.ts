// Payload generators of `npm run fuzz`, all driven by one seeded PRNG so that a run is reproduced
// by its seed: valid text and OpenMetrics payloads (random families, labels, escapes, values,
// timestamps, exemplars), mutations of those and of real pages (byte edits, spliced hostile
// tokens, duplicated and cut ranges), and raw random bytes; plus the shapes of the time-vs-size
// check, each scaled to a given size.

import type { Prng } from '../src/sources/demo/prng.js';
import { HOSTILE_TEXT } from '../src/sources/demo/fault-payloads.js';

const enc = new TextEncoder();

/** Small helpers over one PRNG. */
export class Dice {
  constructor(readonly rng: Prng) {}
  int(n: number): number {
    return Math.floor(this.rng.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }
  chance(p: number): boolean {
    return this.rng.next() < p;
  }
}

const NAMES = ['a', 'up', 'x_total', 'ipfscluster_pins', 'h', 'h_bucket', 'h_sum', 'h_count', 's', 'go_gc_duration_seconds', '_', 'a:b', 'c_created', 'x_info'];
const LABELS = ['le', 'quantile', 'method', 'gorpc_server_method', 'a', '__name__', 'peer', 'x'];
const VALUES = ['0', '1', '-1', '1.5', '1e3', '+Inf', '-Inf', 'NaN', 'Inf', '0x1p-3', '1_000', '.5', '5.', '-0', '1e400', '9007199254740993', 'abc', ''];
const TEXTS = ['', 'x', 'é✓', '\\\\', '\\"', '\\n', 'a\\nb', 'Cluster.Pin', '0.5', '+Inf', '1.0', HOSTILE_TEXT.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')];
const TYPES = ['counter', 'gauge', 'histogram', 'summary', 'untyped', 'unknown', 'info', 'stateset', 'gaugehistogram', 'bogus'];
const TOKENS = ['\n', ' ', '\t', '"', '\\', '{', '}', ',', '=', '#', '# EOF\n', '# TYPE ', '# HELP ', '\xff', '\x00', 'le="', '+Inf', 'NaN', ' # {a="b"} 1 2', HOSTILE_TEXT];

const CLEAN_VALUES = ['0', '1', '-1', '1.5', '1e3', '+Inf', '-Inf', 'NaN', '0.25', '123456789'];
const CLEAN_TEXTS = ['', 'x', 'é✓', '\\\\', '\\"', '\\n', 'Cluster.Pin', 'a b'];

/**
 * One payload: in "clean" mode (most of the time) a valid one, names distinct per family and
 * labels distinct per line; otherwise with grammar corners (bad values, types, names, blanks).
 */
export function generatePayload(d: Dice, om: boolean): Uint8Array {
  const clean = d.chance(0.6);
  const out: string[] = [];
  const families = d.int(8);
  const used = new Set<string>();
  for (let f = 0; f < families; f++) {
    let name = d.pick(NAMES);
    if (clean) {
      name = `${name.replace(/_(total|bucket|sum|count|created|info)$/, '')}_${f}`;
      if (used.has(name)) continue;
      used.add(name);
    }
    const type = clean ? d.pick(['gauge', 'counter', 'untyped']) : d.pick(TYPES);
    if (d.chance(0.5)) out.push(`# HELP ${name} ${d.pick(clean ? CLEAN_TEXTS : TEXTS)}`);
    if (!clean || d.chance(0.6)) out.push(`# TYPE ${name} ${om && type === 'untyped' ? 'unknown' : type}`);
    if (om && !clean && d.chance(0.1)) out.push(`# UNIT ${name} seconds`);
    const samples = d.int(6);
    for (let s = 0; s < samples; s++) {
      const suffix = clean ? (type === 'counter' ? '_total' : '') : d.pick(['', '', '_total', '_bucket', '_sum', '_count', '_created']);
      const labels: string[] = [];
      if (clean) labels.push(`i="${s}"`);
      for (let l = d.int(4); l > 0; l--) {
        const key = clean ? `l${l}` : d.pick(LABELS);
        labels.push(`${key}="${d.pick(clean ? CLEAN_TEXTS : TEXTS)}"`);
      }
      const join = clean ? ',' : d.pick([',', ', ', ',']);
      const ls = labels.length > 0 || d.chance(0.1) ? `{${labels.join(join)}${!clean && d.chance(0.1) ? ',' : ''}}` : '';
      const ts = d.chance(0.2) ? ` ${clean ? (om ? '1700000000.5' : '1700000000000') : d.pick(['1', '1700000000000', '-5', '1.5', '1e3'])}` : '';
      const ex = om && (type === 'counter' || !clean) && d.chance(0.1) ? ` # {trace_id="${d.int(1e6)}"} ${d.pick(clean ? ['1', '0.5'] : VALUES)}` : '';
      const value = clean && type === 'counter' ? d.pick(['0', '1', '1.5', '1e3', '+Inf']) : d.pick(clean ? CLEAN_VALUES : VALUES);
      out.push(`${name}${suffix}${ls}${!clean && d.chance(0.05) ? '\t' : ' '}${value}${ts}${ex}`);
    }
    if (!clean && d.chance(0.05)) out.push(d.pick(['', '#', '# a comment', '  ']));
  }
  if (om && (clean || d.chance(0.9))) out.push('# EOF');
  const text = out.join('\n') + (clean || d.chance(0.9) ? '\n' : '');
  return enc.encode(text);
}

/** `base` with 1–8 random edits: byte changes, hostile tokens spliced in, ranges duplicated, cut or dropped. */
export function mutate(d: Dice, base: Uint8Array): Uint8Array {
  let b = base;
  for (let n = 1 + d.int(8); n > 0; n--) {
    const at = d.int(b.length + 1);
    switch (d.int(6)) {
      case 0: {
        const c = b.slice();
        if (c.length > 0) c[Math.min(at, c.length - 1)] = d.int(256);
        b = c;
        break;
      }
      case 1:
        b = concat(b.subarray(0, at), enc.encode(d.pick(TOKENS)), b.subarray(at));
        break;
      case 2:
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + d.int(16))));
        break;
      case 3: {
        const end = Math.min(b.length, at + d.int(200));
        b = concat(b.subarray(0, end), b.subarray(at, end), b.subarray(at));
        break;
      }
      case 4:
        b = b.subarray(0, at);
        break;
      default: {
        const c = b.slice();
        const i = Math.min(at, c.length - 1);
        if (i >= 0) c[i] = d.pick([0x0a, 0x20, 0x22, 0x5c, 0x7b, 0x7d, 0x23, 0x3d, 0x2c, 0xc3, 0xff, 0x30]);
        b = c;
      }
    }
  }
  return b;
}

/** `n` random bytes. */
export function randomBytes(d: Dice, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = d.int(256);
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Shapes of the time-vs-size check: each builds a payload of about `bytes` bytes. */
export const SHAPES: Readonly<Record<string, (bytes: number) => Uint8Array>> = {
  'distinct series': (bytes) => lines(bytes, (i) => `m{i="${i}",method="Cluster.Pin"} ${i}\n`),
  'one series repeated': (bytes) => lines(bytes, () => 'm{a="b"} 1\n'),
  'one huge label value': (bytes) => enc.encode(`m{v="${'x'.repeat(bytes)}"} 1\n`),
  'escape-heavy label value': (bytes) => enc.encode(`m{v="${'\\\\\\n\\"é'.repeat(bytes / 8)}"} 1\n`),
  'many labels on one line': (bytes) => enc.encode(`m{${Array.from({ length: Math.floor(bytes / 14) }, (_, i) => `l${i}="v"`).join(',')}} 1\n`),
  'comment lines': (bytes) => lines(bytes, (i) => `# comment ${i}\n`),
  'long HELP text': (bytes) => enc.encode(`# HELP m ${'help \\\\ text \\n '.repeat(bytes / 16)}\nm 1\n`),
  'histogram families': (bytes) => lines(bytes, (i) => `# TYPE h${i} histogram\nh${i}_bucket{le="1"} 1\nh${i}_bucket{le="+Inf"} 2\nh${i}_sum 3\nh${i}_count 2\n`),
  'error on the last line': (bytes) => concat(lines(bytes, (i) => `m{i="${i}"} ${i}\n`), enc.encode('m{ 1\n')),
  'garbage line': (bytes) => enc.encode('x'.repeat(bytes)),
};

function lines(bytes: number, line: (i: number) => string): Uint8Array {
  const out: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const l = line(i);
    out.push(l);
    n += l.length;
  }
  return enc.encode(out.join(''));
}
