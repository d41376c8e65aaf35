// How the launcher picks a build (src/cli/launch.ts), with stand-ins for the two builds in a
// temporary folder: the bundle when it is at least as new as the compiled tree, with its code
// cache saved when the CLI says the live view is about to start; else the compiled tree.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it, type TestContext } from 'node:test';
import { tempFolder } from '../support/guarded-server.js';

const run = promisify(execFile);
const LAUNCH = fileURLToPath(new URL('../../src/cli/launch.js', import.meta.url));

const CHILD = `
import { launch } from ${JSON.stringify(LAUNCH)};
const [bundle, tree, cacheFile, ...argv] = process.argv.slice(1);
await launch(argv, { bundle, tree, cacheFile });
`;

/** Runs the launcher; resolves with its output and exit code (which the stand-ins set). */
async function launch(paths: Paths, argv: string[]): Promise<{ stdout: string; code: number }> {
  try {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', CHILD, paths.bundle, paths.tree, paths.cache, ...argv]);
    return { stdout, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; code: number };
    return { stdout: failed.stdout, code: failed.code };
  }
}

interface Paths {
  readonly bundle: string;
  readonly tree: string;
  readonly cache: string;
}

/** A bundle stand-in (CommonJS, asks for its cache to be saved) and a compiled-tree stand-in (an ES module). */
function setUp(t: TestContext): Paths {
  const dir = tempFolder(t, 'cluster-top-launch-');
  const paths = { bundle: join(dir, 'cluster-top.cjs'), tree: join(dir, 'cli.mjs'), cache: join(dir, 'cache', 'bundle.v8cache') };
  writeFileSync(paths.tree, "export async function run(argv) { process.stdout.write('tree ' + argv.join(' ')); process.exitCode = 4; }\n");
  writeFileSync(
    paths.bundle,
    "'use strict';\nmodule.exports = { async run(argv, hooks) { process.stdout.write('bundle ' + argv.join(' ')); hooks.beforeLiveView(); process.exitCode = 3; } };\n",
  );
  return paths;
}

/** Makes `file` `seconds` older than now. */
function age(file: string, seconds: number): void {
  const then = new Date(Date.now() - seconds * 1000);
  utimesSync(file, then, then);
}

describe('the launcher', () => {
  it('runs a bundle at least as new as the compiled tree, and saves its code cache once', async (t) => {
    const paths = setUp(t);
    age(paths.tree, 10);
    assert.deepEqual(await launch(paths, ['--a', 'b']), { stdout: 'bundle --a b', code: 3 });
    const inode = statSync(paths.cache).ino;
    assert.deepEqual(await launch(paths, ['--a', 'b']), { stdout: 'bundle --a b', code: 3 });
    assert.equal(statSync(paths.cache).ino, inode, 'the cache was used, not written again');
  });

  it('runs the compiled tree when the bundle is older or missing', async (t) => {
    const paths = setUp(t);
    age(paths.bundle, 10);
    assert.deepEqual(await launch(paths, ['x']), { stdout: 'tree x', code: 4 });
    assert.equal(existsSync(paths.cache), false);
    assert.deepEqual(await launch({ ...paths, bundle: join(paths.bundle, '..', 'missing.cjs') }, ['y']), { stdout: 'tree y', code: 4 });
  });
});
