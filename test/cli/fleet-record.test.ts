// `cluster-top record` of a fleet and its replay, end to end: the built binary records the
// 3-peer demo cluster into one folder per peer, `--once --replay` of the folder reports the fleet
// back, and a second recording into the same folder is refused unless --append.

import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli, type CliResult } from '../support/run-cli.js';
import { startDemoPeer } from '../../src/sources/demo/server.js';
import { closedPort } from '../support/listen-loopback.js';

const PEERS = ['demo-1', 'demo-2', 'demo-3'];
const RECORD = ['record', '--demo', '--demo-peers', '3', '--interval', '250ms', '--duration', '2s'];

function cli(t: TestContext, args: readonly string[]): Promise<CliResult> {
  return runCli(args, { env: isolatedEnv(tempFolder(t)), timeoutMs: 30_000 });
}

/** Each peer folder's scrape files, by peer. */
function scrapes(dir: string): Map<string, string[]> {
  return new Map(readdirSync(dir).sort().map((peer) => [peer, readdirSync(join(dir, peer)).sort()]));
}

describe('cluster-top record of a fleet', () => {
  it('writes a folder per peer, replays as the fleet, and refuses to record over it', async (t) => {
    const dir = join(tempFolder(t), 'fleet');
    const recorded = await cli(t, [...RECORD, '--out', dir]);
    assert.equal(recorded.code, 0, recorded.stderr);
    const files = scrapes(dir);
    assert.deepEqual([...files.keys()], PEERS);
    for (const [peer, names] of files) {
      assert.ok(names.length >= 3, `${peer}: ${names.length} scrapes`);
      for (const name of names) assert.match(name, /^\d{13}\.prom$/, `${peer}/${name}`);
      assert.match(readFileSync(join(dir, peer, names[0]), 'utf8'), /^ipfscluster_pins \d+$/m, `${peer} holds a scrape`);
      assert.match(recorded.stderr, new RegExp(`saved ${names.length} scrapes to ${join(dir, peer).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    }

    const replayed = await cli(t, ['--once', '--json', '--replay', dir]);
    assert.equal(replayed.code, 0, replayed.stderr);
    const doc = JSON.parse(replayed.stdout);
    assert.deepEqual(doc.peers.map((p: { peer: string }) => p.peer), PEERS);
    for (const p of doc.peers as { peer: string; up: boolean; error: string | null; target: string; cluster: { pins: number } | null }[]) {
      assert.equal(p.up, true, p.peer);
      assert.equal(p.error, null, p.peer);
      assert.equal(p.target, join(dir, p.peer));
      assert.ok(p.cluster !== null && p.cluster.pins > 0, p.peer);
    }
    assert.deepEqual({ up: doc.fleet.peersUp, total: doc.fleet.peersTotal }, { up: 3, total: 3 });
    // The recording's instants: the report ends at the newest scrape of any peer.
    const stamps = [...files.values()].flat().map((name) => Number(name.slice(0, 13)));
    assert.equal(doc.to, Math.max(...stamps));
    assert.equal(doc.from, Math.min(...stamps));
    assert.ok(doc.fleet.rpc.length > 0);

    const again = await cli(t, [...RECORD, '--out', dir]);
    assert.equal(again.code, 2, again.stderr);
    assert.match(again.stderr, /already holds a recording .*--append/);
    assert.deepEqual(scrapes(dir), files, 'nothing written');

    const appended = await cli(t, [...RECORD, '--out', dir, '--append']);
    assert.equal(appended.code, 0, appended.stderr);
    for (const [peer, names] of scrapes(dir)) assert.ok(names.length >= files.get(peer)!.length + 3, `${peer}: ${names.length} after --append`);
  });

  it('says nothing was saved for a peer that never answered, and makes no folder for it', async (t) => {
    const home = tempFolder(t);
    const dir = join(home, 'fleet');
    const up = await startDemoPeer({ port: 0, jaeger: false });
    t.after(() => up.close());
    const refused = await closedPort();
    const result = await runCli(['record', '--metrics', `up=${up.url}`, '--metrics', `down=http://127.0.0.1:${refused}/metrics`, '--interval', '250ms', '--duration', '1s', '--out', dir], { env: isolatedEnv(home), timeoutMs: 30_000 });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(readdirSync(dir), ['up']);
    assert.match(result.stderr, new RegExp(`^cluster-top record: nothing saved for ${join(dir, 'down').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: all \\d+ scrapes failed$`, 'm'));
    assert.doesNotMatch(result.stderr, /saved 0/);
  });
});
