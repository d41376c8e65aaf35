// The live fleet view read from a real Prometheus (Debian's `prometheus` on loopback, scraping a
// three-peer demo cluster every second), in a real terminal (tmux, a private server socket):
// `cluster-top --prometheus URL` lists the three peers up with the header naming the server and
// its data's age, Enter opens a peer's dashboard fed by the server's refreshes with its traces
// from the Jaeger given, Esc comes back,
// and 4 has the server asked for each peer's p99.
// Each step waits for what it expects, with a deadline.

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startDemoCluster, type DemoCluster } from '../../src/sources/demo/demo-cluster.js';
import { startScrapingPrometheus, type ScrapingEngine } from '../support/scraping-engines.js';
import { TMUX_ENV, TmuxServer } from '../support/tmux-session.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PROMPT = 'PROMPT$';
const server = new TmuxServer(`cluster-top-prom-tmux-${process.pid}`, TMUX_ENV);
const keys = (session: string, ...names: string[]): void => void server.run('send-keys', '-t', session, ...names);

/** A fleet row: the selection marker, the health glyph, then the peer's name. */
const ROW = /^([› ]) ([●▲✖]) +(\S+) /u;
const peerRows = (rows: string[]) =>
  rows.flatMap((r) => {
    const m = ROW.exec(r);
    return m === null ? [] : [{ selected: m[1] === '›', health: m[2], name: m[3] }];
  });

let cluster: DemoCluster;
let prometheus: ScrapingEngine;

before(async () => {
  cluster = await startDemoCluster({ peers: 3 });
  prometheus = await startScrapingPrometheus(cluster.peers.map((p) => new URL(p.url).host));
});

after(async () => {
  server.kill();
  await prometheus?.stop();
  await cluster?.close();
});

describe('the fleet view from a real Prometheus in a real terminal (tmux)', () => {
  it('lists the three demo peers up, names the server and its data\'s age, opens a peer and comes back', async () => {
    const s = 'prom';
    const hosts = cluster.peers.map((p) => new URL(p.url).host).sort();
    const serverName = prometheus.base.slice('http://'.length);
    const header = new RegExp(`^cluster-top · fleet of 3 · 3 up · ${serverName.replace(/\./g, '\\.')} data \\d+s old · every 1s`);
    server.run('new-session', '-d', '-s', s, '-x', '120', '-y', '40', 'env', `PS1=${PROMPT} `, 'bash', '--norc', '--noprofile');
    // The demo cluster's Jaeger API (any peer's origin) serves every peer's service.
    const jaeger = new URL(cluster.peers[0].url).origin;
    keys(s, `cd ${root} && node bin/cluster-top.js --prometheus ${prometheus.base} --jaeger ${jaeger} --interval 1s --window 10s --no-config`, 'Enter');
    let rows = await server.until(s, (r) => header.test(r[0]) && peerRows(r).filter((p) => p.health === '●').length === 3, 'three peers up from the server', 30_000);
    assert.deepEqual(peerRows(rows).map((p) => p.name).sort(), hosts);
    assert.ok(rows.some((r) => /^── RPC latency p95 · whole fleet · \d+ methods/.test(r)), 'the fleet latency pane');
    assert.equal(rows.filter((r) => /warns|✖ /.test(r)).length, 0, 'no trouble line');

    keys(s, 'Enter');
    rows = await server.until(s, (r) => /^cluster-top 127\.0\.0\.1:\d+ · /.test(r[0]) && r.some((l) => /^pins +\d+ {2}queued/.test(l)), 'the peer dashboard');
    assert.match(rows[0], new RegExp(`· ${serverName.replace(/\./g, '\\.')} instance="127\\.0\\.0\\.1:\\d+"`));
    // Its traces pane searches the Jaeger given (a server's peer has no peer name: the service listing's first, the others one key away).
    rows = await server.until(s, (r) => r.some((l) => /^── Traces · cluster-daemon-demo-\d · 1 of 3 peers \(v\) · \d+ traces/.test(l)), 'the peer\'s traces from the demo Jaeger');
    keys(s, 'Escape');
    rows = await server.until(s, (r) => header.test(r[0]) && peerRows(r).length === 3, 'the fleet list again');

    // Another quantile is asked of the server when it is shown (each peer's is the server's own
    // histogram_quantile at the quantile on screen): the rows' latency comes back at p99.
    keys(s, '4');
    const latency = /\S+ +\d+(?:\.\d+)? (?:µs|ms|s|min)\b/u;
    rows = await server.until(
      s,
      (r) => / · p99 over 10s/.test(r[0]) && !/loading/.test(r[0]) && r.filter((l) => ROW.test(l) && latency.test(l)).length === 3,
      'every row\'s latency at p99',
      30_000,
    );
    assert.ok(rows.some((r) => /^── RPC latency p99 · whole fleet/.test(r)));

    keys(s, 'q');
    await server.until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => header.test(l)), 'the shell prompt');
  });
});
