// The bundle's code cache (src/cli/code-cache.ts) with real files in a temporary folder, each
// load in a process of its own (as each start of cluster-top is): written once, then used;
// replaced when the bundle changes (even at the same length, which V8 alone would not notice),
// when V8 refuses it (another V8 version), when it is damaged or not ours; and never in the way
// when it cannot be written.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { codeCacheFile } from '../../src/cli/code-cache.js';
import { tempFolder } from '../support/guarded-server.js';

const run = promisify(execFile);
const CODE_CACHE = fileURLToPath(new URL('../../src/cli/code-cache.js', import.meta.url));

/** Loads FILE with cache CACHE ('-' for none) in a fresh process, calls its exports and save(). */
const CHILD = `
import { requireWithCodeCache } from ${JSON.stringify(CODE_CACHE)};
const [file, cache] = process.argv.slice(1);
const loaded = requireWithCodeCache(file, cache === '-' ? null : cache);
const { answer, isMain, filename } = loaded.exports;
const value = answer();
const saved = loaded.save();
console.log(JSON.stringify({ cache: loaded.cache, value, isMain, filename, saved }));
`;

interface Load {
  readonly cache: string;
  readonly value: number;
  readonly isMain: boolean;
  readonly filename: string;
  readonly saved: boolean;
}

async function load(file: string, cache: string | null): Promise<Load> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, file, cache ?? '-']);
  return JSON.parse(stdout) as Load;
}

/** A small CommonJS "bundle", with a `#!` line like the real one, whose answer is `n` (two digits). */
function writeBundle(file: string, n: number): void {
  const lines = [
    '#!/usr/bin/env node',
    "'use strict';",
    `function answer() { return [1, 2, 3].map((x) => x * ${n}).reduce((a, b) => a + b) / 6; }`,
    'module.exports = { answer, isMain: require.main === module, filename: __filename };',
  ];
  writeFileSync(file, lines.join('\n') + '\n');
}

/** A folder with bundle.cjs (answer 42) and the path its cache goes to. */
function setUp(t: Parameters<typeof tempFolder>[0]): { bundle: string; cache: string } {
  const dir = tempFolder(t, 'cluster-top-code-cache-');
  const bundle = join(dir, 'bundle.cjs');
  writeBundle(bundle, 42);
  return { bundle, cache: join(dir, 'cache', 'cluster-top', 'bundle.v8cache') };
}

