// Credentials for the metrics endpoint, Jaeger and the REST API: which source wins, how files and variables are
// read, and that every message names the source, never the value.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { basicAuthCredential, chooseCredential, credentialHelp, describeCredential, loadCredential, type CredentialSpec } from '../../src/sources/credentials.js';

const dir = mkdtempSync(join(tmpdir(), 'cluster-top-cred-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const TOKEN = 'tok-3f9a1c77e2b04d5a';
const PASSWORD = 'pw-9d2e6b1f';

function secretFile(name: string, content: string, mode = 0o600): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

describe('chooseCredential', () => {
  it('prefers a flag to the environment, and reads nothing', () => {
    const env = { CLUSTER_TOP_METRICS_TOKEN: TOKEN };
    assert.deepEqual(chooseCredential('metrics', { 'metrics-token-file': '/run/t' }, env), {
      kind: 'bearer', from: { file: '/run/t' }, source: '--metrics-token-file /run/t',
    });
    assert.deepEqual(chooseCredential('metrics', {}, env), { kind: 'bearer', from: { variable: 'CLUSTER_TOP_METRICS_TOKEN' }, source: 'CLUSTER_TOP_METRICS_TOKEN' });
    assert.deepEqual(chooseCredential('jaeger', {}, { CLUSTER_TOP_JAEGER_BASIC_AUTH_FILE: '/run/b' }), {
      kind: 'basic', from: { file: '/run/b' }, source: 'CLUSTER_TOP_JAEGER_BASIC_AUTH_FILE /run/b',
    });
    assert.equal(chooseCredential('jaeger', {}, env), null, 'the metrics token is not sent to Jaeger');
    assert.equal(chooseCredential('metrics', {}, { CLUSTER_TOP_METRICS_TOKEN: '' }), null, 'an empty variable is unset');
  });

  it('refuses two credentials at one level', () => {
    assert.deepEqual(chooseCredential('metrics', { 'metrics-token-file': 'a', 'metrics-basic-auth-file': 'b' }, {}), {
      error: '--metrics-token-file and --metrics-basic-auth-file exclude each other',
    });
    assert.deepEqual(chooseCredential('jaeger', {}, { CLUSTER_TOP_JAEGER_TOKEN: TOKEN, CLUSTER_TOP_JAEGER_BASIC_AUTH: `u:${PASSWORD}` }), {
      error: 'set only one of CLUSTER_TOP_JAEGER_TOKEN, CLUSTER_TOP_JAEGER_BASIC_AUTH',
    });
  });

  it('names the ways to give credentials', () => {
    assert.equal(credentialHelp('jaeger'), '--jaeger-token-file FILE, --jaeger-basic-auth-file FILE (user:password) or CLUSTER_TOP_JAEGER_TOKEN');
    assert.equal(credentialHelp('api'), '--api-token-file FILE, --api-basic-auth-file FILE (user:password) or CLUSTER_TOP_API_TOKEN');
  });

  it('the REST API has its own flags and variables', () => {
    assert.deepEqual(chooseCredential('api', { 'api-basic-auth-file': '/run/a' }, { CLUSTER_TOP_API_TOKEN: TOKEN }), {
      kind: 'basic', from: { file: '/run/a' }, source: '--api-basic-auth-file /run/a',
    });
    assert.deepEqual(chooseCredential('api', {}, { CLUSTER_TOP_API_TOKEN_FILE: '/run/t' }), { kind: 'bearer', from: { file: '/run/t' }, source: 'CLUSTER_TOP_API_TOKEN_FILE /run/t' });
    assert.deepEqual(chooseCredential('api', {}, { CLUSTER_TOP_API_BASIC_AUTH: `u:${PASSWORD}` }), { kind: 'basic', from: { variable: 'CLUSTER_TOP_API_BASIC_AUTH' }, source: 'CLUSTER_TOP_API_BASIC_AUTH' });
    assert.equal(chooseCredential('api', {}, { CLUSTER_TOP_METRICS_TOKEN: TOKEN, CLUSTER_TOP_JAEGER_TOKEN: TOKEN }), null, 'no other endpoint\'s credential');
  });
});

describe('basicAuthCredential', () => {
  it('builds basic auth from a user and password read elsewhere, every form of the password a secret', () => {
    const c = basicAuthCredential('admin', PASSWORD, '/etc/service.json api.restapi.basic_auth_credentials');
    assert.equal(c.authorization, `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}`);
    assert.ok(c.secrets.includes(PASSWORD) && c.secrets.includes(c.authorization));
    assert.equal(describeCredential(c), 'basic auth from /etc/service.json api.restapi.basic_auth_credentials');
  });
});

describe('loadCredential', () => {
  it('reads a bearer token from a file (one trailing newline allowed)', async () => {
    const path = secretFile('token', `${TOKEN}\n`);
    const spec: CredentialSpec = { kind: 'bearer', from: { file: path }, source: `--metrics-token-file ${path}` };
    const loaded = await loadCredential(spec, {});
    assert.ok('credential' in loaded);
    assert.equal(loaded.credential.authorization, `Bearer ${TOKEN}`);
    assert.equal(loaded.warning, null);
    assert.ok(loaded.credential.secrets.includes(TOKEN));
    assert.equal(describeCredential(loaded.credential), `a bearer token from --metrics-token-file ${path}`);
  });

  it('reads basic auth from a variable and encodes it', async () => {
    const loaded = await loadCredential({ kind: 'basic', from: { variable: 'V' }, source: 'V' }, { V: `ops:${PASSWORD}` });
    assert.ok('credential' in loaded);
    assert.equal(loaded.credential.authorization, `Basic ${Buffer.from(`ops:${PASSWORD}`).toString('base64')}`);
    for (const secret of [PASSWORD, `ops:${PASSWORD}`, Buffer.from(`ops:${PASSWORD}`).toString('base64')]) {
      assert.ok(loaded.credential.secrets.includes(secret), secret);
    }
    assert.equal(describeCredential(loaded.credential), 'basic auth from V');
  });

  it('warns when other users can read the file', async () => {
    const path = secretFile('shared-token', TOKEN, 0o644);
    const loaded = await loadCredential({ kind: 'bearer', from: { file: path }, source: `--jaeger-token-file ${path}` }, {});
    assert.ok('credential' in loaded);
    assert.equal(loaded.warning, `--jaeger-token-file ${path} can be read by other users (mode 644); chmod 600 it`);
  });

  it('says which source is unusable and why, never showing the value', async () => {
    const cases: [CredentialSpec, Record<string, string>, RegExp][] = [
      [{ kind: 'bearer', from: { file: join(dir, 'nope') }, source: '--metrics-token-file nope' }, {}, /^--metrics-token-file nope: no such file$/],
      [{ kind: 'bearer', from: { file: dir }, source: '--metrics-token-file dir' }, {}, /^--metrics-token-file dir: not a file$/],
      [{ kind: 'bearer', from: { file: secretFile('empty', '\n') }, source: 'F' }, {}, /^F is empty$/],
      [{ kind: 'bearer', from: { file: secretFile('two-lines', `${TOKEN}\nmore\n`) }, source: 'F' }, {}, /^F: the credential must be one line without control characters$/],
      [{ kind: 'basic', from: { file: secretFile('no-colon', PASSWORD) }, source: 'B' }, {}, /^B must hold user:password$/],
      [{ kind: 'basic', from: { variable: 'V' }, source: 'V' }, { V: `:${PASSWORD}` }, /^V must hold user:password$/],
      [{ kind: 'bearer', from: { variable: 'V' }, source: 'V' }, { V: `${TOKEN}\r\nX-Injected: 1` }, /control characters/],
    ];
    for (const [spec, env, expected] of cases) {
      const loaded = await loadCredential(spec, env);
      assert.ok('error' in loaded, spec.source);
      assert.match(loaded.error, expected);
      assert.ok(!loaded.error.includes(TOKEN) && !loaded.error.includes(PASSWORD));
    }
  });
});
