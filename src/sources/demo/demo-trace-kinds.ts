// The kinds of trace the demo peer records, with how often each starts (the calls the metrics
// count, times `sampling_prob`) and how long its root lasts: a gorpc call from another peer
// (`Recv.<Service>.<Method>`, its duration drawn from the method's latency distribution in the
// catalogue, as the gorpc histograms are), or a REST API request (ochttp's distributions of
// traffic.ts and pin-pipeline.ts). Span shapes follow IPFS Cluster v1.1's `trace.StartSpan` calls.

import { RPC_METHOD_BY_NAME } from './catalogue.js';
import { ipfsCall, plan, restCall, type SpanPlan } from './demo-spans.js';
import { chance, lognormal, type Prng } from './prng.js';

/** IPFS Cluster's default `tracing.sampling_prob`. */
export const SAMPLING_PROB = 0.3;

/** One kind of trace. */
export interface TraceKind {
  /** What it is, for tests and debugging. */
  readonly name: string;
  /** Calls per second before sampling. */
  readonly perSecond: number;
  /** Draws one trace: its span plan and the root's duration in ms. */
  readonly draw: (rng: Prng, cid: string) => { readonly root: SpanPlan; readonly durationMs: number };
}

/** The latency of one call of a gorpc method, drawn as the metrics draw it. */
export function methodLatencyMs(rng: Prng, method: string): number {
  const spec = RPC_METHOD_BY_NAME.get(method);
  if (spec === undefined) throw new Error(`demo traces: unknown gorpc method ${method}`);
  return lognormal(rng, spec.medianMs, spec.sigma);
}

/** A gorpc call received from another peer: `Recv.<method>` over `body`. */
function rpc(method: string, perSecond: number, body: (rng: Prng, cid: string) => SpanPlan[]): TraceKind {
  return {
    name: `Recv.${method}`,
    perSecond,
    draw: (rng, cid) => {
      const kids = body(rng, cid);
      const fails = kids.some((k) => k.fails === true);
      return { root: plan(`Recv.${method}`, 1, kids, { fails }), durationMs: methodLatencyMs(rng, method) };
    },
  };
}

const pinArgs = (cid: string) => `arg=${cid}&type=recursive`;

function pinSteps(): SpanPlan[] {
  return [
    plan('cluster/pin', 0.92, [
      plan('cluster/setupPin', 0.02),
      plan('cluster/allocate', 0.25, [plan('cluster/obtainAllocations', 0.9, [plan('monitor/pubsub/LatestMetrics', 0.3), plan('monitor/pubsub/LatestMetrics', 0.3)])]),
      plan('consensus/LogPin', 0.65, [plan('state/dsstate/Add', 0.9)]),
    ]),
  ];
}

function statusSteps(rng: Prng, cid: string): SpanPlan[] {
  const unpinned = chance(rng, 0.1); // Kubo answers pin/ls of a CID it does not pin with HTTP 500
  return [
    plan('tracker/stateless/Status', 0.95, [
      plan('ipfsconn/ipfshttp/PinLsCid', 0.95, [ipfsCall('pin/ls', 0.97, `stream=true&${pinArgs(cid)}`, unpinned)]),
    ]),
  ];
}

function repoStat(): SpanPlan {
  return plan('ipfsconn/ipfshttp/RepoStat', 0.95, [ipfsCall('repo/stat', 0.97, 'size-only=true')]);
}

