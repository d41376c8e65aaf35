// ClusterApiClient against a loopback REST API that answers as IPFS Cluster v1.1.6 does: streamed
// /peers cut across chunk boundaries, 204 for an empty stream (also with its Trailer header, byte
// for byte), the X-Stream-Error trailer empty and not, a 500 {"code","message"}, 401 with and
// without credentials, a refused port, stalls, the body cap, an over-long line, a malformed line,
// hostile strings, https with --cacert, and /pins on a connection of its own.

import assert from 'node:assert/strict';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import { ClusterApiClient, type ApiAnswer, type ClusterApiOptions } from '../../../src/sources/cluster-api/client.js';
import { listenLoopback } from '../../support/listen-loopback.js';
import { makeTestPki } from '../../support/test-ca.js';

const P1 = '12D3KooWJfVTPpRBnzj5pWnmNqY4gCqAgoWTNgB1XaqHSWSFx9Qa';
const P2 = '12D3KooWQ2sbHaBmbYbN5ZEGg9r4KyEjNnj3Z5HcsLBzgpq7Ab1c';
const ID1 = { id: P1, addresses: [], cluster_peers: [P1, P2], cluster_peers_addresses: [], version: '1.1.6', commit: '', rpc_protocol_version: '/ipfscluster/1.0/rpc', error: '', ipfs: { id: '12D3KooWipfs', addresses: [], error: '' }, peername: 'peer1' };
const ID2 = { ...ID1, id: P2, peername: 'peer2' };
const SECRET = 'pw-51c0ffee77';

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** A REST API whose routes are `routes` (by path and query); a request to any other path gets 404. */
async function serveApi(t: TestContext, routes: Record<string, Route>): Promise<{ url: string; auth: (string | undefined)[] }> {
  const auth: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    auth.push(req.headers.authorization);
    const route = routes[req.url ?? ''];
    if (route === undefined) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
    route(req, res);
  });
  return { url: `http://127.0.0.1:${await listenLoopback(t, server)}`, auth };
}

/** Writes `pieces` as chunks of a streamed 200 answer, then the trailer. */
const streamed = (pieces: readonly string[], streamError = ''): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', trailer: 'X-Stream-Error' });
  for (const piece of pieces) res.write(piece);
  res.addTrailers({ 'X-Stream-Error': streamError });
  res.end();
};
const json = (value: unknown, status = 200): Route => (_req, res) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

function client(t: TestContext, url: string, extra: Partial<ClusterApiOptions> = {}): ClusterApiClient {
  const c = new ClusterApiClient({ url, timeoutMs: 5000, maxBodyBytes: 1 << 20, ...extra });
  t.after(() => c.close());
  return c;
}

function value<T>(answer: ApiAnswer<T>): { value: T; error: string | null; skipped: number } {
  assert.ok(answer.ok, answer.ok ? '' : `${answer.failure.kind}: ${answer.failure.message}`);
  return answer;
}

function failure<T>(answer: ApiAnswer<T>) {
  assert.ok(!answer.ok, 'expected a failure');
  return answer.failure;
}

