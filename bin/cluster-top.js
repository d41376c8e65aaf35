#!/usr/bin/env node
// cluster-top launcher: runs the CLI and exits with its code.
//
// React's development build costs ~10 ms per frame of the live view (and keeps a performance
// entry per render); this launcher runs React's production build unless NODE_ENV says otherwise.
// It must be set before anything imports React, hence before the dynamic imports below. (Written
// through `env` so that a bundler's define of process.env.NODE_ENV leaves the assignment alone.)
import { statSync } from 'node:fs';

const env = process.env;
env.NODE_ENV ??= 'production';

// Starting is dominated by loading modules: the compiled tree is a few hundred small files
// (Ink, React, their dependencies), the single-file bundle (`npm run bundle`,
// dist/cluster-top.mjs) one. Run the bundle when it is at least as new as the compiled tree
// (a `tsc` after the bundle makes it stale, and then the compiled tree runs); the bundle, built
// from this very file, skips the check (it defines __CLUSTER_TOP_VERSION__).
const BUNDLE = new URL('../dist/cluster-top.mjs', import.meta.url);
const bundled = typeof __CLUSTER_TOP_VERSION__ === 'string';
if (!bundled && freshBundle()) {
  await import(BUNDLE.href); // it runs the CLI itself
} else {
  const { main } = await import('../dist/src/cli.js');
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`cluster-top: unexpected error: ${error && error.stack ? error.stack : error}\n`);
      process.exitCode = 1;
    },
  );
}

/** True when dist/cluster-top.mjs exists and is not older than dist/src/cli.js. */
function freshBundle() {
  try {
    return statSync(BUNDLE).mtimeMs >= statSync(new URL('../dist/src/cli.js', import.meta.url)).mtimeMs;
  } catch {
    return false;
  }
}
