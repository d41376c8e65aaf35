// esbuild plugins for scripts/bundle.js: what the bundled dependencies do differently from the
// compiled tree, which runs them as published. Both take out a top-level await, which a
// CommonJS bundle cannot have, and each checks that the file it rewrites still looks as
// expected, failing the build if not.
//
// - inkWithoutDevtools: Ink imports its React devtools connection (and reads its package.json)
//   with top-level awaits, only when DEV=true. The bundle leaves the devtools out.
// - yogaWithoutLayout: Yoga (Ink's layout engine, WebAssembly) is not loaded. cluster-top renders
//   no <Box> or <Text>, paints its own screen (src/ui/screen-writer.ts) and discards Ink's output
//   (src/ui/silent-output.ts), so Ink only lays out an empty root that nobody sees. Yoga cost
//   ~7.6 MiB of RSS and ~20 ms of a cold start (a base64 decode, a WebAssembly compile, a 16 MiB
//   memory), and yoga-layout 3 starts with a top-level await. The bundle gives Ink Yoga's enums
//   and nodes that keep their children, accept every setting and measure 0. The build reads
//   every method Ink's build calls on a Yoga node and fails on one the stand-in does not know
//   (setters are no-ops). The compiled tree, and the tests on it, run the real Yoga.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const INK_DEVTOOLS = /if \(isDev\(\)\) \{\s*try \{\s*await import\('\.\/devtools\.js'\);[\s\S]*?\n\}\n/g;
const INK_PACKAGE_JSON = /isDev\(\)\s*\?\s*await loadPackageJson\(\)\s*:\s*/g;

/** Ink's reconciler without its DEV=true devtools connection (see the header). */
export const inkWithoutDevtools = {
  name: 'ink-without-devtools',
  setup(b) {
    b.onLoad({ filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if ((text.match(INK_DEVTOOLS) ?? []).length !== 1 || (text.match(INK_PACKAGE_JSON) ?? []).length !== 1) {
        throw new Error(`ink-without-devtools: ${args.path} no longer loads its devtools the way this plugin takes out`);
      }
      const without = text
        .replace(INK_DEVTOOLS, "if (isDev()) process.stderr.write('cluster-top: DEV=true, but React devtools are not in the bundle\\n');\n")
        .replace(INK_PACKAGE_JSON, '');
      return { contents: without, loader: 'js' };
    });
  },
};

/** What a node without layout does for each method Ink calls that is not a setter. */
const YOGA_NODE_METHODS = {
  insertChild: '(child, index) { this.children.splice(index, 0, child); }',
  removeChild: '(child) { const at = this.children.indexOf(child); if (at >= 0) this.children.splice(at, 1); }',
  getChildCount: '() { return this.children.length; }',
  getDisplay: '() { return this.display; }',
  setDisplay: '(display) { this.display = display; }',
  getComputedWidth: '() { return 0; }',
  getComputedHeight: '() { return 0; }',
  getComputedLeft: '() { return 0; }',
  getComputedTop: '() { return 0; }',
  getComputedBorder: '() { return 0; }',
  getComputedPadding: '() { return 0; }',
  calculateLayout: '() {}',
  markDirty: '() {}',
  setMeasureFunc: '() {}',
  free: '() {}',
  freeRecursive: '() {}',
};

/** The names of the methods Ink's build calls on Yoga nodes (as `yogaNode.x(` or, in styles.js, `node.x(`). */
function yogaMethodsInkCalls(inkBuild) {
  const names = new Set();
  for (const entry of readdirSync(inkBuild, { recursive: true })) {
    const file = String(entry);
    if (!file.endsWith('.js')) continue;
    const text = readFileSync(join(inkBuild, file), 'utf8');
    for (const m of text.matchAll(/\byogaNode\??\.(\w+)\(/g)) names.add(m[1]);
    if (file === 'styles.js') for (const m of text.matchAll(/\bnode\.(\w+)\(/g)) names.add(m[1]);
    if (/\bYoga\.(?!Node\.create\b)[A-Z]\w*\.\w+/.test(text)) throw new Error(`yoga-without-layout: ${file} uses a Yoga class other than Node.create`);
  }
  return names;
}

/** yoga-layout/dist/src/index.js as bundled: Yoga's enums, and nodes that lay nothing out (for Ink's build in `inkBuild`). */
export function yogaWithoutLayoutIndex(inkBuild) {
  const methods = [];
  for (const name of [...yogaMethodsInkCalls(inkBuild)].sort()) {
    const body = YOGA_NODE_METHODS[name] ?? (/^set[A-Z]/.test(name) ? '() {}' : null);
    if (body === null) throw new Error(`yoga-without-layout: Ink calls Yoga's Node.${name}, which this plugin does not know`);
    methods.push(`  ${name}${body}`);
  }
  return `
import YGEnums from './generated/YGEnums.js';
class NodeWithoutLayout {
  children = [];
  display = YGEnums.DISPLAY_FLEX;
${methods.join('\n')}
}
const Yoga = { ...YGEnums, Node: { create: () => new NodeWithoutLayout() } };
export default Yoga;
export * from './generated/YGEnums.js';
`;
}

/** Yoga replaced by nodes without layout (see the header). */
export const yogaWithoutLayout = {
  name: 'yoga-without-layout',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
      const published = readFileSync(args.path, 'utf8');
      if (!/export \* from "\.\/generated\/YGEnums\.js"/.test(published)) throw new Error(`yoga-without-layout: ${args.path} no longer exports Yoga's enums the way this plugin does`);
      const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
      return { contents: yogaWithoutLayoutIndex(inkBuild), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
