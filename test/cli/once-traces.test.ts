// `--once` with traces: the built binary against a loopback metrics server (fixture scrapes) and a
// loopback Jaeger 1.x/v2 query API serving the fixture search of cluster-daemon-peer0.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixture, json, serveJaeger } from '../sources/jaeger/loopback-jaeger.js';
import { serveSequence } from '../support/fixture-server.js';
import { runCli } from '../support/run-cli.js';

const metrics = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/ipfs-cluster/${name}`, import.meta.url), 'utf8');

describe('cluster-top --once with a Jaeger query API', () => {
  it('adds the service and its traces, most recent first, to the JSON', async (t) => {
    const peer = await serveSequence([metrics('peer-t0.prom'), metrics('peer-t10s.prom')]);
    t.after(() => peer.close());
    const jaeger = await serveJaeger(t, (path) => {
      if (path === '/api/services') return json({ data: ['jaeger-all-in-one', 'cluster-daemon-peer0'], total: 2 });
      if (path === '/api/traces') return { body: fixture('search-cluster-daemon-peer0.json') };
      return json({ data: null, errors: [{ code: 404, msg: 'not found' }] }, 404);
    });
    const result = await runCli(['--once', '--json', '--metrics', peer.url, '--interval', '200ms', '--jaeger', jaeger.origin, '--limit', '20']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.service, 'cluster-daemon-peer0');
    assert.equal(doc.tracesError, undefined);
    assert.equal(doc.traces.length, 8);
    const starts = doc.traces.map((r: { startTime: number }) => r.startTime);
    assert.deepEqual(starts, [...starts].sort((a: number, b: number) => b - a));
    for (const row of doc.traces) {
      assert.match(row.traceID, /^[0-9a-f]{32}$/);
      assert.deepEqual(Object.keys(row).sort(), ['durationMs', 'errors', 'name', 'services', 'spans', 'startTime', 'traceID']);
    }
    const search = jaeger.seen.find((s) => s.path === '/api/traces')!;
    assert.equal(search.query.get('service'), 'cluster-daemon-peer0');
    assert.equal(search.query.get('limit'), '20');
    assert.equal(doc.rpc.length, 18, 'the metrics are still there');
  });

  it('keeps the metrics and reports Jaeger being down in tracesError', async (t) => {
    const peer = await serveSequence([metrics('peer-t0.prom'), metrics('peer-t10s.prom')]);
    t.after(() => peer.close());
    const result = await runCli(['--once', '--json', '--metrics', peer.url, '--interval', '200ms', '--jaeger', 'http://127.0.0.1:9']);
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.deepEqual(doc.traces, []);
    assert.match(doc.tracesError, /refused/);
    assert.equal(doc.rpc.length, 18);
  });

  it('prints the trace rows as a table after the metrics', async (t) => {
    const peer = await serveSequence([metrics('peer-t0.prom'), metrics('peer-t10s.prom')]);
    t.after(() => peer.close());
    const jaeger = await serveJaeger(t, (path) =>
      path === '/api/services' ? json({ data: ['cluster-daemon-peer0'] }) : { body: fixture('search-cluster-daemon-peer0.json') });
    const result = await runCli(['--once', '--metrics', peer.url, '--interval', '200ms', '--jaeger', jaeger.origin]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /traces of cluster-daemon-peer0: 8/);
    assert.match(result.stdout, /Recv\.127\.0\.0\.1:9094:\/add:POST/);
    for (const line of result.stdout.split('\n')) assert.ok([...line].length <= 80, line);
  });

  it('leaves traces out with --no-traces', async (t) => {
    const peer = await serveSequence([metrics('peer-t0.prom'), metrics('peer-t10s.prom')]);
    t.after(() => peer.close());
    const result = await runCli(['--once', '--json', '--no-traces', '--metrics', peer.url, '--interval', '200ms']);
    const doc = JSON.parse(result.stdout);
    assert.equal('traces' in doc, false);
    assert.equal('service' in doc, false);
  });
});
