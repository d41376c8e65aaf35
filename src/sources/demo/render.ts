// Renders the demo peer's state as the /metrics text of an IPFS Cluster v1.1.x peer running
// `--stats --tracing`: ipfscluster_* (cluster, gorpc and ochttp views), libp2p_*, go_* and
// process_*. A pure function of the state; series that were never recorded are absent, as with
// OpenCensus views and client_golang vectors.

import { FAMILY_SPECS } from './catalogue.js';
import { writeExposition, type FamilyOut, type SeriesOut } from './exposition-writer.js';
import { DIAL_ERRORS, DIRECTIONS, EVENT_SUBSCRIBERS } from './libp2p-model.js';
import type { DemoPeerState } from './peer-state.js';
import { heapInuse, mspanInuse, residentBytes, stackInuse, STATIC_MEMSTATS, type RuntimeState } from './runtime-model.js';

const GORPC = 'ipfscluster_gorpc_libp2p_io_server_';
const OCHTTP = 'ipfscluster_opencensus_io_http_';
const MAX_INT64 = 9223372036854775807;
const MAX_UINT64 = 18446744073709551615;
const GO_VERSION = 'go1.26.2';

/** Figures a cluster's peers share instead of simulating each their own. */
export interface SharedFigures {
  /** `ipfscluster_pins`: the cluster's pinset size, the same on every peer in sync. */
  readonly pinset?: number;
}

/** The exposition text (format 0.0.4) of the peer as it stands at `state.nowMs` (`shared`: what its cluster shares). */
export function renderMetrics(state: DemoPeerState, shared: SharedFigures = {}): string {
  return writeExposition([
    ...clusterFamilies(state, shared),
    ...ocFamilies(state),
    ...libp2pFamilies(state),
    ...goFamilies(state.runtime),
    ...processFamilies(state.runtime),
  ]);
}

function family(name: string, series: readonly SeriesOut[]): FamilyOut {
  const spec = FAMILY_SPECS[name];
  if (!spec) throw new Error(`demo peer: no catalogue entry for ${name}`);
  return { name, spec, series };
}

function single(name: string, value: number): FamilyOut {
  return family(name, [{ labels: {}, value }]);
}

function clusterFamilies(s: DemoPeerState, shared: SharedFigures): FamilyOut[] {
  const p = s.pins;
  const b = s.blocks;
  const out = [
    single('ipfscluster_pins', shared.pinset ?? p.pins),
    single('ipfscluster_pins_pin_queued', p.queued),
    single('ipfscluster_pins_pinning', p.inFlight.length),
    single('ipfscluster_pins_pin_error', p.errored),
    single('ipfscluster_pins_ipfs_pins', p.ipfsPins),
    single('ipfscluster_pins_pin_add', p.pinAdd),
    single('ipfscluster_pins_pin_add_errors', p.pinAddErrors),
    single('ipfscluster_blocks_put', b.puts),
    single('ipfscluster_blocks_added', b.added),
    single('ipfscluster_blocks_added_size', b.addedBytes),
    single('ipfscluster_blocks_put_errors', b.putErrors),
  ];
  if (p.diskWeight !== undefined) out.push(single('ipfscluster_informer_disk', p.diskWeight));
  return out;
}

function ocFamilies(s: DemoPeerState): FamilyOut[] {
  const rpc = [...s.views.rpc.entries()].map(([method, v]) => ({ labels: { gorpc_server_method: method }, v }));
  const srv = s.views.server;
  const has = (n: number): SeriesOut[] => (n > 0 ? [{ labels: {}, value: n }] : []);
  const dist = (d: typeof srv.latency): SeriesOut[] => (d.count > 0 ? [{ labels: {}, value: d }] : []);
  const byKey = (m: Map<string, number>, label: string): SeriesOut[] => [...m].map(([k, n]) => ({ labels: { [label]: k }, value: n }));
  const cli = [...s.views.client.values()].map((c) => ({ labels: { http_client_method: c.method, http_client_status: c.status }, c }));
  return [
    family(`${GORPC}server_latency`, rpc.map((r) => ({ labels: r.labels, value: r.v.latency }))),
    family(`${GORPC}completed_rpcs`, rpc.map((r) => ({ labels: r.labels, value: r.v.latency.count }))),
    family(`${GORPC}received_bytes_per_rpc`, rpc.map((r) => ({ labels: r.labels, value: r.v.received }))),
    family(`${GORPC}sent_bytes_per_rpc`, rpc.map((r) => ({ labels: r.labels, value: r.v.sent }))),
    family(`${OCHTTP}server_request_count`, has(srv.started)),
    family(`${OCHTTP}server_request_count_by_method`, byKey(srv.byMethod, 'http_method')),
    family(`${OCHTTP}server_response_count_by_status_code`, byKey(srv.byStatus, 'http_status')),
    family(`${OCHTTP}server_latency`, dist(srv.latency)),
    family(`${OCHTTP}server_request_bytes`, dist(srv.requestBytes)),
    family(`${OCHTTP}server_response_bytes`, dist(srv.responseBytes)),
    family(`${OCHTTP}client_completed_count`, cli.map((x) => ({ labels: x.labels, value: x.c.latency.count }))),
    family(`${OCHTTP}client_roundtrip_latency`, cli.map((x) => ({ labels: x.labels, value: x.c.latency }))),
    family(`${OCHTTP}client_received_bytes`, cli.map((x) => ({ labels: x.labels, value: x.c.received }))),
    family(`${OCHTTP}client_sent_bytes`, cli.map((x) => ({ labels: x.labels, value: x.c.sent }))),
  ];
}

