// The Go runtime and process numbers of the demo peer (client_golang's Go and process
// collectors): a heap that grows with the allocation rate and drops at each GC (GOGC=100, so the
// goal is twice the live heap), mallocs − frees = live objects, pauses for the GC summary,
// goroutines and fds that follow connections and pins, CPU and network counters that only grow.

import { chance, lognormal, normal, type Prng } from './prng.js';

/** Go runtime and process state. */
export interface RuntimeState {
  /** process_start_time_seconds (clock-tick resolution). */
  readonly startTimeSeconds: number;
  goroutines: number;
  threads: number;
  gcCount: number;
  /** Sum of all GC pauses, seconds. */
  gcPauseSum: number;
  /** The last pauses (at most PAUSE_WINDOW), seconds, for the summary's quantiles. */
  readonly pauses: number[];
  /** Unix ms of the last GC; 0 before the first. */
  lastGcMs: number;
  heapAlloc: number;
  heapObjects: number;
  mallocs: number;
  frees: number;
  allocTotal: number;
  nextGc: number;
  heapSys: number;
  heapReleased: number;
  cpuSeconds: number;
  rxBytes: number;
  txBytes: number;
  openFds: number;
  virtualBytes: number;
}

/** What the rest of the peer is doing, which drives the runtime numbers. */
export interface RuntimeLoad {
  /** Pins in progress. */
  readonly pinning: number;
  /** Open libp2p connections. */
  readonly connections: number;
}

/** Number of recent GC pauses the summary quantiles are computed from. */
export const PAUSE_WINDOW = 256;
/** go_memstats constants that do not move in the demo. */
export const STATIC_MEMSTATS = {
  buckHashSys: 2_874_311,
  gcSys: 14_712_880,
  otherSys: 5_114_929,
  mcacheInuse: 19_328,
  mcacheSys: 31_200,
} as const;

const BYTES_PER_OBJECT_ALLOCATED = 91;
const BYTES_PER_OBJECT_LIVE = 156;
const HEAP_ARENA = 64 << 20;

/** The runtime of a peer started `uptimeS` seconds before `startMs`. */
export function createRuntime(rng: Prng, startMs: number, uptimeS: number): RuntimeState {
  const j = (): number => Math.max(0, 1 + 0.03 * normal(rng));
  const gcCount = Math.round((uptimeS / 15.9) * j());
  const pauses: number[] = [];
  for (let i = 0; i < Math.min(gcCount, PAUSE_WINDOW); i++) pauses.push(gcPause(rng));
  const live = liveHeap(rng, 0);
  const heapAlloc = gcCount > 0 ? Math.round(live * (1 + rng.next())) : Math.round(live * 0.3);
  const heapObjects = Math.round(heapAlloc / BYTES_PER_OBJECT_LIVE);
  const allocTotal = Math.round(uptimeS * 9.46e6 * j()) + heapAlloc;
  const mallocs = Math.round(allocTotal / BYTES_PER_OBJECT_ALLOCATED);
  const heapSys = (uptimeS > 0 ? 6 : 2) * HEAP_ARENA;
  return {
    startTimeSeconds: Math.round(startMs / 10 - uptimeS * 100) / 100,
    goroutines: uptimeS > 0 ? 1500 + Math.round(300 * j()) : 240,
    threads: uptimeS > 3600 ? 38 : 14,
    gcCount,
    gcPauseSum: gcCount * 1.37e-4 * j(),
    pauses,
    lastGcMs: gcCount > 0 ? startMs - rng.next() * 15_000 : 0,
    heapAlloc,
    heapObjects,
    mallocs,
    frees: mallocs - heapObjects,
    allocTotal,
    nextGc: gcCount > 0 ? 2 * live : Math.round(live * 0.6),
    heapSys,
    heapReleased: pageAlign(0.6 * (heapSys - pageAlign(heapAlloc * 1.08))),
    cpuSeconds: uptimeS * 0.03 * j(),
    rxBytes: Math.round(uptimeS * 819_000 * j()),
    txBytes: Math.round(uptimeS * 430_000 * j()),
    openFds: 200,
    virtualBytes: 3_715_117_056 + heapSys,
  };
}

