// The command line behind an HTTP proxy: https_proxy from the environment carries both the metrics
// scrape and the Jaeger search through a loopback CONNECT proxy to targets only it can reach
// (`*.test` names), a proxy that wants credentials fails the run in one line that names it and
// not the password; http_proxy gets absolute-form requests, and no_proxy and loopback targets
// go around it.

import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isolatedEnv, startGuardedServer, tempFolder } from '../support/guarded-server.js';
import { startLoopbackProxy } from '../support/loopback-proxy.js';
import { runCli } from '../support/run-cli.js';
import { makeTestPki } from '../support/test-ca.js';

describe('behind an HTTP proxy', () => {
  it('https_proxy carries the scrape and the Jaeger search; a 407 is one line naming the proxy', async (t) => {
    const home = tempFolder(t);
    const pki = makeTestPki(['metrics.test', 'jaeger.test']);
    const caFile = join(home, 'ca.pem');
    writeFileSync(caFile, pki.caPem);
    const tls = { cert: pki.certPem, key: pki.keyPem };
    const metrics = await startGuardedServer(t, { tls });
    const jaeger = await startGuardedServer(t, { tls });
    const metricsUrl = metrics.metricsUrl.replace('127.0.0.1', 'metrics.test');
    const jaegerUrl = jaeger.origin.replace('127.0.0.1', 'jaeger.test');
    const proxy = await startLoopbackProxy(t, `Basic ${Buffer.from('ops:Pr0xyPa55').toString('base64')}`);
    const args = ['--once', '--json', '--metrics', metricsUrl, '--interval', '1s', '--cacert', caFile];

    const through = await runCli([...args, '--jaeger', jaegerUrl], { env: isolatedEnv(home, { https_proxy: `http://ops:Pr0xyPa55@127.0.0.1:${proxy.port}` }) });
    assert.equal(through.code, 0, through.stderr);
    const doc = JSON.parse(through.stdout);
    assert.equal(doc.rpc.length, 18);
    assert.equal(doc.traces.length, 8);
    const tunnels = new Set(proxy.seen.map((r) => `${r.method} ${r.target}`));
    assert.deepEqual([...tunnels].sort(), [`CONNECT jaeger.test:${new URL(jaegerUrl).port}`, `CONNECT metrics.test:${new URL(metricsUrl).port}`]);

    const refused = await runCli([...args, '--no-traces'], { env: isolatedEnv(home, { HTTPS_PROXY: `http://ops:wrong-Pa55@127.0.0.1:${proxy.port}` }) });
    assert.equal(refused.code, 1, refused.stderr);
    assert.equal(refused.stderr.trimEnd().split('\n').length, 1, refused.stderr);
    assert.match(
      refused.stderr,
      new RegExp(`cannot reach metrics\\.test:\\d+ through proxy 127\\.0\\.0\\.1:${proxy.port} \\(HTTPS_PROXY\\): it answered CONNECT with HTTP 407 Proxy Authentication Required; the credentials in HTTPS_PROXY were not accepted`),
    );
    assert.doesNotMatch(refused.stderr, /wrong-Pa55|ops:/);
  });

  it('http_proxy gets absolute-form requests; no_proxy and loopback targets go around it', async (t) => {
    const home = tempFolder(t);
    const metrics = await startGuardedServer(t);
    const proxy = await startLoopbackProxy(t);
    const named = metrics.metricsUrl.replace('127.0.0.1', 'metrics.test');
    const run = (url: string, noProxy: string) => runCli(['--once', '--metrics', url, '--interval', '1s', '--no-traces'], { env: isolatedEnv(home, { http_proxy: proxy.url, no_proxy: noProxy }) });

    const proxied = await run(named, 'example.org');
    assert.equal(proxied.code, 0, proxied.stderr);
    const asked = proxy.seen.length;
    assert.ok(asked >= 1);
    assert.ok(proxy.seen.every((r) => r.method === 'GET' && r.target === named), JSON.stringify(proxy.seen));

    const loopback = await run(metrics.metricsUrl, '');
    assert.equal(loopback.code, 0, loopback.stderr);
    // metrics.test does not resolve: reached directly, it fails (name unknown, or no answer in time).
    const bypassed = await run(named, 'example.org,.test');
    assert.equal(bypassed.code, 1);
    assert.match(bypassed.stderr, /cannot resolve host metrics\.test:\d+|no complete answer from metrics\.test:\d+/);
    assert.equal(proxy.seen.length, asked, 'nothing more went through the proxy');
  });
});
