#!/usr/bin/env node
// `npm run bundle`: one self-contained file, dist/cluster-top.cjs, that runs with plain `node` ≥ 20
// and nothing else beside it — copy it to a peer host with scp. It bundles the compiled CLI
// (dist/src, built by tsc first; the entry is scripts/bundle-entry.cjs) with its dependencies:
// Ink, React in its production build, and asciichart. The version is compiled in, since no
// package.json travels with the file. The licences of the bundled packages are appended as a
// comment.
//
// It is CommonJS, so that bin/cluster-top.js can compile it through vm.Script with V8's code
// cache (src/cli/code-cache.ts), which ES modules do not offer on Node 20; Ink and Yoga are ES
// modules with top-level awaits, which bundle-plugins.js takes out (Yoga with the rest of it). A dynamic import() would need
// a loader that vm.Script does not have, so the build fails if one is left.
// `node scripts/bundle.js --out FILE` writes elsewhere (the bundle test does).

import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inkWithoutDevtools, yogaWithoutLayout } from './bundle-plugins.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'scripts', 'bundle-entry.cjs');
const outAt = process.argv.indexOf('--out');
const outfile = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'dist', 'cluster-top.cjs');

if (!existsSync(join(root, 'dist', 'src', 'cli.js'))) {
  console.error('bundle: dist/src/cli.js is missing; run `npm run build` first (`npm run bundle` does)');
  process.exit(1);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [inkWithoutDevtools, yogaWithoutLayout],
  define: {
    __CLUSTER_TOP_VERSION__: JSON.stringify(pkg.version),
    'process.env.NODE_ENV': '"production"',
    // The bundled ES modules' own URL is the bundle's.
    'import.meta.url': '__clusterTopUrl',
  },
  // Strict, as the ES modules it is made of were (a directive has to come before the variable).
  banner: { js: "#!/usr/bin/env node\n'use strict';\nvar __clusterTopUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: licenceComment() },
});

const code = readFileSync(outfile, 'utf8');
if (/\bimport\(/.test(code.slice(0, code.lastIndexOf('/*')))) {
  console.error(`bundle: ${outfile} has a dynamic import(), which cannot run under bin/cluster-top.js's vm.Script`);
  process.exit(1);
}

chmodSync(outfile, 0o755);
const bytes = readFileSync(outfile).length;
const shown = relative(process.cwd(), outfile);
console.log(`bundle: ${shown} (${(bytes / 1024).toFixed(0)} KiB, cluster-top ${pkg.version}); run it with: node ${shown} --help`);

/** The licence texts of every runtime package the bundle can contain (production dependencies, recursively). */
function licenceComment() {
  const seen = new Map();
  const visit = (name, from) => {
    const dir = findPackage(name, from);
    if (dir === null || seen.has(dir)) return;
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    seen.set(dir, meta);
    for (const dep of Object.keys(meta.dependencies ?? {})) visit(dep, dir);
  };
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, root);
  const parts = [`cluster-top ${pkg.version} — ${pkg.license}. Bundled packages and their licences follow.`];
  for (const [dir, meta] of [...seen].sort((a, b) => a[1].name.localeCompare(b[1].name))) {
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file === undefined ? `(${meta.license ?? 'see the package'})` : readFileSync(join(dir, file), 'utf8').trim();
    parts.push(`${meta.name}@${meta.version} (${meta.license ?? 'unknown'})\n${text}`);
  }
  return `/*\n${parts.join('\n\n----\n\n').replace(/\*\//g, '* /')}\n*/`;
}

/** The folder of package `name` as Node would resolve it from `from`, or null. */
function findPackage(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}
