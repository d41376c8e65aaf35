// Test support: a hostile peer on 127.0.0.1 (ephemeral port) that answers every request with a
// chunked body cut into 1-byte chunks (`1\r\nX\r\n` each, six bytes on the wire per body byte),
// `repeat` times the given bytes: a flood bounded by its count, not by time. Closed, connections
// included, when the test ends.

import net from 'node:net';
import type { TestContext } from 'node:test';

/** What the flood sends. */
export interface ChunkFloodOptions {
  /** Body bytes, sent one per chunk. */
  readonly body: Buffer;
  /** How many times `body` is sent (default 1). */
  readonly repeat?: number;
  /** Label the body gzip-encoded. */
  readonly gzip?: boolean;
}

/** Body bytes framed per write. */
const BLOCK = 8192;

/** Starts the flood server; resolves with its `/metrics` URL. */
export async function startChunkFlood(t: TestContext, options: ChunkFloodOptions): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy()); // the client hangs up once it has had enough
    socket.once('data', () => flood(socket, options));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/metrics`;
}

/** Writes the head, then the body chunk by chunk as fast as the client reads it, then the last chunk. */
function flood(socket: net.Socket, options: ChunkFloodOptions): void {
  const { body } = options;
  const total = body.length * (options.repeat ?? 1);
  const encoding = options.gzip === true ? 'Content-Encoding: gzip\r\n' : '';
  socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\n${encoding}Transfer-Encoding: chunked\r\n\r\n`);
  let sent = 0;
  const pump = (): void => {
    while (sent < total && !socket.destroyed) {
      const count = Math.min(BLOCK, total - sent);
      const block = Buffer.allocUnsafe(count * 6);
      for (let i = 0; i < count; i++) {
        block.write('1\r\n', i * 6, 'latin1');
        block[i * 6 + 3] = body[(sent + i) % body.length];
        block.write('\r\n', i * 6 + 4, 'latin1');
      }
      sent += count;
      if (!socket.write(block)) return void socket.once('drain', pump);
    }
    if (!socket.destroyed) socket.end('0\r\n\r\n');
  };
  pump();
}