/** Every kind of trace the demo peer records. */
export const TRACE_KINDS: readonly TraceKind[] = [
  rpc('Cluster.Pin', 0.5, () => [plan('cluster/Pin', 0.96, pinSteps())]),
  rpc('Cluster.Unpin', 0.02, () => [plan('cluster/Unpin', 0.95, [plan('cluster/PinGet', 0.1, [plan('state/dsstate/Get', 0.8)]), plan('consensus/LogUnpin', 0.8, [plan('state/dsstate/Rm', 0.9)])])]),
  rpc('Cluster.PinGet', 0.4, () => [plan('cluster/PinGet', 0.9, [plan('state/dsstate/Get', 0.85)])]),
  rpc('Cluster.ID', 0.2, () => [plan('cluster/ID', 0.95, [plan('ipfsconn/ipfshttp/ID', 0.7, [ipfsCall('id', 0.95, '')]), plan('consensus/Peers', 0.2)])]),
  rpc('Cluster.SendInformersMetrics', 0.27, () => [
    plan('cluster/sendInformersMetrics', 0.95, [plan('informer/disk/GetMetric', 0.7, [repoStat()]), plan('monitor/pubsub/PublishMetric', 0.2)]),
  ]),
  rpc('PeerMonitor.LatestMetrics', 0.7, () => [plan('monitor/pubsub/LatestMetrics', 0.9)]),
  rpc('PinTracker.Track', 0.8, () => [plan('tracker/stateless/Track', 0.9, [plan('optracker/TrackNewOperation', 0.6)])]),
  rpc('PinTracker.Untrack', 0.02, () => [plan('tracker/stateless/Untrack', 0.9, [plan('optracker/TrackNewOperation', 0.6)])]),
  rpc('PinTracker.Status', 0.4, statusSteps),
  rpc('PinTracker.StatusAll', 0.05, () => [
    plan('tracker/stateless/StatusAll', 0.97, [
      plan('state/dsstate/List', 0.15),
      plan('tracker/stateless/ipfspins', 0.8, [plan('ipfsconn/ipfshttp/PinLs', 0.98, [ipfsCall('pin/ls', 0.99, 'stream=true&type=recursive')])]),
    ]),
  ]),
  rpc('PinTracker.PinQueueSize', 1 / 15, () => [plan('tracker/stateless/PinQueueSize', 0.8)]),
  rpc('IPFSConnector.Pin', 0.6, (rng, cid) => {
    const fails = chance(rng, 0.03);
    return [plan('ipfsconn/ipfshttp/Pin', 0.99, [ipfsCall('pin/add', 0.99, `${pinArgs(cid)}&progress=true`, fails)], { fails })];
  }),
  rpc('IPFSConnector.Unpin', 0.02, (_rng, cid) => [plan('ipfsconn/ipfshttp/Unpin', 0.98, [ipfsCall('pin/rm', 0.98, pinArgs(cid))])]),
  rpc('IPFSConnector.PinLsCid', 0.1, (_rng, cid) => [plan('ipfsconn/ipfshttp/PinLsCid', 0.96, [ipfsCall('pin/ls', 0.97, `stream=true&${pinArgs(cid)}`)])]),
  rpc('IPFSConnector.RepoStat', 1 / 15, () => [repoStat()]),
  {
    name: 'POST /pins/{cid}',
    perSecond: 0.6,
    draw: (rng, cid) => {
      const ms = methodLatencyMs(rng, 'Cluster.Pin');
      const query = 'mode=recursive&name=&replication-max=-1&replication-min=-1';
      return { root: restCall('POST', `/pins/${cid}`, query, 200, [plan('cluster/Pin', ms / (ms + 10), pinSteps())]), durationMs: ms + lognormal(rng, 10, 0.6) };
    },
  },
  {
    name: 'DELETE /pins/{cid}',
    perSecond: 0.02,
    draw: (rng, cid) => {
      const missing = chance(rng, 0.3);
      const kids = [plan('cluster/Unpin', 0.9, [plan('cluster/PinGet', missing ? 0.8 : 0.1, [plan('state/dsstate/Get', 0.8)]), ...(missing ? [] : [plan('consensus/LogUnpin', 0.8)])])];
      return { root: restCall('DELETE', `/pins/${cid}`, '', missing ? 404 : 200, kids), durationMs: missing ? lognormal(rng, 1.7, 0.4) : methodLatencyMs(rng, 'Cluster.Unpin') + lognormal(rng, 12, 0.6) };
    },
  },
  {
    name: 'GET /pins/{cid}',
    perSecond: 0.25,
    draw: (rng, cid) => ({
      root: restCall('GET', `/pins/${cid}`, 'local=false', 200, [
        plan('cluster/Status', 0.97, [plan('cluster/globalPinInfoCid', 0.97, [plan('cluster/PinGet', 0.05), plan('rpc/tracker/Status', 0.85, statusSteps(rng, cid))])]),
      ]),
      durationMs: lognormal(rng, 6, 0.7),
    }),
  },
  {
    name: 'GET /id',
    perSecond: 0.15,
    draw: (rng) => ({
      root: restCall('GET', '/id', '', 200, [plan('cluster/ID', 0.95, [plan('ipfsconn/ipfshttp/ID', 0.75, [ipfsCall('id', 0.96, '')]), plan('consensus/Peers', 0.15)])]),
      durationMs: lognormal(rng, 3.5, 0.8),
    }),
  },
  {
    name: 'GET /peers',
    perSecond: 0.13,
    draw: (rng) => ({
      root: restCall('GET', '/peers', '', 200, [plan('cluster/Peers', 0.97, [plan('consensus/Peers', 0.12), plan('cluster/getIDForPeer', 0.85, [plan('cluster/ID', 0.97, [plan('ipfsconn/ipfshttp/ID', 0.8, [ipfsCall('id', 0.96, '')])])])])]),
      durationMs: lognormal(rng, 4, 0.8),
    }),
  },
  {
    name: 'GET /pins',
    perSecond: 0.02,
    draw: (rng) => ({
      root: restCall('GET', '/pins', 'filter=pinned,pinning,pin_error&local=false', 200, [
        plan('cluster/StatusAll', 0.99, [
          plan('cluster/globalPinInfoStream', 0.99, [
            plan('rpc/tracker/StatusAll', 0.97, [
              plan('tracker/stateless/StatusAll', 0.99, [
                plan('state/dsstate/List', 0.15),
                plan('tracker/stateless/ipfspins', 0.8, [plan('ipfsconn/ipfshttp/PinLs', 0.99, [ipfsCall('pin/ls', 0.99, 'stream=true&type=recursive')])]),
              ]),
            ]),
          ]),
        ]),
      ]),
      durationMs: lognormal(rng, 1400, 1.0),
    }),
  },
];

/** Sum of the kinds' sampled rates: traces per second. */
export const TRACES_PER_SECOND = TRACE_KINDS.reduce((sum, k) => sum + k.perSecond, 0) * SAMPLING_PROB;

/** A kind drawn with probability proportional to its rate. */
export function pickKind(rng: Prng): TraceKind {
  const total = TRACE_KINDS.reduce((sum, k) => sum + k.perSecond, 0);
  let u = rng.next() * total;
  for (const kind of TRACE_KINDS) {
    u -= kind.perSecond;
    if (u < 0) return kind;
  }
  return TRACE_KINDS[TRACE_KINDS.length - 1];
}
