// The fleet view of the built binary in a real terminal (tmux, a private server socket): the
// 5-peer demo cluster at 120×40 and 80×24, Enter into a peer's dashboard and Esc back; then three
// `cluster-top demo --serve` peers in child processes watched with `--metrics` ×3, one killed and
// restarted on its port. Each step waits for what it expects, with a deadline.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { TMUX_ENV, TmuxServer } from '../support/tmux-session.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const PROMPT = 'PROMPT$';
const server = new TmuxServer(`cluster-top-fleet-test-${process.pid}`, TMUX_ENV);
const keys = (session: string, ...names: string[]): void => void server.run('send-keys', '-t', session, ...names);

/** A shell in a `columns`×`rows` session that has started `cluster-top args`. */
function launch(session: string, columns: number, rows: number, args: string): void {
  server.run('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), 'env', `PS1=${PROMPT} `, 'bash', '--norc', '--noprofile');
  keys(session, `cd ${root} && node bin/cluster-top.js ${args}`, 'Enter');
}

/** A fleet row: the selection marker, the health glyph, then the peer's name. */
const ROW = /^([› ]) ([●▲✖]) +(\S+) /u;
const peerRows = (rows: string[]): { selected: boolean; health: string; name: string }[] =>
  rows.flatMap((r) => {
    const m = ROW.exec(r);
    return m === null ? [] : [{ selected: m[1] === '›', health: m[2], name: m[3] }];
  });
const healthOf = (rows: string[], name: string): string | undefined => peerRows(rows).find((p) => p.name === name)?.health;
const FLEET_HEADER = /^cluster-top · fleet of (\d+) · (\d+) up · every /;
const DEMO_NAMES = ['demo-1', 'demo-2', 'demo-3', 'demo-4', 'demo-5'];

const served: ChildProcess[] = [];

/** `cluster-top demo --serve --port N` in a child process; resolves with it and the port it serves on. */
function serveDemo(port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(root, 'bin', 'cluster-top.js'), 'demo', '--serve', '--port', String(port)], { env: TMUX_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
  served.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => (text += chunk));
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const m = /demo peer serving http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(text);
      if (m !== null) resolve({ child, port: Number(m[1]) });
    });
    child.once('exit', (code) => reject(new Error(`demo --serve exited with ${code}: ${text}`)));
  });
}

