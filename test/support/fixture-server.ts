// Test support: a loopback HTTP server on an ephemeral port that answers each request with the
// next payload of a list (the last one repeats), so a CLI run sees a scrape sequence.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running sequence server. */
export interface SequenceServer {
  readonly url: string;
  /** Request headers seen so far, in order. */
  readonly requests: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** Serves `bodies` in order at /metrics with the given content type. */
export async function serveSequence(bodies: readonly (string | Buffer)[], contentType = 'text/plain; version=0.0.4; charset=utf-8'): Promise<SequenceServer> {
  const requests: IncomingHttpHeaders[] = [];
  let next = 0;
  const server: Server = createServer((req, res) => {
    requests.push(req.headers);
    const body = bodies[Math.min(next++, bodies.length - 1)];
    res.writeHead(200, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/metrics`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
