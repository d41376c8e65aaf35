// Http1Connection's idle socket and the server's Keep-Alive hint: any hint, however large, keeps
// the connection for the next request without a process warning (a warning would be written on
// the terminal the dashboard draws on).

import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { createConnection } from '../../src/sources/http-agent.js';
import { httpGet } from '../../src/sources/http-get.js';

describe('Http1Connection keep-alive hint', () => {
  it('a hint past what a timer holds keeps the connection, with no process warning', async (t) => {
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    t.after(() => void process.off('warning', onWarning));
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('data', () => socket.write('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=999999999\r\nContent-Length: 2\r\n\r\nok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const url = new URL(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/metrics`);
    const connection = createConnection(url, {});
    t.after(() => connection.close());
    for (let i = 0; i < 2; i++) {
      const result = await httpGet({ url, connection, headers: {}, timeoutMs: 5000, maxBytes: 1024, errorBodyBytes: 1024 });
      assert.ok(result.ok && result.body.toString() === 'ok');
    }
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    assert.deepEqual(warnings, []);
    assert.equal(sockets.size, 1);
  });
});
