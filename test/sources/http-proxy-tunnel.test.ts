// Requests through an http:// proxy, against a real loopback proxy: https targets through a
// CONNECT tunnel (TLS inside it with the target's name, the certificate checked against the
// target, the tunnel kept for the next scrape), http targets in absolute form, Proxy-Authorization
// from the proxy URL, a 407 as one line that names the proxy and never its password, loopback
// targets never proxied, and a proxy variable that cannot be used. The targets are named
// `metrics.test` (which does not resolve): only the proxy, which sends every name to 127.0.0.1,
// can reach them.

import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { describe, it, type TestContext } from 'node:test';
import { createScraper, type ScraperOptions } from '../../src/sources/scrape.js';
import { createTransport } from '../../src/sources/jaeger/transport.js';
import { readProxyEnvironment } from '../../src/sources/proxy-env.js';
import { listenLoopback } from '../support/listen-loopback.js';
import { startLoopbackProxy } from '../support/loopback-proxy.js';
import { makeTestPki, type TestPki } from '../support/test-ca.js';

const PAYLOAD = '# TYPE up gauge\nup 1\n';

/** An https server with a certificate for metrics.test; records the SNI name of each handshake. */
async function httpsTarget(t: TestContext, pki: TestPki): Promise<{ port: number; servernames: (string | false | null)[] }> {
  const servernames: (string | false | null)[] = [];
  const server = https.createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(req.url === '/api/services' ? JSON.stringify({ data: ['cluster-daemon-a'] }) : PAYLOAD);
  });
  server.on('secureConnection', (socket: TLSSocket) => servernames.push(socket.servername));
  return { port: await listenLoopback(t, server), servernames };
}

/** A plain http server; records the request line's target and Host of each request. */
async function httpTarget(t: TestContext): Promise<{ port: number; seen: { url: string; host: string | undefined }[] }> {
  const seen: { url: string; host: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', host: req.headers.host });
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(PAYLOAD);
  });
  return { port: await listenLoopback(t, server), seen };
}

function scraper(t: TestContext, options: Partial<ScraperOptions> & { url: string }) {
  const s = createScraper({ timeoutMs: 5000, maxBodyBytes: 1 << 20, ...options });
  t.after(() => s.close());
  return s;
}

async function scrapeOk(s: ReturnType<typeof scraper>): Promise<string> {
  const outcome = await s.scrape();
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return outcome.body.toString();
}

async function scrapeError(s: ReturnType<typeof scraper>): Promise<string> {
  const outcome = await s.scrape();
  assert.ok(!outcome.ok, 'expected a failure');
  return outcome.error.message;
}

