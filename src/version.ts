// The package version, for `--version` and the User-Agent. The bundle (scripts/bundle.js) has it
// compiled in, since it runs without package.json beside it; the compiled tree reads
// package.json from the package root.

import { readFileSync } from 'node:fs';

declare const __CLUSTER_TOP_VERSION__: string | undefined;

/** The version of cluster-top that is running ('0.0.0' when it cannot be told). */
export const PACKAGE_VERSION: string =
  typeof __CLUSTER_TOP_VERSION__ === 'string' ? __CLUSTER_TOP_VERSION__ : readPackageVersion();

function readPackageVersion(): string {
  // dist/src/version.js → the package root is two levels up; src/version.ts (run from source) one.
  for (const up of ['../../package.json', '../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'cluster-top' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: try the next candidate
    }
  }
  return '0.0.0';
}
