// Test support: the demo peer with fault injection (src/sources/demo/fault-spec.ts) on 127.0.0.1
// and an ephemeral port, its faults switched by SPEC strings, closed when the test ends.

import type { TestContext } from 'node:test';
import { parseFaultSpec, type FaultSchedule } from '../../src/sources/demo/fault-spec.js';
import { startDemoPeer, type DemoPeerServerOptions } from '../../src/sources/demo/server.js';

/** A running faulty peer. */
export interface FaultyPeer {
  /** `http://127.0.0.1:PORT/metrics`. */
  readonly url: string;
  /** Switches to the faults of `spec` ('' for none), timed from now; resolves once the listener follows. */
  set(spec: string): Promise<void>;
  /** Closes the server (also done when the test ends). */
  close(): Promise<void>;
}

/** `spec` parsed, or a thrown error (a test bug). */
export function schedule(spec: string): FaultSchedule {
  const parsed = parseFaultSpec(spec);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.schedule;
}

/** Starts the demo peer with the faults of `spec` (none by default); closed when `t` ends. */
export async function startFaultyPeer(t: TestContext, spec = '', options: DemoPeerServerOptions = {}): Promise<FaultyPeer> {
  const peer = await startDemoPeer({ jaeger: false, ...options, faults: schedule(spec) });
  t.after(() => peer.close());
  return {
    url: peer.url,
    set: (next) => peer.setFaults!(schedule(next)),
    close: () => peer.close(),
  };
}
