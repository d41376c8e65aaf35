// BodyReader fed by real loopback responses: a gzip body is inflated in one call when its compressed
// bytes are few, and by the streaming inflater past ONE_SHOT_GZIP_BYTES (what was kept so far
// handed over first); both give the same bytes and stop at the cap on the inflated count.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { test, type TestContext } from 'node:test';
import zlib from 'node:zlib';
import { BodyReader, BodyTooBigError, ONE_SHOT_GZIP_BYTES, type ReadBody, type ReadBodyOptions } from '../../src/sources/scrape-body.js';
import { listenLoopback } from '../support/listen-loopback.js';

const KiB = 1024;
const MiB = 1024 * KiB;

/** Serves `pieces` as one gzip-encoded body, each piece its own write (a tick apart), no Content-Length. */
async function serveGzip(t: TestContext, pieces: readonly Buffer[]): Promise<string> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    let next = 0;
    const pump = (): void => {
      if (next === pieces.length) return void res.end();
      res.write(pieces[next++]);
      setImmediate(pump);
    };
    pump();
  });
  const port = await listenLoopback(t, server);
  return `http://127.0.0.1:${port}/metrics`;
}

/** Serves `bodies` in turn with their Content-Length, each in pieces a tick apart. */
async function serveSized(t: TestContext, bodies: readonly Buffer[]): Promise<string> {
  let next = 0;
  const server = http.createServer((_req, res) => {
    const body = bodies[next++ % bodies.length];
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': body.length });
    res.end(body);
  });
  const port = await listenLoopback(t, server);
  return `http://127.0.0.1:${port}/metrics`;
}

/** GETs `url` and feeds the response body to a BodyReader with `options`, as it arrives. */
function get(url: string, options: ReadBodyOptions): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      const done = (result: ReadBody | Error): void => {
        res.destroy();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const length = res.headers['content-length'] === undefined ? undefined : Number(res.headers['content-length']);
      const reader = new BodyReader(res.headers['content-encoding'], { ...options, length }, done, () => res.resume());
      res.on('data', (piece: Buffer) => {
        if (!reader.write(piece)) res.pause();
      });
      res.on('end', () => reader.end());
    }).on('error', reject);
  });
}

/** Splits `buffer` into `count` pieces of about the same length. */
function split(buffer: Buffer, count: number): Buffer[] {
  const size = Math.ceil(buffer.length / count);
  const out: Buffer[] = [];
  for (let at = 0; at < buffer.length; at += size) out.push(buffer.subarray(at, at + size));
  return out;
}

/** Text that gzip shrinks about tenfold, like an exposition payload. */
function exposition(lines: number): Buffer {
  let text = '';
  for (let i = 0; i < lines; i++) text += `ipfscluster_rpc_latency_bucket{method="Cluster.M${i % 97}",le="${i % 13}"} ${i * 7}\n`;
  return Buffer.from(text);
}

test('a small gzip body, sent in pieces, is inflated whole', async (t) => {
  const text = exposition(3000);
  const gz = zlib.gzipSync(text);
  assert.ok(gz.length < ONE_SHOT_GZIP_BYTES);
  const read = await get(await serveGzip(t, split(gz, 5)), { maxBytes: 64 * MiB });
  assert.ok(read.body.equals(text));
  assert.equal(read.wireBytes, gz.length);
  assert.equal(read.truncated, false);
});

test('concatenated gzip members inflate to their sum although the trailer only gives the last length', async (t) => {
  const parts = [exposition(2000), Buffer.from('# one more line\n'), exposition(10)];
  const gz = Buffer.concat(parts.map((p) => zlib.gzipSync(p)));
  const read = await get(await serveGzip(t, [gz]), { maxBytes: 64 * MiB });
  assert.ok(read.body.equals(Buffer.concat(parts)));
});

test('a gzip body whose compressed bytes pass the one-shot limit is streamed, with the same result', async (t) => {
  // Random bytes do not compress: the gzip body is larger than the one-shot limit.
  const raw = Buffer.concat([exposition(1000), randomBytes(ONE_SHOT_GZIP_BYTES + 256 * KiB), exposition(1000)]);
  const gz = zlib.gzipSync(raw);
  assert.ok(gz.length > ONE_SHOT_GZIP_BYTES);
  const read = await get(await serveGzip(t, split(gz, 12)), { maxBytes: 64 * MiB });
  assert.ok(read.body.equals(raw));
  assert.equal(read.wireBytes, gz.length);
});

