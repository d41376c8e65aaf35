// Test support, preloaded into a child process (`node --import`): when the process exits, its
// peak resident set size (bytes, as getrusage reports it) is written to the file named by
// CLUSTER_TOP_TEST_PEAK_RSS_FILE.

import { writeFileSync } from 'node:fs';

const file = process.env.CLUSTER_TOP_TEST_PEAK_RSS_FILE;
if (file !== undefined) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS * 1024)));
