// Precedence of the settings: flags > CLUSTER_TOP_* environment > the peer's service.json (and the
// daemon's CLUSTER_* variables) > defaults, and the source recorded for each.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_METRICS_URL, parseCommandLine, type MonitorOptions } from '../../src/cli/args.js';
import type { SettingsContext } from '../../src/cli/settings.js';
import { readPeerObservations } from '../../src/model/service-observations.js';

const PATH = '/var/lib/cluster/service.json';
const SERVICE_JSON = {
  observations: {
    metrics: { enable_stats: false, prometheus_endpoint: '/ip4/0.0.0.0/tcp/18888' },
    tracing: { enable_tracing: false, service_name: 'edge-cluster' },
  },
};

function context(env: Record<string, string> = {}, json: Record<string, unknown> | null = SERVICE_JSON): SettingsContext {
  return { env, peer: readPeerObservations(json, PATH, env) };
}

function monitor(argv: string[], ctx: SettingsContext): MonitorOptions {
  const command = parseCommandLine(argv, ctx);
  assert.equal(command.kind, 'monitor', command.kind === 'error' ? command.message : '');
  if (command.kind !== 'monitor') throw new Error('unreachable');
  return command.options;
}

describe('settings precedence', () => {
  it('takes the metrics URL from service.json before the default', () => {
    const options = monitor([], context());
    assert.equal(options.metricsUrl, 'http://127.0.0.1:18888/metrics');
    assert.equal(options.origins.metrics, `${PATH} observations.metrics.prometheus_endpoint`);
    assert.equal(monitor([], context({}, null)).metricsUrl, DEFAULT_METRICS_URL);
    assert.equal(monitor([], context({}, null)).origins.metrics, 'default');
  });

  it('lets the daemon\'s variable override service.json, CLUSTER_TOP_* override both, and a flag override all', () => {
    const daemon = { CLUSTER_METRICS_PROMETHEUSENDPOINT: '/dns4/localhost/tcp/19999' };
    assert.equal(monitor([], context(daemon)).metricsUrl, 'http://localhost:19999/metrics');
    assert.equal(monitor([], context(daemon)).origins.metrics, 'CLUSTER_METRICS_PROMETHEUSENDPOINT (peer environment)');
    const ours = { ...daemon, CLUSTER_TOP_METRICS: 'http://10.0.0.5:8888/metrics' };
    assert.equal(monitor([], context(ours)).metricsUrl, 'http://10.0.0.5:8888/metrics');
    assert.equal(monitor([], context(ours)).origins.metrics, 'CLUSTER_TOP_METRICS');
    const flagged = monitor(['--metrics', 'http://10.0.0.6:8888/metrics'], context(ours));
    assert.equal(flagged.metricsUrl, 'http://10.0.0.6:8888/metrics');
    assert.equal(flagged.origins.metrics, '--metrics');
  });

  it('reads every CLUSTER_TOP_* option below its flag, and names the variable in errors', () => {
    const env = { CLUSTER_TOP_INTERVAL: '5s', CLUSTER_TOP_WINDOW: '5m', CLUSTER_TOP_QUANTILE: '0.5', CLUSTER_TOP_JAEGER: 'http://jaeger:16686', CLUSTER_TOP_LIMIT: '7', CLUSTER_TOP_INSECURE: 'yes' };
    const fromEnv = monitor([], context(env));
    assert.deepEqual([fromEnv.intervalMs, fromEnv.windowMs, fromEnv.quantile, fromEnv.traces?.jaegerUrl, fromEnv.traces?.limit, fromEnv.tls.insecure], [5000, 300_000, 0.5, 'http://jaeger:16686', 7, true]);
    assert.deepEqual([fromEnv.origins.interval, fromEnv.origins.window, fromEnv.origins.quantile, fromEnv.origins.jaeger, fromEnv.origins.insecure], ['CLUSTER_TOP_INTERVAL', 'CLUSTER_TOP_WINDOW', 'CLUSTER_TOP_QUANTILE', 'CLUSTER_TOP_JAEGER', 'CLUSTER_TOP_INSECURE']);
    assert.equal(fromEnv.timeoutMs, 5000, 'the default timeout follows the interval from the environment');
    const flagged = monitor(['--interval', '1s', '--quantile', '0.99'], context(env));
    assert.deepEqual([flagged.intervalMs, flagged.quantile, flagged.origins.interval], [1000, 0.99, '--interval']);
    const bad = parseCommandLine([], context({ CLUSTER_TOP_INTERVAL: 'soon' }));
    assert.deepEqual(bad, { kind: 'error', message: 'CLUSTER_TOP_INTERVAL takes a duration like 2s, 1m or 500ms, not "soon"' });
    const badBool = parseCommandLine([], context({ CLUSTER_TOP_INSECURE: 'maybe' }));
    assert.equal(badBool.kind, 'error');
    assert.match(badBool.kind === 'error' ? badBool.message : '', /^CLUSTER_TOP_INSECURE must be 1 or 0/);
  });

  it('lets a flag win over a conflicting variable instead of refusing', () => {
    const options = monitor(['--jaeger', 'http://j:16686'], context({ CLUSTER_TOP_NO_TRACES: '1' }));
    assert.equal(options.traces?.jaegerUrl, 'http://j:16686');
    assert.equal(monitor([], context({ CLUSTER_TOP_NO_TRACES: '1' })).traces, null);
    assert.equal(monitor(['--demo'], context({ CLUSTER_TOP_METRICS: 'http://x/metrics' })).demo, true);
  });

  it('takes the Jaeger service prefix from tracing.service_name', () => {
    assert.equal(monitor([], context()).traces?.servicePrefix, 'edge-cluster');
    assert.equal(monitor([], context()).origins.servicePrefix, `${PATH} observations.tracing.service_name`);
    assert.equal(monitor([], context({ CLUSTER_TRACING_SERVICENAME: 'other' })).traces?.servicePrefix, 'other');
    assert.equal(monitor([], context({}, null)).traces?.servicePrefix, 'cluster-daemon');
  });

  it('says stats and tracing are off only when service.json also chose the monitored URL', () => {
    const own = monitor([], context());
    assert.deepEqual(own.peer, { statsOff: `${PATH} observations.metrics.enable_stats`, tracingOff: `${PATH} observations.tracing.enable_tracing` });
    assert.deepEqual(monitor(['--metrics', 'http://elsewhere:8888/metrics'], context()).peer, { statsOff: null, tracingOff: null });
    assert.deepEqual(monitor([], context({ CLUSTER_TOP_METRICS: 'http://elsewhere:8888/metrics' })).peer, { statsOff: null, tracingOff: null });
    assert.deepEqual(monitor(['--demo'], context()).peer, { statsOff: null, tracingOff: null });
    assert.deepEqual(monitor([], context({ CLUSTER_METRICS_ENABLESTATS: 'true' })).peer.statsOff, null);
    assert.deepEqual(monitor([], context({}, null)).peer, { statsOff: null, tracingOff: null }, 'no file: unknown, not off');
  });

  it('chooses credentials by flag, then environment, and records the source only', () => {
    const env = { CLUSTER_TOP_METRICS_TOKEN: 'tok-value-never-shown', CLUSTER_TOP_JAEGER_BASIC_AUTH_FILE: '/run/jaeger-auth' };
    const options = monitor([], context(env));
    assert.deepEqual(options.metricsAuth, { kind: 'bearer', from: { variable: 'CLUSTER_TOP_METRICS_TOKEN' }, source: 'CLUSTER_TOP_METRICS_TOKEN' });
    assert.equal(options.traces?.auth?.source, 'CLUSTER_TOP_JAEGER_BASIC_AUTH_FILE /run/jaeger-auth');
    const flagged = monitor(['--metrics-basic-auth-file', '/run/m'], context(env));
    assert.equal(flagged.metricsAuth?.kind, 'basic');
    assert.equal(flagged.origins.metricsAuth, '--metrics-basic-auth-file /run/m');
    assert.ok(!JSON.stringify(options).includes('tok-value-never-shown'), 'the options never hold a secret value');
  });
});