/** Sends SIGTERM and resolves once the process has exited. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

after(async () => {
  server.kill();
  await Promise.all(served.map(stop));
});

describe('the fleet view in a real terminal (tmux)', () => {
  it('lists the demo cluster at 120×40 and 80×24, opens a peer with Enter and comes back with Esc', async () => {
    const s = 'demo';
    launch(s, 120, 40, '--demo --interval 1s --no-traces');
    let rows = await server.until(s, (r) => peerRows(r).filter((p) => p.health === '●').length === 5 && FLEET_HEADER.test(r[0]), 'five peers up');
    assert.deepEqual(peerRows(rows).map((p) => p.name).sort(), DEMO_NAMES);
    assert.deepEqual(FLEET_HEADER.exec(rows[0])!.slice(1, 3), ['5', '5']);
    assert.ok(rows.some((r) => /^━━ Peers · by /.test(r)), 'the peers pane');
    assert.ok(rows.some((r) => /^── RPC latency p95 · whole fleet · \d+ methods/.test(r)), 'the fleet latency pane');
    assert.ok(rows.some((r) => / q quit$/.test(r)), 'the key line');
    assert.equal(peerRows(rows).filter((p) => p.selected).length, 1, 'one row selected');

    server.run('resize-window', '-t', s, '-x', '80', '-y', '24');
    rows = await server.until(s, (r) => r.length === 24 && peerRows(r).length === 5 && r.some((l) => /⏎ open peer .*\? help {2}q quit$/.test(l)), 'the fleet at 80×24');
    assert.match(rows[0], FLEET_HEADER);
    for (const row of rows) assert.ok([...row].length <= 79, `wider than 79 (${[...row].length}): ${row}`);
    assert.equal(rows[23], '', 'the live frame leaves the last row empty');

    // j pins the selection to a peer by name (the rows move as the worst-first order changes).
    keys(s, 'j');
    rows = await server.until(s, (r) => peerRows(r).findIndex((p) => p.selected) === 1, 'j to the second row');
    const chosen = peerRows(rows).find((p) => p.selected)!.name;
    keys(s, 'Enter');
    rows = await server.until(s, (r) => r[0].startsWith('cluster-top demo-') && r.some((l) => /^pins +\d+ {2}queued/.test(l)), 'the peer dashboard');
    // Named as the demo cluster's REST API knows it; at 80 columns the URL may be cut.
    assert.match(rows[0], new RegExp(`^cluster-top ${chosen} \\(12D3KooW…\\w{4}\\) v1\\.1\\.6 ·`));
    assert.ok(!rows.some((r) => FLEET_HEADER.test(r)), 'the fleet list is gone');

    keys(s, 'Escape');
    rows = await server.until(s, (r) => FLEET_HEADER.test(r[0]) && peerRows(r).length === 5, 'the fleet list again');
    assert.equal(peerRows(rows).find((p) => p.selected)?.name, chosen, 'the selection kept');

    // Tab: the arrows scroll the fleet latency, whose title says where it is.
    keys(s, 'Tab');
    rows = await server.until(s, (r) => r.some((l) => /^━━ RPC latency p95 · whole fleet · \d+ methods · 1-\d+ · 0 above/.test(l)), 'the latency focused');
    keys(s, 'NPage');
    rows = await server.until(s, (r) => r.some((l) => /^━━ RPC latency .* · [1-9]\d* above/.test(l)), 'the latency a page down');
    keys(s, 'Tab');
    // ?: the keys and markers, in place of the lists; Esc closes it.
    keys(s, '?');
    rows = await server.until(s, (r) => r.some((l) => /^━━ Keys/.test(l)) && r.some((l) => /▲ +stale: its last poll failed/.test(l)), 'the help');
    assert.ok(!rows.some((l) => /RPC latency/.test(l)), 'in place of the lists');
    keys(s, 'Escape');
    rows = await server.until(s, (r) => peerRows(r).length === 5 && !r.some((l) => /^━━ Keys/.test(l)), 'the help closed');
    // e: the pins in error, from the demo cluster's REST API (demo-2's); e closes.
    keys(s, 'e');
    rows = await server.until(s, (r) => r.some((l) => /^━━ Pins in error · \d+/.test(l)) && r.some((l) => /^ +demo-2 pin_error +bafy/.test(l)), 'the pins in error');
    keys(s, 'e');
    rows = await server.until(s, (r) => peerRows(r).length === 5 && !r.some((l) => /Pins in error/.test(l)), 'the list again');
    // p: paused, the data's age counts up on the header.
    keys(s, 'p');
    rows = await server.until(s, (r) => /· paused · data [1-9]\d*s old/.test(r[0]), 'paused for a second or more');
    keys(s, 'p');
    rows = await server.until(s, (r) => FLEET_HEADER.test(r[0]) && !/paused/.test(r[0]), 'resumed');

    keys(s, 'q');
    await server.until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => FLEET_HEADER.test(l)), 'the shell prompt');
  });

  it('marks a killed peer down while the others stay up, and up again once it is back on its port', async () => {
    const peers = await Promise.all([0, 0, 0].map((port) => serveDemo(port)));
    const names = peers.map((p) => `127.0.0.1:${p.port}`);
    const s = 'killed';
    launch(s, 100, 30, `--no-traces --interval 500ms ${peers.map((p) => `--metrics http://127.0.0.1:${p.port}/metrics`).join(' ')}`);
    let rows = await server.until(s, (r) => names.every((n) => healthOf(r, n) === '●'), 'three peers up');
    assert.match(rows[0], /^cluster-top · fleet of 3 · 3 up /);

    await stop(peers[1].child);
    rows = await server.until(s, (r) => healthOf(r, names[1]) === '✖', `${names[1]} down`);
    assert.equal(healthOf(rows, names[0]), '●');
    assert.equal(healthOf(rows, names[2]), '●');
    assert.match(rows[0], /^cluster-top · fleet of 3 · 2 up /);

    const back = await serveDemo(peers[1].port);
    assert.equal(back.port, peers[1].port);
    rows = await server.until(s, (r) => names.every((n) => healthOf(r, n) === '●'), `${names[1]} up again`);
    assert.match(rows[0], /^cluster-top · fleet of 3 · 3 up /);

    keys(s, 'q');
    await server.until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => FLEET_HEADER.test(l)), 'the shell prompt');
  });
});
