// PeerSampleExtractor under a flood of RPC methods: the latency columns are capped, so the trend
// that remembers every scrape's rates per method stays bounded.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseExposition } from '../../src/exposition/parse.js';
import { MAX_LATENCY_COLUMNS, PeerSampleExtractor } from '../../src/model/peer-sample.js';

test('at most MAX_LATENCY_COLUMNS latency buckets are kept, the first ones in payload order', () => {
  const family = 'ipfscluster_gorpc_libp2p_io_server_server_latency';
  const lines = [`# TYPE ${family} histogram`];
  for (let m = 0; m < 3000; m++) lines.push(`${family}_bucket{gorpc_server_method="M.${m}",le="1"} 1`, `${family}_bucket{gorpc_server_method="M.${m}",le="+Inf"} 2`);
  const r = parseExposition(lines.join('\n') + '\n', { format: 'text' });
  assert.ok(r.ok);
  const sample = new PeerSampleExtractor().extract(r.exposition, 1000);
  assert.equal(sample.latency?.columns.length, MAX_LATENCY_COLUMNS);
  assert.equal(sample.latencyValues.length, MAX_LATENCY_COLUMNS);
  assert.equal(sample.latency?.columns[0].method, 'M.0');
});
