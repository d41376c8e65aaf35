// esbuild plugins for scripts/bundle.js: what the bundled dependencies do differently from the
// compiled tree, which runs them as published.
//
// - noDevtools: Ink imports react-devtools-core only when DEV=true; the bundle leaves it out.
// - yogaSync: Yoga (Ink's layout engine, WebAssembly) starts synchronously. yoga-layout 3 embeds
//   its WebAssembly as a base64 data: URL and starts it with a top-level await of Emscripten's
//   loader, which, seeing a global `fetch`, fetches that URL: on Node that loads and compiles
//   undici (Node's fetch) and decodes the URL through it, about 40 ms of a cold start for 70 KB.
//   Emscripten lets the caller instantiate the module itself (`instantiateWasm`); done
//   synchronously, the runtime is ready when the loader returns: no fetch, no top-level await.
// Each plugin checks that the file it rewrites still looks as expected, and fails the build if not.

import { readFileSync } from 'node:fs';

/** Ink imports react-devtools-core only when DEV=true; the bundle leaves it out. */
export const noDevtools = {
  name: 'no-devtools',
  setup(b) {
    b.onResolve({ filter: /^react-devtools-core$/ }, (args) => ({ path: args.path, namespace: 'no-devtools' }));
    b.onLoad({ filter: /.*/, namespace: 'no-devtools' }, () => ({
      contents: 'export default { initialize() {}, connectToDevTools() { process.stderr.write("cluster-top: React devtools are not in the bundle\\n"); } };',
      loader: 'js',
    }));
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
