// PeerSampleExtractor under a flood of RPC methods: the latency columns are capped, so the trend
// that remembers every scrape's rates per method stays bounded. And the families SAMPLE_NAMES_READ
// names are all it reads: a payload read for them alone gives the same sample. Bucket counts take
// 32 bits each when every one is a whole number below 2^32, else 64, and are always exact. Peers
// whose parsers hand out the same series array share one plan and latency layout.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExposition } from '../../src/exposition/parse.js';
import { bucketCounts, ExtractionPlans, MAX_LATENCY_COLUMNS, PeerSampleExtractor } from '../../src/model/peer-sample.js';
import { SeriesPool } from '../../src/exposition/series-pool.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import { readFileSync } from 'node:fs';
import { SampleFamilies, familiesOfSamples } from '../../src/exposition/sample-families.js';
import { SAMPLE_NAMES_READ } from '../../src/model/cluster-catalogue.js';

test('at most MAX_LATENCY_COLUMNS latency buckets are kept, the first ones in payload order', () => {
  const family = 'ipfscluster_gorpc_libp2p_io_server_server_latency';
  const lines = [`# TYPE ${family} histogram`];
  for (let m = 0; m < 3000; m++) lines.push(`${family}_bucket{gorpc_server_method="M.${m}",le="1"} 1`, `${family}_bucket{gorpc_server_method="M.${m}",le="+Inf"} 2`);
  const r = parseExposition(lines.join('\n') + '\n', { format: 'text' });
  assert.ok(r.ok);
  const sample = new PeerSampleExtractor().extract(r.exposition, 1000);
  assert.equal(sample.latency?.les.length, MAX_LATENCY_COLUMNS);
  assert.equal(sample.latencyValues.length, MAX_LATENCY_COLUMNS);
  assert.equal(sample.latency?.plan.methods[sample.latency.plan.methodOf[0]], 'M.0');
});

test('bucket counts are 32-bit when every one is a whole number below 2^32, else float64, and equal either way', () => {
  const values = Float64Array.from([0, 7, 4294967295, 4294967296, 2.5, NaN, -1, -0]);
  const whole = bucketCounts(values, [0, 1, 2]);
  assert.ok(whole instanceof Uint32Array);
  assert.deepEqual([...whole], [0, 7, 4294967295]);
  for (const odd of [3, 4, 5, 6, 7]) {
    const counts = bucketCounts(values, [1, odd]);
    assert.ok(counts instanceof Float64Array, `with ${values[odd]}`);
    assert.ok(Object.is(counts[1], values[odd]), `keeps ${values[odd]}`);
  }
  assert.equal(bucketCounts(values, []).length, 0);
});

test('a payload read for the families of SAMPLE_NAMES_READ gives the same PeerSample as the whole payload', () => {
  const keep = new SampleFamilies(familiesOfSamples(SAMPLE_NAMES_READ));
  const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));
  // An older peer (the `cluster_` namespace) and the OpenMetrics form of the process counters.
  const old = ['# TYPE cluster_cluster_pin_count gauge', 'cluster_cluster_pin_count 7', '# TYPE cluster_gorpc_libp2p_io_server_server_latency histogram',
    'cluster_gorpc_libp2p_io_server_server_latency_bucket{gorpc_server_method="Cluster.Pin",le="1"} 3', 'cluster_gorpc_libp2p_io_server_server_latency_bucket{gorpc_server_method="Cluster.Pin",le="+Inf"} 4', ''].join('\n');
  const om = ['# TYPE process_cpu_seconds counter', 'process_cpu_seconds_total 12.5', '# TYPE libp2p_swarm_connections_opened counter', 'libp2p_swarm_connections_opened_total{dir="in"} 3',
    'libp2p_swarm_connections_opened_total{dir="out"} 4', '# TYPE go_goroutines gauge', 'go_goroutines 99', '# EOF', ''].join('\n');
  const payloads: [Uint8Array, 'text' | 'openmetrics'][] = [[fixture('peer-t0.prom'), 'text'], [fixture('peer-t10s.prom'), 'text'], [new TextEncoder().encode(old), 'text'], [new TextEncoder().encode(om), 'openmetrics']];
  const shape = (s: ReturnType<PeerSampleExtractor['extract']>): unknown => ({
    ...s,
    latency: s.latency && { family: s.latency.family, columns: [...s.latency.les].map((le, c) => [s.latency!.plan.methods[s.latency!.plan.methodOf[c]], le]) },
    latencyValues: [...s.latencyValues],
  });
  for (const [bytes, format] of payloads) {
    const whole = parseExposition(bytes, { format });
    const part = parseExposition(bytes, { format, keep });
    assert.ok(whole.ok && part.ok);
    if (bytes.length > 100_000) assert.ok(part.exposition.series.length < whole.exposition.series.length / 2);
    assert.deepStrictEqual(shape(new PeerSampleExtractor().extract(part.exposition, 1)), shape(new PeerSampleExtractor().extract(whole.exposition, 1)));
  }
});

test("targets handed the same series array share its plan and latency layout, each with its own values", () => {
  const fixture = (name: string): Uint8Array => readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url));
  const pool = new SeriesPool();
  const plans = new ExtractionPlans();
  const [a, b] = [0, 1].map(() => ({ table: new SeriesTable({}, pool), extractor: new PeerSampleExtractor(plans) }));
  const read = (target: typeof a, name: string) => {
    const r = parseExposition(fixture(name), { format: 'text', table: target.table });
    assert.ok(r.ok);
    return { exposition: r.exposition, sample: target.extractor.extract(r.exposition, 1) };
  };
  const first = read(a, 'peer-t0.prom');
  const second = read(b, 'peer-t10s.prom');
  assert.equal(second.exposition.series, first.exposition.series, 'the second peer is read into the first one\'s series array');
  assert.ok(first.sample.latency !== null);
  assert.equal(second.sample.latency, first.sample.latency);
  const alone = new PeerSampleExtractor(new ExtractionPlans()).extract(second.exposition, 1);
  assert.deepEqual([...second.sample.latencyValues], [...alone.latencyValues]);
  assert.deepEqual(second.sample.gauges, alone.gauges);
  assert.notDeepEqual([...second.sample.latencyValues], [...first.sample.latencyValues], 'the fixtures differ in their counts');
  // A peer whose series change gets a plan of its own; the other keeps the shared one.
  const changed = new TextDecoder().decode(fixture('peer-t10s.prom')).replaceAll('gorpc_server_method="Cluster.Pin"', 'gorpc_server_method="Cluster.Renamed"');
  const r = parseExposition(changed, { format: 'text', table: a.table });
  assert.ok(r.ok);
  const own = a.extractor.extract(r.exposition, 2);
  assert.notEqual(own.latency, first.sample.latency);
  assert.ok(own.latency !== null && own.latency.plan.methods.includes('Cluster.Renamed'));
  assert.equal(read(b, 'peer-t0.prom').sample.latency, first.sample.latency);
});
