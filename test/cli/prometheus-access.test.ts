// What cluster-top sends a Prometheus-compatible server besides the query: `--prometheus-header`,
// the secret `--prometheus-header-file` and the server's own credential (`--prometheus-token-file`,
// `CLUSTER_TOP_PROMETHEUS_TOKEN`, …), merged; a bad file line is named by number, never shown; a
// header given twice is refused; `config` shows the settings with every value masked. Through the
// built binary against a loopback server that answers only with every header.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { mergeHeaders, parseHeaderLines } from '../../src/cli/prometheus-access.js';
import { listenLoopback } from '../support/listen-loopback.js';
import { runCli } from '../support/run-cli.js';

const env: NodeJS.ProcessEnv = { ...process.env, CLUSTER_TOP_PROMETHEUS: '', CLUSTER_TOP_SELECTOR: '', CLUSTER_TOP_PEER_LABEL: '', CLUSTER_TOP_METRICS: '', CLUSTER_TOP_PROMETHEUS_TOKEN: '', CLUSTER_TOP_PROMETHEUS_TOKEN_FILE: '', CLUSTER_TOP_PROMETHEUS_BASIC_AUTH: '', CLUSTER_TOP_PROMETHEUS_BASIC_AUTH_FILE: '' };
const KEY = 's3cr3t-key-41';
const TOKEN = 'tok-123-secret';

/** A folder with `files` (mode 600), removed after the test. */
function folder(t: TestContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-top-prom-access-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text, { mode: 0o600 });
  return dir;
}

/** A server that answers an engine error naming what it got when every header is there, else 401. */
async function checkingServer(t: TestContext): Promise<string> {
  const server = http.createServer((req, res) => {
    const ok = req.headers['x-scope-orgid'] === 'tenant-7' && req.headers['x-api-key'] === KEY && req.headers.authorization === `Bearer ${TOKEN}`;
    if (!ok) {
      res.writeHead(401, { 'content-type': 'text/plain' });
      return res.end('missing credentials\n');
    }
    res.writeHead(422, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'every header came' }));
  });
  return `http://127.0.0.1:${await listenLoopback(t, server)}`;
}

describe('--prometheus headers and credentials', () => {
  it('parses a header file: comments and blanks skipped, a bad line named by number only', () => {
    assert.deepEqual(parseHeaderLines('# tenant\nX-Scope-OrgID: t1\n\nX-Api-Key:  k \n', 'F'), { headers: { 'x-scope-orgid': 't1', 'x-api-key': 'k' } });
    assert.deepEqual(parseHeaderLines('X-A: 1\nsecret-without-colon\n', 'F'), { error: "F line 2: not 'Name: value' (the line is not shown: it may be secret)" });
    assert.deepEqual(parseHeaderLines('X-A: 1\nx-a: 2\n', 'F'), { error: 'F line 2: x-a is given twice' });
    assert.deepEqual(parseHeaderLines('# only\n', 'F'), { error: 'F holds no header' });
    assert.deepEqual(mergeHeaders([{ from: 'a', headers: { 'X-A': '1' } }, { from: 'b', headers: undefined }, { from: 'c', headers: { authorization: 'z' } }]), { headers: { 'x-a': '1', authorization: 'z' } });
    assert.deepEqual(mergeHeaders([{ from: 'a', headers: { Authorization: '1' } }, { from: 'c', headers: { authorization: 'z' } }]), { error: 'the authorization header is given by both a and c; keep one' });
  });

  it('sends the flag\'s, the file\'s and the credential\'s headers, from files or the environment, never showing a value', async (t) => {
    const url = await checkingServer(t);
    const dir = folder(t, { headers: `# for the gateway\nX-Api-Key: ${KEY}\n`, token: `${TOKEN}\n` });
    const base = ['--prometheus', url, '--prometheus-header', 'X-Scope-OrgID: tenant-7', '--prometheus-header-file', join(dir, 'headers'), '--once', '--no-config', '--no-traces'];
    for (const [args, extraEnv] of [[['--prometheus-token-file', join(dir, 'token')], {}], [[], { CLUSTER_TOP_PROMETHEUS_TOKEN: TOKEN }], [[], { CLUSTER_TOP_PROMETHEUS_TOKEN_FILE: join(dir, 'token') }]] as const) {
      const run = await runCli([...base, ...args], { env: { ...env, ...extraEnv } });
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stderr, /answered execution: every header came/, `${args.join(' ')} ${JSON.stringify(extraEnv)}`);
      assert.ok(!run.stderr.includes(KEY) && !run.stderr.includes(TOKEN));
    }
    // Without the file's header the server refuses; the message names no value.
    const refused = await runCli([...base.slice(0, 4), '--prometheus-token-file', join(dir, 'token'), '--once', '--no-config', '--no-traces'], { env });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /401/);
    assert.ok(!refused.stderr.includes(TOKEN));
  });

  it('refuses a bad header file, a header given twice and a credential without --prometheus, in one line', async (t) => {
    const dir = folder(t, { bad: `X-Api-Key: ${KEY}\n${KEY}\n`, auth: 'Authorization: Bearer other\n', token: `${TOKEN}\n` });
    const url = 'http://127.0.0.1:9';
    const cases: [string[], RegExp][] = [
      [['--prometheus', url, '--prometheus-header-file', join(dir, 'bad'), '--once'], /--prometheus-header-file .*bad line 2: not 'Name: value'/],
      [['--prometheus', url, '--prometheus-header-file', join(dir, 'auth'), '--prometheus-token-file', join(dir, 'token'), '--once'], /the authorization header is given by both --prometheus-header-file and --prometheus-token-file; keep one/],
      [['--prometheus', url, '--prometheus-header-file', join(dir, 'none'), '--once'], /--prometheus-header-file .*none: no such file/],
      [['--prometheus-token-file', join(dir, 'token'), '--once'], /--prometheus-token-file belongs to --prometheus URL/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli([...args, '--no-config', '--no-traces'], { env });
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr.split('\n')[0], message);
      assert.ok(!run.stderr.includes(KEY) && !run.stderr.includes(TOKEN) && !run.stderr.includes('Bearer other'));
    }
  });

  it('config shows the server\'s settings, every header value and credential masked', async (t) => {
    const dir = folder(t, { headers: `X-Api-Key: ${KEY}\n`, basic: `ops:${TOKEN}\n` });
    const run = await runCli(['config', '--prometheus', `http://ops:${TOKEN}@127.0.0.1:9/prom`, '--selector', '{job="c"}', '--prometheus-header', 'X-Scope-OrgID: tenant-7', '--prometheus-header-file', join(dir, 'headers'), '--prometheus-basic-auth-file', join(dir, 'basic'), '--no-config'], { env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^prometheus +http:\/\/ops:\*+@127\.0\.0\.1:9\/prom/m);
    assert.match(run.stdout, /^selector +\{job="c"\} +--selector/m);
    assert.match(run.stdout, /^prom\. headers +x-scope-orgid: \*+ +--prometheus-header/m);
    assert.match(run.stdout, /^header file +.*headers \(values not shown\)/m);
    assert.match(run.stdout, /^prom\. auth +basic auth \*+ +--prometheus-basic-auth-file/m);
    for (const secret of [KEY, TOKEN, 'tenant-7']) assert.ok(!run.stdout.includes(secret) && !run.stderr.includes(secret), secret);
  });
});
