// The Accept-Encoding header; a loopback peer that answers fast is asked for identity, whether
// gzip is allowed or not (gzip-policy.test.ts has the rest of the policy); and a payload feed
// parses held payloads exactly as a replay parses files.

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import { createHttpFeed, createPayloadFeed } from '../../src/feed/peer-feed.js';
import { requestHeaders } from '../../src/sources/http-agent.js';
import { createScraper } from '../../src/sources/scrape.js';
import { listenLoopback } from '../support/listen-loopback.js';

const PAYLOAD = '# TYPE ipfscluster_pins gauge\nipfscluster_pins 7\n';

async function serve(t: TestContext): Promise<{ url: string; encodings: string[] }> {
  const encodings: string[] = [];
  const server = http.createServer((req, res) => {
    encodings.push(String(req.headers['accept-encoding']));
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(PAYLOAD);
  });
  const port = await listenLoopback(t, server);
  return { url: `http://127.0.0.1:${port}/metrics`, encodings };
}

describe('gzip negotiation', () => {
  it('asks for gzip by default and for identity only when told', () => {
    assert.equal(requestHeaders(undefined)['accept-encoding'], 'gzip');
    assert.equal(requestHeaders(undefined, false)['accept-encoding'], 'identity');
    assert.equal(requestHeaders({ 'Accept-Encoding': 'br' }, false)['accept-encoding'], 'br', 'the caller’s header still wins');
  });

  it('asks a fast loopback peer for identity, through the scraper and the feed', async (t) => {
    const srv = await serve(t);
    for (const gzip of [undefined, true, false]) {
      const scraper = createScraper({ url: srv.url, timeoutMs: 2000, maxBodyBytes: 1 << 20, gzip });
      const outcome = await scraper.scrape();
      scraper.close();
      assert.ok(outcome.ok);
    }
    const feed = createHttpFeed({ url: srv.url, timeoutMs: 2000, maxBodyBytes: 1 << 20, gzip: false });
    const polled = await feed.poll();
    feed.close();
    assert.ok(polled.ok);
    assert.deepEqual(srv.encodings, ['identity', 'identity', 'identity', 'identity']);
  });
});

describe('createHttpFeed', () => {
  it('parses body after body right while it reads each into the buffer of the one before', async (t) => {
    const sizes = [40, 60, 10, 200, 5];
    const payloads = sizes.map((n, i) => `# TYPE ipfscluster_pins gauge\nipfscluster_pins ${1000 + i}\n${'# padding line\n'.repeat(n)}`);
    let next = 0;
    const server = http.createServer((_req, res) => {
      const body = Buffer.from(payloads[next++]);
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': body.length });
      res.end(body);
    });
    const port = await listenLoopback(t, server);
    const feed = createHttpFeed({ url: `http://127.0.0.1:${port}/metrics`, timeoutMs: 2000, maxBodyBytes: 1 << 20 });
    t.after(() => feed.close());
    for (let i = 0; i < sizes.length; i++) {
      const polled = await feed.poll();
      assert.ok(polled.ok, polled.ok ? '' : polled.message);
      assert.equal(polled.sample.gauges.pins, 1000 + i);
      assert.equal(polled.bytes, Buffer.byteLength(payloads[i]));
    }
  });
});

describe('createPayloadFeed', () => {
  it('parses each held payload into a sample, then says the recording ended', async () => {
    const held = [
      { body: new TextEncoder().encode(PAYLOAD), format: 'text' as const, tMs: 1000 },
      { body: new TextEncoder().encode(PAYLOAD.replace(' 7', ' 9')), format: 'text' as const, tMs: 2000 },
    ];
    let next = 0;
    const feed = createPayloadFeed('held', () => held[next++] ?? null);
    const a = await feed.poll();
    const b = await feed.poll();
    const end = await feed.poll();
    assert.ok(a.ok && b.ok);
    assert.equal(a.sample.tMs, 1000);
    assert.equal(b.sample.gauges.pins, 9);
    assert.ok(!end.ok && end.kind === 'replay-end');
  });
});
