import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkRecordingFolder, writeRecording } from '../../src/sources/record.js';

async function tempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cluster-top-record-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test('writes DIR/<unix-ms>.prom, creating DIR (and parents) if missing', async (t) => {
  const dir = join(await tempDir(t), 'a', 'b');
  const body = Buffer.from('# TYPE up gauge\nup 1\n');
  const path = await writeRecording(dir, 1732400000123, body);
  assert.equal(path, join(dir, '1732400000123.prom'));
  assert.deepEqual(await readFile(path), body);
  assert.deepEqual(await readdir(dir), ['1732400000123.prom']); // no temp file left behind
});

test('OpenMetrics payloads are written as .om', async (t) => {
  const dir = await tempDir(t);
  const path = await writeRecording(dir, 5, Buffer.from('up 1\n# EOF\n'), 'openmetrics');
  assert.equal(path, join(dir, '5.om'));
});

test('never overwrites: a taken name bumps the timestamp by 1 ms', async (t) => {
  const dir = await tempDir(t);
  await writeFile(join(dir, '1000.prom'), 'existing');
  await writeFile(join(dir, '1001.prom'), 'existing too');
  const path = await writeRecording(dir, 1000, Buffer.from('new'));
  assert.equal(path, join(dir, '1002.prom'));
  assert.equal(await readFile(join(dir, '1000.prom'), 'utf8'), 'existing');
  assert.equal(await readFile(join(dir, '1001.prom'), 'utf8'), 'existing too');
  assert.equal(await readFile(path, 'utf8'), 'new');
});

test('concurrent writes with one timestamp all land, in distinct files', async (t) => {
  const dir = await tempDir(t);
  const paths = await Promise.all(Array.from({ length: 10 }, (_, i) => writeRecording(dir, 7000, Buffer.from(`body ${i}`))));
  assert.equal(new Set(paths).size, 10);
  const bodies = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
  assert.deepEqual(bodies.sort(), Array.from({ length: 10 }, (_, i) => `body ${i}`).sort());
  assert.equal((await readdir(dir)).length, 10);
});

test('an empty body is recorded as an empty file', async (t) => {
  const dir = await tempDir(t);
  const path = await writeRecording(dir, 1, Buffer.alloc(0));
  assert.equal((await readFile(path)).length, 0);
});

test('rejects a timestamp that is not a non-negative integer', async (t) => {
  const dir = await tempDir(t);
  for (const bad of [-1, 1.5, Number.NaN]) {
    await assert.rejects(writeRecording(dir, bad, Buffer.from('x')), /timestamp/);
  }
});

test('fails clearly when DIR cannot be created', async (t) => {
  const dir = await tempDir(t);
  const file = join(dir, 'plain-file');
  await writeFile(file, '');
  await assert.rejects(writeRecording(join(file, 'sub'), 1, Buffer.from('x')), /ENOTDIR|EEXIST/);
});

test('a new, empty or unrelated folder may take a recording; one that holds a recording only with append; a file never', async (t) => {
  const dir = await tempDir(t);
  assert.deepEqual(await checkRecordingFolder(join(dir, 'new'), false), { ok: true, existing: 0 });
  await writeFile(join(dir, 'notes.txt'), 'not a recording');
  await writeFile(join(dir, '.12.prom.1-ab.tmp'), 'a temp file');
  assert.deepEqual(await checkRecordingFolder(dir, false), { ok: true, existing: 0 });
  await writeFile(join(dir, '1000.prom'), 'up 1\n');
  await writeFile(join(dir, '1002.om'), 'up 1\n# EOF\n');
  const refused = await checkRecordingFolder(dir, false);
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.reason, 'holds-recording');
  assert.equal(!refused.ok && refused.message, `${dir} already holds a recording (2 scrapes); record into a new folder, or add --append to add to it`);
  assert.deepEqual(await checkRecordingFolder(dir, true), { ok: true, existing: 2 });
  const file = join(dir, 'notes.txt');
  const notFolder = await checkRecordingFolder(file, true);
  assert.deepEqual(notFolder, { ok: false, reason: 'not-a-folder', message: `${file} is a file, not a folder; give --out a new folder for the recording` });
});
