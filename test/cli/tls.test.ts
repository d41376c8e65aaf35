// HTTPS endpoints behind a proxy: a loopback TLS server whose certificate comes from a CA made in
// the test. `--cacert` (or CLUSTER_TOP_CACERT) trusts it, `--insecure` skips verification with a
// visible warning, and without either the error says it is TLS and what to do.

import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { isolatedEnv, startGuardedServer, tempFolder } from '../support/guarded-server.js';
import { runCli } from '../support/run-cli.js';
import { makeTestPki } from '../support/test-ca.js';

async function setup(t: TestContext): Promise<{ home: string; caFile: string; metricsUrl: string; jaeger: string }> {
  const home = tempFolder(t);
  const pki = makeTestPki();
  const caFile = join(home, 'ca.pem');
  writeFileSync(caFile, pki.caPem);
  const tls = { cert: pki.certPem, key: pki.keyPem };
  const metrics = await startGuardedServer(t, { tls });
  const jaeger = await startGuardedServer(t, { tls });
  return { home, caFile, metricsUrl: metrics.metricsUrl, jaeger: jaeger.origin };
}

describe('TLS', () => {
  it('--cacert trusts a private CA for the metrics endpoint and for Jaeger', async (t) => {
    const { home, caFile, metricsUrl, jaeger } = await setup(t);
    const result = await runCli(['--once', '--json', '--metrics', metricsUrl, '--jaeger', jaeger, '--interval', '1s', '--cacert', caFile], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.rpc.length, 18);
    assert.equal(doc.tracesError, undefined);
    assert.equal(doc.traces.length, 8);
    assert.equal(result.stderr, '');
  });

  it('CLUSTER_TOP_CACERT does the same', async (t) => {
    const { home, caFile, metricsUrl } = await setup(t);
    const result = await runCli(['--once', '--json', '--metrics', metricsUrl, '--interval', '1s', '--no-traces'], { env: isolatedEnv(home, { CLUSTER_TOP_CACERT: caFile }) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).rpc.length, 18);
  });

  it('without the CA, fails with a clear TLS error that says what to do', async (t) => {
    const { home, metricsUrl, jaeger } = await setup(t);
    const result = await runCli(['--once', '--json', '--metrics', metricsUrl, '--jaeger', jaeger, '--interval', '1s'], { env: isolatedEnv(home) });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /TLS with 127\.0\.0\.1:\d+ failed: .*certificate.*; for a private CA use --cacert FILE \(or --insecure to skip verification\)/);
  });

  it('an https URL to a plain-http server says the server does not speak TLS, not what to trust', async (t) => {
    const home = tempFolder(t);
    const plain = await startGuardedServer(t, {});
    const result = await runCli(['--once', '--metrics', plain.metricsUrl.replace(/^http:/, 'https:'), '--interval', '1s', '--no-traces'], { env: isolatedEnv(home) });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /TLS with 127\.0\.0\.1:\d+ failed: the server answered without TLS; is it http:\/\/ rather than https:\/\/\?/);
    assert.doesNotMatch(result.stderr, /--cacert|--insecure|ssl3|openssl/i);
  });

  it('a CA that did not sign the certificate is named in the error', async (t) => {
    const { home, metricsUrl } = await setup(t);
    const otherCa = join(home, 'other-ca.pem');
    writeFileSync(otherCa, makeTestPki().caPem);
    const result = await runCli(['--once', '--metrics', metricsUrl, '--interval', '1s', '--no-traces', '--cacert', otherCa], { env: isolatedEnv(home) });
    assert.equal(result.code, 1);
    assert.match(result.stderr, new RegExp(`TLS with 127\\.0\\.0\\.1:\\d+ failed: .*; the certificate was checked against --cacert ${otherCa.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  });

  it('--insecure connects without verifying, and says so on stderr', async (t) => {
    const { home, metricsUrl, jaeger } = await setup(t);
    const result = await runCli(['--once', '--json', '--metrics', metricsUrl, '--jaeger', jaeger, '--interval', '1s', '--insecure'], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).traces.length, 8);
    assert.match(result.stderr, /^cluster-top: warning: --insecure: TLS certificates are NOT verified/);
    const fromEnv = await runCli(['--once', '--metrics', metricsUrl, '--interval', '1s', '--no-traces'], { env: isolatedEnv(home, { CLUSTER_TOP_INSECURE: '1' }) });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
    assert.match(fromEnv.stderr, /warning: CLUSTER_TOP_INSECURE: TLS certificates are NOT verified/);
  });

  it('an unusable --cacert file is a usage error naming it', async (t) => {
    const home = tempFolder(t);
    const notPem = join(home, 'not.pem');
    writeFileSync(notPem, 'hello\n');
    const missing = await runCli(['--once', '--metrics', 'https://127.0.0.1:9/metrics', '--cacert', join(home, 'absent.pem')], { env: isolatedEnv(home) });
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /--cacert .*absent\.pem: no such file/);
    const wrong = await runCli(['--once', '--metrics', 'https://127.0.0.1:9/metrics', '--cacert', notPem], { env: isolatedEnv(home) });
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /--cacert .*not\.pem: no PEM certificate in it/);
  });
});

describe('client certificates (mTLS)', () => {
  async function mtls(t: TestContext) {
    const home = tempFolder(t);
    const pki = makeTestPki();
    const files = { ca: join(home, 'ca.pem'), cert: join(home, 'client.pem'), key: join(home, 'client.key') };
    writeFileSync(files.ca, pki.caPem);
    writeFileSync(files.cert, pki.clientCertPem);
    writeFileSync(files.key, pki.clientKeyPem, { mode: 0o600 });
    const tls = { cert: pki.certPem, key: pki.keyPem, clientCa: pki.caPem };
    const metrics = await startGuardedServer(t, { tls });
    const jaeger = await startGuardedServer(t, { tls });
    return { home, pki, files, metricsUrl: metrics.metricsUrl, jaeger: jaeger.origin };
  }
  /** A line of the key's base64, which must never be printed. */
  const keyLine = (pem: string): string => pem.split('\n')[1];

  it('a server that requires one refuses a client without it, in one line that says what to give', async (t) => {
    const { home, files, metricsUrl } = await mtls(t);
    const result = await runCli(['--once', '--metrics', metricsUrl, '--interval', '1s', '--no-traces', '--cacert', files.ca], { env: isolatedEnv(home) });
    assert.equal(result.code, 1);
    assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
    assert.match(result.stderr, /TLS with 127\.0\.0\.1:\d+ failed: the server requires a client certificate: give one with --cert FILE --key FILE \(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED\)$/m);
  });

  it('--cert and --key are presented to the metrics endpoint and to Jaeger', async (t) => {
    const { home, pki, files, metricsUrl, jaeger } = await mtls(t);
    const result = await runCli(['--once', '--json', '--metrics', metricsUrl, '--jaeger', jaeger, '--interval', '1s', '--cacert', files.ca, '--cert', files.cert, '--key', files.key], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.rpc.length, 18);
    assert.equal(doc.traces.length, 8);
    assert.equal(result.stderr, '');
    assert.ok(!result.stdout.includes(keyLine(pki.clientKeyPem)));
    const fromEnv = await runCli(['--once', '--metrics', metricsUrl, '--interval', '1s', '--no-traces'], { env: isolatedEnv(home, { CLUSTER_TOP_CACERT: files.ca, CLUSTER_TOP_CERT: files.cert, CLUSTER_TOP_KEY: files.key }) });
    assert.equal(fromEnv.code, 0, fromEnv.stderr);
  });

  it('unreadable, unpaired or mismatched files are one-line usage errors that never show the key', async (t) => {
    const { home, files } = await mtls(t);
    const otherKey = join(home, 'other.key');
    const other = makeTestPki();
    writeFileSync(otherKey, other.clientKeyPem, { mode: 0o600 });
    const garbage = join(home, 'garbage.key');
    writeFileSync(garbage, 'not a key\n', { mode: 0o600 });
    const run = (...flags: string[]) => runCli(['--once', '--metrics', 'https://127.0.0.1:9/metrics', '--no-traces', ...flags], { env: isolatedEnv(home) });
    const cases: [string[], RegExp][] = [
      [['--cert', files.cert], /--cert needs --key FILE, its private key/],
      [['--key', files.key], /--key needs --cert FILE, its certificate/],
      [['--cert', join(home, 'absent.pem'), '--key', files.key], /--cert .*absent\.pem: no such file/],
      [['--cert', files.key, '--key', files.key], /--cert .*client\.key: no PEM certificate in it/],
      [['--cert', files.cert, '--key', garbage], /--key .*garbage\.key: no PEM private key in it/],
      [['--cert', files.cert, '--key', otherKey], /--key .*other\.key is not the private key of --cert .*client\.pem/],
    ];
    for (const [flags, expected] of cases) {
      const result = await run(...flags);
      assert.equal(result.code, 2, `${flags.join(' ')}: ${result.stderr}`);
      const lines = result.stderr.trimEnd().split('\n').filter((l) => !l.startsWith("Try 'cluster-top --help'"));
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0], expected);
      assert.ok(!result.stderr.includes(keyLine(other.clientKeyPem)), result.stderr);
    }
  });

  it('a key file other users can read gets a warning', async (t) => {
    const { home, files, metricsUrl } = await mtls(t);
    chmodSync(files.key, 0o644);
    const result = await runCli(['--once', '--metrics', metricsUrl, '--interval', '1s', '--no-traces', '--cacert', files.ca, '--cert', files.cert, '--key', files.key], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /--key .*client\.key can be read by other users \(mode 644\); chmod 600 it/);
  });
});
