// Credentials against loopback servers that check them: a bearer token or basic auth for the
// metrics endpoint and for Jaeger, from files or the environment. A 401/403 names the credential
// by its source, never its value, or says that none was sent.

import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isolatedEnv, startGuardedServer, tempFolder } from '../support/guarded-server.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'metrics-token-5c1e0b7f9a';
const JAEGER_TOKEN = 'jaeger-token-77d2c4e8b1';
const USER_PASS = 'ops:pw-4a8e1d9c';

function secretFile(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${content}\n`);
  chmodSync(path, 0o600);
  return path;
}

function home(t: TestContext): string {
  return tempFolder(t);
}

describe('credentials for the metrics endpoint', () => {
  it('sends a bearer token read from --metrics-token-file', async (t) => {
    const dir = home(t);
    const server = await startGuardedServer(t, { authorization: `Bearer ${TOKEN}` });
    const file = secretFile(dir, 'token', TOKEN);
    const result = await runCli(['--once', '--json', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces', '--metrics-token-file', file], { env: isolatedEnv(dir) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).rpc.length, 18);
    assert.deepEqual(server.seen.map((s) => s.authorization), [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);
  });

  it('sends basic auth from CLUSTER_TOP_METRICS_BASIC_AUTH and from --metrics-basic-auth-file', async (t) => {
    const dir = home(t);
    const expected = `Basic ${Buffer.from(USER_PASS).toString('base64')}`;
    const server = await startGuardedServer(t, { authorization: expected });
    const fromEnv = await runCli(['--once', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces'], { env: isolatedEnv(dir, { CLUSTER_TOP_METRICS_BASIC_AUTH: USER_PASS }) });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    const file = secretFile(dir, 'basic', USER_PASS);
    const fromFile = await runCli(['--once', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces', '--metrics-basic-auth-file', file], { env: isolatedEnv(dir) });
    assert.equal(fromFile.code, 0, fromFile.stderr);
    assert.ok(server.seen.every((s) => s.authorization === expected));
  });

  it('a 401 names the credential that was refused by its source, not its value', async (t) => {
    const dir = home(t);
    const server = await startGuardedServer(t, { authorization: 'Bearer something-else', echo: true });
    const file = secretFile(dir, 'token', TOKEN);
    const result = await runCli(['--once', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces', '--metrics-token-file', file], { env: isolatedEnv(dir) });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /HTTP 401 Unauthorized from 127\.0\.0\.1:\d+/);
    assert.ok(result.stderr.includes(`sent a bearer token from --metrics-token-file ${file}, which was not accepted`), result.stderr);
    assert.ok(!result.stderr.includes(TOKEN), 'the token never appears, even when the server echoes it');
  });

  it('a 401 without credentials says how to give them', async (t) => {
    const dir = home(t);
    const server = await startGuardedServer(t, { authorization: `Bearer ${TOKEN}` });
    const result = await runCli(['--once', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces'], { env: isolatedEnv(dir) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /HTTP 401 .*; no credentials were sent: give them with --metrics-token-file FILE, --metrics-basic-auth-file FILE \(user:password\) or CLUSTER_TOP_METRICS_TOKEN/);
  });

  it('a 403 names the credential from the environment', async (t) => {
    const dir = home(t);
    const server = await startGuardedServer(t, { forbid: true, echo: true });
    const result = await runCli(['--once', '--metrics', server.metricsUrl, '--interval', '200ms', '--no-traces'], { env: isolatedEnv(dir, { CLUSTER_TOP_METRICS_TOKEN: TOKEN }) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /HTTP 403 Forbidden .*; sent a bearer token from CLUSTER_TOP_METRICS_TOKEN, which is not allowed here/);
    assert.ok(!result.stderr.includes(TOKEN));
  });

  it('an unreadable credential file is a usage error', async (t) => {
    const dir = home(t);
    const result = await runCli(['--once', '--metrics', 'http://127.0.0.1:9/metrics', '--metrics-token-file', join(dir, 'absent')], { env: isolatedEnv(dir) });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--metrics-token-file .*absent: no such file/);
  });
});

describe('credentials for Jaeger', () => {
  it('sends the Jaeger token to Jaeger only, and the metrics token to the metrics endpoint only', async (t) => {
    const dir = home(t);
    const metrics = await startGuardedServer(t, { authorization: `Bearer ${TOKEN}` });
    const jaeger = await startGuardedServer(t, { authorization: `Bearer ${JAEGER_TOKEN}` });
    const file = secretFile(dir, 'jaeger-token', JAEGER_TOKEN);
    const result = await runCli(
      ['--once', '--json', '--metrics', metrics.metricsUrl, '--jaeger', jaeger.origin, '--interval', '200ms', '--jaeger-token-file', file],
      { env: isolatedEnv(dir, { CLUSTER_TOP_METRICS_TOKEN: TOKEN }) },
    );
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.tracesError, undefined);
    assert.equal(doc.traces.length, 8);
    assert.ok(jaeger.seen.length > 0 && jaeger.seen.every((s) => s.authorization === `Bearer ${JAEGER_TOKEN}`));
    assert.ok(metrics.seen.every((s) => s.authorization === `Bearer ${TOKEN}`));
  });

  it('a refused Jaeger credential is named in tracesError; the metrics still print', async (t) => {
    const dir = home(t);
    const metrics = await startGuardedServer(t);
    const jaeger = await startGuardedServer(t, { authorization: 'Basic elsewhere', echo: true });
    const result = await runCli(
      ['--once', '--json', '--metrics', metrics.metricsUrl, '--jaeger', jaeger.origin, '--interval', '200ms'],
      { env: isolatedEnv(dir, { CLUSTER_TOP_JAEGER_BASIC_AUTH: USER_PASS }) },
    );
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.rpc.length, 18);
    assert.match(doc.tracesError, /answered HTTP 401 .*; sent basic auth from CLUSTER_TOP_JAEGER_BASIC_AUTH, which was not accepted$/);
    assert.ok(!result.stdout.includes(USER_PASS) && !result.stdout.includes(Buffer.from(USER_PASS).toString('base64')));
  });
});