function libp2pFamilies(s: DemoPeerState): FamilyOut[] {
  const l = s.libp2p;
  const conn = (dir: string) => ({ dir, early_muxer: 'true', ip_version: 'ip4', muxer: '/yamux/1.0.0', security: '/noise', transport: 'tcp' });
  const touched = (xs: SeriesOut[]): SeriesOut[] => xs.filter((x) => (x.value as number) > 0);
  return [
    family('libp2p_swarm_connections_opened_total', touched(DIRECTIONS.map((d) => ({ labels: conn(d), value: l.opened[d] })))),
    family('libp2p_swarm_connections_closed_total', touched(DIRECTIONS.map((d) => ({ labels: conn(d), value: l.closed[d] })))),
    family(
      'libp2p_swarm_dial_errors_total',
      touched(DIAL_ERRORS.map((e, i) => ({ labels: { error: e.error, ip_version: e.ipVersion, transport: 'tcp' }, value: l.dialErrors[i] }))),
    ),
    family('libp2p_identify_identify_total', touched(DIRECTIONS.map((d) => ({ labels: { dir: d }, value: l.identify[d] })))),
    single('libp2p_identify_addrs_count', l.addrsCount),
    single('libp2p_identify_protocols_count', l.protocolsCount),
    family('libp2p_eventbus_events_emitted_total', touched(Object.entries(l.events).map(([event, n]) => ({ labels: { event }, value: n })))),
    family('libp2p_eventbus_subscribers_total', Object.entries(EVENT_SUBSCRIBERS).map(([event, n]) => ({ labels: { event }, value: n }))),
  ];
}

function goFamilies(r: RuntimeState): FamilyOut[] {
  const inuse = heapInuse(r);
  const stack = stackInuse(r);
  const mspan = mspanInuse(r);
  const mspanSys = Math.max(3_835_200, Math.ceil(mspan / 16384) * 16384);
  const { mcacheSys, buckHashSys, gcSys, otherSys } = STATIC_MEMSTATS;
  const sys = r.heapSys + stack + mspanSys + mcacheSys + buckHashSys + gcSys + otherSys;
  const mem: [string, number][] = [
    ['alloc_bytes', r.heapAlloc],
    ['alloc_bytes_total', r.allocTotal],
    ['buck_hash_sys_bytes', STATIC_MEMSTATS.buckHashSys],
    ['frees_total', r.frees],
    ['gc_sys_bytes', STATIC_MEMSTATS.gcSys],
    ['heap_alloc_bytes', r.heapAlloc],
    ['heap_idle_bytes', r.heapSys - inuse],
    ['heap_inuse_bytes', inuse],
    ['heap_objects', r.heapObjects],
    ['heap_released_bytes', r.heapReleased],
    ['heap_sys_bytes', r.heapSys],
    ['last_gc_time_seconds', r.lastGcMs / 1000],
    ['mallocs_total', r.mallocs],
    ['mcache_inuse_bytes', STATIC_MEMSTATS.mcacheInuse],
    ['mcache_sys_bytes', STATIC_MEMSTATS.mcacheSys],
    ['mspan_inuse_bytes', mspan],
    ['mspan_sys_bytes', mspanSys],
    ['next_gc_bytes', r.nextGc],
    ['other_sys_bytes', STATIC_MEMSTATS.otherSys],
    ['stack_inuse_bytes', stack],
    ['stack_sys_bytes', stack],
    ['sys_bytes', sys],
  ];
  return [
    family('go_gc_duration_seconds', [{ labels: {}, value: { quantiles: pauseQuantiles(r.pauses), sum: r.gcPauseSum, count: r.gcCount } }]),
    single('go_gc_gogc_percent', 100),
    single('go_gc_gomemlimit_bytes', MAX_INT64),
    single('go_goroutines', r.goroutines),
    family('go_info', [{ labels: { version: GO_VERSION }, value: 1 }]),
    ...mem.map(([suffix, v]) => single(`go_memstats_${suffix}`, v)),
    single('go_sched_gomaxprocs_threads', 8),
    single('go_threads', r.threads),
  ];
}

function pauseQuantiles(pauses: readonly number[]): [number, number][] {
  const sorted = [...pauses].sort((a, b) => a - b);
  return [0, 0.25, 0.5, 0.75, 1].map((q) => [q, sorted.length === 0 ? 0 : sorted[Math.round(q * (sorted.length - 1))]]);
}

function processFamilies(r: RuntimeState): FamilyOut[] {
  return [
    single('process_cpu_seconds_total', Math.round(r.cpuSeconds * 100) / 100),
    single('process_max_fds', 1_048_576),
    single('process_network_receive_bytes_total', r.rxBytes),
    single('process_network_transmit_bytes_total', r.txBytes),
    single('process_open_fds', r.openFds),
    single('process_resident_memory_bytes', residentBytes(r)),
    single('process_start_time_seconds', r.startTimeSeconds),
    single('process_virtual_memory_bytes', r.virtualBytes),
    single('process_virtual_memory_max_bytes', MAX_UINT64),
  ];
}