describe('https through a CONNECT proxy', () => {
  it('tunnels to the target, does TLS with its name inside, and keeps the tunnel for the next scrape', async (t) => {
    const pki = makeTestPki(['metrics.test']);
    const target = await httpsTarget(t, pki);
    const proxy = await startLoopbackProxy(t);
    const s = scraper(t, { url: `https://metrics.test:${target.port}/metrics`, ca: pki.caPem, proxy: readProxyEnvironment({ https_proxy: proxy.url }) });
    assert.equal(await scrapeOk(s), PAYLOAD);
    assert.equal(await scrapeOk(s), PAYLOAD);
    assert.deepEqual(proxy.seen, [{ method: 'CONNECT', target: `metrics.test:${target.port}`, host: `metrics.test:${target.port}`, proxyAuthorization: undefined }]);
    assert.deepEqual(target.servernames, ['metrics.test']);
  });

  it('checks the certificate against the target, not the proxy', async (t) => {
    const pki = makeTestPki(['metrics.test']);
    const target = await httpsTarget(t, pki);
    const proxy = await startLoopbackProxy(t);
    const s = scraper(t, { url: `https://other.test:${target.port}/metrics`, ca: pki.caPem, proxy: readProxyEnvironment({ HTTPS_PROXY: proxy.url }) });
    const message = await scrapeError(s);
    assert.match(message, new RegExp(`^TLS with other\\.test:${target.port} failed: .*other\\.test.*ERR_TLS_CERT_ALTNAME_INVALID`));
  });

  it('sends the proxy URL\'s credentials as Proxy-Authorization, and a 407 is one line naming the proxy, not the password', async (t) => {
    const pki = makeTestPki(['metrics.test']);
    const target = await httpsTarget(t, pki);
    const expected = `Basic ${Buffer.from('ops:s3cr3t@x').toString('base64')}`;
    const proxy = await startLoopbackProxy(t, expected);
    const url = `https://metrics.test:${target.port}/metrics`;
    const good = scraper(t, { url, ca: pki.caPem, proxy: readProxyEnvironment({ https_proxy: `http://ops:s3cr3t%40x@127.0.0.1:${proxy.port}` }) });
    assert.equal(await scrapeOk(good), PAYLOAD);
    assert.equal(proxy.seen[0].proxyAuthorization, expected);

    const none = scraper(t, { url, ca: pki.caPem, proxy: readProxyEnvironment({ https_proxy: proxy.url }) });
    assert.equal(
      await scrapeError(none),
      `cannot reach metrics.test:${target.port} through proxy 127.0.0.1:${proxy.port} (https_proxy): it answered CONNECT with HTTP 407 Proxy Authentication Required; ` +
        'no credentials were sent: put them in https_proxy (http://user:password@host:port)',
    );
    const wrong = scraper(t, { url, ca: pki.caPem, proxy: readProxyEnvironment({ HTTPS_PROXY: `http://ops:wrong-pass@127.0.0.1:${proxy.port}` }) });
    const message = await scrapeError(wrong);
    assert.equal(
      message,
      `cannot reach metrics.test:${target.port} through proxy 127.0.0.1:${proxy.port} (HTTPS_PROXY): it answered CONNECT with HTTP 407 Proxy Authentication Required; the credentials in HTTPS_PROXY were not accepted`,
    );
    assert.doesNotMatch(message, /wrong-pass|ops/);
  });

  it('presents the client certificate to the target inside the tunnel (mTLS)', async (t) => {
    const pki = makeTestPki(['metrics.test']);
    const server = https.createServer({ cert: pki.certPem, key: pki.keyPem, ca: pki.caPem, requestCert: true, rejectUnauthorized: true }, (_req, res) => res.end(PAYLOAD));
    const port = await listenLoopback(t, server);
    const proxy = await startLoopbackProxy(t);
    const options = { url: `https://metrics.test:${port}/metrics`, ca: pki.caPem, proxy: readProxyEnvironment({ https_proxy: proxy.url }) };
    assert.equal(await scrapeOk(scraper(t, { ...options, clientCert: { cert: pki.clientCertPem, key: pki.clientKeyPem } })), PAYLOAD);
    assert.equal(
      await scrapeError(scraper(t, options)),
      `TLS with metrics.test:${port} failed: the server requires a client certificate: give one with --cert FILE --key FILE (ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED)`,
    );
  });

  it('carries Jaeger requests too', async (t) => {
    const pki = makeTestPki(['jaeger.test']);
    const target = await httpsTarget(t, pki);
    const proxy = await startLoopbackProxy(t);
    const transport = createTransport({ url: `https://jaeger.test:${target.port}`, timeoutMs: 5000, ca: pki.caPem, proxy: readProxyEnvironment({ https_proxy: proxy.url }) });
    t.after(() => transport.close());
    const answer = await transport.get('/api/services');
    assert.equal(answer.kind, 'json', JSON.stringify(answer));
    assert.deepEqual(proxy.seen.map((r) => r.target), [`jaeger.test:${target.port}`]);
  });

  it('a proxy that cannot be reached is named as such', async (t) => {
    const proxy = await startLoopbackProxy(t);
    const closed = new http.Server();
    const port = await listenLoopback(t, closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    void proxy;
    const s = scraper(t, { url: 'https://metrics.test:9443/metrics', proxy: readProxyEnvironment({ https_proxy: `127.0.0.1:${port}` }) });
    assert.equal(await scrapeError(s), `cannot reach metrics.test:9443 through proxy 127.0.0.1:${port} (https_proxy): connection refused`);
  });
});

describe('http through a proxy', () => {
  it('sends absolute-form requests to the proxy, with the target as Host', async (t) => {
    const target = await httpTarget(t);
    const proxy = await startLoopbackProxy(t, `Basic ${Buffer.from('u:p').toString('base64')}`);
    const s = scraper(t, { url: `http://metrics.test:${target.port}/metrics?x=1`, proxy: readProxyEnvironment({ http_proxy: `http://u:p@127.0.0.1:${proxy.port}` }) });
    assert.equal(await scrapeOk(s), PAYLOAD);
    assert.deepEqual(proxy.seen, [{ method: 'GET', target: `http://metrics.test:${target.port}/metrics?x=1`, host: `metrics.test:${target.port}`, proxyAuthorization: `Basic ${Buffer.from('u:p').toString('base64')}` }]);
    assert.deepEqual(target.seen, [{ url: '/metrics?x=1', host: `metrics.test:${target.port}` }]);
  });

  it('a 407 from the proxy names the proxy', async (t) => {
    const target = await httpTarget(t);
    const proxy = await startLoopbackProxy(t, 'Basic bm9wZQ==');
    const s = scraper(t, { url: `http://metrics.test:${target.port}/metrics`, proxy: readProxyEnvironment({ HTTP_PROXY: proxy.url }) });
    assert.equal(
      await scrapeError(s),
      `cannot reach metrics.test:${target.port} through proxy 127.0.0.1:${proxy.port} (HTTP_PROXY): it answered with HTTP 407 Proxy Authentication Required; ` +
        'no credentials were sent: put them in HTTP_PROXY (http://user:password@host:port)',
    );
    assert.equal(target.seen.length, 0);
  });
});

describe('what is never proxied, and proxies that cannot be used', () => {
  it('loopback targets (127.0.0.1, localhost) connect directly, whatever the variables say', async (t) => {
    const target = await httpTarget(t);
    const pki = makeTestPki();
    const secure = await httpsTarget(t, pki);
    const proxy = await startLoopbackProxy(t);
    const env = readProxyEnvironment({ http_proxy: proxy.url, https_proxy: proxy.url, no_proxy: '' });
    assert.equal(await scrapeOk(scraper(t, { url: `http://127.0.0.1:${target.port}/metrics`, proxy: env })), PAYLOAD);
    assert.equal(await scrapeOk(scraper(t, { url: `http://localhost:${target.port}/metrics`, proxy: env })), PAYLOAD);
    assert.equal(await scrapeOk(scraper(t, { url: `https://127.0.0.1:${secure.port}/metrics`, ca: pki.caPem, proxy: env })), PAYLOAD);
    assert.deepEqual(proxy.seen, []);
    assert.equal(target.seen.length, 2);
  });

  it('an https:// or socks proxy variable fails each request with a clear line, credentials masked', async (t) => {
    const s = scraper(t, { url: 'https://metrics.test:9443/metrics', proxy: readProxyEnvironment({ https_proxy: 'https://ops:hunter22@proxy.corp:3129' }) });
    const message = await scrapeError(s);
    assert.equal(message, 'cannot reach metrics.test:9443: https_proxy: https:// proxies are not supported, only http:// ones ("https://***@proxy.corp:3129")');
    const socks = scraper(t, { url: 'http://metrics.test:9090/metrics', proxy: readProxyEnvironment({ HTTP_PROXY: 'socks5://proxy.corp:1080' }) });
    assert.equal(await scrapeError(socks), 'cannot reach metrics.test:9090: HTTP_PROXY: socks5:// proxies are not supported, only http:// ones ("socks5://proxy.corp:1080")');
  });
});
