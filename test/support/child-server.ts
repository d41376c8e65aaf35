// Test support for servers the tests run as child processes (Prometheus, VictoriaMetrics): a free
// loopback port to give one, waiting until its readiness URL answers 200 (or it exits), and
// stopping it (SIGTERM, then SIGKILL after 5 s).

import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Waits up to 30 s for `url` to answer 200; throws with the child's stderr when it exits or never does. */
export async function waitHttpReady(url: string, child: ChildProcess, stderr: () => string, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode}): ${stderr()}`);
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not become ready: ${stderr()}`);
}

/** Stops `child`: SIGTERM, SIGKILL after 5 s; resolves once it has exited. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A loopback port free at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
