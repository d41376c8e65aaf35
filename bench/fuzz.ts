// `npm run fuzz [-- --seed N] [--count N]`: feeds the exposition parser a million generated and
// mutated payloads (bench/fuzz-payloads.ts), seeded and reproducible, and checks that it never
// throws or fails internally, that errors carry a position, that a warm table (template fast path,
// caps, compaction) reads what a fresh one reads, that the caps hold, and that whatever reaches
// the `--once` text is escaped. Then it checks that parse time is linear in payload size on
// shapes that would expose quadratic work. Exits 1 on any failure, saving the payload to replay.

import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSnapshotText } from '../src/cli/format-text.js';
import { parseExposition } from '../src/exposition/parse.js';
import { SeriesTable, type SeriesLimits } from '../src/exposition/series-table.js';
import type { ExpositionFormat, ParseResult } from '../src/exposition/types.js';
import { PeerSampleExtractor } from '../src/model/peer-sample.js';
import { buildSnapshot } from '../src/model/snapshot.js';
import { withEscapes, withHugeLabels } from '../src/sources/demo/fault-payloads.js';
import { advanceTo, createDemoPeerState } from '../src/sources/demo/peer-state.js';
import { createPrng } from '../src/sources/demo/prng.js';
import { renderMetrics } from '../src/sources/demo/render.js';
import { oneLine } from '../src/util/escape-control.js';
import { Dice, generatePayload, mutate, randomBytes, SHAPES } from './fuzz-payloads.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seed = arg('--seed', 1);
const count = arg('--count', 1_000_000);
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const enc = new TextEncoder();

/** One warm target: a format, caps, its table and extractor. */
interface Stream {
  readonly format: ExpositionFormat;
  readonly limits: SeriesLimits;
  readonly table: SeriesTable;
  readonly extractor: PeerSampleExtractor;
  base: Uint8Array;
  /** The payloads this stream's table saw last, to replay a failure. */
  readonly recent: Uint8Array[];
}
const CAPS: SeriesLimits[] = [
  { maxSeries: 50_000, maxLabelBytes: 8 * 1024 * 1024 },
  { maxSeries: 24, maxLabelBytes: 600 },
];
const streams: Stream[] = (['text', 'openmetrics'] as const).flatMap((format) =>
  CAPS.map((limits) => ({ format, limits, table: new SeriesTable(limits), extractor: new PeerSampleExtractor(), base: new Uint8Array(), recent: [] })),
);

function corpus(): Uint8Array[] {
  const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));
  const state = createDemoPeerState({ seed, startMs: 1_790_000_000_000 });
  advanceTo(state, 1_790_000_010_000);
  const page = renderMetrics(state);
  return [fixture('peer-t0.prom'), fixture('peer-t10s.prom'), enc.encode(page), enc.encode(withEscapes(page)), enc.encode(withHugeLabels(page).slice(0, 300_000))];
}

/** Everything observable about a result except series ids. */
function view(r: ParseResult): string {
  if (!r.ok) return JSON.stringify(r.error);
  const e = r.exposition;
  return JSON.stringify({
    f: [...e.families.entries()],
    s: e.series.map((s) => [s.name, s.family, s.labels, String(s.le), String(s.quantile)]),
    v: [...e.values].map(String),
    t: e.timestamps && [...e.timestamps].map(String),
    x: e.exemplars && [...e.exemplars.entries()].map(([k, x]) => [k, x.labels, String(x.value), x.timestampMs]),
    c: e.truncated ?? null,
  });
}

let failures = 0;
let current: Stream | null = null;
function fail(i: number, payload: Uint8Array, why: string): void {
  failures++;
  const file = join(tmpdir(), `cluster-top-fuzz-${seed}-${i}.json`);
  const history = current?.recent ?? [];
  writeFileSync(file, JSON.stringify({ format: current?.format, limits: current?.limits, payloads: (history.includes(payload) ? history : [...history, payload]).map((b) => Buffer.from(b).toString('base64')) }));
  console.error(`FAIL payload ${i} (seed ${seed}): ${why}\n  saved (with the stream's previous payloads) to ${file}`);
  if (failures >= 10) process.exit(1);
}

