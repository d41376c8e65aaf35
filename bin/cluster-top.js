#!/usr/bin/env node
// cluster-top launcher: runs the CLI, from the single-file bundle when there is a fresh one (see
// dist/src/cli/launch.js), and exits with its code.
//
// React's development build costs ~10 ms per frame of the live view (and keeps a performance
// entry per render); this launcher runs React's production build unless NODE_ENV says otherwise.
// It must be set before anything imports React, hence before launch() loads the CLI. (The
// bundle has React's production build compiled in.)
import { launch } from '../dist/src/cli/launch.js';

process.env.NODE_ENV ??= 'production';
await launch(process.argv.slice(2));
