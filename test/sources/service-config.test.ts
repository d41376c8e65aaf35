// Finding and reading a peer's service.json: the lookup order, the v0.13 and v1.1 shapes of the
// observations section, and every way a file can be unusable (one line: path and reason; never
// the file's content, which holds the cluster secret).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readPeerObservations } from '../../src/model/service-observations.js';
import { configProblemLine, locateServiceConfig, readServiceConfig, type ConfigLocation } from '../../src/sources/service-config.js';

const dir = mkdtempSync(join(tmpdir(), 'cluster-top-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b';

/** A v0.13-era service.json (raft, reporting_interval 2s, the pre-v0.12 wildcard endpoint kept on upgrade). */
const V0_13 = {
  cluster: { id: 'QmPeer', peername: 'peer0', secret: SECRET, listen_multiaddress: '/ip4/0.0.0.0/tcp/9096' },
  consensus: { raft: { init_peerset: [], wait_for_leader_timeout: '15s' } },
  api: { ipfsproxy: { listen_multiaddress: '/ip4/127.0.0.1/tcp/9095' }, restapi: { http_listen_multiaddress: '/ip4/127.0.0.1/tcp/9094' } },
  ipfs_connector: { ipfshttp: { node_multiaddress: '/ip4/127.0.0.1/tcp/5001' } },
  observations: {
    metrics: { enable_stats: true, prometheus_endpoint: '/ip4/0.0.0.0/tcp/8888', reporting_interval: '2s' },
    tracing: { enable_tracing: false, jaeger_agent_endpoint: '/ip4/0.0.0.0/udp/6831', sampling_prob: 0.3, service_name: 'cluster-daemon' },
  },
};

/** A v1.1 service.json (crdt, reporting_interval 30s, loopback endpoint). */
const V1_1 = {
  cluster: { peername: 'peer1', secret: SECRET, listen_multiaddress: ['/ip4/0.0.0.0/tcp/9096', '/ip4/0.0.0.0/udp/9096/quic'] },
  consensus: { crdt: { cluster_name: 'ipfs-cluster', trusted_peers: ['*'] } },
  api: { restapi: { http_listen_multiaddress: '/ip4/127.0.0.1/tcp/9094' } },
  datastore: { pebble: {} },
  observations: {
    metrics: { enable_stats: false, prometheus_endpoint: '/ip6/::/tcp/18888', reporting_interval: '30s' },
    tracing: { enable_tracing: true, jaeger_agent_endpoint: '/ip4/0.0.0.0/udp/6831', sampling_prob: 0.3, service_name: 'prod-cluster' },
  },
};

function write(name: string, content: string | object): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

const at = (path: string): ConfigLocation => ({ path, origin: '--config', explicit: true });

describe('locateServiceConfig', () => {
  it('follows ipfs-cluster-service: --config, then IPFS_CLUSTER_PATH, then ~/.ipfs-cluster', () => {
    assert.deepEqual(locateServiceConfig({ given: { path: '/etc/c/service.json', origin: '--config' }, clusterPath: '/data/cluster', home: '/home/op' }), {
      path: '/etc/c/service.json', origin: '--config', explicit: true,
    });
    assert.deepEqual(locateServiceConfig({ clusterPath: '/data/cluster', home: '/home/op' }), {
      path: '/data/cluster/service.json', origin: 'IPFS_CLUSTER_PATH', explicit: true,
    });
    assert.deepEqual(locateServiceConfig({ clusterPath: '', home: '/home/op' }), {
      path: '/home/op/.ipfs-cluster/service.json', origin: 'default', explicit: false,
    });
  });
});

describe('readServiceConfig and the observations section', () => {
  it('reads the v0.13 shape: stats on, the wildcard endpoint scraped on loopback, tracing off', async () => {
    const path = write('v013/service.json', V0_13);
    const read = await readServiceConfig(at(path));
    assert.equal(read.status, 'ok');
    assert.equal(configProblemLine(read), null);
    const peer = readPeerObservations(read.status === 'ok' ? read.json : null, read.path, {});
    assert.deepEqual(peer, {
      metricsUrl: { value: 'http://127.0.0.1:8888/metrics', source: `${path} observations.metrics.prometheus_endpoint` },
      enableStats: { value: true, source: `${path} observations.metrics.enable_stats` },
      enableTracing: { value: false, source: `${path} observations.tracing.enable_tracing` },
      serviceName: { value: 'cluster-daemon', source: `${path} observations.tracing.service_name` },
      problems: [],
    });
  });

  it('reads the v1.1 shape given as its folder, like ipfs-cluster-service -c', async () => {
    const path = write('v11/service.json', V1_1);
    const read = await readServiceConfig(at(join(dir, 'v11')));
    assert.equal(read.status, 'ok');
    assert.equal(read.path, path);
    const peer = readPeerObservations(read.status === 'ok' ? read.json : null, read.path, {});
    assert.equal(peer.metricsUrl?.value, 'http://[::1]:18888/metrics');
    assert.equal(peer.enableStats?.value, false);
    assert.equal(peer.enableTracing?.value, true);
    assert.equal(peer.serviceName?.value, 'prod-cluster');
  });

  it('uses IPFS Cluster\'s defaults for missing sections and keys, and says so in the source', async () => {
    for (const [name, observations] of [['empty', {}], ['absent', undefined], ['metrics-only', { metrics: { enable_stats: true } }]] as const) {
      const path = write(`${name}/service.json`, { cluster: { secret: SECRET }, ...(observations === undefined ? {} : { observations }) });
      const read = await readServiceConfig(at(path));
      const peer = readPeerObservations(read.status === 'ok' ? read.json : null, read.path, {});
      assert.equal(peer.metricsUrl?.value, 'http://127.0.0.1:8888/metrics', name);
      assert.equal(peer.metricsUrl?.source, `${path} (no observations.metrics.prometheus_endpoint: IPFS Cluster's default)`, name);
      assert.equal(peer.enableStats?.value, name === 'metrics-only', name);
      assert.equal(peer.enableTracing?.value, false, name);
      assert.equal(peer.serviceName?.value, 'cluster-daemon', name);
      assert.deepEqual(peer.problems, [], name);
    }
  });

  it('applies the daemon\'s environment overrides over the file, and reports bad ones', async () => {
    const path = write('env/service.json', V0_13);
    const read = await readServiceConfig(at(path));
    const json = read.status === 'ok' ? read.json : null;
    const peer = readPeerObservations(json, path, {
      CLUSTER_METRICS_PROMETHEUSENDPOINT: '/dns4/localhost/tcp/9888',
      CLUSTER_METRICS_ENABLESTATS: 'F',
      CLUSTER_TRACING_ENABLETRACING: 'True',
      CLUSTER_TRACING_SERVICENAME: 'edge',
    });
    assert.deepEqual(peer.metricsUrl, { value: 'http://localhost:9888/metrics', source: 'CLUSTER_METRICS_PROMETHEUSENDPOINT (peer environment)' });
    assert.deepEqual(peer.enableStats, { value: false, source: 'CLUSTER_METRICS_ENABLESTATS (peer environment)' });
    assert.deepEqual(peer.enableTracing, { value: true, source: 'CLUSTER_TRACING_ENABLETRACING (peer environment)' });
    assert.deepEqual(peer.serviceName, { value: 'edge', source: 'CLUSTER_TRACING_SERVICENAME (peer environment)' });
    const bad = readPeerObservations(json, path, { CLUSTER_METRICS_ENABLESTATS: 'maybe', CLUSTER_METRICS_PROMETHEUSENDPOINT: '/ip4/1.2.3.4/udp/1' });
    assert.equal(bad.enableStats?.value, true, 'a bad variable is ignored: the file wins');
    assert.equal(bad.metricsUrl, null, 'a bad endpoint gives no URL');
    assert.equal(bad.problems.length, 2);
    assert.match(bad.problems[0], /CLUSTER_METRICS_PROMETHEUSENDPOINT \(peer environment\): multiaddr "\/ip4\/1\.2\.3\.4\/udp\/1": \/udp is not TCP/);
    assert.match(bad.problems[1], /CLUSTER_METRICS_ENABLESTATS="maybe" is not true or false/);
  });

  it('takes the daemon\'s variables even without a file, and knows nothing else', () => {
    const peer = readPeerObservations(null, '/nowhere/service.json', { CLUSTER_METRICS_ENABLESTATS: 'false' });
    assert.deepEqual(peer, {
      metricsUrl: null,
      enableStats: { value: false, source: 'CLUSTER_METRICS_ENABLESTATS (peer environment)' },
      enableTracing: null,
      serviceName: null,
      problems: [],
    });
  });

  it('reports values of the wrong type and uses the defaults for them', async () => {
    const path = write('types/service.json', { observations: { metrics: { enable_stats: 'yes', prometheus_endpoint: 8888 }, tracing: 'on' } });
    const read = await readServiceConfig(at(path));
    const peer = readPeerObservations(read.status === 'ok' ? read.json : null, path, {});
    assert.equal(peer.enableStats?.value, false);
    assert.equal(peer.metricsUrl?.value, 'http://127.0.0.1:8888/metrics');
    assert.deepEqual(peer.problems, [
      `${path}: "observations.tracing" is not an object; IPFS Cluster's defaults are used`,
      `${path}: observations.metrics.prometheus_endpoint is not a string; IPFS Cluster's default is used`,
      `${path}: observations.metrics.enable_stats is not a boolean; IPFS Cluster's default is used`,
    ]);
  });

  it('gives one line (path and reason) for a missing, unreadable or malformed file, never its content', async () => {
    const broken = write('broken/service.json', `{\n  "cluster": {\n    "secret": "${SECRET}"\n  }\n  "observations": {}\n}\n`);
    const garbage = write('garbage/service.json', `secret ${SECRET}`);
    const array = write('array/service.json', '[1, 2]');
    const remote = write('remote/service.json', { source: 'https://config.example.org/service.json' });
    const big = write('big/service.json', ' '.repeat(4 * 1024 * 1024 + 1));
    mkdirSync(join(dir, 'nested/service.json/service.json'), { recursive: true });
    const loop = join(dir, 'loop.json');
    symlinkSync(loop, loop);
    const cases: [string, string, RegExp][] = [
      [join(dir, 'nothing-here/service.json'), 'missing', /: not found; using defaults$/],
      [broken, 'malformed', /: invalid JSON: Expected ',' or '}' after property value at line 5, column 3; using defaults$/],
      [garbage, 'malformed', /: invalid JSON: Unexpected token 's'; using defaults$/],
      [array, 'malformed', /: not a JSON object; using defaults$/],
      [remote, 'unreadable', /only points to a remote configuration \("source": "https:\/\/config\.example\.org\/service\.json"\), which cluster-top does not fetch; using defaults$/],
      [big, 'unreadable', /larger than 4 MiB/],
      [join(dir, 'nested'), 'unreadable', /service\.json: is a folder; using defaults$/],
      [loop, 'unreadable', /: too many levels of symbolic links; using defaults$/],
    ];
    for (const [path, status, reason] of cases) {
      const read = await readServiceConfig(at(path));
      assert.equal(read.status, status, path);
      const line = configProblemLine(read);
      assert.ok(line !== null && line.startsWith(read.path), `${line}`);
      assert.match(line, reason);
      assert.ok(!line.includes('\n'));
      assert.ok(!line.includes(SECRET), 'the cluster secret is never shown');
    }
  });
});
