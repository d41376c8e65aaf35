// `cluster-top demo --serve`: the embedded demo peer, or with `--peers N` the demo cluster, alone
// on 127.0.0.1 until SIGINT or SIGTERM, saying where it serves (the cluster: its peers and demo-1's
// REST API) and the command that watches it.
// A port it cannot take is a usage error.

import { startDemoCluster, type DemoCluster } from '../sources/demo/demo-cluster.js';
import { describeSchedule, type FaultSchedule } from '../sources/demo/fault-spec.js';
import { startDemoPeer, type DemoPeer } from '../sources/demo/server.js';
import { usageError, type Output } from './output.js';
import { stopSignal } from './process-io.js';

/** `demo --serve`: the demo peer alone, until SIGINT or SIGTERM; a port it cannot take is a usage error. */
export async function serveDemo(o: Output, port: number, faults: FaultSchedule): Promise<number> {
  let demo: DemoPeer;
  try {
    demo = await startDemoPeer({ port, faults: faults.length > 0 ? faults : undefined });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return usageError(o, `port ${port} on 127.0.0.1 is in use; choose another --port, or leave it out for a free one`);
    if (code === 'EACCES') return usageError(o, `port ${port} on 127.0.0.1 needs privileges; choose a port from 1024 up, or leave --port out for a free one`);
    throw error;
  }
  o.out(`demo peer serving ${demo.url}${demo.jaegerUrl === null ? '' : ` (Jaeger query API at ${demo.jaegerUrl})`}${faults.length > 0 ? ` with faults: ${describeSchedule(faults)}` : ''}\n`);
  o.out(`watch it: cluster-top --metrics ${demo.url}${demo.jaegerUrl === null ? '' : ` --jaeger ${demo.jaegerUrl}`}\n`);
  await untilStopped();
  await demo.close();
  return 0;
}

/** `demo --serve --peers N`: the demo cluster alone, until SIGINT or SIGTERM; a port it cannot take is a usage error. */
export async function serveDemoCluster(o: Output, port: number, peers: number): Promise<number> {
  let cluster: DemoCluster;
  try {
    cluster = await startDemoCluster({ peers, port: port === 0 ? undefined : port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return usageError(o, `a port from ${port} to ${port + peers} on 127.0.0.1 is in use; choose another --port, or leave it out for free ones`);
    if (code === 'EACCES') return usageError(o, `ports from ${port} on 127.0.0.1 need privileges; choose one from 1024 up, or leave --port out`);
    throw error;
  }
  for (const peer of cluster.peers) o.out(`${peer.name} ${peer.url}${peer.trouble === null ? '' : `  (${peer.trouble})`}\n`);
  o.out(`demo cluster of ${peers} serving; one Jaeger query API for every peer's service, at each peer's origin\n`);
  o.out(`IPFS Cluster REST API (demo-1's, which sees every peer): ${cluster.apiUrl}\n`);
  // --api too: peers given by --metrics alone leave the REST API off (they could be anywhere).
  const jaeger = cluster.peers[0].jaegerUrl === null ? '' : ` --jaeger ${cluster.peers[0].jaegerUrl}`;
  o.out(`watch it: cluster-top ${cluster.peers.map((p) => `--metrics ${p.name}=${p.url}`).join(' ')} --api ${cluster.apiUrl}${jaeger}\n`);
  await untilStopped();
  await cluster.close();
  return 0;
}

/** Resolves on SIGINT or SIGTERM. */
function untilStopped(): Promise<void> {
  const stop = stopSignal();
  return new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
}
