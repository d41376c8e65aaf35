// `npm install` in a checkout runs `prepare`, which builds the compiled tree and then the
// single-file bundle, so that bin/cluster-top.js (and `npm run demo`, the README's first command)
// starts from the bundle: one file with its code cache instead of a few hundred modules. Run here
// in a copy of the checkout's sources and scripts, with the checkout's node_modules.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { freshBundle } from '../../src/cli/launch.js';
import { tempFolder } from '../support/guarded-server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('npm install in a checkout', () => {
  it("leaves a bundle the launcher runs, newer than the compiled tree", { timeout: 240_000 }, async (t) => {
    const folder = tempFolder(t, 'cluster-top-prepare-');
    for (const part of ['package.json', 'tsconfig.json', 'src', 'scripts', 'bin', 'README.md', 'LICENSE']) cpSync(join(ROOT, part), join(folder, part), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
    await run(NPM, ['run', 'prepare'], { cwd: folder, maxBuffer: 16 * 1024 * 1024 });
    assert.ok(freshBundle({ bundle: join(folder, 'dist', 'cluster-top.cjs'), tree: join(folder, 'dist', 'src', 'cli.js') }), 'dist/cluster-top.cjs is at least as new as dist/src/cli.js');
    const { stdout } = await run(process.execPath, [join(folder, 'bin', 'cluster-top.js'), '--version'], { cwd: folder });
    assert.equal(stdout, `cluster-top ${VERSION}\n`);
  });
});