test('a small gzip body that inflates past the cap fails as too big once decompressed', async (t) => {
  const gz = zlib.gzipSync(Buffer.alloc(8 * MiB));
  assert.ok(gz.length < ONE_SHOT_GZIP_BYTES);
  const url = await serveGzip(t, [gz]);
  await assert.rejects(get(url, { maxBytes: MiB }), (err: unknown) => err instanceof BodyTooBigError && err.decompressed);
  const exact = await get(url, { maxBytes: 8 * MiB });
  assert.equal(exact.body.length, 8 * MiB, 'a body of exactly the cap is kept');
});

test('a small gzip bomb (900 MiB inflated) is stopped at the cap without inflating it all', async (t) => {
  const member = zlib.gzipSync(Buffer.alloc(MiB), { level: 9 });
  const gz = Buffer.concat(Array.from({ length: 900 }, () => member));
  assert.ok(gz.length < ONE_SHOT_GZIP_BYTES);
  const url = await serveGzip(t, [gz]);
  const before = process.memoryUsage().rss;
  await assert.rejects(get(url, { maxBytes: 4 * MiB }), (err: unknown) => err instanceof BodyTooBigError && err.decompressed);
  assert.ok(process.memoryUsage().rss - before < 256 * MiB, 'nothing near 900 MiB was held');
});

test('a streamed gzip body that inflates past the cap fails as too big once decompressed', async (t) => {
  const gz = Buffer.concat([zlib.gzipSync(randomBytes(ONE_SHOT_GZIP_BYTES + 64 * KiB)), zlib.gzipSync(Buffer.alloc(8 * MiB))]);
  const url = await serveGzip(t, split(gz, 8));
  await assert.rejects(get(url, { maxBytes: 4 * MiB }), (err: unknown) => err instanceof BodyTooBigError && err.decompressed);
});

test('an error page excerpt of a gzip body is cut at the cap on the inflated bytes', async (t) => {
  const text = exposition(500);
  const gz = zlib.gzipSync(text);
  const cap = gz.length + 100;
  assert.ok(cap < text.length);
  const read = await get(await serveGzip(t, [gz]), { maxBytes: cap, truncate: true });
  assert.equal(read.truncated, true);
  assert.ok(read.body.equals(text.subarray(0, cap)));
});

test('an empty or cut-off gzip body is a zlib error, as from the streaming inflater', async (t) => {
  const gz = zlib.gzipSync(exposition(100));
  for (const body of [Buffer.alloc(0), gz.subarray(0, gz.length - 6)]) {
    const url = await serveGzip(t, body.length === 0 ? [] : [body]);
    await assert.rejects(get(url, { maxBytes: MiB }), (err: NodeJS.ErrnoException) => err.code === 'Z_BUF_ERROR');
  }
});

test('bodies of known length are read into the spare of an earlier one while they fit', async (t) => {
  const bodies = [exposition(900), exposition(950), exposition(700), exposition(2000)];
  const url = await serveSized(t, bodies);
  const first = await get(url, { maxBytes: MiB, into: null });
  assert.ok(first.body.equals(bodies[0]));
  assert.ok(first.spare !== undefined && first.spare.length > bodies[0].length, 'allocated with headroom');
  const second = await get(url, { maxBytes: MiB, into: first.spare });
  assert.ok(second.body.equals(bodies[1]));
  assert.equal(second.spare, first.spare, 'a slightly bigger body fits the headroom');
  const third = await get(url, { maxBytes: MiB, into: second.spare });
  assert.ok(third.body.equals(bodies[2]));
  assert.equal(third.spare, first.spare);
  const fourth = await get(url, { maxBytes: MiB, into: third.spare });
  assert.ok(fourth.body.equals(bodies[3]));
  assert.notEqual(fourth.spare, first.spare, 'one that does not fit gets a new buffer');
  const small = exposition(30);
  const url2 = await serveSized(t, [small]);
  const fifth = await get(url2, { maxBytes: MiB, into: fourth.spare });
  assert.ok(fifth.body.equals(small));
  assert.ok(fifth.spare !== undefined && fifth.spare !== fourth.spare && fifth.spare.length < 2 * small.length, 'a far smaller body does not keep the big buffer alive');
  const own = await get(url, { maxBytes: MiB });
  assert.ok(own.body.equals(bodies[0]));
  assert.equal(own.spare?.length, bodies[0].length, 'without `into`, no headroom');
});
