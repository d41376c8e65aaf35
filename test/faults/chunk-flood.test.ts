// A peer that answers with a flood of 1-byte chunks (Transfer-Encoding: chunked), against the
// built command line (`--once`) in a child process: the scrape stops at --max-body with the
// "too big" line, and the process's peak RSS stays within twice the cap plus a constant of a run
// that read a small body cut up the same way. Each chunk kept as its own Buffer, 1 MiB of body
// cost ~127 MiB of RSS (~1 GiB at 8 MiB): the flood is bounded by its count of bytes (64 MiB),
// so the outcome depends on what the client keeps, not on how fast anything runs.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import zlib from 'node:zlib';
import { startChunkFlood } from '../support/chunk-flood.js';
import { runCliMeasured, type MeasuredCliResult } from '../support/peak-rss.js';

const MiB = 1024 * 1024;
const MAX_BODY = MiB;
/** What the flood may cost over the small body: the body's buffer while it grows (twice the cap), plus slack for the collector. */
const ALLOWANCE = 2 * MAX_BODY + 16 * MiB;

const fixture = readFileSync(new URL('../../../test/fixtures/ipfs-cluster/peer-t0.prom', import.meta.url));

function once(url: string): Promise<MeasuredCliResult> {
  return runCliMeasured(['--once', '--metrics', url, '--max-body', '1MiB', '--timeout', '60s', '--interval', '100ms']);
}

/** Peak RSS of `--once` reading the fixture in 1-byte chunks, bytes. */
async function baseline(t: TestContext): Promise<number> {
  const run = await once(await startChunkFlood(t, { body: fixture }));
  assert.equal(run.code, 0, run.stderr);
  assert.ok(run.peakRssBytes !== null);
  return run.peakRssBytes;
}

function assertStoppedAtCap(run: MeasuredCliResult, base: number): void {
  assert.equal(run.code, 1, run.stderr);
  assert.match(run.stderr, /^cluster-top: cannot read http:\/\/127\.0\.0\.1:\d+\/metrics: response from 127\.0\.0\.1:\d+ exceeds 1 MiB \(--max-body\)\n$/);
  assert.ok(run.peakRssBytes !== null, 'the child lived to report its peak RSS');
  const over = run.peakRssBytes - base;
  assert.ok(over < ALLOWANCE, `peak RSS ${(run.peakRssBytes / MiB).toFixed(1)} MiB, ${(over / MiB).toFixed(1)} MiB over the small body's`);
}

test('64 MiB in 1-byte chunks: stopped at --max-body, peak RSS within twice the cap of a small body', async (t) => {
  const base = await baseline(t);
  const url = await startChunkFlood(t, { body: fixture, repeat: Math.ceil((64 * MiB) / fixture.length) });
  assertStoppedAtCap(await once(url), base);
});

test('a gzip body in 1-byte chunks: stopped at --max-body on the wire, peak RSS within twice the cap of a small body', async (t) => {
  const base = await baseline(t);
  // Stored, not compressed: 2 MiB on the wire, past the cap before anything is inflated.
  const gz = zlib.gzipSync(randomBytes(2 * MiB), { level: 0 });
  assertStoppedAtCap(await once(await startChunkFlood(t, { body: gz, gzip: true })), base);
});
