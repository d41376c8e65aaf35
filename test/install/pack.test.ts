// `npm pack` ships only what runs (bin, the compiled dist/src, README, LICENSE), and the packed
// tarball, installed globally into a temporary prefix, runs. The install fetches the runtime
// dependencies (ink, react, asciichart) from the registry into an empty npm cache, with this
// machine's npm settings (test/support/npm-install.ts); a registry it cannot reach, or cannot
// trust, fails it in seconds with npm's reason.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { isolatedEnv, startGuardedServer, tempFolder } from '../support/guarded-server.js';
import { installGlobally } from '../support/npm-install.js';
import { makeTestPki } from '../support/test-ca.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackResult {
  readonly filename: string;
  readonly files: readonly { readonly path: string }[];
}

describe('npm pack', () => {
  it('packs bin, dist/src, README and LICENSE only, and the tarball installs and runs', { timeout: 180_000 }, async (t) => {
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
    await installGlobally({ tarball: join(folder, result.filename), prefix, cache: join(folder, 'npm-cache'), home: folder });
    const env = isolatedEnv(folder);
    const installed = await run(join(prefix, 'bin', 'cluster-top'), ['--version'], { cwd: folder, env });
    assert.equal(installed.stdout, `cluster-top ${VERSION}\n`);
    const help = await run(join(prefix, 'bin', 'cluster-top'), ['--help'], { cwd: folder, env });
    assert.match(help.stdout, /cluster-top config \[--json\]/);
  });

  it("fails in seconds, with npm's reason, when the registry cannot be reached", async (t) => {
    const folder = tempFolder(t, 'cluster-top-pack-');
    const registry = `http://127.0.0.1:${await closedPort()}/`;
    const started = Date.now();
    await assert.rejects(
      installGlobally({ tarball: join(folder, 'none.tgz'), prefix: join(folder, 'prefix'), cache: join(folder, 'npm-cache'), home: folder, base: { ...process.env, npm_config_registry: registry } }),
      (error: Error) => {
        assert.match(error.message, new RegExp(`npm cannot reach its registry ${registry.replace(/[.]/g, '\\.')} .*ECONNREFUSED`));
        return true;
      },
    );
    // npm's own retries would take over a minute (10 s, then 60 s); a few npm starts remain.
    assert.ok(Date.now() - started < 30_000, `failed after ${Date.now() - started} ms`);
  });

  for (const way of ['a cafile in the global npmrc', 'NODE_EXTRA_CA_CERTS'] as const) {
    it(`keeps the machine's npm settings: a registry trusted through ${way}`, async (t) => {
      const folder = tempFolder(t, 'cluster-top-pack-');
      const pki = makeTestPki();
      const registry = await startGuardedServer(t, { tls: { cert: pki.certPem, key: pki.keyPem } });
      const ca = join(folder, 'ca.pem');
      const globalrc = join(folder, 'global-npmrc');
      const userrc = join(folder, 'user-npmrc');
      writeFileSync(ca, pki.caPem);
      writeFileSync(userrc, '');
      // This machine's own CA settings out of the way (`npm test` passes its cafile as npm_config_cafile).
      const base: NodeJS.ProcessEnv = { ...process.env, npm_config_globalconfig: globalrc, npm_config_userconfig: userrc };
      for (const name of Object.keys(base)) if (/^(npm_config_(cafile|ca|registry)|NODE_EXTRA_CA_CERTS)$/i.test(name)) delete base[name];
      if (way === 'NODE_EXTRA_CA_CERTS') {
        writeFileSync(globalrc, '');
        Object.assign(base, { NODE_EXTRA_CA_CERTS: ca, npm_config_registry: `${registry.origin}/` });
      } else {
        writeFileSync(globalrc, `registry=${registry.origin}/\ncafile=${ca}\n`);
      }
      // The stand-in registry knows no package: npm got through TLS to it and was told so.
      await assert.rejects(
        installGlobally({ tarball: join(folder, 'none.tgz'), prefix: join(folder, 'prefix'), cache: join(folder, 'npm-cache'), home: folder, base }),
        /E404/,
      );
      assert.deepEqual(registry.seen.map((r) => r.path), ['/ink']);
    });
  }
});

/** A loopback port nothing listens on (it was bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
