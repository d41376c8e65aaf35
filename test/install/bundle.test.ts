// `npm run bundle`'s single file runs with plain node from an empty folder: no node_modules, no
// package.json, nothing of the project's environment, against the embedded demo peer. Run by the
// launcher instead, the live view in a real terminal (tmux) saves the bundle's code cache, and
// the next start uses it.
//
// The demo peer's clock is the test's: each scrape finds it 10 s (40 simulated steps) further on.
// On the wall clock, two scrapes 300 ms apart span one or two 250 ms steps, and a quarter of the
// steps of the default seed have no gorpc call at all, so the latency quantiles were sometimes
// all null; with 40 seeded steps between scrapes, the calls in between are the same every run.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it, type TestContext } from 'node:test';
import { startDemoPeer } from '../../src/sources/demo/server.js';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { TmuxServer } from '../support/tmux-session.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LAUNCH = fileURLToPath(new URL('../../src/cli/launch.js', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Simulated time between two scrapes of the demo peer, ms. */
const SCRAPE_STEP_MS = 10_000;

/** Starts the demo peer (no Jaeger API) on a clock that moves SCRAPE_STEP_MS per scrape; resolves with its URL. */
async function startDemo(t: TestContext): Promise<string> {
  let clock = Date.now();
  // now() is read once when the peer starts and once per /metrics request.
  const peer = await startDemoPeer({ jaeger: false, now: () => (clock += SCRAPE_STEP_MS) });
  t.after(() => peer.close());
  return peer.url;
}

describe('the single-file bundle', () => {
  it('builds into an empty folder and runs there against the demo peer', async (t) => {
    const folder = tempFolder(t, 'cluster-top-bundle-');
    const bundle = join(folder, 'cluster-top.cjs');
    await run(process.execPath, [join(ROOT, 'scripts', 'bundle.js'), '--out', bundle], { cwd: ROOT });
    assert.deepEqual(readdirSync(folder), ['cluster-top.cjs'], 'one file, nothing beside it');
    const text = readFileSync(bundle, 'utf8');
    assert.ok(text.startsWith('#!/usr/bin/env node\n'));
    const specifiers = [...text.matchAll(/(?:\bfrom|\bimport\(|\brequire\()\s*"([^"\s,`]+)"/g)].map((m) => m[1]);
    assert.ok(specifiers.length > 0);
    assert.deepEqual(specifiers.filter((s) => !isBuiltin(s)), [], 'only Node built-ins are imported');
    assert.doesNotMatch(text, /WebAssembly/, "Yoga's WebAssembly is left out (scripts/bundle-plugins.js)");

    const env = isolatedEnv(folder);
    const version = await run(process.execPath, [bundle, '--version'], { cwd: folder, env });
    assert.equal(version.stdout, `cluster-top ${VERSION}\n`);

    const url = await startDemo(t);
    const once = await run(process.execPath, [bundle, '--once', '--json', '--metrics', url, '--interval', '300ms', '--no-traces'], { cwd: folder, env });
    const doc = JSON.parse(once.stdout);
    assert.equal(doc.target, url);
    assert.ok(doc.cluster.pins > 0, `pins ${doc.cluster.pins}`);
    assert.ok(doc.rpc.length > 0);
    assert.ok(doc.rpc.some((r: { latencyMs: number | null }) => r.latencyMs !== null), 'latency quantiles computed');
    assert.deepEqual(doc.errors, []);
    const text80 = await run(process.execPath, [bundle, '--once', '--metrics', url, '--interval', '300ms', '--no-traces'], { cwd: folder, env });
    assert.match(text80.stdout, /RPC method\s+p95\s+calls\/s/);

    // The launcher's way: compiled with the code cache, which the live view's start saves.
    const cache = join(folder, 'cache', 'bundle.v8cache');
    const launcher = join(folder, 'launch.mjs');
    const tree = join(ROOT, 'dist', 'src', 'cli.js');
    writeFileSync(launcher, `import { launch } from ${JSON.stringify(LAUNCH)};\nawait launch(process.argv.slice(2), ${JSON.stringify({ bundle, tree, cacheFile: cache })});\n`);
    const tmux = new TmuxServer(`cluster-top-bundle-${process.pid}`);
    t.after(() => tmux.kill());
    const liveView = async (session: string): Promise<void> => {
      tmux.run('new-session', '-d', '-s', session, '-x', '120', '-y', '40', process.execPath, launcher, '--metrics', url, '--interval', '1s', '--no-traces');
      await tmux.until(session, (rows) => rows.some((r) => /^pins +\d/.test(r)), 'the first frame with data');
      // Ink runs on the stand-in for Yoga: the panes below the gauges are still drawn.
      await tmux.until(session, (rows) => rows.some((r) => /^. \w+\.\w+ +[\d.]+ [mμ]?s /.test(r)), 'a method row with its p95');
      tmux.run('send-keys', '-t', session, 'q');
    };
    await liveView('first');
    const inode = statSync(cache).ino;
    await liveView('second');
    assert.equal(statSync(cache).ino, inode, 'the second start used the cache instead of writing it again');
  });
});
