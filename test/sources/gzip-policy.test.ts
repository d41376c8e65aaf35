// The gzip policy on its own, then through real scrapers against loopback servers: a loopback
// peer is asked for identity until its bodies arrive slowly (a tunnel) or a scrape times out,
// then for gzip for good; a peer elsewhere is always asked for gzip; `gzip: false` never is.

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it, type TestContext } from 'node:test';
import zlib from 'node:zlib';
import {
  GzipPolicy,
  isLoopbackHost,
  JUDGED_BODY_BYTES,
  SLOW_BODIES_TO_SWITCH,
  SLOW_LINK_BYTES_PER_SECOND,
} from '../../src/sources/gzip-policy.js';
import { createScraper, type ScraperOptions } from '../../src/sources/scrape.js';
import { listenLoopback } from '../support/listen-loopback.js';

const hostOf = (url: string): string => new URL(url).hostname;

/** Milliseconds in which `bytes` arrive at `factor` times the slow-link rate. */
const msAt = (bytes: number, factor: number): number => (bytes * 1000) / (SLOW_LINK_BYTES_PER_SECOND * factor);

describe('isLoopbackHost', () => {
  it('knows the names of this machine, as URLs spell them', () => {
    for (const url of ['http://127.0.0.1:9090', 'http://127.1.2.3/', 'http://localhost:9090', 'http://LOCALHOST', 'http://peer.localhost', 'http://[::1]:9090', 'http://[::ffff:127.0.0.1]/']) {
      assert.equal(isLoopbackHost(hostOf(url)), true, url);
    }
    for (const url of ['http://10.0.0.5:8888', 'http://128.0.0.1', 'http://cluster.example.com', 'http://localhost.example.com', 'http://[::2]', 'http://[::ffff:10.0.0.1]/']) {
      assert.equal(isLoopbackHost(hostOf(url)), false, url);
    }
  });
});

describe('GzipPolicy', () => {
  const big = JUDGED_BODY_BYTES * 4;

  it('always asks a remote peer for gzip, and never when gzip is not allowed', () => {
    const remote = new GzipPolicy('10.0.0.5', true);
    const never = new GzipPolicy('127.0.0.1', false);
    for (let i = 0; i < 5; i++) {
      remote.bodyArrived(big, msAt(big, 100));
      never.bodyArrived(big, msAt(big, 0.01));
      never.timedOut();
    }
    assert.equal(remote.asksGzip, true);
    assert.equal(never.asksGzip, false);
  });

  it('switches a loopback peer to gzip after slow bodies in a row, for good', () => {
    const policy = new GzipPolicy('127.0.0.1', true);
    assert.equal(policy.asksGzip, false);
    for (let i = 1; i < SLOW_BODIES_TO_SWITCH; i++) policy.bodyArrived(big, msAt(big, 0.5));
    policy.bodyArrived(big, msAt(big, 2)); // one fast body: the count starts again
    for (let i = 1; i < SLOW_BODIES_TO_SWITCH; i++) policy.bodyArrived(big, msAt(big, 0.5));
    assert.equal(policy.asksGzip, false);
    policy.bodyArrived(big, msAt(big, 0.5));
    assert.equal(policy.asksGzip, true);
    for (let i = 0; i < 5; i++) policy.bodyArrived(big, msAt(big, 100));
    assert.equal(policy.asksGzip, true, 'fast bodies afterwards do not switch back');
  });

  it('does not judge small bodies, however slow', () => {
    const policy = new GzipPolicy('localhost', true);
    for (let i = 0; i < 10; i++) policy.bodyArrived(JUDGED_BODY_BYTES - 1, 1000);
    assert.equal(policy.asksGzip, false);
  });

  it('switches a loopback peer to gzip when a scrape times out', () => {
    const policy = new GzipPolicy('[::1]', true);
    policy.timedOut();
    assert.equal(policy.asksGzip, true);
  });
});

/** A body that is judged (bigger than JUDGED_BODY_BYTES), in exposition text. */
const BODY = Buffer.from('ipfscluster_pins 7\n'.repeat(Math.ceil((JUDGED_BODY_BYTES * 2) / 19)));

interface EncodingServer {
  readonly url: string;
  /** Accept-Encoding of each request, in order. */
  readonly asked: string[];
}

/**
 * Serves BODY: gzipped at once when gzip is asked for; otherwise in 16 pieces, `dripMs` apart (a
 * slow link when over 0), or not at all (a stall) while `stall()` says so.
 */
async function serveBody(t: TestContext, dripMs: number, stall: () => boolean = () => false): Promise<EncodingServer> {
  const asked: string[] = [];
  const zipped = zlib.gzipSync(BODY);
  const server = http.createServer((req, res) => {
    const encoding = String(req.headers['accept-encoding']);
    asked.push(encoding);
    if (encoding === 'gzip') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-encoding': 'gzip' });
      return void res.end(zipped);
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'content-length': BODY.length });
    if (stall()) return void res.flushHeaders();
    if (dripMs === 0) return void res.end(BODY);
    const size = Math.ceil(BODY.length / 16);
    let at = 0;
    const drip = (): void => {
      if (res.destroyed) return;
      res.write(BODY.subarray(at, at + size));
      at += size;
      if (at >= BODY.length) return void res.end();
      setTimeout(drip, dripMs);
    };
    drip();
  });
  const port = await listenLoopback(t, server);
  return { url: `http://127.0.0.1:${port}/metrics`, asked };
}

/** Scrapes `times` times, each one checked to bring BODY. */
async function scrapeTimes(t: TestContext, options: Partial<ScraperOptions> & { url: string }, times: number): Promise<void> {
  const scraper = createScraper({ timeoutMs: 10_000, maxBodyBytes: 64 << 20, ...options });
  t.after(() => scraper.close());
  for (let i = 0; i < times; i++) {
    const outcome = await scraper.scrape();
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    assert.ok(outcome.body.equals(BODY));
  }
}

describe('gzip policy of a scraper', () => {
  it('asks a loopback peer whose bodies arrive slowly for identity, then for gzip', async (t) => {
    // 16 pieces 10 ms apart: 150 ms or more for 256 KB, far below SLOW_LINK_BYTES_PER_SECOND.
    const srv = await serveBody(t, 10);
    await scrapeTimes(t, { url: srv.url }, SLOW_BODIES_TO_SWITCH + 2);
    const identity = Array<string>(SLOW_BODIES_TO_SWITCH).fill('identity');
    assert.deepEqual(srv.asked, [...identity, 'gzip', 'gzip']);
  });

  it('never asks for gzip when told not to, however slow the peer', async (t) => {
    const srv = await serveBody(t, 10);
    await scrapeTimes(t, { url: srv.url, gzip: false }, SLOW_BODIES_TO_SWITCH + 1);
    assert.ok(srv.asked.every((e) => e === 'identity'), srv.asked.join());
  });

  it('asks for gzip after a scrape of a loopback peer timed out', async (t) => {
    let stalls = 1;
    const srv = await serveBody(t, 0, () => stalls-- > 0);
    const scraper = createScraper({ url: srv.url, timeoutMs: 300, maxBodyBytes: 64 << 20 });
    t.after(() => scraper.close());
    const first = await scraper.scrape();
    assert.ok(!first.ok && first.error.kind === 'timeout');
    const second = await scraper.scrape();
    assert.ok(second.ok && second.body.equals(BODY));
    assert.deepEqual(srv.asked, ['identity', 'gzip']);
  });
});
