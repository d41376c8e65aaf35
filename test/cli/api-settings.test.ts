// The REST API's settings: where its address, credential and intervals come from, when it is on
// by default (a peer host, the demo cluster) and off (a replay, remote peers without a
// service.json), and what `config` shows of them (never a password).

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseCommandLine } from '../../src/cli/args.js';
import type { MonitorOptions } from '../../src/cli/command.js';
import type { SettingsContext } from '../../src/cli/settings.js';
import { readRestApiConfig } from '../../src/model/service-restapi.js';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli } from '../support/run-cli.js';

const PATH = '/etc/cluster/service.json';
const SERVICE = { api: { restapi: { http_listen_multiaddress: '/ip4/127.0.0.1/tcp/19094', basic_auth_credentials: { admin: 'hunter2-not-shown' } } } };

function options(argv: string[], context: Partial<SettingsContext> = {}): MonitorOptions {
  const command = parseCommandLine(argv, { env: {}, peer: null, ...context });
  assert.equal(command.kind, 'monitor', command.kind === 'error' ? command.message : '');
  return (command as { options: MonitorOptions }).options;
}

function usage(argv: string[], context: Partial<SettingsContext> = {}): string {
  const command = parseCommandLine(argv, { env: {}, peer: null, ...context });
  assert.equal(command.kind, 'error');
  return (command as { message: string }).message;
}

describe('REST API settings', () => {
  it('are on at IPFS Cluster\'s default address on a peer host with nothing given', () => {
    const o = options([]);
    assert.deepEqual(o.api, { url: 'http://127.0.0.1:9094', auth: null, serviceAuth: null, intervalMs: 15_000, errorsIntervalMs: 300_000, demo: false });
    assert.equal(o.origins.api, 'default');
  });

  it('take the address and basic auth from service.json, the daemon\'s variable winning', () => {
    const restApi = readRestApiConfig(SERVICE, PATH, {});
    const o = options(['--metrics', 'http://10.0.0.9:8888/metrics'], { restApi });
    assert.equal(o.api?.url, 'http://127.0.0.1:19094');
    assert.equal(o.origins.api, `${PATH} api.restapi.http_listen_multiaddress`);
    assert.equal(o.api?.serviceAuth?.user, 'admin');
    assert.equal(o.origins.apiAuth, `${PATH} api.restapi.basic_auth_credentials`);
    const env = { CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS: '/ip4/127.0.0.1/tcp/29094' };
    assert.equal(options([], { restApi: readRestApiConfig(SERVICE, PATH, env) }).api?.url, 'http://127.0.0.1:29094');
  });

  it('prefer --api and CLUSTER_TOP_API, with a credential by flag over service.json\'s', () => {
    const restApi = readRestApiConfig(SERVICE, PATH, {});
    const o = options(['--api', 'http://10.1.2.3:9094', '--api-token-file', '/run/token'], { restApi });
    assert.equal(o.api?.url, 'http://10.1.2.3:9094');
    assert.equal(o.origins.api, '--api');
    assert.deepEqual(o.api?.auth, { kind: 'bearer', from: { file: '/run/token' }, source: '--api-token-file /run/token' });
    assert.equal(o.api?.serviceAuth, null);
    const fromEnv = options(['--metrics', 'http://a:1/metrics'], { env: { CLUSTER_TOP_API: 'http://b:9094', CLUSTER_TOP_API_BASIC_AUTH: 'u:p' } });
    assert.equal(fromEnv.api?.url, 'http://b:9094');
    assert.equal(fromEnv.origins.api, 'CLUSTER_TOP_API');
    assert.equal(fromEnv.api?.auth?.source, 'CLUSTER_TOP_API_BASIC_AUTH');
  });

  it('are off for a replay and for remote peers named without a service.json, saying how to turn it on', () => {
    assert.equal(options(['--replay', '/tmp/rec']).api, null);
    assert.equal(options(['--replay', '/tmp/rec']).origins.api, 'off (--replay; --api URL turns it on)');
    const remote = options(['--metrics', 'http://10.0.0.9:8888/metrics']);
    assert.equal(remote.api, null);
    assert.equal(remote.origins.api, 'off (--metrics without a service.json; --api URL turns it on)');
    assert.equal(options(['--targets', '/tmp/t']).origins.api, 'off (--targets without a service.json; --api URL turns it on)');
    assert.equal(options(['--metrics', 'http://a:1/metrics', '--api', 'http://a:9094']).api?.url, 'http://a:9094');
    assert.equal(options(['--no-api']).api, null);
    assert.equal(options(['--no-api']).origins.api, 'off (--no-api)');
  });

  it('read the demo cluster\'s own API with --demo, none with the single demo peer', () => {
    const o = options(['--demo']);
    assert.equal(o.api?.demo, true);
    assert.equal(o.origins.api, "--demo (the demo cluster's REST API)");
    assert.equal(options(['--demo', '--demo-peers', '1']).api, null);
  });

  it('reject bad values in one line', () => {
    assert.equal(usage(['--api', 'http://a:9094', '--no-api']), '--no-api cannot be combined with --api');
    assert.match(usage(['--api', '127.0.0.1:9094']), /^--api: .*did you mean http:\/\/127\.0\.0\.1:9094\?$/);
    assert.match(usage(['--api-interval', 'soon']), /^--api-interval takes a duration/);
    assert.equal(usage(['--errors-interval', '500ms']), '--errors-interval must be at least 1s');
    assert.equal(usage(['--api-token-file', '/a', '--api-basic-auth-file', '/b']), '--api-token-file and --api-basic-auth-file exclude each other');
    const o = options(['--api-interval', '5s'], { env: { CLUSTER_TOP_ERRORS_INTERVAL: '1m' } });
    assert.deepEqual([o.api?.intervalMs, o.api?.errorsIntervalMs, o.origins.apiInterval, o.origins.errorsInterval], [5000, 60_000, '--api-interval', 'CLUSTER_TOP_ERRORS_INTERVAL']);
  });
});

