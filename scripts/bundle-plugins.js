// esbuild plugins for scripts/bundle.js: what the bundled dependencies do differently from the
// compiled tree, which runs them as published. Both take out a top-level await, which a
// CommonJS bundle cannot have, and each checks that the file it rewrites still looks as
// expected, failing the build if not.
//
// - inkWithoutDevtools: Ink imports its React devtools connection (and reads its package.json)
//   with top-level awaits, only when DEV=true. The bundle leaves the devtools out.
// - yogaSync: Yoga (Ink's layout engine, WebAssembly) starts synchronously. yoga-layout 3 embeds
//   its WebAssembly as a base64 data: URL and starts it with a top-level await of Emscripten's
//   loader, which, seeing a global `fetch`, fetches that URL: on Node that loads and compiles
//   undici (Node's fetch) and decodes the URL through it, about 40 ms of a cold start for 70 KB.
//   Emscripten lets the caller instantiate the module itself (`instantiateWasm`); done
//   synchronously, the runtime is ready when the loader returns.

import { readFileSync } from 'node:fs';

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

const YOGA_DATA_URL = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/g;

/** yoga-layout/dist/src/index.js as bundled: the same exports, started synchronously. */
const YOGA_SYNC_INDEX = `
import loadYoga, { yogaWasmBase64 } from '../binaries/yoga-wasm-base64-esm.js';
import wrapAssembly from './wrapAssembly.js';
const runtime = {
  instantiateWasm(imports, receive) {
    const bytes = Buffer.from(yogaWasmBase64, 'base64');
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), imports);
    receive(instance);
    return instance.exports;
  },
};
loadYoga(runtime);
if (!runtime.calledRun) throw new Error('yoga-layout did not start synchronously');
const Yoga = wrapAssembly(runtime);
export default Yoga;
export * from './generated/YGEnums.js';
`;

/** Yoga's WebAssembly instantiated synchronously instead of fetched from a data: URL (see the header). */
export const yogaSync = {
  name: 'yoga-sync',
  setup(b) {
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/ }, (args) => {
      const published = readFileSync(args.path, 'utf8');
      if (!/wrapAssembly\(await loadYoga\(\)\)/.test(published)) throw new Error(`yoga-sync: ${args.path} no longer starts Yoga the way this plugin replaces`);
      return { contents: YOGA_SYNC_INDEX, loader: 'js' };
    });
    b.onLoad({ filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const found = [...text.matchAll(YOGA_DATA_URL)];
      if (found.length !== 1 || !/\binstantiateWasm\b/.test(text) || !/\bcalledRun\b/.test(text)) {
        throw new Error(`yoga-sync: ${args.path} is not the Emscripten loader this plugin knows (one data: URL, instantiateWasm, calledRun)`);
      }
      // The loader still gets a data: URL where it expects one (it never fetches it now); the
      // bytes are exported once, as plain base64.
      const contents = text.replace(YOGA_DATA_URL, '"data:application/octet-stream;base64,"') + `\nexport const yogaWasmBase64 = "${found[0][1]}";\n`;
      return { contents, loader: 'js' };
    });
  },
};
