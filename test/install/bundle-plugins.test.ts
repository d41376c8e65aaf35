// The bundle's stand-in for Yoga (scripts/bundle-plugins.js, yogaWithoutLayout): Ink's tree
// lives on it as on the real Yoga when elements come and go (bundled the way cluster-top is, a
// small Ink app adds, removes and restyles boxes and texts, and stays mounted; everything measures
// 0, so Ink draws nothing, which is all cluster-top asks of it), and the build fails when Ink
// calls a Yoga method that would need a real layout, or when Yoga's Node gains one the plugin
// cannot place.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { build, type Plugin } from 'esbuild';
import { tempFolder } from '../support/guarded-server.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const plugins = (await import(new URL('../../../scripts/bundle-plugins.js', import.meta.url).href)) as {
  inkWithoutDevtools: Plugin;
  yogaWithoutLayout: Plugin;
  yogaWithoutLayoutIndex: (yogaTypes: string, inkBuild: string) => string;
};
const requireHere = createRequire(import.meta.url);
const INK_BUILD = dirname(requireHere.resolve('ink'));
const YOGA_TYPES = join(ROOT, 'node_modules', 'yoga-layout', 'dist', 'src', 'wrapAssembly.d.ts');

/** An Ink app that mounts boxes and texts, then removes and restyles some, then exits. */
const INK_APP = `
import React, { useEffect, useState } from 'react';
import { render, Box, Text, useApp } from 'ink';
import { EventEmitter } from 'node:events';
const h = React.createElement;
const stdout = Object.assign(new EventEmitter(), { isTTY: true, columns: 40, rows: 10, write: () => true });
function App() {
  const [step, setStep] = useState(0);
  const { exit } = useApp();
  useEffect(() => {
    if (step < 3) setStep(step + 1);
    else { process.stdout.write('mounted after step ' + step + '\\n'); exit(); }
  }, [step]);
  return h(Box, { flexDirection: step % 2 ? 'row' : 'column', padding: 1 },
    step < 2 ? h(Text, { color: 'green' }, 'hello') : null,
    h(Box, { width: step === 1 ? '50%' : 10, display: step === 2 ? 'none' : 'flex' }, h(Text, { wrap: 'truncate' }, 'world ' + step)));
}
const instance = render(h(App), { stdout, patchConsole: false, debug: true });
await instance.waitUntilExit();
process.stdout.write('exited\\n');
`;

describe('the bundle without Yoga', () => {
  it('runs an Ink app whose elements come, go and change, as the real Yoga would', async (t) => {
    const folder = tempFolder(t, 'cluster-top-yoga-stand-in-');
    writeFileSync(join(folder, 'app.mjs'), INK_APP);
    const outfile = join(folder, 'app.bundle.mjs');
    await build({
      entryPoints: [join(folder, 'app.mjs')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      nodePaths: [join(ROOT, 'node_modules')],
      define: { 'process.env.NODE_ENV': '"production"' },
      plugins: [plugins.inkWithoutDevtools, plugins.yogaWithoutLayout],
      banner: { js: "import { createRequire as __appRequire } from 'node:module';\nconst require = __appRequire(import.meta.url);" },
    });
    assert.doesNotMatch(readFileSync(outfile, 'utf8'), /WebAssembly/, 'the real Yoga is not in the bundle');
    const { stdout } = await run(process.execPath, [outfile], { cwd: folder, timeout: 20_000 });
    assert.equal(stdout, 'mounted after step 3\nexited\n');
  });

  it('fails the build when Ink calls a style getter, which needs a real layout', (t) => {
    const folder = tempFolder(t, 'cluster-top-ink-build-');
    mkdirSync(join(folder, 'sub'));
    writeFileSync(join(folder, 'dom.js'), 'node.yogaNode?.insertChild(child.yogaNode, 0);\nnode?.unsetMeasureFunc();\n');
    assert.match(plugins.yogaWithoutLayoutIndex(YOGA_TYPES, folder), /unsetMeasureFunc\(\) \{\}/);
    writeFileSync(join(folder, 'sub', 'layout.js'), 'const width = node.yogaNode.getWidth();\n');
    assert.throws(() => plugins.yogaWithoutLayoutIndex(YOGA_TYPES, folder), /Ink calls Yoga's Node\.getWidth, which needs a real layout/);
  });

  it("fails the build when Yoga's Node gains a method the plugin cannot place", (t) => {
    const folder = tempFolder(t, 'cluster-top-yoga-types-');
    const types = join(folder, 'wrapAssembly.d.ts');
    writeFileSync(types, readFileSync(YOGA_TYPES, 'utf8').replace('export type Node = {\n', 'export type Node = {\n    relayoutEverything(): void;\n'));
    assert.throws(() => plugins.yogaWithoutLayoutIndex(types, INK_BUILD), /Yoga's Node has a method this plugin does not know: relayoutEverything/);
    writeFileSync(types, 'export type Node = {\n    free(): void;\n};\n');
    assert.throws(() => plugins.yogaWithoutLayoutIndex(types, INK_BUILD), /no longer declares Yoga's Node/);
  });
});
