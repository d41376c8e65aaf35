// Entry of the bundled long-run driver (memory-bench.ts): cluster-top's V8 flags first, as its
// launchers set them, then the driver and the dashboard it runs.

import { setRuntimeFlags } from '../src/util/v8-flags.js';

setRuntimeFlags();
await import('./long-run-driver.js');