describe('cluster-top config and the REST API', () => {
  it('shows the API read from service.json and masks its credential', async (t) => {
    const home = tempFolder(t);
    const dir = join(home, 'cluster');
    mkdirSync(dir);
    writeFileSync(join(dir, 'service.json'), JSON.stringify(SERVICE));
    const result = await runCli(['config', '--json', '--errors-interval', '10m'], { env: isolatedEnv(home, { IPFS_CLUSTER_PATH: dir }) });
    assert.equal(result.code, 0, result.stderr);
    const s = (JSON.parse(result.stdout) as { settings: Record<string, { value: string; source: string }> }).settings;
    const path = join(dir, 'service.json');
    assert.deepEqual(s.api, { value: 'http://127.0.0.1:19094', source: `${path} api.restapi.http_listen_multiaddress` });
    assert.deepEqual(s['api auth'], { value: 'basic auth ********', source: `${path} api.restapi.basic_auth_credentials` });
    assert.deepEqual(s['api interval'], { value: '15s', source: 'default' });
    assert.deepEqual(s['errors interval'], { value: '10m', source: '--errors-interval' });
    assert.ok(!result.stdout.includes('hunter2'), result.stdout);
  });

  it('reports an unreadable API credential file as a problem, and the API off for remote peers', async (t) => {
    const home = tempFolder(t);
    const result = await runCli(['config', '--api', 'http://10.0.0.1:9094', '--api-basic-auth-file', join(home, 'nope')], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^api auth +basic auth \*{8} +--api-basic-auth-file /m);
    assert.match(result.stdout, /^problem: --api-basic-auth-file .*nope: no such file$/m);
    const off = await runCli(['config', '--metrics', 'http://10.0.0.2:8888/metrics'], { env: isolatedEnv(home) });
    assert.match(off.stdout, /^api +off +off \(--metrics without a service\.json; --api URL turns it on\)$/m);
  });
});
