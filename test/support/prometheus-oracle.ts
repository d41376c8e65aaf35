// Test support: evaluates PromQL with the real Prometheus (Debian package `prometheus`) over a
// folder of recorded scrapes named <unix-ms>.prom. The payloads are converted line by line to
// OpenMetrics with explicit timestamps (independently of cluster-top's parser), backfilled with
// `promtool tsdb create-blocks-from openmetrics`, and queried through a Prometheus started on
// 127.0.0.1 with an ephemeral port; the process is always stopped and its folder removed.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitHttpReady } from './child-server.js';

/** One result row of an instant query: labels and the value (NaN for "NaN"). */
export interface OracleRow {
  readonly labels: Record<string, string>;
  readonly value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$/;

/** The OpenMetrics backfill text of every <unix-ms>.prom file in `dir`. */
export function recordingAsOpenMetrics(dir: string): { text: string; lastMs: number } {
  const { lines, lastMs } = recordingLines(dir, null);
  return { text: [...lines, '# EOF', ''].join('\n'), lastMs };
}

/**
 * The OpenMetrics backfill text of a fleet recording: every subfolder of `root` is one peer's
 * recording, its series labelled `instance="<subfolder>"` (as a Prometheus scraping each peer
 * would label them).
 */
export function fleetRecordingAsOpenMetrics(root: string): { text: string; lastMs: number } {
  const lines: string[] = [];
  let lastMs = -Infinity;
  for (const peer of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const recorded = recordingLines(join(root, peer), peer);
    lines.push(...recorded.lines);
    lastMs = Math.max(lastMs, recorded.lastMs);
  }
  return { text: [...lines, '# EOF', ''].join('\n'), lastMs };
}

/** The sample lines of a recording with explicit timestamps, each labelled with `instance` when given. */
function recordingLines(dir: string, instance: string | null): { lines: string[]; lastMs: number } {
  const files = readdirSync(dir)
    .map((name) => ({ name, m: /^(\d+)\.prom$/.exec(name) }))
    .filter((f) => f.m !== null)
    .map((f) => ({ path: join(dir, f.name), t: Number(f.m![1]) }))
    .sort((a, b) => a.t - b.t);
  if (files.length === 0) throw new Error(`no <unix-ms>.prom files in ${dir}`);
  const out: string[] = [];
  for (const file of files) {
    const seconds = (file.t / 1000).toFixed(3);
    for (const line of readFileSync(file.path, 'utf8').split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      const m = SAMPLE_LINE.exec(line);
      if (m === null) throw new Error(`oracle converter cannot read line ${JSON.stringify(line)} in ${file.path}`);
      out.push(`${m[1]}${withInstance(m[2], instance)} ${m[3]} ${seconds}`);
    }
  }
  return { lines: out, lastMs: files[files.length - 1].t };
}

/** A label set (`{…}` or none) with `instance` added first. */
function withInstance(labels: string | undefined, instance: string | null): string {
  if (instance === null) return labels ?? '';
  const added = `instance=${JSON.stringify(instance)}`;
  return labels === undefined || labels === '{}' ? `{${added}}` : `{${added},${labels.slice(1)}`;
}

/** Runs each instant query at `atMs` over the recording in `dir`; rows per query. */
export async function evaluateWithPrometheus(dir: string, atMs: number, queries: readonly string[]): Promise<OracleRow[][]> {
  return evaluateOpenMetrics(recordingAsOpenMetrics(dir).text, atMs, queries);
}

/** Runs each instant query at `atMs` over a fleet recording (see fleetRecordingAsOpenMetrics); rows per query. */
export async function evaluateFleetWithPrometheus(root: string, atMs: number, queries: readonly string[]): Promise<OracleRow[][]> {
  return evaluateOpenMetrics(fleetRecordingAsOpenMetrics(root).text, atMs, queries);
}

async function evaluateOpenMetrics(backfillText: string, atMs: number, queries: readonly string[]): Promise<OracleRow[][]> {
  const work = mkdtempSync(join(tmpdir(), 'cluster-top-oracle-'));
  let prometheus: ChildProcess | null = null;
  try {
    const omFile = join(work, 'backfill.om');
    writeFileSync(omFile, backfillText);
    const backfill = spawnSync('promtool', ['tsdb', 'create-blocks-from', 'openmetrics', omFile, join(work, 'data')], { encoding: 'utf8', timeout: 120_000 });
    if (backfill.status !== 0) throw new Error(`promtool backfill failed: ${backfill.stderr}${backfill.stdout}`);
    const running = await startPrometheus(work, 'global: {}\n');
    prometheus = running.child;
    const base = running.base;
    const results: OracleRow[][] = [];
    for (const query of queries) {
      const url = `${base}/api/v1/query?query=${encodeURIComponent(query)}&time=${(atMs / 1000).toFixed(3)}`;
      const body = (await (await fetch(url)).json()) as { status: string; error?: string; data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      if (body.status !== 'success') throw new Error(`query failed: ${body.error ?? 'unknown error'}: ${query}`);
      results.push(body.data.result.map((r) => ({ labels: r.metric, value: Number(r.value[1]) })));
    }
    return results;
  } finally {
    if (prometheus !== null) await stopChild(prometheus);
    rmSync(work, { recursive: true, force: true });
  }
}

/** A Prometheus started on 127.0.0.1 (ephemeral port) with `config` and its TSDB in `work/data`. */
export async function startPrometheus(work: string, config: string): Promise<{ child: ChildProcess; base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  writeFileSync(join(work, 'prometheus.yml'), config);
  const child = spawn('prometheus', [
    `--config.file=${join(work, 'prometheus.yml')}`,
    `--storage.tsdb.path=${join(work, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--storage.tsdb.retention.time=100y',
    '--log.level=error',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHttpReady(`${base}/-/ready`, child, () => stderr, 'prometheus');
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  return { child, base, stop: () => stopChild(child) };
}
