// The evolving state of the demo peer and the clock that drives it. The state advances in fixed
// 250 ms steps of simulated time, each step drawing from one seeded stream, so the state at a
// given time depends only on (seed, start time, uptime, time) and never on how often or when it
// was advanced; catching up costs time proportional to the elapsed interval, not to the uptime.

import { createLibp2p, openConnections, stepLibp2p, type Libp2pState } from './libp2p-model.js';
import type { OcViews } from './oc-views.js';
import { stepPins, type PinPipeline, type PinTuning } from './pin-pipeline.js';
import { createPrng, type Prng } from './prng.js';
import { createRuntime, stepRuntime, type RuntimeState } from './runtime-model.js';
import { seedHistory } from './seed-history.js';
import { stepTraffic, type BlockCounters } from './traffic.js';

/** Simulated time per step, ms. */
export const STEP_MS = 250;
/** Default seed of the demo peer. */
export const DEFAULT_SEED = 20260522;
/** Default uptime at start: about 2.6 days, like the fixture's peer. */
export const DEFAULT_UPTIME_SECONDS = 224_000;

/** Options of createDemoPeerState. */
export interface DemoPeerOptions {
  /** PRNG seed (default DEFAULT_SEED). */
  readonly seed?: number;
  /** Unix ms at which the demo starts (default Date.now()). */
  readonly startMs?: number;
  /** How long the peer has already been running at startMs, seconds (default ~2.6 days). */
  readonly uptimeSeconds?: number;
  /** How its IPFS pins behave from startMs on (default: a healthy peer's). */
  readonly pinTuning?: PinTuning;
}

/** Everything the demo peer's /metrics is rendered from. */
export interface DemoPeerState {
  readonly seed: number;
  readonly startMs: number;
  readonly uptimeSeconds: number;
  /** Steps simulated so far. */
  steps: number;
  /** Simulated time reached: startMs + steps × STEP_MS. */
  nowMs: number;
  /** The stream every step draws from. */
  readonly rng: Prng;
  readonly views: OcViews;
  readonly pins: PinPipeline;
  readonly blocks: BlockCounters;
  readonly libp2p: Libp2pState;
  readonly runtime: RuntimeState;
}

/** A demo peer as it stands at `startMs`, having been up `uptimeSeconds`. */
export function createDemoPeerState(options: DemoPeerOptions = {}): DemoPeerState {
  const seed = options.seed ?? DEFAULT_SEED;
  const startMs = options.startMs ?? Date.now();
  const uptimeSeconds = Math.max(0, options.uptimeSeconds ?? DEFAULT_UPTIME_SECONDS);
  if (!Number.isFinite(startMs) || !Number.isFinite(uptimeSeconds)) {
    throw new RangeError('demo peer: startMs and uptimeSeconds must be finite');
  }
  const init = createPrng(seed);
  const history = seedHistory(init, startMs, uptimeSeconds);
  return {
    seed,
    startMs,
    uptimeSeconds,
    steps: 0,
    nowMs: startMs,
    rng: createPrng(seed ^ 0x5bd1e995),
    views: history.views,
    pins: options.pinTuning === undefined ? history.pins : tunedPins(history.pins, options.pinTuning),
    blocks: history.blocks,
    libp2p: createLibp2p(init, uptimeSeconds),
    runtime: createRuntime(init, startMs, uptimeSeconds),
  };
}

/** Simulates every whole step up to `nowMs`; a time at or before the current one is a no-op. */
export function advanceTo(state: DemoPeerState, nowMs: number): void {
  const target = Math.floor((nowMs - state.startMs) / STEP_MS);
  while (state.steps < target) {
    const t0 = state.startMs + state.steps * STEP_MS;
    const t1 = t0 + STEP_MS;
    step(state, t0, t1);
    state.steps += 1;
    state.nowMs = t1;
  }
}

function step(s: DemoPeerState, t0: number, t1: number): void {
  stepPins(s.pins, s.views, s.rng, t0, t1);
  stepTraffic(s.views, s.blocks, s.rng, t0, t1);
  stepLibp2p(s.libp2p, s.rng, t0, t1);
  const connections = openConnections(s.libp2p, 'inbound') + openConnections(s.libp2p, 'outbound');
  stepRuntime(s.runtime, s.rng, t0, t1, { pinning: s.pins.inFlight.length, connections });
}

/** The seeded pipeline with `tuning`: a peer that never fails starts with no pins in error, one that fails often with a few. */
function tunedPins(pins: PinPipeline, tuning: PinTuning): PinPipeline {
  const errored = tuning.failureShare === 0 ? 0 : tuning.failureShare >= 0.2 ? Math.max(pins.errored, 6) : pins.errored;
  return { ...pins, tuning, errored };
}
