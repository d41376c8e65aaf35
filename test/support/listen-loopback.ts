// Test support: starts an HTTP(S) server on 127.0.0.1 with an ephemeral port and stops it (every
// connection closed) when the test ends.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

/** Listens on 127.0.0.1:0; resolves with the port. The server is closed after the test. */
export async function listenLoopback(t: TestContext, server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => closeServer(server));
  return (server.address() as AddressInfo).port;
}

/** Closes every connection and stops listening; resolves at once when it is not listening. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.closeAllConnections();
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

/** A loopback port nothing listens on (taken from the kernel, then let go): connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await closeServer(server);
  return port;
}
