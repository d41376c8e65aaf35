// httpGet cut short in every phase of an exchange (TLS handshake, interim answer, head, counted
// body, chunk-size line, chunk data, trailer, close-delimited body): the deadline ends it on time
// and the next request does not read the rest of the abandoned answer but opens a new connection;
// closing the connection aborts it.

import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { createConnection } from '../../src/sources/http-agent.js';
import { httpGet, type HttpGetResult } from '../../src/sources/http-get.js';
import type { Http1Connection } from '../../src/sources/http1-connection.js';

const OK = 'HTTP/1.1 200 OK\r\n';
const BODY = 'ipfscluster_pins 48224\n';

/** What the server writes on the first connection, stalling there (null: nothing, for a TLS client). */
const PHASES: Record<string, string | null> = {
  'TLS handshake': null,
  'interim answer': 'HTTP/1.1 100 Continue\r\n\r\n',
  head: `${OK}Content-Le`,
  'counted body': `${OK}Content-Length: 100\r\n\r\n0123456789`,
  'chunk-size line': `${OK}Transfer-Encoding: chunked\r\n\r\n6`,
  'chunk data': `${OK}Transfer-Encoding: chunked\r\n\r\n64\r\n0123`,
  trailer: `${OK}Transfer-Encoding: chunked\r\n\r\n0\r\nX-A: 1\r\n`,
  'close-delimited body': `${OK}\r\nuntil the close`,
};

/** A server whose first connection gets `stall` and stays open; later ones get a whole answer. */
async function serve(t: TestContext, stall: string | null): Promise<{ port: number; connections(): number }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    const first = sockets.size === 0;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('data', () => {
      if (!first) socket.write(`${OK}Content-Length: ${BODY.length}\r\n\r\n${BODY}`);
      else if (stall !== null) socket.write(stall);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, connections: () => sockets.size };
}

function get(connection: Http1Connection, url: URL, timeoutMs: number): Promise<HttpGetResult> {
  return httpGet({ url, connection, headers: {}, timeoutMs, maxBytes: 1 << 20, errorBodyBytes: 1024 });
}

describe('httpGet cut short', () => {
  for (const [phase, stall] of Object.entries(PHASES)) {
    it(`in the ${phase}: the deadline ends it, and the next request opens a new connection`, async (t) => {
      const srv = await serve(t, stall);
      const url = new URL(`${stall === null ? 'https' : 'http'}://127.0.0.1:${srv.port}/metrics`);
      const connection = createConnection(url, { insecure: true });
      t.after(() => connection.close());
      const started = performance.now();
      assert.deepEqual(await get(connection, url, 100), { ok: false, failure: 'timeout' });
      const took = performance.now() - started;
      assert.ok(took >= 99 && took < 1000, `timed out after ${took} ms`);
      if (stall === null) return; // no TLS server here to answer the next request
      const next = await get(connection, url, 5000);
      assert.ok(next.ok && next.body.toString() === BODY, JSON.stringify(next));
      assert.equal(srv.connections(), 2);
    });

    it(`in the ${phase}: closing the connection aborts it`, async (t) => {
      const srv = await serve(t, stall);
      const url = new URL(`${stall === null ? 'https' : 'http'}://127.0.0.1:${srv.port}/metrics`);
      const connection = createConnection(url, { insecure: true });
      const pending = get(connection, url, 5000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      connection.close();
      assert.deepEqual(await pending, { ok: false, failure: 'aborted' });
      assert.equal(srv.connections(), 1);
    });
  }
});
