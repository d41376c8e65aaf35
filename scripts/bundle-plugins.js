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
//   and nodes that keep their tree, drop every setting and measure 0: every method Yoga's Node
//   declares has a stand-in, except the style getters, and the build fails if Ink's build calls
//   one of those. The compiled tree, and the tests on it, run the real Yoga.

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

/** Methods of Yoga's Node whose stand-in does more than nothing. */
const YOGA_NODE_METHODS = {
  insertChild: '(child, index) { this.children.splice(index, 0, child); child.parent = this; }',
  removeChild: '(child) { const at = this.children.indexOf(child); if (at >= 0) this.children.splice(at, 1); child.parent = null; }',
  getChild: '(index) { return this.children[index]; }',
  getChildCount: '() { return this.children.length; }',
  getParent: '() { return this.parent; }',
  getDisplay: '() { return this.display; }',
  setDisplay: '(display) { this.display = display; }',
  getComputedLayout: '() { return { left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0 }; }',
};

/** How a stand-in method with no entry in YOGA_NODE_METHODS behaves, by its name; null for one of Yoga's style getters. */
function standInBody(name) {
  if (/^getComputed[A-Z]/.test(name)) return '() { return 0; }';
  if (/^(is|has)[A-Z]/.test(name)) return '() { return false; }';
  if (/^(set|unset|mark)[A-Z]/.test(name) || ['calculateLayout', 'copyStyle', 'free', 'freeRecursive', 'reset'].includes(name)) return '() {}';
  return /^get[A-Z]/.test(name) ? null : undefined;
}

/** The method names of Yoga's Node, from its published type declarations. */
function yogaNodeMethods(yogaTypes) {
  const text = readFileSync(yogaTypes, 'utf8');
  const body = /export type Node = \{([\s\S]*?)\n\};/.exec(text);
  const names = body === null ? [] : [...body[1].matchAll(/^\s+(\w+)\(/gm)].map((m) => m[1]);
  if (names.length < 50) throw new Error(`yoga-without-layout: ${yogaTypes} no longer declares Yoga's Node the way this plugin reads it`);
  return names;
}

/** The text of every JavaScript file of Ink's build. */
function inkSources(inkBuild) {
  return readdirSync(inkBuild, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(inkBuild, file), 'utf8'));
}

/**
 * yoga-layout/dist/src/index.js as bundled: Yoga's enums, and nodes that lay nothing out. Every
 * method of Yoga's Node (`yogaTypes`, its type declarations) has a stand-in: the tree is kept,
 * settings are dropped, computed sizes are 0. Style getters would have to return what was set,
 * so the build fails if Ink's build (`inkBuild`) calls one by name, or if Yoga's Node gains a
 * method this plugin cannot place.
 */
export function yogaWithoutLayoutIndex(yogaTypes, inkBuild) {
  const sources = inkSources(inkBuild);
  const methods = [];
  for (const name of yogaNodeMethods(yogaTypes)) {
    const body = YOGA_NODE_METHODS[name] ?? standInBody(name);
    if (body === undefined) throw new Error(`yoga-without-layout: Yoga's Node has a method this plugin does not know: ${name}`);
    if (body === null) {
      if (sources.some((text) => text.includes(`.${name}(`))) throw new Error(`yoga-without-layout: Ink calls Yoga's Node.${name}, which needs a real layout`);
      continue;
    }
    methods.push(`  ${name}${body}`);
  }
  return `
import YGEnums from './generated/YGEnums.js';
class NodeWithoutLayout {
  children = [];
  parent = null;
  display = YGEnums.DISPLAY_FLEX;
${methods.join('\n')}
}
const Node = { create: () => new NodeWithoutLayout() };
const Yoga = { ...YGEnums, Node };
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
      const yogaTypes = join(dirname(args.path), 'wrapAssembly.d.ts');
      const inkBuild = dirname(createRequire(args.path).resolve('ink'));
      return { contents: yogaWithoutLayoutIndex(yogaTypes, inkBuild), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};
