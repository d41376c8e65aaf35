// Differential test of the HTTP/1.1 client (httpGet over Http1Connection) against Node's own
// node:http client: a raw TCP server on loopback writes the same scripted bytes to both (a seeded
// corpus from test/support/http1-corpus.ts, cut into TCP writes with small delays), and for every
// request both must agree on success or failure and, when both succeed, on status, reason phrase,
// Content-Type and body bytes (a gzip body compared once inflated, which httpGet does and node:http
// does not). Each client makes the case's requests one after the other on one keep-alive
// connection, so a client that reads one answer's bytes as another's, or reuses a connection it
// should not, disagrees on the second answer. The few cases where the two legitimately differ are
// listed in EXCEPTIONS with the reason, and there each client's own outcome is asserted.

import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { describe, it, type TestContext } from 'node:test';
import zlib from 'node:zlib';
import { createConnection } from '../../src/sources/http-agent.js';
import { httpGet } from '../../src/sources/http-get.js';
import { fixedCases, generatedCases, type Case } from '../support/http1-corpus.js';

/** The corpus seed; HTTP1_DIFF_SEED=n runs another corpus (say which in a bug report). */
const SEED = Number(process.env.HTTP1_DIFF_SEED ?? 0x5eed_2024);
const GENERATED = 1200;
const TIMEOUT_MS = 1500;
/** Cases run at once (each on its own connections). */
const PARALLEL = 8;
/** Writes per answer after which the rest goes in one write (a 70 KB body byte by byte would take long). */
const MAX_WRITES = 48;

type Outcome =
  | { readonly ok: true; readonly status: number; readonly statusText: string; readonly contentType: string; readonly body: Buffer }
  | { readonly ok: false; readonly why: string };

/** What the test expects of a client in a documented exception. */
type Expect = { readonly ok: false } | { readonly ok: true; readonly body: string };

const FAILS: Expect = { ok: false };
const HELLO: Expect = { ok: true, body: 'hello' };

/**
 * The hand-written cases on which the two clients legitimately differ (no generated case may):
 * per request, what each must do, and why. node:http here is Node 20's llhttp in strict mode.
 */
const EXCEPTIONS: Record<string, { readonly ours: Expect[]; readonly node: Expect[]; readonly why: string }> = {
  'bare LF line ends, in a head and in chunked framing': {
    ours: [HELLO, { ok: true, body: 'second' }],
    node: [FAILS, FAILS],
    why: 'RFC 9112 §2.2 lets a recipient take a bare LF as a line end, and this client does; llhttp refuses it',
  },
  'Content-Length repeated and listed with equal values': {
    ours: [HELLO],
    node: [FAILS],
    why: 'RFC 9110 §8.6 lets a recipient take a list of one repeated length as that length; llhttp refuses any repeat',
  },
  'chunk size with a blank before an extension': {
    ours: [HELLO],
    node: [FAILS],
    why: 'RFC 9112 §7.1.1 allows whitespace (BWS) before the ";" of a chunk extension; llhttp refuses it',
  },
  '204 followed by a body': {
    ours: [{ ok: true, body: '' }, { ok: true, body: '' }],
    node: [FAILS, FAILS],
    why: 'garbage after a complete answer, in the same read: Node fails that request, this client returns the answer and drops the connection',
  },
  '101 without Upgrade fields': {
    ours: [FAILS],
    node: [{ ok: true, body: '' }],
    why: 'this client never asks to switch protocols, so a 101 is an error; Node takes it as the final answer',
  },
  'HTTP/2.0 status line': { ours: [FAILS], node: [HELLO], why: 'llhttp reads versions 0.9 and 2.0 in a text status line; no such server exists' },
  'HTTP/0.9 status line': { ours: [FAILS], node: [HELLO], why: 'as for HTTP/2.0 (and HTTP/0.9 had no status line at all)' },
  'status 099': { ours: [FAILS], node: [HELLO], why: 'a status code is 100 to 999 (RFC 9110 §15); llhttp takes any three digits' },
};

