// Entry of the single-file bundle (scripts/bundle.js). Run as a program (`node cluster-top.cjs`,
// e.g. on a peer host), it sets cluster-top's V8 flags and runs the CLI; loaded by
// bin/cluster-top.js (dist/src/cli/launch.js, which has set the flags and compiles the bundle with
// its code cache), it only exports `run`.
'use strict';

const asProgram = require.main === module;
// Before the rest of the bundle loads (see src/util/v8-flags.ts).
if (asProgram) require('../dist/src/util/v8-flags.js').setRuntimeFlags();
const { run } = require('../dist/src/cli.js');

module.exports = { run };
if (asProgram) void run(process.argv.slice(2));
