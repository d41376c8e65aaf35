// The demo cluster: N simulated peers in one process, `demo-1` … `demo-N`, each on its own
// loopback port with its own seed, Jaeger service (`cluster-daemon-demo-K`) and traces, sharing
// one pinset as a CRDT cluster's peers do. Trouble comes on a schedule: demo-2 keeps failing pins
// (pin errors), demo-3 pins one at a time and slowly (its queue grows), demo-4 goes down for 30 s
// every 3 minutes, and demo-5's IPFS is slow (IPFSConnector.Pin takes seconds).

import type { DemoTraceStore } from './demo-traces.js';
import type { DemoCredentials } from './demo-rest-auth.js';
import { startDemoRestApi, type DemoRestApi } from './demo-rest-api.js';
import { createDemoDirectory } from './demo-rest-ids.js';
import type { RestViewPeer } from './demo-rest-view.js';
import type { FaultSchedule } from './fault-spec.js';
import { NORMAL_PINS, type PinTuning } from './pin-pipeline.js';
import { advanceTo, createDemoPeerState } from './peer-state.js';
import { startDemoPeer, type DemoPeer } from './server.js';

/** Options of startDemoCluster. */
export interface DemoClusterOptions {
  /** How many peers, 1 to 500. */
  readonly peers: number;
  /** Peer K listens on port + K − 1, the REST API on port + N; free ports when omitted. */
  readonly port?: number;
  /** Clock in unix ms (default Date.now). */
  readonly now?: () => number;
  /** The REST API's `basic_auth_credentials` ({user: password}); no auth when omitted. */
  readonly apiCredentials?: DemoCredentials;
}

/** One running peer of the demo cluster. */
export interface DemoClusterPeer {
  /** `demo-K`. */
  readonly name: string;
  /** `http://127.0.0.1:PORT/metrics`. */
  readonly url: string;
  /** Its Jaeger query API's base URL. */
  readonly jaegerUrl: string | null;
  /** Its trouble, or null for a healthy peer. */
  readonly trouble: DemoTrouble | null;
}

/** The troubles the demo cluster schedules, one peer each. */
export type DemoTrouble = 'pin errors' | 'growing queue' | 'down now and then' | 'slow IPFS';

/** A running demo cluster. */
export interface DemoCluster {
  readonly peers: readonly DemoClusterPeer[];
  /** `http://127.0.0.1:PORT`: demo-1's IPFS Cluster REST API, which knows every peer. */
  readonly apiUrl: string;
  /** Stops every peer and the REST API. */
  close(): Promise<void>;
}

/** Most peers a demo cluster may have. */
export const MAX_DEMO_PEERS = 500;

/** Seconds between the starts of demo-4's outages, and how long each lasts. */
const OUTAGE_EVERY_S = 180;
const OUTAGE_FOR_S = 30;

/** Which trouble peer K (from 1) has. */
export function troubleOf(k: number): DemoTrouble | null {
  return ([null, null, 'pin errors', 'growing queue', 'down now and then', 'slow IPFS'] as const)[k] ?? null;
}

/** A healthy peer of the cluster never fails a pin, so the trouble peers stand out. */
const HEALTHY: PinTuning = { ...NORMAL_PINS, failureShare: 0 };

const TUNING: Readonly<Record<DemoTrouble, PinTuning>> = {
  'pin errors': { ...NORMAL_PINS, failureShare: 0.35 },
  'growing queue': { ...HEALTHY, concurrency: 1, slowFactor: 3 },
  'down now and then': HEALTHY,
  'slow IPFS': { ...HEALTHY, slowFactor: 8 },
};

/** Refused connections for OUTAGE_FOR_S every OUTAGE_EVERY_S, for a day, the first after a minute. */
function outages(): FaultSchedule {
  return Array.from({ length: (24 * 3600) / OUTAGE_EVERY_S }, (_, i) => ({
    fault: 'refused' as const,
    fromMs: (60 + i * OUTAGE_EVERY_S) * 1000,
    toMs: (60 + i * OUTAGE_EVERY_S + OUTAGE_FOR_S) * 1000,
  }));
}

/** Starts the demo cluster on 127.0.0.1; a peer that cannot start stops the ones already started. */
export async function startDemoCluster(options: DemoClusterOptions): Promise<DemoCluster> {
  const n = options.peers;
  if (!Number.isInteger(n) || n < 1 || n > MAX_DEMO_PEERS) throw new RangeError(`demo cluster: 1 to ${MAX_DEMO_PEERS} peers`);
  const now = options.now ?? Date.now;
  const startMs = now();
  // The shared pinset: one more simulated peer whose pinset every peer reports.
  const pinset = createDemoPeerState({ seed: 0x51ed, startMs });
  const shared = (atMs: number) => {
    advanceTo(pinset, atMs);
    return { pinset: pinset.pins.pins };
  };
  const started: { close(): Promise<void> }[] = [];
  const peers: DemoClusterPeer[] = [];
  // One Jaeger for the cluster, as real peers report to: every peer's query API serves them all.
  const traces: DemoTraceStore[] = [];
  const clusterTraces = () => traces;
  const viewPeers: RestViewPeer[] = [];
  let api: DemoRestApi;
  try {
    for (let k = 1; k <= n; k++) {
      const trouble = troubleOf(k);
      const faults = trouble === 'down now and then' ? outages() : undefined;
      const peer: DemoPeer = await startDemoPeer({
        port: options.port === undefined ? 0 : options.port + k - 1,
        seed: 1000 + k,
        now,
        service: `cluster-daemon-demo-${k}`,
        clusterTraces,
        shared,
        pinTuning: trouble === null ? HEALTHY : TUNING[trouble],
        faults,
      });
      started.push(peer);
      if (peer.traces !== null) traces.push(peer.traces);
      peers.push({ name: `demo-${k}`, url: peer.url, jaegerUrl: peer.jaegerUrl, trouble });
      viewPeers.push({ k, state: peer.state, faults: faults ?? [] });
    }
    api = await startDemoRestApi({
      view: { startMs, peers: viewPeers, directory: createDemoDirectory(n) },
      now,
      port: options.port === undefined ? 0 : options.port + n,
      credentials: options.apiCredentials,
    });
    started.push(api);
  } catch (error) {
    await Promise.all(started.map((p) => p.close()));
    throw error;
  }
  return { peers, apiUrl: api.url, close: async () => void (await Promise.all(started.map((p) => p.close()))) };
}
