// Test support for the dashboard views: a fake terminal of any size (ink-testing-library is
// fixed at 100 columns) that shows what the screen writer draws on it, waiting for a frame,
// unstyled pane text, and a small synthetic peer whose scrapes give every pane something to draw.

import { EventEmitter } from 'node:events';
import type { ReactNode } from 'react';
import { render, type Instance } from 'ink';
import type { PeerSample } from '../../src/model/peer-sample.js';
import type { PollOutcome } from '../../src/model/poll-outcome.js';
import { buildSnapshot, type PeerSnapshot } from '../../src/model/snapshot.js';
import { LatencyTrend, type TrendPoint } from '../../src/model/latency-trend.js';
import type { DashboardProps } from '../../src/ui/dashboard.js';
import { ScreenContext } from '../../src/ui/screen-context.js';
import { ScreenWriter } from '../../src/ui/screen-writer.js';
import { silentOutput } from '../../src/ui/silent-output.js';
import { lineText, type StyledLine } from '../../src/ui/styled-line.js';
import { ScreenModel } from './screen-model.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

/** A terminal output of a given size that keeps every chunk written and shows them on a ScreenModel. */
export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  readonly frames: string[] = [];
  screen: ScreenModel;
  constructor(
    public columns: number,
    public rows: number,
  ) {
    super();
    this.screen = new ScreenModel(columns, rows);
  }
  write = (chunk: string, ...rest: unknown[]): boolean => {
    this.frames.push(chunk);
    this.screen.write(chunk);
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  /** Changes the size and tells Ink, as a terminal resize would. */
  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.screen = new ScreenModel(columns, rows);
    this.emit('resize');
  }
}

/** A terminal input that test code types into. */
export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private pending: string | null = null;
  /** Types `data` as one chunk, like a terminal delivering keys. */
  type(data: string): void {
    this.pending = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read = (): string | null => {
    const data = this.pending;
    this.pending = null;
    return data;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

/** A rendered tree on a fake terminal. */
export interface Rendered {
  readonly stdout: FakeStdout;
  readonly stdin: FakeStdin;
  readonly instance: Instance;
  /** What the terminal shows now, unstyled. */
  frame(): string;
}

/**
 * Renders `node` on a `columns`×`rows` terminal the way run-dashboard does: Ink hosts the tree
 * and reads the keys (its own output discarded), a ScreenWriter draws the frames.
 */
export function renderAt(node: ReactNode, columns: number, rows: number): Rendered {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const writer = new ScreenWriter(stdout);
  const instance = render(<ScreenContext.Provider value={writer}>{node}</ScreenContext.Provider>, {
    stdout: silentOutput(stdout as unknown as NodeJS.WriteStream),
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  return { stdout, stdin, instance, frame: () => stdout.screen.text() };
}

/** Resolves once `check()` is true; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Methods of the synthetic peer, with the bucket their calls usually land in; the last is idle. */
const METHODS: readonly [string, number][] = [
  ['IPFSConnector.Pin', 6],
  ['Cluster.SendInformersMetrics', 3],
  ['PinTracker.Status', 2],
  ['Cluster.PinGet', 1],
  ['PeerMonitor.LatestMetrics', 0],
  ['Cluster.Unpin', -1],
];
const BOUNDS = [1, 5, 10, 50, 100, 500, 1000, 5000];
const LAYOUT = latencyLayout(METHODS.map(([m]) => m), BOUNDS);

/** Scrape time of synthetic sample `i`: the peer has been up an hour at sample 0. */
export function sampleTime(i: number): number {
  return 4_600_000 + i * 1000;
}

/** The synthetic peer's first `n` scrapes, one second apart. */
export function syntheticSamples(n: number): PeerSample[] {
  const cumulative = METHODS.map(() => new Array<number>(BOUNDS.length + 1).fill(0));
  const out: PeerSample[] = [];
  for (let i = 0; i < n; i++) {
    METHODS.forEach(([, bucket], m) => {
      if (bucket < 0) return;
      // Every third scrape the method is one bucket slower, so the sparklines have a shape.
      const landing = Math.min(BOUNDS.length, bucket + (i % 3 === 2 ? 1 : 0));
      const calls = 2 + m;
      for (let b = landing; b <= BOUNDS.length; b++) cumulative[m][b] += calls;
    });
    const sample = sampleAt(sampleTime(i), LAYOUT, cumulative.map((c) => c.slice()), { startTime: 1000, pinAdd: 100 + 3 * i, cpu: 10 + 0.05 * i });
    out.push({ ...sample, gauges: { ...sample.gauges, pinErrors: i >= 3 ? 2 : 0, pinQueued: i } });
  }
  return out;
}

/** A poll that answers with `samples` (failures where a sample is a string), then never again. */
export function scriptedPoll(samples: readonly (PeerSample | string)[]): { poll: () => Promise<PollOutcome>; calls: () => number } {
  let calls = 0;
  const poll = (): Promise<PollOutcome> => {
    const next = samples[calls++];
    if (next === undefined) return new Promise<PollOutcome>(() => undefined);
    if (typeof next === 'string') return Promise.resolve({ ok: false, kind: 'refused', message: next, atMs: 0 });
    return Promise.resolve({ ok: true, sample: next, bytes: 1000, durationMs: 3 });
  };
  return { poll, calls: () => calls };
}

/** Snapshot and trend after the synthetic peer's first `n` scrapes. */
export function syntheticState(n: number): { snapshot: PeerSnapshot; trend: readonly TrendPoint[] } {
  const samples = syntheticSamples(n);
  const trend = new LatencyTrend();
  let snapshot: PeerSnapshot | null = null;
  for (let i = 1; i <= n; i++) {
    snapshot = buildSnapshot(samples.slice(0, i), { target: 'http://peer0:8888/metrics', quantile: 0.95, windowMs: 60_000, variant: 'prom3' });
    trend.push(samples[i - 1].tMs, snapshot.methodRates);
  }
  return { snapshot: snapshot!, trend: trend.points() };
}

/** Painted lines as text, unstyled, trailing blanks cut from each line. */
export function paneText(painted: readonly StyledLine[]): string {
  return painted.map((l) => lineText(l).trimEnd()).join('\n');
}

/** The bytes a ScreenWriter sends to draw `painted` on a blank `width`-column screen. */
export function paneBytes(painted: readonly StyledLine[], width: number): string {
  let bytes = '';
  new ScreenWriter({ write: (text: string) => (bytes += text) }).show(painted, width, painted.length);
  return bytes;
}

/** Joins expected lines into a frame. */
export function lines(...rows: string[]): string {
  return rows.join('\n');
}

/** The clock the dashboard tests read: the time of the eighth synthetic sample. */
export const DASHBOARD_NOW = sampleTime(8);

/** Dashboard props for the tests: the synthetic peer's settings, a fixed clock, then `overrides`. */
export function dashboardProps(poll: DashboardProps['poll'], overrides: Partial<DashboardProps> = {}): DashboardProps {
  return {
    target: 'http://peer0:8888/metrics',
    poll,
    intervalMs: 10,
    windowMs: 60_000,
    maxSamples: 100,
    quantile: 0.95,
    variant: 'prom3',
    ascii: false,
    color: false,
    now: () => DASHBOARD_NOW,
    ...overrides,
  };
}
