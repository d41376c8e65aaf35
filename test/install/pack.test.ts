// `npm pack` ships only what runs (bin, the compiled dist/src, README, LICENSE), and the packed
// tarball, installed globally into a temporary prefix, runs. The install resolves the runtime
// dependencies (ink, react, asciichart) from npm's cache first (`--prefer-offline`), else the
// registry.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

describe('npm pack', () => {
  it('packs bin, dist/src, README and LICENSE only, and the tarball installs and runs', { timeout: 300_000 }, async (t) => {
    const folder = tempFolder(t, 'cluster-top-pack-');
    // dist/src is already built (npm test runs tsc first): skip `prepare`.
    const packed = await run(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', folder], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const [result] = JSON.parse(packed.stdout) as PackResult[];
    const paths = result.files.map((f) => f.path).sort();
    const outside = paths.filter((p) => !/^(bin\/|dist\/src\/)/.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
    assert.deepEqual(outside, [], 'nothing but bin/, dist/src/, package.json, README.md and LICENSE');
    for (const needed of ['bin/cluster-top.js', 'dist/src/cli.js', 'dist/src/ui/run-dashboard.js', 'dist/src/version.js', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(paths.includes(needed), `${needed} is packed`);
    }
    assert.ok(paths.every((p) => !p.endsWith('.ts') && !p.startsWith('dist/test/') && !p.includes('node_modules/')), 'no sources, tests or modules');

    const prefix = join(folder, 'prefix');
    const env = { ...isolatedEnv(folder), npm_config_cache: join(process.env.HOME ?? folder, '.npm'), ...(process.env.npm_config_registry ? { npm_config_registry: process.env.npm_config_registry } : {}) };
    await run(NPM, ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(folder, result.filename)], { cwd: folder, env, maxBuffer: 16 * 1024 * 1024 });
    const installed = await run(join(prefix, 'bin', 'cluster-top'), ['--version'], { cwd: folder, env });
    assert.equal(installed.stdout, `cluster-top ${VERSION}\n`);
    const help = await run(join(prefix, 'bin', 'cluster-top'), ['--help'], { cwd: folder, env });
    assert.match(help.stdout, /cluster-top config \[--json\]/);
  });
});
