// CPU per poll (HTTP fetch + parse + sample extraction) against the embedded demo peer, beside the
// peer measured in the same run: built-in fetch + parse-prometheus-text-format. Beside both, what
// node:http alone costs (the floor under any client built on it, which cluster-top used before its
// own HTTP/1.1 client): a bare keep-alive GET of the same endpoint, gzip, body collected, nothing
// decompressed or parsed. The demo peer runs in its own process so that its rendering is not counted.

import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createHttpFeed } from '../src/feed/peer-feed.js';

const require = createRequire(import.meta.url);
const parsePrometheusTextFormat = require('parse-prometheus-text-format') as (text: string) => unknown[];

/** One measured figure. */
export interface PollBenchRow {
  readonly figure: string;
  readonly ours: number;
  readonly peer: number;
  readonly unit: string;
  /** peer / ours: how many times cheaper we are (higher is better). */
  readonly ratio: number;
  /** CPU ms of a bare node:http GET of the same endpoint (gzip accepted, body collected, nothing decoded). */
  readonly httpFloor: number;
  readonly target: string;
  readonly met: boolean;
}

const WARMUP = 30;
const POLLS = 200;

/** Median CPU ms per poll over several rounds, ours and the peer's. */
export async function runPollBench(rounds = 3): Promise<PollBenchRow[]> {
  const demo = await startDemoProcess();
  try {
    const ours: number[] = [];
    const peer: number[] = [];
    const floor: number[] = [];
    let payloadBytes = 0;
    for (let r = 0; r < rounds; r++) {
      const feed = createHttpFeed({ url: demo.url, timeoutMs: 10_000, maxBodyBytes: 64 * 1024 * 1024 });
      for (let i = 0; i < WARMUP; i++) await feed.poll();
      const start = process.cpuUsage();
      for (let i = 0; i < POLLS; i++) {
        const outcome = await feed.poll();
        if (!outcome.ok) throw new Error(outcome.message);
        payloadBytes = outcome.bytes;
      }
      ours.push(cpuMs(process.cpuUsage(start)) / POLLS);
      feed.close();

      for (let i = 0; i < WARMUP; i++) parsePrometheusTextFormat(await (await fetch(demo.url)).text());
      const peerStart = process.cpuUsage();
      for (let i = 0; i < POLLS; i++) parsePrometheusTextFormat(await (await fetch(demo.url)).text());
      peer.push(cpuMs(process.cpuUsage(peerStart)) / POLLS);

      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; i < WARMUP; i++) await bareGet(demo.url, agent);
        const floorStart = process.cpuUsage();
        for (let i = 0; i < POLLS; i++) await bareGet(demo.url, agent);
        floor.push(cpuMs(process.cpuUsage(floorStart)) / POLLS);
      } finally {
        agent.destroy();
      }
    }
    const o = median(ours);
    const p = median(peer);
    return [{
      figure: `CPU per poll, demo peer (${Math.round(payloadBytes / 1024)} KB)`,
      ours: o,
      peer: p,
      unit: 'ms',
      ratio: p / o,
      httpFloor: median(floor),
      target: '≤ 1 ms',
      met: o <= 1,
    }];
  } finally {
    demo.child.kill('SIGTERM');
  }
}

/** One GET with node:http and nothing else: the body's bytes, as sent (gzip). */
function bareGet(url: string, agent: http.Agent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('the demo peer did not answer within 10 s')));
    req.on('error', reject);
  });
}

/** Runs `cluster-top demo --serve` in a child process and resolves once it prints its URL. */
export function startDemoProcess(): Promise<{ url: string; child: ChildProcess }> {
  const bin = fileURLToPath(new URL('../../bin/cluster-top.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.on('exit', (code) => reject(new Error(`demo peer exited with ${code}`)));
  });
}

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
