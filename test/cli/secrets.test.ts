// No secret value ever leaves the process: not on stdout or stderr (even when a careless proxy
// echoes the Authorization header), not in the process's arguments (/proc/<pid>/cmdline), not in
// `config` output and not in a `record` folder.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { isolatedEnv, startGuardedServer, tempFolder, type GuardedServer } from '../support/guarded-server.js';
import { BIN, runCli } from '../support/run-cli.js';

const METRICS_TOKEN = 'mtok-0d9b6f2e5a71c3';
const JAEGER_PASSWORD = 'jpw-8c3a5e17f2';
const JAEGER_BASIC = `viewer:${JAEGER_PASSWORD}`;
const ALL_FORMS = [METRICS_TOKEN, JAEGER_PASSWORD, JAEGER_BASIC, Buffer.from(JAEGER_BASIC).toString('base64')];

function assertNoSecret(text: string, where: string): void {
  for (const secret of ALL_FORMS) assert.ok(!text.includes(secret), `${where} shows a secret: ${text}`);
}

function secretFiles(dir: string): { token: string; basic: string } {
  const token = join(dir, 'metrics.token');
  const basic = join(dir, 'jaeger.auth');
  writeFileSync(token, `${METRICS_TOKEN}\n`);
  writeFileSync(basic, `${JAEGER_BASIC}\n`);
  chmodSync(token, 0o600);
  chmodSync(basic, 0o600);
  return { token, basic };
}

async function waitForRequest(server: GuardedServer): Promise<void> {
  while (server.seen.length === 0) await sleep(20);
}

describe('secrets stay secret', () => {
  it('on stdout and stderr, whether the servers accept the credentials or echo them back refusing', async (t) => {
    const dir = tempFolder(t);
    const files = secretFiles(dir);
    const accepting = [await startGuardedServer(t, { authorization: `Bearer ${METRICS_TOKEN}` }), await startGuardedServer(t, { authorization: `Basic ${ALL_FORMS[3]}` })];
    const refusing = [await startGuardedServer(t, { authorization: 'Bearer other', echo: true }), await startGuardedServer(t, { forbid: true, echo: true })];
    for (const [metrics, jaeger] of [accepting, refusing]) {
      for (const mode of [['--json'], []]) {
        const result = await runCli(
          ['--once', ...mode, '--metrics', metrics.metricsUrl, '--jaeger', jaeger.origin, '--interval', '200ms', '--metrics-token-file', files.token, '--jaeger-basic-auth-file', files.basic],
          { env: isolatedEnv(dir) },
        );
        assertNoSecret(result.stdout, 'stdout');
        assertNoSecret(result.stderr, 'stderr');
      }
    }
    assert.ok(refusing[0].seen.some((s) => s.authorization === `Bearer ${METRICS_TOKEN}`), 'the refusing server did get the token');
  });

  it('in the process arguments and a recording, with credentials from files', async (t) => {
    const dir = tempFolder(t);
    const files = secretFiles(dir);
    const metrics = await startGuardedServer(t, { authorization: `Bearer ${METRICS_TOKEN}` });
    const out = join(dir, 'recording');
    const child = spawn(process.execPath, [BIN, 'record', '--out', out, '--metrics', metrics.metricsUrl, '--interval', '200ms', '--metrics-token-file', files.token], {
      env: isolatedEnv(dir, { CLUSTER_TOP_JAEGER_BASIC_AUTH_FILE: files.basic }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    t.after(() => child.kill('SIGKILL'));
    await waitForRequest(metrics);
    const cmdline = readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0');
    const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8');
    child.kill('SIGINT');
    assert.equal(await closed, 0, output);
    assert.ok(cmdline.includes('--metrics-token-file') && cmdline.includes(files.token), `argv names the file: ${cmdline.join(' ')}`);
    assertNoSecret(cmdline.join(' '), 'argv');
    assertNoSecret(environ, 'the environment');
    assertNoSecret(output, 'output');
    const recorded = readdirSync(out);
    assert.ok(recorded.length >= 1 && recorded.every((f) => f.endsWith('.prom')), recorded.join(','));
    for (const file of recorded) assertNoSecret(readFileSync(join(out, file), 'utf8'), file);
    assert.ok(metrics.seen.every((s) => s.authorization === `Bearer ${METRICS_TOKEN}`));
  });

  it('in `config` output, text and JSON, which shows kinds and sources only', async (t) => {
    const dir = tempFolder(t);
    const files = secretFiles(dir);
    const env = isolatedEnv(dir, { CLUSTER_TOP_JAEGER_BASIC_AUTH: JAEGER_BASIC });
    for (const argv of [['config'], ['config', '--json']]) {
      const result = await runCli([...argv, '--metrics-token-file', files.token], { env });
      assert.equal(result.code, 0, result.stderr);
      assertNoSecret(result.stdout, 'config');
      assertNoSecret(result.stderr, 'config stderr');
      assert.match(result.stdout, /bearer token \*{8}/);
      assert.match(result.stdout, /basic auth \*{8}/);
      assert.ok(result.stdout.includes(files.token));
      assert.ok(result.stdout.includes('CLUSTER_TOP_JAEGER_BASIC_AUTH'));
    }
  });
});
