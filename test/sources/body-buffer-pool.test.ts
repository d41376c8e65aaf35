// Body buffers shared through a pool: a scrape reads its body into a free buffer, and the buffer
// comes back when the body's user releases it (at once for an error answer); a pool never keeps
// more than its size, so a fleet holds as many as it has scrapes in flight, not one per peer.

import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { describe, it } from 'node:test';
import { createHttpFeed } from '../../src/feed/peer-feed.js';
import { BodyBufferPool } from '../../src/sources/body-buffer-pool.js';
import { createScraper } from '../../src/sources/scrape.js';
import { listenLoopback } from '../support/listen-loopback.js';

const PAYLOAD = Array.from({ length: 2000 }, (_, i) => `ipfscluster_pins{i="${i}"} ${i}`).join('\n') + '\n';

async function server(t: Parameters<typeof listenLoopback>[0], status = () => 200): Promise<string> {
  const port = await listenLoopback(t, createServer((_, res) => {
    res.writeHead(status(), { 'content-type': 'text/plain; version=0.0.4' });
    res.end(PAYLOAD);
  }));
  return `http://127.0.0.1:${port}/metrics`;
}

describe('BodyBufferPool', () => {
  it('keeps at most its size', () => {
    const pool = new BodyBufferPool(2);
    for (let i = 0; i < 5; i++) pool.give(Buffer.alloc(8));
    assert.equal(pool.size, 2);
    assert.ok(pool.take() !== null && pool.take() !== null);
    assert.equal(pool.take(), null);
  });

  it('a scrape reads into a free buffer, which comes back on release, once', async (t) => {
    const url = await server(t);
    const pool = new BodyBufferPool(1);
    const scraper = createScraper({ url, timeoutMs: 5000, maxBodyBytes: 1 << 20, gzip: false, bodyPool: pool });
    t.after(() => scraper.close());
    const first = await scraper.scrape();
    assert.ok(first.ok);
    assert.equal(first.body.toString(), PAYLOAD);
    assert.equal(pool.size, 0, 'held while the body is in use');
    first.release();
    first.release();
    assert.equal(pool.size, 1, 'given back once');
    const second = await scraper.scrape();
    assert.ok(second.ok);
    assert.equal(second.body.buffer, first.body.buffer, 'the next body lies in the same memory');
    assert.equal(second.body.toString(), PAYLOAD);
  });

  it('an error answer gives its buffer back at once', async (t) => {
    const url = await server(t, () => 500);
    const pool = new BodyBufferPool(1);
    pool.give(Buffer.alloc(64 * 1024));
    const scraper = createScraper({ url, timeoutMs: 5000, maxBodyBytes: 1 << 20, gzip: false, bodyPool: pool });
    t.after(() => scraper.close());
    const outcome = await scraper.scrape();
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.status, 500);
    assert.equal(pool.size, 1);
  });

  it('feeds sharing a pool parse their own payloads and leave at most the pool\'s size behind', async (t) => {
    const url = await server(t);
    const pool = new BodyBufferPool(2);
    const feeds = Array.from({ length: 5 }, () => createHttpFeed({ url, timeoutMs: 5000, maxBodyBytes: 1 << 20, gzip: false, bodyPool: pool }));
    t.after(() => feeds.forEach((f) => f.close()));
    for (let round = 0; round < 2; round++) {
      const outcomes = await Promise.all(feeds.map((f) => f.poll()));
      for (const o of outcomes) assert.ok(o.ok && o.sample.gauges.pins === 1999 * 2000 / 2, JSON.stringify(o).slice(0, 200));
      assert.ok(pool.size >= 1 && pool.size <= 2, `${pool.size} free`);
    }
  });
});
