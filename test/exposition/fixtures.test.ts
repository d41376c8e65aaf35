// The IPFS Cluster fixtures (test/fixtures/ipfs-cluster): families, the gorpc latency histogram,
// counters named *_count, and re-reading the second scrape with a warm table.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseExposition } from '../../src/exposition/parse.js';
import { SeriesTable } from '../../src/exposition/series-table.js';
import type { Exposition } from '../../src/exposition/types.js';

const fixture = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url)));
const t0 = fixture('peer-t0.prom');
const t10 = fixture('peer-t10s.prom');
const LATENCY = 'ipfscluster_gorpc_libp2p_io_server_server_latency';

function parse(bytes: Uint8Array, table?: SeriesTable): Exposition {
  const r = parseExposition(bytes, { format: 'text', table });
  if (!r.ok) assert.fail(`${r.error.line}:${r.error.column} ${r.error.message}`);
  return r.exposition;
}

describe('IPFS Cluster fixtures', () => {
  it('parse into 72 families, each with its declared type', () => {
    for (const bytes of [t0, t10]) {
      const e = parse(bytes);
      assert.equal(e.families.size, 72);
      const declared = new TextDecoder().decode(bytes).match(/^# TYPE \S+ \S+$/gm) ?? [];
      assert.equal(declared.length, 72);
      for (const line of declared) {
        const [, , name, type] = line.split(' ');
        assert.equal(e.families.get(name)?.type, type, name);
      }
      const samples = new TextDecoder().decode(bytes).split('\n').filter((l) => l !== '' && !l.startsWith('#'));
      assert.equal(e.series.length, samples.length);
    }
  });

  it('give the gorpc latency histogram 41 buckets per method (40 finite + +Inf), plus _sum and _count', () => {
    const e = parse(t0);
    assert.equal(e.families.get(LATENCY)?.type, 'histogram');
    const byMethod = new Map<string, number[]>();
    for (const s of e.series) {
      if (s.family !== LATENCY) continue;
      const method = s.labels.gorpc_server_method;
      assert.ok(method, 'every latency series has a method');
      if (s.name === `${LATENCY}_bucket`) byMethod.set(method, [...(byMethod.get(method) ?? []), s.le]);
      else assert.ok(s.name === `${LATENCY}_sum` || s.name === `${LATENCY}_count`, s.name);
    }
    assert.ok(byMethod.size > 1);
    for (const [method, les] of byMethod) {
      assert.equal(les.length, 41, method);
      assert.equal(les.filter(Number.isFinite).length, 40, method);
      assert.equal(les[40], Infinity, method);
      assert.deepEqual([...les].sort((a, b) => a - b), les, `${method}: buckets in increasing le order`);
    }
    const cid = e.series.find((s) => s.name === `${LATENCY}_bucket` && s.labels.gorpc_server_method === 'Cluster.ID' && s.le === 0.01);
    assert.deepEqual(cid?.labels, { gorpc_server_method: 'Cluster.ID', le: '0.01' });
  });

  it('keep the counter ipfscluster_opencensus_io_http_server_request_count as its own counter family', () => {
    const e = parse(t0);
    const name = 'ipfscluster_opencensus_io_http_server_request_count';
    assert.equal(e.families.get(name)?.type, 'counter');
    const members = e.series.filter((s) => s.family === name);
    assert.deepEqual(members.map((s) => s.name), [name]);
    const byMethod = e.series.filter((s) => s.name === `${name}_by_method`);
    assert.ok(byMethod.length > 0);
    assert.ok(byMethod.every((s) => s.family === `${name}_by_method`));
  });

  it('keep gauges named *_count as their own gauge families', () => {
    const e = parse(t0);
    for (const name of ['libp2p_identify_addrs_count', 'libp2p_identify_protocols_count']) {
      assert.equal(e.families.get(name)?.type, 'gauge');
      const s = e.series.find((x) => x.name === name);
      assert.equal(s?.family, name);
    }
  });

  it('read Go float forms such as 1.048576e+06', () => {
    const e = parse(t0);
    const i = e.series.findIndex((s) => s.name === 'process_max_fds');
    assert.equal(e.values[i], 1048576);
  });

  it('re-read t10s with the table warmed by t0 exactly as with a fresh table', () => {
    const table = new SeriesTable();
    const first = parse(t0, table);
    const warm = parse(t10, table);
    const cold = parse(t10);
    assert.equal(warm.series, first.series, 'the same series array is handed out again');
    assert.equal(warm.families, first.families);
    assert.equal(table.size, first.series.length);
    assert.deepEqual([...warm.values], [...cold.values]);
    assert.deepEqual(warm.series.map((s) => [s.name, s.family, { ...s.labels }]), cold.series.map((s) => [s.name, s.family, { ...s.labels }]));
    assert.deepEqual([...warm.families.values()], [...cold.families.values()]);
    assert.ok(warm.values.some((v, i) => v !== first.values[i]), 'values moved between the two scrapes');
  });
});
