// Test support: runs the built command line (`bin/cluster-top.js`) as a child process and
// collects its exit code and output.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute path of the launcher. */
export const BIN = fileURLToPath(new URL('../../../bin/cluster-top.js', import.meta.url));

/** What a CLI run produced. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cluster-top args…`, optionally feeding `stdin`; kills it after `timeoutMs`. */
export function runCli(args: readonly string[], options: { stdin?: string | Buffer; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.stdin ?? '');
  });
}
