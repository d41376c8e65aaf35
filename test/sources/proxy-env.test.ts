// The proxy variables read as curl and Go read them: which variable serves which scheme, the
// no_proxy rules (a table), loopback never proxied, and URLs that cannot be used.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bypassesProxy, isLoopback, parseNoProxy, proxyFor, readProxyEnvironment } from '../../src/sources/proxy-env.js';

describe('no_proxy', () => {
  const cases: [rules: string, host: string, port: number, direct: boolean][] = [
    ['*', 'anything.example', 443, true],
    ['example.com, *', 'other.org', 80, true],
    ['example.com', 'example.com', 443, true],
    ['example.com', 'api.example.com', 443, true],
    ['example.com', 'notexample.com', 443, false],
    ['example.com', 'example.com.evil.org', 443, false],
    ['.example.com', 'example.com', 443, true],
    ['.example.com', 'a.b.example.com', 443, true],
    ['*.example.com', 'a.example.com', 443, true],
    ['EXAMPLE.com', 'Api.Example.COM', 443, true],
    ['example.com', 'example.com.', 443, true],
    ['example.com:8443', 'example.com', 8443, true],
    ['example.com:8443', 'example.com', 443, false],
    ['prom.internal  grafana.internal', 'grafana.internal', 3000, true],
    ['10.0.0.0/8', '10.20.30.40', 9090, true],
    ['10.0.0.0/8', '11.0.0.1', 9090, false],
    ['10.0.0.0/8', 'ten.example', 9090, false],
    ['192.168.1.5', '192.168.1.5', 80, true],
    ['192.168.1.5', '192.168.1.6', 80, false],
    ['192.168.1.5:9090', '192.168.1.5', 9091, false],
    ['fd00::/8', 'fd12::1', 443, true],
    ['fd00::/8', 'fe80::1', 443, false],
    ['2001:db8::1', '2001:db8::1', 443, true],
    ['[2001:db8::1]', '2001:db8::1', 443, true],
    ['[2001:db8::1]:8443', '2001:db8::1', 443, false],
    ['', 'example.com', 443, false],
    [', ,', 'example.com', 443, false],
    ['10.0.0.0/99', '10.0.0.1', 443, false],
  ];
  for (const [rules, host, port, direct] of cases) {
    it(`${JSON.stringify(rules)} ${direct ? 'sends' : 'does not send'} ${host}:${port} directly`, () => {
      assert.equal(bypassesProxy(host, port, parseNoProxy(rules)), direct);
    });
  }
});

describe('loopback', () => {
  it('is localhost, names under .localhost, 127.0.0.0/8 and ::1', () => {
    for (const host of ['localhost', 'LOCALHOST', 'peer.localhost', '127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopback(host), true, host);
    for (const host of ['localhost.example', '128.0.0.1', '::2', '10.0.0.1', 'mylocalhost']) assert.equal(isLoopback(host), false, host);
  });

  it('is never proxied, even when no_proxy is empty', () => {
    const env = readProxyEnvironment({ https_proxy: 'http://proxy:3128', http_proxy: 'http://proxy:3128' });
    for (const url of ['https://localhost:9443/metrics', 'http://127.0.0.1:8888/metrics', 'http://[::1]:8888/metrics', 'https://127.0.0.2/']) {
      assert.equal(proxyFor(new URL(url), env), null, url);
    }
  });
});

describe('the variables', () => {
  it('https targets use https_proxy, http targets http_proxy; lowercase wins; no scheme means http://, no port 80', () => {
    const env = readProxyEnvironment({ https_proxy: 'secure-proxy:3129', HTTPS_PROXY: 'http://ignored:1', HTTP_PROXY: 'http://plain-proxy' });
    const https = proxyFor(new URL('https://prom.example:9090/'), env);
    const http = proxyFor(new URL('http://prom.example:9090/'), env);
    assert.ok(https !== null && 'host' in https && http !== null && 'host' in http);
    assert.deepEqual([https.host, https.port, https.variable, https.name], ['secure-proxy', 3129, 'https_proxy', 'proxy secure-proxy:3129 (https_proxy)']);
    assert.deepEqual([http.host, http.port, http.variable], ['plain-proxy', 80, 'HTTP_PROXY']);
  });

  it('an http target does not use https_proxy, nor the reverse', () => {
    assert.equal(proxyFor(new URL('http://prom.example/'), readProxyEnvironment({ https_proxy: 'http://p:1' })), null);
    assert.equal(proxyFor(new URL('https://prom.example/'), readProxyEnvironment({ http_proxy: 'http://p:1' })), null);
  });

  it('no_proxy (or NO_PROXY) applies to both', () => {
    const env = readProxyEnvironment({ https_proxy: 'http://p:1', http_proxy: 'http://p:1', NO_PROXY: '.corp' });
    assert.equal(proxyFor(new URL('https://prom.corp/'), env), null);
    assert.equal(proxyFor(new URL('http://prom.corp/'), env), null);
    assert.notEqual(proxyFor(new URL('https://prom.cloud/'), env), null);
    assert.equal(env.noProxyVariable, 'NO_PROXY');
  });

  it('credentials become Basic Proxy-Authorization and are masked wherever the proxy is shown', () => {
    const env = readProxyEnvironment({ https_proxy: 'http://ops%40corp:p%3Ass@proxy.corp:3128/' });
    const choice = env.https;
    assert.ok(choice !== null && 'server' in choice);
    assert.equal(choice.server.authorization, `Basic ${Buffer.from('ops@corp:p:ss').toString('base64')}`);
    assert.equal(choice.server.shown, 'http://***@proxy.corp:3128');
    assert.equal(choice.server.name, 'proxy proxy.corp:3128 (https_proxy)');
  });

  it('an unusable URL is an error that hides the credentials', () => {
    const env = readProxyEnvironment({ https_proxy: 'https://u:topsecret@proxy:443', http_proxy: 'http://[bad' });
    assert.deepEqual(proxyFor(new URL('https://x.example/'), env), { error: 'https_proxy: https:// proxies are not supported, only http:// ones ("https://***@proxy:443")' });
    assert.deepEqual(proxyFor(new URL('http://x.example/'), env), { error: 'http_proxy: invalid proxy URL "http://[bad"' });
  });
});
