// The IPFS Cluster metric names cluster-top reads, across every release that exposed them.
// Names changed over versions (namespace `cluster_` before v0.11, `ipfscluster_` since; the v1.0
// revamp; `blocks_put_error` → `blocks_put_errors` in v1.0.2), so each quantity lists its names
// newest first and the first one present wins.

/** The cluster gauges shown in the cluster pane and in `--once` output. */
export type ClusterGaugeKey = 'pins' | 'pinQueued' | 'pinning' | 'pinErrors' | 'ipfsPins' | 'informerDisk';

/** The cluster counters shown as per-second rates. */
export type ClusterCounterKey =
  | 'pinAdd'
  | 'pinAddErrors'
  | 'blocksPut'
  | 'blocksAdded'
  | 'blocksAddedSize'
  | 'blocksPutErrors';

/** Gauge names by key, newest name first. v1.0.0 exposed pin_queued/pinning/pin_error as counters
 * holding the same current count, so the value is read whatever the declared type. */
export const CLUSTER_GAUGE_NAMES: Readonly<Record<ClusterGaugeKey, readonly string[]>> = {
  pins: ['ipfscluster_pins', 'ipfscluster_cluster_pin_count', 'cluster_cluster_pin_count'],
  pinQueued: ['ipfscluster_pins_pin_queued'],
  pinning: ['ipfscluster_pins_pinning'],
  pinErrors: ['ipfscluster_pins_pin_error'],
  ipfsPins: ['ipfscluster_pins_ipfs_pins'],
  informerDisk: ['ipfscluster_informer_disk'],
};

/** Counter names by key, newest name first. */
export const CLUSTER_COUNTER_NAMES: Readonly<Record<ClusterCounterKey, readonly string[]>> = {
  pinAdd: ['ipfscluster_pins_pin_add'],
  pinAddErrors: ['ipfscluster_pins_pin_add_errors'],
  blocksPut: ['ipfscluster_blocks_put'],
  blocksAdded: ['ipfscluster_blocks_added'],
  blocksAddedSize: ['ipfscluster_blocks_added_size'],
  blocksPutErrors: ['ipfscluster_blocks_put_errors', 'ipfscluster_blocks_put_error'],
};

/** Every cluster counter's key, in CLUSTER_COUNTER_NAMES's order. */
export const CLUSTER_COUNTER_KEYS = Object.keys(CLUSTER_COUNTER_NAMES) as readonly ClusterCounterKey[];

/** The gorpc server latency histogram (milliseconds), by namespace generation. */
export const RPC_LATENCY_FAMILIES: readonly string[] = [
  'ipfscluster_gorpc_libp2p_io_server_server_latency',
  'cluster_gorpc_libp2p_io_server_server_latency',
];

/** The only label of the gorpc histograms: `Service.Method`, e.g. `Cluster.Pin`. */
export const RPC_METHOD_LABEL = 'gorpc_server_method';

/** Peer process metrics from client_golang's process and Go collectors. */
export const PROCESS_NAMES = {
  residentMemoryBytes: 'process_resident_memory_bytes',
  cpuSecondsTotal: 'process_cpu_seconds_total',
  startTimeSeconds: 'process_start_time_seconds',
  openFds: 'process_open_fds',
  maxFds: 'process_max_fds',
  goroutines: 'go_goroutines',
} as const;

/** go-libp2p swarm connection counters (v1.1.1+); open connections = opened − closed. */
export const LIBP2P_CONNECTION_NAMES = {
  opened: 'libp2p_swarm_connections_opened_total',
  closed: 'libp2p_swarm_connections_closed_total',
} as const;

/** Why the latency pane can be empty, and what to do about it. */
export const TRACING_HINT =
  'RPC latency histograms appear only when the peer runs with tracing enabled: ' +
  'start it with `ipfs-cluster-service daemon --stats --tracing`, or set ' +
  '"observations.tracing.enable_tracing": true in service.json ' +
  '(or CLUSTER_TRACING_ENABLETRACING=true).';

/** Shown when none of the cluster metrics is present. */
export const NOT_A_CLUSTER_HINT =
  'no IPFS Cluster metrics found: is this the peer\'s metrics endpoint ' +
  '(observations.metrics.prometheus_endpoint, default 127.0.0.1:8888) with enable_stats on?';

/**
 * Every sample name `PeerSampleExtractor` reads, from the lists above: the live monitors parse only
 * the families these can belong to (`familiesOfSamples`), so a list added above must be added here.
 */
export const SAMPLE_NAMES_READ: readonly string[] = [
  ...Object.values(CLUSTER_GAUGE_NAMES).flat(),
  ...Object.values(CLUSTER_COUNTER_NAMES).flat(),
  ...RPC_LATENCY_FAMILIES.map((family) => family + '_bucket'),
  ...Object.values(PROCESS_NAMES),
  ...Object.values(LIBP2P_CONNECTION_NAMES),
];