/** Advances the runtime over one step [t0, t1) (ms). */
export function stepRuntime(r: RuntimeState, rng: Prng, t0: number, t1: number, load: RuntimeLoad): void {
  const dt = (t1 - t0) / 1000;
  const bytes = Math.round((7.5e6 + 1.2e6 * load.pinning) * dt * lognormal(rng, 1, 0.3));
  const objects = Math.round(bytes / BYTES_PER_OBJECT_ALLOCATED);
  r.allocTotal += bytes;
  r.mallocs += objects;
  r.heapAlloc += bytes;
  r.heapObjects += objects;
  if (r.heapAlloc >= r.nextGc) collect(r, rng, t1, load.pinning);
  const inuse = heapInuse(r);
  if (inuse + (32 << 20) > r.heapSys) {
    const grown = Math.ceil((inuse + (32 << 20)) / HEAP_ARENA) * HEAP_ARENA;
    r.virtualBytes += grown - r.heapSys;
    r.heapSys = grown;
  }
  const idle = r.heapSys - inuse;
  r.heapReleased = Math.min(idle, pageAlign(r.heapReleased + (0.6 * idle - r.heapReleased) * 0.02));
  const target = 1500 + 6 * load.connections + 12 * load.pinning;
  r.goroutines = Math.max(50, r.goroutines + Math.round((target - r.goroutines) * 0.05 + 3 * normal(rng)));
  if (chance(rng, dt / 50_000)) r.threads += 1;
  r.cpuSeconds += dt * (0.022 + 0.004 * load.pinning + 0.0004 * load.connections) * lognormal(rng, 1, 0.2);
  r.rxBytes += Math.round(dt * (60e3 + 25e3 * load.pinning + 1e3 * load.connections) * lognormal(rng, 1, 0.3));
  r.txBytes += Math.round(dt * (35e3 + 8e3 * load.pinning + 0.8e3 * load.connections) * lognormal(rng, 1, 0.3));
  r.openFds = 140 + load.connections + 2 * load.pinning + Math.floor(rng.next() * 4);
}

/** go_memstats_heap_inuse_bytes: the live heap plus span slack, in whole pages. */
export function heapInuse(r: RuntimeState): number {
  return pageAlign(r.heapAlloc * 1.08);
}

/** go_memstats_stack_inuse_bytes: about 5 KiB of stack per goroutine, in 32 KiB spans. */
export function stackInuse(r: RuntimeState): number {
  return Math.ceil((r.goroutines * 5032) / 32768) * 32768;
}

/** go_memstats_mspan_inuse_bytes. */
export function mspanInuse(r: RuntimeState): number {
  return Math.round((heapInuse(r) * 0.0155) / 160) * 160;
}

/** process_resident_memory_bytes: in-use and unreleased heap, stacks, runtime metadata, binary. */
export function residentBytes(r: RuntimeState): number {
  const inuse = heapInuse(r);
  const unreleased = r.heapSys - inuse - r.heapReleased;
  return pageAlign(inuse + unreleased + stackInuse(r) + mspanInuse(r) + STATIC_MEMSTATS.gcSys * 0.9 + 24e6);
}

function collect(r: RuntimeState, rng: Prng, atMs: number, pinning: number): void {
  const live = liveHeap(rng, pinning);
  const liveObjects = Math.min(r.heapObjects, Math.round(live / BYTES_PER_OBJECT_LIVE));
  r.frees += r.heapObjects - liveObjects;
  r.heapObjects = liveObjects;
  r.heapAlloc = live;
  r.nextGc = 2 * live;
  const pause = gcPause(rng);
  r.gcCount += 1;
  r.gcPauseSum += pause;
  r.pauses.push(pause);
  if (r.pauses.length > PAUSE_WINDOW) r.pauses.shift();
  r.lastGcMs = atMs;
}

function liveHeap(rng: Prng, pinning: number): number {
  return Math.round(lognormal(rng, 160e6, 0.08) + 1e6 * pinning);
}

function gcPause(rng: Prng): number {
  return Math.min(0.02, lognormal(rng, 9.5e-5, 0.9));
}

function pageAlign(bytes: number): number {
  return Math.max(0, Math.round(bytes / 8192) * 8192);
}
