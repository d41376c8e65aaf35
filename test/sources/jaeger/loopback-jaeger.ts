// Test support for the Jaeger client tests: a loopback HTTP server on 127.0.0.1 with an
// ephemeral port, answering through a route function, recording every request, and closed
// (connections included) when the test ends. Fixture bodies are read from test/fixtures/jaeger.

import http from 'node:http';
import { readFileSync } from 'node:fs';
import type { TestContext } from 'node:test';
import { listenLoopback } from '../../support/listen-loopback.js';

/** What a route answers: a status, headers and a body; 'hang' never answers. */
export type Reply = { status?: number; type?: string; body: string | Buffer; headers?: Record<string, string> } | 'hang';

/** One request as the server saw it. */
export interface Seen {
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: http.IncomingHttpHeaders;
}

/** A running server. */
export interface LoopbackJaeger {
  /** `http://127.0.0.1:<port>` (no trailing slash). */
  readonly origin: string;
  /** Requests so far, in order. */
  readonly seen: Seen[];
  /** Paths requested so far. */
  paths(): string[];
}

/** The text of a fixture file. */
export function fixture(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/jaeger/${name}`, import.meta.url), 'utf8');
}

/** JSON with application/json, status 200 unless given. */
export function json(value: unknown, status = 200): Reply {
  return { status, type: 'application/json', body: typeof value === 'string' ? value : JSON.stringify(value) };
}

/** Jaeger's handleError: the v1 envelope with one error, sent by Go's http.Error as text/plain. */
export function v1Error(status: number, msg: string, code = status): Reply {
  const body = JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] }) + '\n';
  return { status, type: 'text/plain; charset=utf-8', body };
}

/** A v3 error body. */
export function v3Error(status: number, message: string): Reply {
  return { status, type: 'application/json', body: JSON.stringify({ error: { httpCode: status, message } }) };
}

/** An unknown route on v2.16+: a plain-text 404. */
export const NOT_FOUND: Reply = { status: 404, type: 'text/plain; charset=utf-8', body: '404 page not found\n' };

/** An unknown route up to v2.15: the UI's index.html with status 200. */
export const SPA_HTML: Reply = {
  status: 200,
  type: 'text/html; charset=utf-8',
  body: '<!doctype html><html lang="en"><head><title>Jaeger UI</title></head><body><div id="jaeger-ui-root"></div></body></html>',
};

/** Starts a server answering `route(path, query)`; closed when the test ends. */
export async function serveJaeger(t: TestContext, route: (path: string, query: URLSearchParams) => Reply): Promise<LoopbackJaeger> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://loopback');
    seen.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const reply = route(url.pathname, url.searchParams);
    if (reply === 'hang') return;
    res.writeHead(reply.status ?? 200, { 'content-type': reply.type ?? 'application/json', ...reply.headers });
    res.end(reply.body);
  });
  const port = await listenLoopback(t, server);
  return { origin: `http://127.0.0.1:${port}`, seen, paths: () => seen.map((s) => s.path) };
}