interface Server {
  readonly port: number;
  /** Connections opened for a case by a client ('ours' or 'node'). */
  connections(key: string): number;
}

/** The raw server: answers request k on a connection for `/<case>/<client>` with that case's answer k. */
async function serve(t: TestContext, cases: readonly Case[]): Promise<Server> {
  const opened = new Map<string, number>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.setNoDelay(true);
    let pending = '';
    let served = 0;
    let writing = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      pending += chunk.toString('latin1');
      for (let end = pending.indexOf('\r\n\r\n'); end >= 0; end = pending.indexOf('\r\n\r\n')) {
        const key = /^GET \/(\d+\/\w+) /.exec(pending)?.[1] ?? '';
        pending = pending.slice(end + 4);
        if (served === 0) opened.set(key, (opened.get(key) ?? 0) + 1);
        const c = cases[Number(key.split('/')[0])];
        if (c === undefined) return void socket.destroy();
        const answer = c.answers[Math.min(served++, c.answers.length - 1)];
        writing = writing.then(() => write(socket, c, answer.bytes)).then(() => void (answer.close && socket.end()));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, connections: (key) => opened.get(key) ?? 0 };
}

/** Writes `bytes` in the case's pieces, with its delays, up to MAX_WRITES writes. */
async function write(socket: net.Socket, c: Case, bytes: Buffer): Promise<void> {
  let at = 0;
  for (let i = 0; at < bytes.length && !socket.destroyed; i++) {
    const size = i >= MAX_WRITES ? bytes.length : c.writes[i % c.writes.length];
    socket.write(bytes.subarray(at, at + size));
    at += size;
    const ms = c.delays[i % c.delays.length];
    await new Promise((resolve) => (ms === 0 ? setImmediate(resolve) : setTimeout(resolve, ms)));
  }
}

/** The case's requests with httpGet on one connection. */
async function ours(url: URL, requests: number): Promise<Outcome[]> {
  const connection = createConnection(url, {});
  const out: Outcome[] = [];
  try {
    for (let i = 0; i < requests; i++) {
      const r = await httpGet({ url, connection, headers: {}, timeoutMs: TIMEOUT_MS, maxBytes: 8 << 20, errorBodyBytes: 8 << 20 });
      if (r.ok) out.push({ ok: true, status: r.status, statusText: r.statusText, contentType: r.contentType, body: Buffer.from(r.body) });
      else out.push({ ok: false, why: `${r.failure}${'error' in r ? `: ${String(r.error)}` : ''}` });
    }
  } finally {
    connection.close();
  }
  return out;
}

/** The case's requests with node:http on one keep-alive socket. */
async function node(url: URL, requests: number): Promise<Outcome[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out: Outcome[] = [];
  try {
    for (let i = 0; i < requests; i++) out.push(await nodeGet(url, agent));
  } finally {
    agent.destroy();
  }
  return out;
}

function nodeGet(url: URL, agent: http.Agent): Promise<Outcome> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = http.get(url, { agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => finish({ ok: false, why: err.message }));
      res.on('close', () => finish({ ok: false, why: 'closed before the end' }));
      res.on('end', () => {
        if (!res.complete) return finish({ ok: false, why: 'incomplete' });
        let body = Buffer.concat(chunks);
        try {
          if (/^(x-)?gzip$/i.test(res.headers['content-encoding']?.trim() ?? '')) body = zlib.gunzipSync(body);
        } catch (err) {
          return finish({ ok: false, why: String(err) });
        }
        finish({ ok: true, status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', contentType: res.headers['content-type'] ?? '', body });
      });
    });
    req.on('error', (err) => finish({ ok: false, why: err.message }));
    const timer = setTimeout(() => {
      finish({ ok: false, why: 'timeout' });
      req.destroy();
    }, TIMEOUT_MS);
  });
}

