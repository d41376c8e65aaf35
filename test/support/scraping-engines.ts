// Test support: a real Prometheus (Debian's `prometheus`) and a real VictoriaMetrics (Debian's
// `victoria-metrics`) started on 127.0.0.1 (ephemeral ports), each scraping the given targets as
// job "ipfs-cluster" every second, its data in a temporary folder that stop() removes; and the
// engine's own answer to an instant query, read with fetch (not with cluster-top's client).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, stopChild, waitHttpReady } from './child-server.js';
import { startPrometheus } from './prometheus-oracle.js';

/** A running engine. */
export interface ScrapingEngine {
  readonly name: 'prometheus' | 'victoria-metrics';
  /** Its API's base URL. */
  readonly base: string;
  /** When it was ready (unix ms): no sample is older. */
  readonly readyMs: number;
  stop(): Promise<void>;
}

/** One row of an instant answer, the value parsed ("NaN" → NaN). */
export interface EngineRow {
  readonly labels: Record<string, string>;
  readonly value: number;
}

function scrapeConfig(targets: readonly string[]): string {
  return [
    'global:',
    '  scrape_interval: 1s',
    '  scrape_timeout: 1s',
    'scrape_configs:',
    '  - job_name: ipfs-cluster',
    '    static_configs:',
    `      - targets: ${JSON.stringify(targets)}`,
    '',
  ].join('\n');
}

/** Prometheus scraping `targets` (host:port) every second. */
export async function startScrapingPrometheus(targets: readonly string[]): Promise<ScrapingEngine> {
  const work = mkdtempSync(join(tmpdir(), 'cluster-top-prom-'));
  try {
    const running = await startPrometheus(work, scrapeConfig(targets));
    return {
      name: 'prometheus',
      base: running.base,
      readyMs: Date.now(),
      stop: async () => {
        await running.stop();
        rmSync(work, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * VictoriaMetrics scraping `targets` every second. `latencyOffsetMs` is its
 * -search.latencyOffset: how long its newest samples stay hidden from queries near "now".
 */
export async function startScrapingVictoriaMetrics(targets: readonly string[], latencyOffsetMs: number): Promise<ScrapingEngine> {
  const work = mkdtempSync(join(tmpdir(), 'cluster-top-vm-'));
  writeFileSync(join(work, 'scrape.yml'), scrapeConfig(targets));
  const port = await freePort();
  const child = spawn('victoria-metrics', [
    `-storageDataPath=${join(work, 'data')}`,
    `-httpListenAddr=127.0.0.1:${port}`,
    `-promscrape.config=${join(work, 'scrape.yml')}`,
    `-search.latencyOffset=${latencyOffsetMs}ms`,
    '-retentionPeriod=100y',
    '-loggerLevel=ERROR',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    await waitHttpReady(`${base}/health`, child, () => stderr, 'engine');
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: 'victoria-metrics', base, readyMs: Date.now(), stop };
}

/** The engine's own answer to `query` at `atMs` with `extra` parameters. */
export async function engineQuery(base: string, query: string, atMs: number, extra: Record<string, string> = {}): Promise<EngineRow[]> {
  const params = new URLSearchParams({ query, time: (atMs / 1000).toFixed(3), ...extra });
  const body = (await (await fetch(`${base}/api/v1/query?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
  };
  if (body.status !== 'success') throw new Error(`query failed: ${body.error ?? 'unknown error'}: ${query}`);
  return body.data.result.map((r) => ({ labels: r.metric, value: r.value[1] === '+Inf' ? Infinity : r.value[1] === '-Inf' ? -Infinity : Number(r.value[1]) }));
}

/** The raw samples of a range selector at `atMs`: per series, its labels and [unix ms, value text] points. */
export async function engineRawSamples(base: string, selector: string, atMs: number): Promise<{ labels: Record<string, string>; points: [number, string][] }[]> {
  const params = new URLSearchParams({ query: selector, time: (atMs / 1000).toFixed(3) });
  const body = (await (await fetch(`${base}/api/v1/query?${params}`)).json()) as {
    status: string;
    error?: string;
    data: { resultType: string; result: { metric: Record<string, string>; values: [number, string][] }[] };
  };
  if (body.status !== 'success' || body.data.resultType !== 'matrix') throw new Error(`raw samples: ${body.error ?? body.data.resultType}`);
  return body.data.result.map((r) => ({ labels: r.metric, points: r.values.map(([t, v]) => [Math.round(t * 1000), v] as [number, string]) }));
}