describe('the code cache', () => {
  it('is written by the first load, used by the next, and changes nothing the module sees', async (t) => {
    const { bundle, cache } = setUp(t);
    const first = await load(bundle, cache);
    assert.deepEqual(first, { cache: 'absent', value: 42, isMain: false, filename: bundle, saved: true });
    assert.equal(statSync(cache).mode & 0o777, 0o600);
    const inode = statSync(cache).ino;
    const second = await load(bundle, cache);
    assert.deepEqual(second, { cache: 'used', value: 42, isMain: false, filename: bundle, saved: false });
    assert.equal(statSync(cache).ino, inode, 'a used cache is not written again');
  });

  it('is not used for a changed bundle, even of the same length, and is replaced', async (t) => {
    const { bundle, cache } = setUp(t);
    await load(bundle, cache);
    const before = readFileSync(bundle).length;
    writeBundle(bundle, 43);
    assert.equal(readFileSync(bundle).length, before);
    assert.deepEqual(await load(bundle, cache), { cache: 'stale', value: 43, isMain: false, filename: bundle, saved: true });
    assert.equal((await load(bundle, cache)).cache, 'used');
  });

  it('is refused by V8 when another V8 wrote it (a Node upgrade), and is replaced', async (t) => {
    const { bundle, cache } = setUp(t);
    await load(bundle, cache);
    // V8's own header: magic number, then the hash of the V8 version that wrote the data.
    // Ours: a text line, the SHA-256 of the bundle, the SHA-256 of the data, the data.
    const file = readFileSync(cache);
    const dataHashAt = file.indexOf('\n') + 1 + 32;
    const data = Buffer.from(file.subarray(dataHashAt + 32));
    data.writeUInt32LE((data.readUInt32LE(4) + 1) >>> 0, 4);
    const dataHash = createHash('sha256').update(data).digest();
    writeFileSync(cache, Buffer.concat([file.subarray(0, dataHashAt), dataHash, data]), { mode: 0o600 });
    assert.deepEqual(await load(bundle, cache), { cache: 'rejected', value: 42, isMain: false, filename: bundle, saved: true });
    assert.equal((await load(bundle, cache)).cache, 'used');
  });

  it('is ignored when damaged: a changed byte, a cut-off file, another format', async (t) => {
    const { bundle, cache } = setUp(t);
    await load(bundle, cache);
    const good = readFileSync(cache);
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100] ^= 0xff;
    for (const damaged of [flipped, good.subarray(0, good.length - 1000), good.subarray(0, 20), Buffer.from('not a cache\n')]) {
      writeFileSync(cache, damaged, { mode: 0o600 });
      assert.deepEqual(await load(bundle, cache), { cache: 'corrupt', value: 42, isMain: false, filename: bundle, saved: true });
      assert.ok(readFileSync(cache).length > 1000, 'replaced by a whole one');
    }
    assert.equal((await load(bundle, cache)).cache, 'used');
  });

  it('is ignored when others could have written it', async (t) => {
    const { bundle, cache } = setUp(t);
    await load(bundle, cache);
    chmodSync(cache, 0o666);
    assert.equal((await load(bundle, cache)).cache, 'untrusted');
    assert.equal(statSync(cache).mode & 0o777, 0o600, 'replaced by one of our own');
    assert.equal((await load(bundle, cache)).cache, 'used');
  });

  it('costs nothing but speed when it cannot be written, or is off', async (t) => {
    const { bundle } = setUp(t);
    const dir = tempFolder(t, 'cluster-top-code-cache-');
    const notAFolder = join(dir, 'file');
    writeFileSync(notAFolder, 'x');
    const under = join(notAFolder, 'cluster-top', 'bundle.v8cache');
    assert.deepEqual(await load(bundle, under), { cache: 'absent', value: 42, isMain: false, filename: bundle, saved: false });
    const folderInTheWay = join(dir, 'folder.v8cache');
    mkdirSync(folderInTheWay);
    assert.deepEqual(await load(bundle, folderInTheWay), { cache: 'untrusted', value: 42, isMain: false, filename: bundle, saved: false });
    assert.deepEqual(await load(bundle, null), { cache: 'off', value: 42, isMain: false, filename: bundle, saved: false });
  });

  it('lives under $XDG_CACHE_HOME, else ~/.cache, one file per bundle location, Node version and architecture', () => {
    const file = (env: NodeJS.ProcessEnv, home: string, bundle = '/a/dist/cluster-top.cjs', runtime = 'v20.20.2-x64'): string | null => codeCacheFile(env, home, bundle, runtime);
    const here = file({}, '/home/u');
    assert.match(here ?? '', /^\/home\/u\/\.cache\/cluster-top\/bundle-v20\.20\.2-x64-[0-9a-f]{12}\.v8cache$/);
    assert.equal(file({ XDG_CACHE_HOME: '/x/cache' }, '/home/u'), here!.replace('/home/u/.cache', '/x/cache'));
    assert.equal(file({ XDG_CACHE_HOME: 'relative' }, '/home/u'), here, 'a relative XDG_CACHE_HOME is ignored, as the spec says');
    assert.equal(file({}, '/home/u', '/a/dist/cluster-top.cjs'), here, 'the same for the same bundle');
    assert.notEqual(file({}, '/home/u', '/b/dist/cluster-top.cjs'), here);
    assert.notEqual(file({}, '/home/u', '/a/dist/cluster-top.cjs', 'v22.0.0-x64'), here);
    assert.equal(file({}, ''), null);
    const mine = codeCacheFile({}, '/home/u', '/a/dist/cluster-top.cjs') ?? '';
    assert.ok(mine.includes(`bundle-${process.version}-${process.arch}-`), mine);
  });
});
