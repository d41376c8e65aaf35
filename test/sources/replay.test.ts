import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRecording } from '../../src/sources/record.js';
import { listRecording, readRecorded, replayRecording } from '../../src/sources/replay.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cluster-top-replay-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('lists .prom and .om files in time order (numeric, not by name) and ignores the rest', async (t) => {
  const dir = await tempDir(t);
  for (const name of ['1000.prom', '900.om', '10000.prom', '999.prom']) await writeFile(join(dir, name), name);
  for (const name of ['notes.txt', '12.prom.tmp', '.12.prom.1-ab.tmp', 'abc.prom', '12.json', '-5.prom', '1e3.prom']) {
    await writeFile(join(dir, name), 'ignored');
  }
  await mkdir(join(dir, '77.prom')); // a folder with a recording's name
  const files = await listRecording(dir);
  assert.deepEqual(
    files.map((f) => [f.timestampMs, f.path, f.format]),
    [
      [900, join(dir, '900.om'), 'openmetrics'],
      [999, join(dir, '999.prom'), 'text'],
      [1000, join(dir, '1000.prom'), 'text'],
      [10000, join(dir, '10000.prom'), 'text'],
    ],
  );
});

test('follows symlinks to files', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'target'), 'up 1\n');
  await symlink(join(dir, 'target'), join(dir, '42.prom'));
  assert.deepEqual((await listRecording(dir)).map((f) => f.timestampMs), [42]);
});

test('reads back what writeRecording wrote', async (t) => {
  const dir = await tempDir(t);
  const bodies = ['# TYPE up gauge\nup 1\n', '# TYPE up gauge\nup 0\n'];
  await writeRecording(dir, 2000, Buffer.from(bodies[1]));
  await writeRecording(dir, 1000, Buffer.from(bodies[0]));
  const files = await listRecording(dir);
  assert.deepEqual(files.map((f) => f.timestampMs), [1000, 2000]);
  assert.equal((await readRecorded(files[0].path)).toString(), bodies[0]);
  const walked: [number, string][] = [];
  for await (const entry of replayRecording(dir)) walked.push([entry.timestampMs, entry.body.toString()]);
  assert.deepEqual(walked, [
    [1000, bodies[0]],
    [2000, bodies[1]],
  ]);
});

test('a missing folder is a clear error', async (t) => {
  const dir = join(await tempDir(t), 'nope');
  await assert.rejects(listRecording(dir), { message: `recording folder ${dir} does not exist` });
});

test('a file instead of a folder is a clear error', async (t) => {
  const file = join(await tempDir(t), 'file.prom');
  await writeFile(file, 'up 1\n');
  await assert.rejects(listRecording(file), /is not a folder/);
});

test('a folder without recordings is a clear error', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, 'readme.txt'), 'hello');
  await assert.rejects(listRecording(dir), { message: `no recordings in ${dir} (expected files named <unix-ms>.prom or <unix-ms>.om)` });
});

test('readRecorded rejects for a missing file', async (t) => {
  const dir = await tempDir(t);
  await assert.rejects(readRecorded(join(dir, '1.prom')), { code: 'ENOENT' });
});
