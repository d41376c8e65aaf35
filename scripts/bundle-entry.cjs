// Entry of the single-file bundle (scripts/bundle.js). Run as a program (`node cluster-top.cjs`,
// e.g. on a peer host), it runs the CLI; loaded by bin/cluster-top.js (dist/src/cli/launch.js,
// which compiles it with its code cache), it only exports `run`.
'use strict';

const { run } = require('../dist/src/cli.js');

module.exports = { run };
if (require.main === module) {
  // Regular expressions straight to machine code, as the launcher has it (see src/cli/launch.ts).
  require('node:v8').setFlagsFromString('--no-regexp-tier-up');
  void run(process.argv.slice(2));
}
