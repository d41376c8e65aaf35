// What the demo peer exposes: every family with its TYPE and HELP text as a v1.1.6 peer running
// `--stats --tracing` prints them, the OpenCensus bucket bounds, and the gorpc methods with their
// latency shape (lognormal median and sigma) and call rates. Data only; no logic.

/** Exposition type of a family. */
export type FamilyType = 'counter' | 'gauge' | 'histogram' | 'summary';

/** TYPE and HELP of one family. */
export interface FamilySpec {
  readonly type: FamilyType;
  readonly help: string;
}

/** ocgorpc DefaultMillisecondsDistribution without its dropped leading 0 (40 finite bounds). */
export const GORPC_LATENCY_BOUNDS_MS: readonly number[] = [
  0.01, 0.05, 0.1, 0.3, 0.6, 0.8, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100,
  130, 160, 200, 250, 300, 400, 500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

/** OpenCensus DefaultSizeDistribution without its leading 0 (13 finite bounds), gorpc and ochttp. */
export const SIZE_BOUNDS_BYTES: readonly number[] = [
  1024, 2048, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864, 268435456,
  1073741824, 4294967296,
];

/** ochttp DefaultLatencyDistribution without its leading 0 (34 finite bounds). */
export const OCHTTP_LATENCY_BOUNDS_MS: readonly number[] = [
  1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 30, 40, 50, 65, 80, 100, 130, 160, 200, 250, 300, 400,
  500, 650, 800, 1000, 2000, 5000, 10000, 20000, 50000, 100000,
];

/** Who calls a gorpc method while the demo runs. */
export type RpcDriver =
  | 'poisson' // independent arrivals at `livePerSecond`
  | 'pins' // the pin pipeline (new pins, pin completions, unpins)
  | 'coupled' // a side effect of another call (PinLsCid after PinTracker.Status, …)
  | 'informer' // every informer tick (15 s)
  | 'idle'; // no calls during the demo; only its history

/** One gorpc server method (a `gorpc_server_method` label value). */
export interface RpcMethod {
  /** `Service.Method`, e.g. `Cluster.Pin`. */
  readonly name: string;
  /** Median server latency in milliseconds. */
  readonly medianMs: number;
  /** Log-space standard deviation of the latency. */
  readonly sigma: number;
  /** Average calls per second over the peer's life, used to seed the uptime history. */
  readonly lifetimePerSecond: number;
  /** Calls per second while the demo runs, for `poisson` methods. */
  readonly livePerSecond: number;
  /** Who calls it during the demo. */
  readonly driver: RpcDriver;
  /** Go type size of the argument, recorded as received bytes for local calls only. */
  readonly argBytes: number;
  /** Share of calls that are local (serverCall), the only ones with received bytes. */
  readonly localFraction: number;
}

const API_PIN_BYTES = 232; // illustrative reflect.TypeOf(api.Pin{}).Size()
const CID_BYTES = 16;
const LIFE = 224_000; // the fixture's uptime, which its lifetime counts are spread over

/** The gorpc methods a busy CRDT peer serves, sorted by name. */
export const RPC_METHODS: readonly RpcMethod[] = [
  m('Cluster.ID', 2.8, 0.7, 2412 / LIFE, 0.2, 'poisson', 0, 0),
  m('Cluster.IDStream', 9, 0.8, 318 / LIFE, 0, 'idle', 0, 0),
  m('Cluster.Pin', 11, 0.7, 2977 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
  m('Cluster.PinGet', 0.14, 0.6, 5620 / LIFE, 0.4, 'poisson', CID_BYTES, 1),
  m('Cluster.SendInformersMetrics', 4.5, 0.8, 3104 / LIFE, 0, 'coupled', 0, 1),
  m('Cluster.Unpin', 8, 0.7, 143 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
  m('Cluster.Version', 0.03, 0.5, 96 / LIFE, 0, 'idle', 0, 0),
  m('IPFSConnector.Pin', 1800, 1.4, 3530 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
  m('IPFSConnector.PinLsCid', 6, 0.7, 1745 / LIFE, 0, 'coupled', API_PIN_BYTES, 1),
  m('IPFSConnector.RepoStat', 9, 0.6, 1 / 15, 0, 'informer', 0, 1),
  m('IPFSConnector.SwarmPeers', 14, 0.6, 64 / LIFE, 0, 'idle', 0, 0),
  m('IPFSConnector.Unpin', 38, 0.9, 151 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
  m('PeerMonitor.LatestMetrics', 0.08, 0.5, 61845 / LIFE, 0.7, 'poisson', CID_BYTES, 1),
  m('PinTracker.PinQueueSize', 0.012, 0.4, 1 / 15, 0, 'informer', 0, 1),
  m('PinTracker.Status', 5.5, 0.7, 1733 / LIFE, 0.4, 'poisson', CID_BYTES, 0.6),
  m('PinTracker.StatusAll', 900, 0.8, 212 / LIFE, 0.05, 'poisson', 0, 0),
  m('PinTracker.Track', 0.06, 0.6, 9388 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
  m('PinTracker.Untrack', 0.05, 0.6, 451 / LIFE, 0, 'pins', API_PIN_BYTES, 1),
];

function m(
  name: string,
  medianMs: number,
  sigma: number,
  lifetimePerSecond: number,
  livePerSecond: number,
  driver: RpcDriver,
  argBytes: number,
  localFraction: number,
): RpcMethod {
  return { name, medianMs, sigma, lifetimePerSecond, livePerSecond, driver, argBytes, localFraction };
}

/** The methods by name. */
export const RPC_METHOD_BY_NAME: ReadonlyMap<string, RpcMethod> = new Map(RPC_METHODS.map((x) => [x.name, x]));

/** Families the demo renders, by name, with their TYPE and HELP. */
export const FAMILY_SPECS: Readonly<Record<string, FamilySpec>> = {
  ipfscluster_pins: g('Total number of cluster pins'),
  ipfscluster_pins_pin_queued: g('Current number of pins queued for pinning'),
  ipfscluster_pins_pinning: g('Current number of pins currently pinning'),
  ipfscluster_pins_pin_error: g('Current number of pins in pin_error state'),
  ipfscluster_pins_ipfs_pins: g('Current number of items pinned on IPFS'),
  ipfscluster_pins_pin_add: c('Total number of IPFS pin requests'),
  ipfscluster_pins_pin_add_errors: c('Total number of failed pin requests'),
  ipfscluster_blocks_put: c('Total number of blocks/put requests'),
  ipfscluster_blocks_added: c('Total number of blocks added'),
  ipfscluster_blocks_added_size: c('Total size of blocks added in bytes'),
  ipfscluster_blocks_put_errors: c('Total number of block/put errors'),
  ipfscluster_informer_disk: g('The metric value weight issued by disk informer'),
  ipfscluster_gorpc_libp2p_io_server_server_latency: h('Distribution of server latency in milliseconds, by method.'),
  ipfscluster_gorpc_libp2p_io_server_completed_rpcs: c('Count of RPCs by method and status.'),
  ipfscluster_gorpc_libp2p_io_server_received_bytes_per_rpc: h('Distribution of received bytes per RPC, by method.'),
  ipfscluster_gorpc_libp2p_io_server_sent_bytes_per_rpc: h('Distribution of total sent bytes per RPC, by method.'),
  ipfscluster_opencensus_io_http_server_request_count: c('Count of HTTP requests started'),
  ipfscluster_opencensus_io_http_server_request_count_by_method: c('Server request count by HTTP method'),
  ipfscluster_opencensus_io_http_server_response_count_by_status_code: c('Server response count by status code'),
  ipfscluster_opencensus_io_http_server_latency: h('Latency distribution of HTTP requests'),
  ipfscluster_opencensus_io_http_server_request_bytes: h('Size distribution of HTTP request body'),
  ipfscluster_opencensus_io_http_server_response_bytes: h('Size distribution of HTTP response body'),
  ipfscluster_opencensus_io_http_client_completed_count: c('Count of completed requests, by HTTP method and response status'),
  ipfscluster_opencensus_io_http_client_roundtrip_latency: h('End-to-end latency, by HTTP method and response status'),
  ipfscluster_opencensus_io_http_client_received_bytes: h(
    'Total bytes received in response bodies (not including headers but including error responses with bodies), by HTTP method and response status',
  ),
  ipfscluster_opencensus_io_http_client_sent_bytes: h(
    'Total bytes sent in request body (not including headers), by HTTP method and response status',
  ),
  libp2p_swarm_connections_opened_total: c('Connections Opened'),
  libp2p_swarm_connections_closed_total: c('Connections Closed'),
  libp2p_swarm_dial_errors_total: c('Dial Error'),
  libp2p_identify_identify_total: c('Identify'),
  libp2p_identify_addrs_count: g('Address Count'),
  libp2p_identify_protocols_count: g('Protocols Count'),
  libp2p_eventbus_events_emitted_total: c('Events Emitted'),
  libp2p_eventbus_subscribers_total: g('Number of subscribers for an event type'),
  go_gc_duration_seconds: {
    type: 'summary',
    help: 'A summary of the wall-time pause (stop-the-world) duration in garbage collection cycles.',
  },
  go_gc_gogc_percent: g(
    'Heap size target percentage configured by the user, otherwise 100. This value is set by the GOGC environment variable, and the runtime/debug.SetGCPercent function. Sourced from /gc/gogc:percent.',
  ),
  go_gc_gomemlimit_bytes: g(
    'Go runtime memory limit configured by the user, otherwise math.MaxInt64. This value is set by the GOMEMLIMIT environment variable, and the runtime/debug.SetMemoryLimit function. Sourced from /gc/gomemlimit:bytes.',
  ),
  go_goroutines: g('Number of goroutines that currently exist.'),
  go_info: g('Information about the Go environment.'),
  go_memstats_alloc_bytes: g('Number of bytes allocated in heap and currently in use. Equals to /memory/classes/heap/objects:bytes.'),
  go_memstats_alloc_bytes_total: c('Total number of bytes allocated in heap until now, even if released already. Equals to /gc/heap/allocs:bytes.'),
  go_memstats_buck_hash_sys_bytes: g('Number of bytes used by the profiling bucket hash table. Equals to /memory/classes/profiling/buckets:bytes.'),
  go_memstats_frees_total: c('Total number of heap objects frees. Equals to /gc/heap/frees:objects + /gc/heap/tiny/allocs:objects.'),
  go_memstats_gc_sys_bytes: g('Number of bytes used for garbage collection system metadata. Equals to /memory/classes/metadata/other:bytes.'),
  go_memstats_heap_alloc_bytes: g('Number of heap bytes allocated and currently in use, same as go_memstats_alloc_bytes. Equals to /memory/classes/heap/objects:bytes.'),
  go_memstats_heap_idle_bytes: g('Number of heap bytes waiting to be used. Equals to /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.'),
  go_memstats_heap_inuse_bytes: g('Number of heap bytes that are in use. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes'),
  go_memstats_heap_objects: g('Number of currently allocated objects. Equals to /gc/heap/objects:objects.'),
  go_memstats_heap_released_bytes: g('Number of heap bytes released to OS. Equals to /memory/classes/heap/released:bytes.'),
  go_memstats_heap_sys_bytes: g(
    'Number of heap bytes obtained from system. Equals to /memory/classes/heap/objects:bytes + /memory/classes/heap/unused:bytes + /memory/classes/heap/released:bytes + /memory/classes/heap/free:bytes.',
  ),
  go_memstats_last_gc_time_seconds: g('Number of seconds since 1970 of last garbage collection.'),
  go_memstats_mallocs_total: c(
    'Total number of heap objects allocated, both live and gc-ed. Semantically a counter version for go_memstats_heap_objects gauge. Equals to /gc/heap/allocs:objects + /gc/heap/tiny/allocs:objects.',
  ),
  go_memstats_mcache_inuse_bytes: g('Number of bytes in use by mcache structures. Equals to /memory/classes/metadata/mcache/inuse:bytes.'),
  go_memstats_mcache_sys_bytes: g(
    'Number of bytes used for mcache structures obtained from system. Equals to /memory/classes/metadata/mcache/inuse:bytes + /memory/classes/metadata/mcache/free:bytes.',
  ),
  go_memstats_mspan_inuse_bytes: g('Number of bytes in use by mspan structures. Equals to /memory/classes/metadata/mspan/inuse:bytes.'),
  go_memstats_mspan_sys_bytes: g(
    'Number of bytes used for mspan structures obtained from system. Equals to /memory/classes/metadata/mspan/inuse:bytes + /memory/classes/metadata/mspan/free:bytes.',
  ),
  go_memstats_next_gc_bytes: g('Number of heap bytes when next garbage collection will take place. Equals to /gc/heap/goal:bytes.'),
  go_memstats_other_sys_bytes: g('Number of bytes used for other system allocations. Equals to /memory/classes/other:bytes.'),
  go_memstats_stack_inuse_bytes: g('Number of bytes obtained from system for stack allocator in non-CGO environments. Equals to /memory/classes/heap/stacks:bytes.'),
  go_memstats_stack_sys_bytes: g('Number of bytes obtained from system for stack allocator. Equals to /memory/classes/heap/stacks:bytes + /memory/classes/os-stacks:bytes.'),
  go_memstats_sys_bytes: g('Number of bytes obtained from system. Equals to /memory/classes/total:byte.'),
  go_sched_gomaxprocs_threads: g(
    'The current runtime.GOMAXPROCS setting, or the number of operating system threads that can execute user-level Go code simultaneously. Sourced from /sched/gomaxprocs:threads.',
  ),
  go_threads: g('Number of OS threads created.'),
  process_cpu_seconds_total: c('Total user and system CPU time spent in seconds.'),
  process_max_fds: g('Maximum number of open file descriptors.'),
  process_network_receive_bytes_total: c('Number of bytes received by the process over the network.'),
  process_network_transmit_bytes_total: c('Number of bytes sent by the process over the network.'),
  process_open_fds: g('Number of open file descriptors.'),
  process_resident_memory_bytes: g('Resident memory size in bytes.'),
  process_start_time_seconds: g('Start time of the process since unix epoch in seconds.'),
  process_virtual_memory_bytes: g('Virtual memory size in bytes.'),
  process_virtual_memory_max_bytes: g('Maximum amount of virtual memory available in bytes.'),
};

function g(help: string): FamilySpec {
  return { type: 'gauge', help };
}
function c(help: string): FamilySpec {
  return { type: 'counter', help };
}
function h(help: string): FamilySpec {
  return { type: 'histogram', help };
}
