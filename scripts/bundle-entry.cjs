// Entry of the single-file bundle (scripts/bundle.js). Run as a program (`node cluster-top.cjs`,
// e.g. on a peer host), it runs the CLI; loaded by bin/cluster-top.js (dist/src/cli/launch.js,
// which compiles it with its code cache), it only exports `run`.
'use strict';

const { run } = require('../dist/src/cli.js');

module.exports = { run };
if (require.main === module) void run(process.argv.slice(2));
