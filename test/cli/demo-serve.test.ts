// `cluster-top demo --serve` as a program: it keeps serving through a `refused` window (when
// nothing listens) and answers again once the window ends; a busy --port is a usage error; the
// command it prints to watch it works; with --peers, the demo cluster alone and the command that
// watches it as a fleet, and its REST API.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { BIN, runCli } from '../support/run-cli.js';

test('demo --serve outlives a refused window and answers again after it', async (t) => {
  const child = spawn(process.execPath, [BIN, 'demo', '--serve', '--faults', 'refused@1s-2s'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let exitCode: number | null | undefined;
  child.on('exit', (code) => (exitCode = code));
  t.after(() => {
    if (exitCode === undefined) child.kill('SIGKILL');
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`demo peer exited with ${code} before serving`)));
  });
  assert.equal((await fetch(url)).status, 200, 'serving before the window');
  await delay(1300);
  await assert.rejects(fetch(url), 'nothing listens during the window');
  await delay(1400);
  assert.equal(exitCode, undefined, 'still running after the window');
  assert.equal((await fetch(url)).status, 200, 'serving again after the window');
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((resolve) => (exitCode !== undefined ? resolve(exitCode) : child.once('exit', resolve)));
  assert.equal(code, 0, 'stops cleanly on SIGTERM');
});

test('demo --serve on a busy port says the port is in use and exits 2', async (t) => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.after(() => busy.close());
  const port = (busy.address() as AddressInfo).port;
  const result = await runCli(['demo', '--serve', '--port', String(port)]);
  assert.equal(result.code, 2);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr, `cluster-top: port ${port} on 127.0.0.1 is in use; choose another --port, or leave it out for a free one\nTry 'cluster-top --help'.\n`);
});

test('demo --serve prints the command that watches it, and that command reads its metrics and its traces', { timeout: 60_000 }, async (t) => {
  const child = spawn(process.execPath, [BIN, 'demo', '--serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  const watch = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /^watch it: (cluster-top .*)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`demo peer exited with ${code} before serving`)));
  });
  assert.match(watch, /^cluster-top --metrics http:\/\/127\.0\.0\.1:\d+\/metrics --jaeger http:\/\/127\.0\.0\.1:\d+$/);
  const args = watch.split(' ').slice(1);
  const result = await runCli([...args, '--once', '--json', '--interval', '200ms', '--window', '1s', '--no-config']);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout) as { cluster: { pins: number | null }; traces?: unknown[]; tracesError?: string };
  assert.equal(typeof doc.cluster.pins, 'number');
  assert.equal(doc.tracesError, undefined);
  assert.ok((doc.traces?.length ?? 0) > 0, 'the demo peer\'s traces are listed');
});

test('demo --serve --peers 3 prints each peer and a command that watches them all as a fleet', { timeout: 60_000 }, async (t) => {
  const child = spawn(process.execPath, [BIN, 'demo', '--serve', '--peers', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.after(() => child.kill('SIGTERM'));
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (/^watch it: .*\n/m.test(text)) resolve(text);
    });
    child.on('exit', (code) => reject(new Error(`demo cluster exited with ${code} before serving`)));
  });
  const peers = [...out.matchAll(/^(demo-\d) (http:\/\/127\.0\.0\.1:\d+\/metrics)/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(peers.map((p) => p[0]), ['demo-1', 'demo-2', 'demo-3']);
  assert.match(out, /^demo-2 \S+ {2}\(pin errors\)$/m);
  const api = /^IPFS Cluster REST API \(demo-1's, which sees every peer\): (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
  assert.ok(api !== null, out);
  const id = (await (await fetch(`${api[1]}/id`)).json()) as { peername: string; cluster_peers: string[] };
  assert.equal(id.peername, 'demo-1');
  assert.equal(id.cluster_peers.length, 3);
  const watch = /^watch it: cluster-top (.*)$/m.exec(out)![1].split(' ');
  const demo1 = new URL(peers[0][1]).origin;
  assert.deepEqual(watch, [...peers.flatMap((p) => ['--metrics', `${p[0]}=${p[1]}`]), '--api', api[1], '--jaeger', demo1]);
  // The one Jaeger the command names serves every peer's service (each peer's dashboard searches its own).
  const services = (await (await fetch(`${demo1}/api/services`)).json()) as { data: string[] };
  assert.deepEqual([...services.data].sort(), peers.map((p) => `cluster-daemon-${p[0]}`));
  const result = await runCli([...watch, '--once', '--json', '--interval', '200ms']);
  assert.equal(result.code, 0, result.stderr);
  const doc = JSON.parse(result.stdout) as { peers: { peer: string; target: string }[]; fleet: { peersUp: number; pinset: number | null }; api: { peers: { peername: string }[] } };
  assert.deepEqual(doc.api.peers.map((p) => p.peername), ['demo-1', 'demo-2', 'demo-3'], 'the watch command reads the demo cluster\'s REST API');
  assert.equal(doc.fleet.peersUp, 3);
  assert.deepEqual(doc.peers.map((p) => [p.peer, p.target]), peers, 'each peer is named as the demo names it');
  assert.ok(doc.fleet.pinset !== null && doc.fleet.pinset > 0, `pinset ${doc.fleet.pinset}`);
});

test('demo --serve --peers on a busy port range is a usage error naming the range', async (t) => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  t.after(() => busy.close());
  const port = (busy.address() as AddressInfo).port;
  const result = await runCli(['demo', '--serve', '--peers', '2', '--port', String(port - 2)]);
  assert.equal(result.code, 2, result.stderr);
  assert.match(result.stderr, new RegExp(`^cluster-top: a port from ${port - 2} to ${port} on 127\\.0\\.0\\.1 is in use`));
});
