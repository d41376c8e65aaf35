// `cluster-top config`: the resolved settings and where each came from, through the built CLI with
// a service.json in IPFS_CLUSTER_PATH, CLUSTER_TOP_* variables and flags at once.

import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isolatedEnv, tempFolder } from '../support/guarded-server.js';
import { runCli } from '../support/run-cli.js';

const SERVICE_JSON = {
  cluster: { peername: 'peer0', secret: '9a1f0c3e5b7d2a4c6e8f0a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f3a5b7c9d' },
  observations: {
    metrics: { enable_stats: true, prometheus_endpoint: '/ip4/0.0.0.0/tcp/18888', reporting_interval: '30s' },
    tracing: { enable_tracing: false, jaeger_agent_endpoint: '/ip4/0.0.0.0/udp/6831', sampling_prob: 0.3, service_name: 'edge' },
  },
};

function clusterFolder(home: string, content: string | object = SERVICE_JSON): string {
  const dir = join(home, 'cluster');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'service.json'), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

type Settings = Record<string, { value: string; source: string }>;

describe('cluster-top config', () => {
  it('reports every layer: flag, CLUSTER_TOP_*, service.json and default', async (t) => {
    const home = tempFolder(t);
    const cluster = clusterFolder(home);
    const path = join(cluster, 'service.json');
    const result = await runCli(['config', '--json', '--window', '5m'], { env: isolatedEnv(home, { IPFS_CLUSTER_PATH: cluster, CLUSTER_TOP_INTERVAL: '3s', CLUSTER_TOP_JAEGER: 'http://jaeger.internal:16686' }) });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stderr, '');
    const doc = JSON.parse(result.stdout) as { precedence: string; serviceJson: object; settings: Settings; problems: string[] };
    assert.match(doc.precedence, /^flags > CLUSTER_TOP_\* environment > service\.json/);
    assert.deepEqual(doc.serviceJson, { path, origin: 'IPFS_CLUSTER_PATH', status: 'ok' });
    const s = doc.settings;
    assert.deepEqual(s.metrics, { value: 'http://127.0.0.1:18888/metrics', source: `${path} observations.metrics.prometheus_endpoint` });
    assert.deepEqual(s['peer stats'], { value: 'on', source: `${path} observations.metrics.enable_stats` });
    assert.deepEqual(s['peer tracing'], { value: 'off', source: `${path} observations.tracing.enable_tracing` });
    assert.deepEqual(s['service prefix'], { value: 'edge', source: `${path} observations.tracing.service_name` });
    assert.deepEqual(s.window, { value: '5m', source: '--window' });
    assert.deepEqual(s.interval, { value: '3s', source: 'CLUSTER_TOP_INTERVAL' });
    assert.deepEqual(s.jaeger, { value: 'http://jaeger.internal:16686', source: 'CLUSTER_TOP_JAEGER' });
    assert.deepEqual(s.quantile, { value: '0.95', source: 'default' });
    // Durations and sizes as the command line writes them (and the README and --help show them).
    assert.deepEqual(s.lookback, { value: '1h', source: 'default' });
    assert.deepEqual(s['max body'], { value: '64MiB', source: 'default' });
    assert.deepEqual(s['traces interval'], { value: '10s', source: 'default' });
    assert.deepEqual(s['metrics auth'], { value: 'none', source: 'not set' });
    assert.deepEqual(doc.problems, []);
    assert.ok(!result.stdout.includes(SERVICE_JSON.cluster.secret));
  });

  it('shows the proxies with their credentials masked, no_proxy, an unusable proxy as a problem, and the client certificate', async (t) => {
    const home = tempFolder(t);
    const env = isolatedEnv(home, {
      HTTPS_PROXY: 'http://ops:Pr0xyPa55@proxy.corp:3128',
      http_proxy: 'https://web:W3bPa55@proxy.corp:443',
      no_proxy: '.corp, 10.0.0.0/8',
    });
    const cert = join(home, 'client.pem');
    const key = join(home, 'client.key');
    const result = await runCli(['config', '--json', '--no-config', '--cert', cert, '--key', key], { env });
    assert.equal(result.code, 0, result.stderr);
    const doc = JSON.parse(result.stdout) as { settings: Settings; problems: string[] };
    const s = doc.settings;
    assert.deepEqual(s['https proxy'], { value: 'http://***@proxy.corp:3128', source: 'HTTPS_PROXY' });
    assert.deepEqual(s['http proxy'], { value: 'unusable: http_proxy: https:// proxies are not supported, only http:// ones ("https://***@proxy.corp:443")', source: 'http_proxy' });
    assert.deepEqual(s['no proxy'], { value: '.corp, 10.0.0.0/8 (and loopback, always)', source: 'no_proxy' });
    assert.deepEqual(s['client cert'], { value: cert, source: '--cert' });
    assert.deepEqual(s['client key'], { value: key, source: '--key' });
    assert.ok(doc.problems.includes('http_proxy: https:// proxies are not supported, only http:// ones ("https://***@proxy.corp:443")'), doc.problems.join('\n'));
    assert.ok(doc.problems.some((p) => /^--cert .*client\.pem: no such file$/.test(p)), doc.problems.join('\n'));
    for (const secret of ['Pr0xyPa55', 'W3bPa55', 'ops:', 'web:']) assert.ok(!result.stdout.includes(secret), secret);
    const plain = await runCli(['config', '--no-config'], { env: isolatedEnv(home) });
    const lines = plain.stdout.split('\n');
    assert.ok(lines.includes(`https proxy     ${'none: direct'.padEnd(35)}not set`), plain.stdout);
    assert.ok(lines.includes(`no proxy        ${'nothing (and loopback, always)'.padEnd(35)}not set`), plain.stdout);
  });

  it('prints one aligned line per setting in text', async (t) => {
    const home = tempFolder(t);
    const cluster = clusterFolder(home);
    const result = await runCli(['config', '--config', cluster, '--quantile', '0.99'], { env: isolatedEnv(home) });
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.split('\n');
    assert.equal(lines[0], 'cluster-top settings, and where each came from');
    assert.ok(lines.includes(`service.json    ${join(cluster, 'service.json')}`), result.stdout);
    assert.ok(lines.includes(`${''.padEnd(16)}from read (--config)`), result.stdout);
    assert.ok(lines.includes(`quantile        ${'0.99'.padEnd(35)}--quantile`), result.stdout);
    assert.ok(lines.includes(`peer tracing    ${'off'.padEnd(35)}${join(cluster, 'service.json')} observations.tracing.enable_tracing`), result.stdout);
  });

  it('reports a missing or malformed file as one problem line and goes on with the defaults', async (t) => {
    const home = tempFolder(t);
    const missing = await runCli(['config', '--json'], { env: isolatedEnv(home) });
    assert.equal(missing.code, 0);
    const doc = JSON.parse(missing.stdout);
    assert.deepEqual(doc.serviceJson, { path: join(home, '.ipfs-cluster', 'service.json'), origin: 'default', status: 'missing', reason: 'not found' });
    assert.equal(doc.settings.metrics.value, 'http://127.0.0.1:8888/metrics');
    assert.equal(doc.settings.metrics.source, 'default');
    assert.equal(doc.settings['peer stats'].value, 'unknown');
    const cluster = clusterFolder(home, '{"observations": {');
    const malformed = await runCli(['config'], { env: isolatedEnv(home, { IPFS_CLUSTER_PATH: cluster }) });
    assert.equal(malformed.code, 0);
    assert.match(malformed.stdout, new RegExp(`problem: ${join(cluster, 'service.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: invalid JSON: .*; using defaults`));
  });

  it('--no-config ignores service.json and the peer\'s variables', async (t) => {
    const home = tempFolder(t);
    const cluster = clusterFolder(home);
    const result = await runCli(['config', '--json', '--no-config'], { env: isolatedEnv(home, { IPFS_CLUSTER_PATH: cluster, CLUSTER_METRICS_ENABLESTATS: 'false' }) });
    const doc = JSON.parse(result.stdout);
    assert.equal(doc.serviceJson, null);
    assert.equal(doc.settings.metrics.value, 'http://127.0.0.1:8888/metrics');
    assert.equal(doc.settings['peer stats'].value, 'unknown');
  });

  it('reports an unreadable credential file as a problem, still exiting 0', async (t) => {
    const home = tempFolder(t);
    const result = await runCli(['config', '--jaeger-token-file', join(home, 'nope')], { env: isolatedEnv(home) });
    assert.equal(result.code, 0);
    assert.match(result.stdout, /problem: --jaeger-token-file .*nope: no such file/);
  });

  it('lists a fleet\'s targets with their labels and where each came from, and a bad targets file as a problem', async (t) => {
    const home = tempFolder(t);
    const file = join(home, 'targets.txt');
    writeFileSync(file, '# the cluster\npeer1=http://10.0.0.1:8888/metrics\nhttp://10.0.0.2:8888/metrics\n');
    const result = await runCli(['config', '--json', '--metrics', 'http://a:1/metrics', '--targets', file], { env: isolatedEnv(home) });
    assert.equal(result.code, 0);
    const settings = JSON.parse(result.stdout).settings as Settings;
    assert.deepEqual(settings.metrics, { value: 'a fleet of 3 peers', source: `--metrics and --targets ${file}` });
    assert.deepEqual(settings['target 1'], { value: 'http://a:1/metrics', source: '--metrics' });
    assert.deepEqual(settings['target 2'], { value: 'peer1=http://10.0.0.1:8888/metrics', source: `--targets ${file}` });
    assert.deepEqual(settings['target 3'], { value: 'http://10.0.0.2:8888/metrics', source: `--targets ${file}` });
    const missing = await runCli(['config', '--targets', join(home, 'nope')], { env: isolatedEnv(home) });
    assert.equal(missing.code, 0);
    assert.match(missing.stdout, /problem: cannot read --targets .*nope: no such file/);
  });
});