/** How two outcomes of one request differ, or '' when they agree. */
function difference(a: Outcome, b: Outcome): string {
  if (!a.ok || !b.ok) return a.ok === b.ok ? '' : `ours ${a.ok ? 'succeeded' : `failed (${a.why})`}, node:http ${b.ok ? 'succeeded' : `failed (${b.why})`}`;
  if (a.status !== b.status) return `status ${a.status} vs ${b.status}`;
  if (a.statusText !== b.statusText) return `reason ${JSON.stringify(a.statusText)} vs ${JSON.stringify(b.statusText)}`;
  if (a.contentType !== b.contentType) return `Content-Type ${JSON.stringify(a.contentType)} vs ${JSON.stringify(b.contentType)}`;
  if (!a.body.equals(b.body)) return `bodies of ${a.body.length} and ${b.body.length} bytes differ`;
  return '';
}

function show(o: Outcome): string {
  return o.ok ? `${o.status} ${JSON.stringify(o.body.toString('latin1').slice(0, 40))}` : `failed (${o.why})`;
}

/** Whether an outcome is the expected one (for a success, with that body). */
function meets(outcome: Outcome, expect: Expect): boolean {
  return outcome.ok === expect.ok && (!outcome.ok || !expect.ok || outcome.body.toString('latin1') === expect.body);
}

interface Comparison {
  /** What went wrong, one line per problem. */
  readonly problems: string[];
  /** Requests both clients answered, and both failed. */
  bothOk: number;
  bothFailed: number;
}

/** Runs every case (PARALLEL at a time) and compares the outcomes. */
async function compare(t: TestContext, cases: readonly Case[]): Promise<Comparison> {
  const server = await serve(t, cases);
  const result: Comparison = { problems: [], bothOk: 0, bothFailed: 0 };
  const problems = result.problems;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < cases.length; i = next++) {
      const c = cases[i];
      const base = `http://127.0.0.1:${server.port}/${i}`;
      const [a, b] = await Promise.all([ours(new URL(`${base}/ours`), c.requests), node(new URL(`${base}/node`), c.requests)]);
      const exception = EXCEPTIONS[c.name];
      for (let k = 0; k < c.requests; k++) {
        if (exception !== undefined) {
          if (!meets(a[k], exception.ours[k]) || !meets(b[k], exception.node[k])) {
            problems.push(`${c.name}, request ${k + 1}: not the documented difference (ours ${show(a[k])}, node:http ${show(b[k])})`);
          }
          continue;
        }
        const diff = difference(a[k], b[k]);
        if (diff !== '') problems.push(`${c.name}, request ${k + 1}: ${diff}`);
        else if (a[k].ok) result.bothOk++;
        else result.bothFailed++;
      }
      const [ca, cb] = [server.connections(`${i}/ours`), server.connections(`${i}/node`)];
      if (exception === undefined && ca !== cb) problems.push(`${c.name}: ${ca} connections vs ${cb}`);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  t.diagnostic(`${cases.length} cases: ${result.bothOk} requests answered by both, ${result.bothFailed} failed by both`);
  return result;
}

describe('httpGet and node:http on the same bytes', () => {
  it('agree on the hand-written edge cases, but for the documented ones', async (t) => {
    const cases = fixedCases(SEED);
    const names = new Set(cases.map((c) => c.name));
    for (const name of Object.keys(EXCEPTIONS)) assert.ok(names.has(name), `exception for a case that does not exist: ${name}`);
    const { problems, bothOk, bothFailed } = await compare(t, cases);
    assert.deepEqual(problems, []);
    assert.ok(bothOk >= 25 && bothFailed >= 10, `${bothOk} answered, ${bothFailed} failed`);
  });

  it(`agree on ${GENERATED} generated answers`, async (t) => {
    const cases = generatedCases(SEED, GENERATED);
    const { problems, bothOk, bothFailed } = await compare(t, cases);
    assert.deepEqual(problems, []);
    // The corpus is neither all valid nor all broken.
    assert.ok(bothOk > GENERATED / 3 && bothFailed > GENERATED / 10, `${bothOk} answered, ${bothFailed} failed`);
  });
});
