// `cluster-top demo --serve` as a program: it keeps serving through a `refused` window (when
// nothing listens) and answers again once the window ends.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { BIN } from '../support/run-cli.js';

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
