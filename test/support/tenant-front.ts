// Test support: a loopback front of a Prometheus API as Mimir is (the API under /prometheus, only
// with the tenant header X-Scope-OrgID: tenant-1), adding to every JSON answer a partial-response
// warning as Thanos does, with an ESC in it (it must be shown escaped). Closed after the test.

import http from 'node:http';
import type { TestContext } from 'node:test';
import { listenLoopback } from './listen-loopback.js';

/**
 * A loopback front of `upstream` as Mimir is, with Thanos' partial-response warnings: the API
 * under /prometheus, only with the tenant header; every JSON answer gets a warning with an ESC.
 */
export async function tenantFront(t: TestContext, upstream: string): Promise<string> {
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    if (req.headers['x-scope-orgid'] !== 'tenant-1') {
      res.writeHead(401, { 'content-type': 'text/plain' });
      return res.end('no org id\n');
    }
    if (!path.startsWith('/prometheus/')) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('404 page not found\n');
    }
    // Queries come as form POSTs: the form goes upstream as it came.
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => forward(Buffer.concat(chunks)));
    const forward = (form: Buffer) => fetch(upstream + path.slice('/prometheus'.length), req.method === 'POST' ? { method: 'POST', body: form, headers: { 'content-type': req.headers['content-type'] ?? '' } } : {}).then(async (answer) => {
      const body = (await answer.json()) as Record<string, unknown>;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...body, warnings: [TENANT_WARNING] }));
    }, (error: Error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(error.message);
    });
  });
  return `http://127.0.0.1:${await listenLoopback(t, server)}/prometheus`;
}

/** The warning the front adds to every answer. */
export const TENANT_WARNING = 'partial response: store \x1b[31mB unreachable';