describe('ClusterApiClient', () => {
  it('reads /id and a /peers stream cut across chunk boundaries, with an empty X-Stream-Error', async (t) => {
    const lines = `${JSON.stringify(ID1)}\n${JSON.stringify(ID2)}\n`;
    const api = await serveApi(t, { '/id': json(ID1), '/peers': streamed([lines.slice(0, 10), lines.slice(10, 400), lines.slice(400, 401), lines.slice(401)]) });
    const c = client(t, api.url);
    const id = value(await c.id());
    assert.deepEqual([id.value.id, id.value.peername, id.value.version, id.value.clusterPeers], [P1, 'peer1', '1.1.6', 2]);
    const peers = value(await c.peers());
    assert.deepEqual(peers.value.map((p) => p.peername), ['peer1', 'peer2']);
    assert.equal(peers.error, null);
    assert.equal(c.target, `127.0.0.1:${new URL(api.url).port}`);
  });

  it('a non-empty X-Stream-Error gives the items plus that error', async (t) => {
    const api = await serveApi(t, { '/peers': streamed([`${JSON.stringify(ID1)}\n`, `{"id":"${P2}","error":"context deadline exceeded"}\n`], 'peer3: dial backoff') });
    const peers = value(await client(t, api.url).peers());
    assert.equal(peers.value.length, 2);
    assert.equal(peers.value[1].error, 'context deadline exceeded');
    assert.match(peers.error ?? '', /^REST API at 127\.0\.0\.1:\d+: GET \/peers: peer3: dial backoff$/);
  });

  it('204 is an empty list, also byte for byte as v1.1.6 sends it (with a Trailer header)', async (t) => {
    const api = await serveApi(t, { '/pins?filter=pin_error,unpin_error,cluster_error': (_req, res) => void res.writeHead(204).end(), '/health/alerts': (_req, res) => void res.writeHead(204).end() });
    const c = client(t, api.url);
    const pins = value(await c.pinErrors());
    assert.deepEqual([pins.value.rows, pins.value.more, pins.error], [[], 0, null]);
    assert.deepEqual(value(await c.alerts()).value, []);
    const sockets = new Set<net.Socket>();
    const raw = net.createServer((socket) => {
      sockets.add(socket);
      socket.once('data', () => socket.write('HTTP/1.1 204 No Content\r\nTrailer: X-Stream-Error\r\nDate: Sat, 06 Dec 2025 05:46:40 GMT\r\n\r\n'));
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    t.after(() => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => raw.close(() => resolve()));
    });
    const rc = client(t, `http://127.0.0.1:${(raw.address() as net.AddressInfo).port}`);
    assert.deepEqual(value(await rc.peers()).value, []);
  });

  it('reads metrics and alerts; items of the wrong shape are counted, not kept', async (t) => {
    const now = 1765000000000;
    const api = await serveApi(t, {
      '/monitor/metrics/freespace': json([{ name: 'freespace', peer: P1, value: '1073741824', expire: (now + 30000) * 1e6, valid: true, weight: 1073741824, partitionable: false, received_at: now * 1e6 }, { bogus: true }]),
      '/health/alerts': json([{ name: 'ping', peer: P2, value: '', expire: now * 1e6, valid: true, received_at: (now - 30000) * 1e6, triggered_at: '2025-12-06T05:46:41Z' }]),
    });
    const c = client(t, api.url);
    const free = value(await c.metric('freespace'));
    assert.deepEqual(free.value.map((m) => [m.peer, m.value, m.receivedAtMs]), [[P1, '1073741824', now]]);
    assert.equal(free.skipped, 1);
    const alerts = value(await c.alerts());
    assert.deepEqual(alerts.value.map((a) => [a.name, a.peer, a.triggeredAtMs]), [['ping', P2, Date.UTC(2025, 11, 6, 5, 46, 41)]]);
  });

  it('a 500 {"code","message"} is an api-error with the server\'s message, escaped', async (t) => {
    const api = await serveApi(t, { '/pins?filter=pin_error,unpin_error,cluster_error': json({ code: 500, message: 'error in pin status: \x1b[31mboom' }, 500) });
    const f = failure(await client(t, api.url).pinErrors());
    assert.equal(f.kind, 'api-error');
    assert.equal(f.status, 500);
    assert.match(f.message, /GET \/pins\?filter=pin_error,unpin_error,cluster_error: HTTP 500: error in pin status: \\x1b\[31mboom$/);
  });

  it('401 says which credentials to give, and never shows the one that was refused', async (t) => {
    const api = await serveApi(t, { '/id': (_req, res) => void res.writeHead(401, { 'www-authenticate': 'Basic realm="Restricted IPFS Cluster API"' }).end('Unauthorized') });
    const none = failure(await client(t, api.url).id());
    assert.equal(none.kind, 'unauthorized');
    assert.match(none.message, /needs credentials \(HTTP 401\): give them with --api-basic-auth-file FILE \(user:password\), --api-token-file FILE, CLUSTER_TOP_API_BASIC_AUTH\(_FILE\) or CLUSTER_TOP_API_TOKEN\(_FILE\)$/);
    const authorization = `Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}`;
    const given = failure(await client(t, api.url, { headers: { Authorization: authorization }, credential: 'basic auth from --api-basic-auth-file /run/api' }).id());
    assert.match(given.message, /refused basic auth from --api-basic-auth-file \/run\/api \(HTTP 401\): check it/);
    assert.equal(api.auth[1], authorization, 'the credential was sent');
    assert.equal(api.auth[0], undefined);
    const inUrl = failure(await client(t, api.url.replace('http://', `http://admin:${SECRET}@`)).id());
    assert.ok(!inUrl.message.includes(SECRET), inUrl.message);
    assert.equal(api.auth[2], authorization, 'user:password in the URL is sent as basic auth');
  });

  it('a refused port is one clear line; a bad URL fails every request', async (t) => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const f = failure(await client(t, `http://127.0.0.1:${port}`).peers());
    assert.equal(f.kind, 'refused');
    assert.equal(f.message, `REST API at 127.0.0.1:${port} refused the connection: is the peer running with its REST API there? (--api URL sets the address, --no-api turns it off)`);
    assert.equal(failure(await client(t, 'ftp://x').id()).kind, 'bad-url');
  });

  it('a stall times out: before any item a failure, after some the items plus the timeout', async (t) => {
    const api = await serveApi(t, {
      '/peers': (_req, res) => {
        res.writeHead(200, { trailer: 'X-Stream-Error' });
        res.write(`${JSON.stringify(ID1)}\n`); // then nothing
      },
      '/id': () => undefined,
    });
    const c = client(t, api.url, { timeoutMs: 200 });
    const peers = value(await c.peers());
    assert.deepEqual(peers.value.map((p) => p.id), [P1]);
    assert.match(peers.error ?? '', /GET \/peers: no complete answer within 200ms$/);
    const f = failure(await c.id());
    assert.equal(f.kind, 'timeout');
  });

  it('a stalled /pins holds its own connection, not the membership requests', async (t) => {
    let release: (() => void) | undefined;
    let arrived: () => void = () => undefined;
    const pinsArrived = new Promise<void>((resolve) => (arrived = resolve));
    const api = await serveApi(t, {
      '/pins?filter=pin_error,unpin_error,cluster_error': (_req, res) => {
        release = () => void res.writeHead(204).end();
        arrived();
      },
      '/id': json(ID1),
    });
    const c = client(t, api.url);
    const pins = c.pinErrors();
    await pinsArrived;
    assert.equal(value(await c.id()).value.peername, 'peer1', '/id answered while /pins is pending');
    release!();
    assert.deepEqual(value(await pins).value.rows, []);
  });

  it('the body cap, an over-long line and a malformed line each end a stream with an error, never a crash', async (t) => {
    const big = `${JSON.stringify(ID1)}\n`.repeat(100);
    const api = await serveApi(t, {
      '/peers': streamed([big]),
      '/id': json({ ...ID1, peername: 'x'.repeat(5000) }),
      '/pins?filter=pin_error,unpin_error,cluster_error': streamed([`{"cid":"bafyA","peer_map":{"${P1}":{"status":"pin_error","peername":"peer1"}}}\n`, '{"cid":"bafyB",\n', '{}\n']),
    });
    const capped = client(t, api.url, { maxBodyBytes: 2000 });
    const peers = value(await capped.peers());
    assert.ok(peers.value.length >= 1 && peers.value.length < 100);
    assert.match(peers.error ?? '', /answer exceeds 1.95 KiB \(--max-body\)$/);
    assert.equal(failure(await capped.id()).kind, 'too-big');
    const lines = client(t, api.url, { maxLineBytes: 100 });
    const long = failure(await lines.peers());
    assert.deepEqual([long.kind, long.message.replace(/^.*: /, '')], ['bad-json', 'line 1 is longer than 100 bytes']);
    const pins = value(await client(t, api.url).pinErrors());
    assert.deepEqual(pins.value.rows.map((r) => [r.cid, r.peer]), [['bafyA', 'peer1']]);
    assert.match(pins.error ?? '', /GET \/pins\?filter=pin_error,unpin_error,cluster_error: line 2 is not JSON \(/);
  });

  it('keeps at most maxItems items of a list or a stream, counting the rest; never shows a given secret', async (t) => {
    const many = Array.from({ length: 50 }, (_, i) => ({ ...ID1, id: `peer-${i}` }));
    const api = await serveApi(t, {
      '/peers': streamed([many.map((p) => `${JSON.stringify(p)}\n`).join('')]),
      '/monitor/metrics/pinqueue': json(many.map((p) => ({ name: 'pinqueue', peer: p.id, value: '1' }))),
      '/id': json({ code: 500, message: `bad password ${SECRET}` }, 500),
    });
    const c = client(t, api.url, { maxItems: 3, secrets: [SECRET] });
    const peers = value(await c.peers());
    assert.deepEqual([peers.value.length, peers.skipped], [3, 47]);
    const queue = value(await c.metric('pinqueue'));
    assert.deepEqual([queue.value.length, queue.skipped], [3, 47]);
    const f = failure(await c.id());
    assert.equal(f.message.replace(/^.*: /, ''), 'bad password ***');
  });

  it('hostile strings are decoded, bounded and kept raw for the display to escape', async (t) => {
    const hostile = `\x1b[2J\x1b]8;;http://evil\x07click\u202e${'é'.repeat(100_000)}`;
    const api = await serveApi(t, { '/peers': streamed([`${JSON.stringify({ ...ID1, peername: hostile, error: hostile, version: hostile })}\n`]) });
    const [peer] = value(await client(t, api.url).peers()).value;
    assert.ok(peer.peername.startsWith('\x1b[2J'));
    assert.ok(peer.peername.length <= 256 && peer.version.length <= 256 && peer.error.length <= 2048);
  });

  it('speaks https with the --cacert bundle, and sends a bearer token', async (t) => {
    const pki = makeTestPki();
    const server = https.createServer({ cert: pki.certPem, key: pki.keyPem }, (req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...ID1, peername: req.headers.authorization === 'Bearer tok-abc' ? 'authorised' : 'anonymous' }));
    });
    const port = await listenLoopback(t, server as unknown as http.Server);
    const trusted = client(t, `https://127.0.0.1:${port}`, { ca: pki.caPem, headers: { authorization: 'Bearer tok-abc' } });
    assert.equal(value(await trusted.id()).value.peername, 'authorised');
    const untrusted = failure(await client(t, `https://127.0.0.1:${port}`).id());
    assert.equal(untrusted.kind, 'tls');
    assert.equal(value(await client(t, `https://127.0.0.1:${port}`, { insecure: true }).id()).value.peername, 'anonymous');
  });
});
