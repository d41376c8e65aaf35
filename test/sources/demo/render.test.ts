// The demo payload against the fixture of a real-shaped v1.1.6 peer: same families, types, HELP,
// label names, methods and bucket bounds; strict text format; expfmt ordering; histogram
// consistency.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { advanceTo, createDemoPeerState } from '../../../src/sources/demo/peer-state.js';
import { renderMetrics } from '../../../src/sources/demo/render.js';
import { histograms, labelNamesByFamily, readLines, SAMPLE_LINE, valueOf, type Lines } from './exposition-lines.js';

const T0 = 1_779_456_000_000;
const fixtureText = readFileSync(new URL('../../../../test/fixtures/ipfs-cluster/peer-t0.prom', import.meta.url), 'utf8');
const fixture = readLines(fixtureText);

function demoAt(ms: number, seed = 20260522): string {
  const s = createDemoPeerState({ seed, startMs: T0 });
  advanceTo(s, T0 + ms);
  return renderMetrics(s);
}

test('families, types, HELP texts and label names equal the fixture', () => {
  for (const [ms, seed] of [[0, 20260522], [60_000, 1], [600_000, 77]] as const) {
    const demo = readLines(demoAt(ms, seed));
    assert.deepEqual([...demo.types].sort(), [...fixture.types].sort());
    assert.equal(demo.types.size, 72);
    assert.deepEqual(demo.help, fixture.help);
    assert.deepEqual([...labelNamesByFamily(demo)].sort(), [...labelNamesByFamily(fixture)].sort());
  }
});

test('gorpc methods and every family\'s bucket bounds equal the fixture', () => {
  const demo = readLines(demoAt(10_000));
  const methods = (l: Lines): string[] => [...new Set(l.samples.map((s) => s.labels.gorpc_server_method).filter((m) => m !== undefined))].sort();
  assert.deepEqual(methods(demo), methods(fixture));
  assert.equal(methods(demo).length, 18);
  const bounds = (l: Lines): Map<string, string> => {
    const perFamily = new Map<string, string>();
    for (const s of l.samples) {
      if (s.labels.le === undefined) continue;
      const seen = perFamily.get(s.family) ?? '';
      if (!seen.split(' ').includes(s.labels.le)) perFamily.set(s.family, `${seen} ${s.labels.le}`.trim());
    }
    return perFamily;
  };
  assert.deepEqual(bounds(demo), bounds(fixture));
  const gorpc = bounds(demo).get('ipfscluster_gorpc_libp2p_io_server_server_latency')!.split(' ');
  assert.equal(gorpc.length, 41);
  assert.equal(gorpc[0], '0.01');
  assert.equal(gorpc.at(-1), '+Inf');
  assert.ok(bounds(demo).get('ipfscluster_gorpc_libp2p_io_server_received_bytes_per_rpc')!.includes('1.048576e+06'));
});

test('every line is a HELP, a TYPE or a strict `name{labels} value` sample', () => {
  for (const text of [demoAt(0), demoAt(300_000, 5), fixtureText]) {
    const lines = text.split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    for (const line of lines) {
      if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
      assert.match(line, SAMPLE_LINE);
    }
    readLines(text); // also checks TYPE before samples, no duplicate families
  }
});

test('ordering follows expfmt: families by name, series by label values, labels by name with le last', () => {
  const text = demoAt(120_000);
  const l = readLines(text);
  const families = [...l.types.keys()];
  assert.deepEqual(families, [...families].sort());
  for (const line of text.split('\n')) {
    const m = /\{(.*)\}/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const names = m[1]!.match(/([a-zA-Z_][a-zA-Z0-9_]*)="/g)!.map((x) => x.slice(0, -2));
    const special = names.filter((n) => n === 'le' || n === 'quantile');
    const plain = names.filter((n) => n !== 'le' && n !== 'quantile');
    assert.deepEqual(names, [...plain.sort(), ...special], line);
    assert.ok(special.length <= 1);
  }
  let lastFamily = '';
  let lastKey = '';
  for (const s of l.samples) {
    const { le, quantile, ...rest } = s.labels;
    void le;
    void quantile;
    const key = Object.keys(rest).sort().map((k) => rest[k]).join('\u0000');
    if (s.family === lastFamily) assert.ok(key >= lastKey, `${s.family}: ${key} after ${lastKey}`);
    lastFamily = s.family;
    lastKey = key;
  }
});

test('histograms: cumulative buckets in ascending le, +Inf == _count, _sum within the buckets', () => {
  const l = readLines(demoAt(900_000, 3));
  let checked = 0;
  for (const [family, type] of l.types) {
    if (type !== 'histogram') continue;
    for (const [labels, h] of histograms(l, family)) {
      const where = `${family}${labels}`;
      assert.equal(h.buckets.at(-1)![0], Infinity, where);
      assert.equal(h.buckets.at(-1)![1], h.count, `${where}: +Inf == _count`);
      let lowest = 0;
      let highest = 0;
      h.buckets.forEach(([le, c], i) => {
        if (i === 0) return;
        const [prevLe, prevC] = h.buckets[i - 1]!;
        assert.ok(le > prevLe, `${where}: le ascending`);
        assert.ok(c >= prevC, `${where}: cumulative`);
        if (c === prevC) return;
        lowest += (c - prevC) * prevLe;
        highest += (c - prevC) * le;
      });
      highest += h.buckets[0]![1] * h.buckets[0]![0];
      assert.ok(h.sum >= lowest * (1 - 1e-9) && (highest === Infinity || h.sum <= highest * (1 + 1e-9)), `${where}: ${lowest} <= ${h.sum} <= ${highest}`);
      checked++;
    }
  }
  assert.equal(checked, 18 * 3 + 3 + 2 * 3, `${checked} histograms checked`);
  for (const s of l.samples.filter((x) => x.name === 'ipfscluster_gorpc_libp2p_io_server_completed_rpcs')) {
    assert.equal(s.value, valueOf(l, 'ipfscluster_gorpc_libp2p_io_server_server_latency_count', s.labels), 'completed_rpcs == latency _count');
  }
});

test('values are printed the Go way', () => {
  const text = demoAt(0);
  assert.match(text, /^process_max_fds 1\.048576e\+06$/m);
  assert.match(text, /^process_virtual_memory_max_bytes 1\.8446744073709552e\+19$/m);
  assert.match(text, /^go_gc_gomemlimit_bytes 9\.223372036854776e\+18$/m);
  assert.match(text, /le="0\.01"\} /);
  assert.match(text, /le="100000"\} /);
  assert.match(text, /le="4\.294967296e\+09"\} /);
  assert.match(text, /le="\+Inf"\} /);
  assert.match(text, /^process_start_time_seconds 1\.779232e\+09$/m); // 224 000 s before T0
  assert.doesNotMatch(text, /^[^#].* \d{7,}$/m, 'no plain integers of 7+ digits');
});
