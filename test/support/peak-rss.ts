// Test support: runs the built command line as a child process, like run-cli.ts, and also
// reports the child's peak resident set size, measured by the child itself as it exits
// (peak-rss-hook.ts): a bound on memory that does not depend on when anyone looks.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, type CliResult } from './run-cli.js';

/** What a measured run produced. */
export interface MeasuredCliResult extends CliResult {
  /** Peak RSS of the child, bytes; null when it died before it could say (e.g. V8 aborted). */
  readonly peakRssBytes: number | null;
}

const HOOK = new URL('./peak-rss-hook.js', import.meta.url).href;

/** Runs `cluster-top args…` with an empty stdin; kills it after `timeoutMs`. */
export function runCliMeasured(args: readonly string[], timeoutMs = 60_000): Promise<MeasuredCliResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-top-rss-'));
  const file = join(dir, 'peak');
  return new Promise<MeasuredCliResult>((resolve, reject) => {
    const env = { ...process.env, CLUSTER_TOP_TEST_PEAK_RSS_FILE: file };
    const child = spawn(process.execPath, ['--import', HOOK, BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      let peakRssBytes: number | null = null;
      try {
        peakRssBytes = Number(readFileSync(file, 'utf8'));
      } catch {
        // no file: the child never reached its exit handlers
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, stdout, stderr, peakRssBytes });
    });
  });
}
