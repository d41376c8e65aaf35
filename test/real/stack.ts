// The real stack a real-stack test runs against, as scripts/real-stack/start.sh describes it in
// $REAL_STACK_RUN_DIR/stack.json: the three IPFS Cluster peers (names, IDs, REST API and metrics
// addresses), ipfs-cluster-ctl, Kubo's API, Jaeger's query API and the versions installed; and the
// tests' one way of waiting for the stack to show something (a deadline, never a fixed sleep).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One IPFS Cluster peer of the stack. */
export interface StackPeer {
  readonly name: string;
  readonly id: string;
  /** The REST API as a multiaddr (`/ip4/127.0.0.1/tcp/9094`). */
  readonly restApi: string;
  readonly metricsUrl: string;
}

/** What start.sh wrote. */
export interface Stack {
  readonly runDir: string;
  readonly ctl: string;
  readonly kuboApi: string;
  readonly jaegerQuery: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly peers: readonly [StackPeer, StackPeer, StackPeer];
}

/** The started stack; throws, saying how to start one, when there is none. */
export function startedStack(): Stack {
  const runDir = process.env.REAL_STACK_RUN_DIR;
  if (runDir === undefined || !existsSync(join(runDir, 'stack.json'))) {
    throw new Error('REAL_STACK_RUN_DIR does not name a started stack: run `npm run test:real` (scripts/real-stack/run.sh)');
  }
  return JSON.parse(readFileSync(join(runDir, 'stack.json'), 'utf8')) as Stack;
}

/** Polls `probe` every 250 ms until it gives a value (a throw counts as not yet), at most `timeoutMs`; the timeout names `what` and the last error. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 250));
  }
}