const d = new Dice(createPrng(seed));
const pages = corpus();
const stats = { generated: 0, mutated: 0, random: 0, ok: 0, rejected: 0, truncated: 0, bytes: 0, snapshots: 0 };
const t0 = performance.now();
for (let i = 0; i < count; i++) {
  const stream = streams[d.int(streams.length)];
  const om = stream.format === 'openmetrics';
  let payload: Uint8Array;
  const roll = d.int(100);
  if (roll < 40) {
    payload = generatePayload(d, om);
    stream.base = payload;
    stats.generated++;
  } else if (roll < 90) {
    const base = d.chance(0.5) && stream.base.length > 0 ? stream.base : d.chance(0.02) ? d.pick(pages) : generatePayload(d, om);
    payload = mutate(d, base);
    stats.mutated++;
  } else {
    payload = randomBytes(d, d.int(300));
    stats.random++;
  }
  stats.bytes += payload.length;
  current = stream;
  stream.recent.push(payload);
  if (stream.recent.length > 16) stream.recent.shift();
  let cold: ParseResult;
  let warm: ParseResult;
  try {
    cold = parseExposition(payload, { format: stream.format, table: new SeriesTable(stream.limits) });
    warm = parseExposition(payload, { format: stream.format, table: stream.table });
  } catch (e) {
    fail(i, payload, `threw ${String(e)}`);
    continue;
  }
  for (const r of [cold, warm]) {
    if (r.ok) continue;
    if (r.error.message.startsWith('internal parser error')) fail(i, payload, r.error.message);
    if (!(r.error.line >= 1 && r.error.column >= 1 && r.error.message.length > 0)) fail(i, payload, `bad error ${JSON.stringify(r.error)}`);
    if (UNSAFE.test(oneLine(r.error.message))) fail(i, payload, 'unsafe error line');
  }
  if (stream.table.size > stream.limits.maxSeries || stream.table.labelBytes > stream.limits.maxLabelBytes) fail(i, payload, 'caps exceeded');
  if (!cold.ok || !warm.ok) {
    if (cold.ok !== warm.ok || view(cold) !== view(warm)) fail(i, payload, 'warm and cold tables disagree on the error');
    stats.rejected++;
    continue;
  }
  stats.ok++;
  if (cold.exposition.truncated !== undefined || warm.exposition.truncated !== undefined) stats.truncated++;
  // Under cap pressure a warm table keeps the series it already holds: only uncut reads must agree.
  else if (view(cold) !== view(warm)) fail(i, payload, 'warm and cold tables disagree');
  if (i % 32 === 0) {
    stats.snapshots++;
    const sample = stream.extractor.extract(warm.exposition, 1_790_000_000_000 + i);
    const text = formatSnapshotText(buildSnapshot([sample], { target: 'fuzz', quantile: 0.95, windowMs: 60_000, variant: 'prom3' }), [], 1);
    for (const line of text.split('\n')) if (UNSAFE.test(line)) fail(i, payload, `unsafe --once line ${JSON.stringify(line)}`);
  }
}
const seconds = (performance.now() - t0) / 1000;
console.log(`fuzz: seed ${seed}, ${count} payloads (${stats.generated} generated, ${stats.mutated} mutated, ${stats.random} random bytes), ` +
  `${(stats.bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s`);
console.log(`  ${stats.ok} read (${stats.truncated} cut at the caps), ${stats.rejected} rejected with a position, ${stats.snapshots} snapshots printed; ${failures} failures`);

// Time against size: ns per byte at 64 KiB … 4 MiB must stay within 4× of the 256 KiB figure.
const SIZES = [64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024];
const uncapped = (): SeriesTable => new SeriesTable({ maxSeries: 1e9, maxLabelBytes: 1e12 });
console.log(`\ntime against size (ns/byte, best of 3, fresh table without caps)\n${'shape'.padEnd(28)}${SIZES.map((s) => `${s / 1024} KiB`.padStart(11)).join('')}   worst/256KiB`);
for (const [shape, build] of Object.entries(SHAPES)) {
  const perByte = SIZES.map((size) => {
    const payload = build(size);
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const t = performance.now();
      const r = parseExposition(payload, { format: 'text', table: uncapped() });
      best = Math.min(best, performance.now() - t);
      if (!r.ok && r.error.message.startsWith('internal')) fail(-1, payload, r.error.message);
    }
    return (best * 1e6) / payload.length;
  });
  const ratio = Math.max(...perByte.slice(1)) / perByte[1];
  const linear = ratio <= 4;
  if (!linear) failures++;
  console.log(`${shape.padEnd(28)}${perByte.map((v) => v.toFixed(1).padStart(11)).join('')}   ${ratio.toFixed(2)}${linear ? '' : '  NOT LINEAR'}`);
}
if (failures > 0) {
  console.error(`\nfuzz: ${failures} failures`);
  process.exit(1);
}
console.log('\nfuzz: no failures');
