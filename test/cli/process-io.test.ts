// The locale check that picks ASCII or UTF-8 drawing when --ascii is not given, and the quiet end
// when standard output is a pipe nobody reads any more.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { endQuietlyWhenOutputCloses, localeIsUtf8 } from '../../src/cli/process-io.js';
import { startDemoPeer, type DemoPeer } from '../../src/sources/demo/server.js';
import { BIN } from '../support/run-cli.js';

test('the locale promises UTF-8 by LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them', () => {
  assert.equal(localeIsUtf8({ LANG: 'en_US.UTF-8' }), true);
  assert.equal(localeIsUtf8({ LANG: 'de_DE.utf8' }), true);
  assert.equal(localeIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }), false, 'LC_ALL wins over LANG');
  assert.equal(localeIsUtf8({ LC_CTYPE: 'C.UTF-8', LANG: 'C' }), true, 'LC_CTYPE wins over LANG');
  assert.equal(localeIsUtf8({ LC_ALL: '', LC_CTYPE: 'POSIX', LANG: 'en_US.UTF-8' }), false, 'an empty LC_ALL is unset');
  assert.equal(localeIsUtf8({}), false);
});

test('a closed pipe on stdout or stderr ends the program with 0 and nothing said; other write errors say so and end it with 1', () => {
  const stdout = new EventEmitter() as EventEmitter & { isTTY?: boolean };
  const stderr = new EventEmitter() as EventEmitter & { isTTY?: boolean };
  const exits: number[] = [];
  const said: string[] = [];
  endQuietlyWhenOutputCloses(stdout, stderr, (code) => void exits.push(code), (line) => void said.push(line));
  stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  stderr.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
  assert.deepEqual([exits, said], [[0, 0], []]);
  stdout.emit('error', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
  assert.deepEqual([exits, said], [[0, 0, 1], ['cluster-top: cannot write to standard output: ENOSPC\n']]);
  stdout.isTTY = true;
  stdout.emit('error', Object.assign(new Error('read EIO'), { code: 'EIO' }));
  assert.deepEqual(exits, [0, 0, 1], 'a terminal that hung up is left to the live view');
});

/**
 * Runs `cluster-top args…` with its stdout a pipe whose reading end is closed before the program
 * starts (a shell waits for a line on stdin, then execs it), as after `| head -1` has its line.
 */
async function runIntoClosedPipe(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn('sh', ['-c', 'read go && exec "$@"', 'sh', process.execPath, BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const closed = once(child.stdout, 'close');
  child.stdout.destroy();
  await closed;
  child.stdin.end('go\n');
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stderr };
}

describe('cluster-top writing into a closed pipe (cluster-top … | head -1)', () => {
  let dir = '';
  let peer: DemoPeer;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cluster-top-epipe-'));
    await writeFile(join(dir, 'm.prom'), Array.from({ length: 3000 }, (_, i) => `x{i="${i}"} ${i}\n`).join(''));
    peer = await startDemoPeer();
  });
  after(async () => {
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  });
  const commands: [string, () => string[]][] = [
    ['dump FILE', () => ['dump', join(dir, 'm.prom')]],
    ['dump URL', () => ['dump', peer.url]],
    ['--help', () => ['--help']],
    ['config', () => ['config', '--no-config']],
    ['--once', () => ['--once', '--metrics', peer.url, '--interval', '200ms', '--window', '1s', '--no-traces', '--no-config']],
    ['--once --json', () => ['--once', '--json', '--metrics', peer.url, '--interval', '200ms', '--window', '1s', '--no-traces', '--no-config']],
  ];
  for (const [name, args] of commands) {
    it(`${name} ends quietly with 0`, async () => {
      const result = await runIntoClosedPipe(args());
      assert.deepEqual(result, { code: 0, stderr: '' });
    });
  }
});
