// `cluster-top record` as a program: a second session does not go into a folder that holds a
// recording unless --append says so, and a file given as --out is refused in one line.

import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli } from '../support/run-cli.js';

const RECORD = ['record', '--demo', '--demo-peers', '1', '--duration', '1s', '--interval', '500ms', '--no-config'];

test('record refuses a folder that holds a recording, adds to it with --append, and refuses a file', { timeout: 120_000 }, async (t) => {
  const root = await mkdtemp(join(tmpdir(), 'cluster-top-record-cli-'));
  t.after(() => rm(root, { recursive: true, force: true }));
  const dir = join(root, 'rec');
  const first = await runCli([...RECORD, '--out', dir]);
  assert.equal(first.code, 0, first.stderr);
  const recorded = (await readdir(dir)).sort();
  assert.ok(recorded.length >= 1);

  const second = await runCli([...RECORD, '--out', dir]);
  assert.equal(second.code, 2);
  assert.equal(second.stderr, `cluster-top: ${dir} already holds a recording (${recorded.length} scrape${recorded.length === 1 ? '' : 's'}); record into a new folder, or add --append to add to it\nTry 'cluster-top --help'.\n`);
  assert.deepEqual((await readdir(dir)).sort(), recorded, 'nothing was added');

  const appended = await runCli([...RECORD, '--out', dir, '--append']);
  assert.equal(appended.code, 0, appended.stderr);
  assert.ok((await readdir(dir)).length > recorded.length, 'the second session is added');

  const file = join(root, 'm.prom');
  await writeFile(file, 'up 1\n');
  const onFile = await runCli([...RECORD, '--out', file]);
  assert.equal(onFile.code, 2);
  assert.equal(onFile.stderr, `cluster-top: ${file} is a file, not a folder; give --out a new folder for the recording\nTry 'cluster-top --help'.\n`);
});
