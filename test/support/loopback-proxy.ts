// Test support: an http:// proxy on 127.0.0.1 that sends every target to 127.0.0.1 (so tests can
// name targets that do not resolve, like `metrics.test`): CONNECT tunnels piped to the target's
// port, and absolute-form requests forwarded with node:http. It can demand Proxy-Authorization
// (407 without the right one) and records what it was asked.

import http from 'node:http';
import net from 'node:net';
import type { TestContext } from 'node:test';
import { listenLoopback } from './listen-loopback.js';

/** One request the proxy received. */
export interface ProxiedRequest {
  readonly method: string;
  /** The request-target as sent: `host:port` for CONNECT, the absolute URL otherwise. */
  readonly target: string;
  readonly host: string | undefined;
  readonly proxyAuthorization: string | undefined;
}

/** A running proxy. */
export interface LoopbackProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly seen: ProxiedRequest[];
}

/** Starts the proxy; `authorization` is the Proxy-Authorization value it requires, if any. */
export async function startLoopbackProxy(t: TestContext, authorization?: string): Promise<LoopbackProxy> {
  const seen: ProxiedRequest[] = [];
  const allowed = (req: http.IncomingMessage): boolean => authorization === undefined || req.headers['proxy-authorization'] === authorization;
  const record = (req: http.IncomingMessage): void =>
    void seen.push({ method: req.method ?? '', target: req.url ?? '', host: req.headers.host, proxyAuthorization: req.headers['proxy-authorization'] });
  const server = http.createServer((req, res) => {
    record(req);
    if (!allowed(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', 'content-type': 'text/plain' });
      return void res.end('proxy authentication required\n');
    }
    const target = new URL(req.url ?? '/');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = http.request(
      { host: '127.0.0.1', port: Number(target.port || 80), method: req.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  const tunnels = new Set<net.Socket>();
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, early: Buffer) => {
    record(req);
    client.on('error', () => {});
    if (!allowed(req)) {
      return void client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
    }
    const port = Number(/:(\d+)$/.exec(req.url ?? '')?.[1] ?? 443);
    const upstream = net.connect({ host: '127.0.0.1', port }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (early.length > 0) upstream.write(early);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    tunnels.add(client).add(upstream);
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  t.after(() => tunnels.forEach((s) => s.destroy())); // before the server closes: it waits for them
  const port = await listenLoopback(t, server);
  return { port, url: `http://127.0.0.1:${port}`, seen };
}
