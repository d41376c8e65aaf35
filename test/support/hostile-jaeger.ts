// Test support: a hostile Jaeger query API (v1 routes) on 127.0.0.1 and an ephemeral port. Its
// fault is switched at run time: down (nothing listens), the UI's HTML page with status 200,
// invalid JSON, a 10 000-span trace, a 10 000-deep span chain, cyclic references, and span,
// service, tag and log text carrying escape sequences. Closed when the test ends.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { HOSTILE_TEXT } from '../../src/sources/demo/fault-payloads.js';
import { closeServer } from './listen-loopback.js';

/** What the server does. */
export type JaegerFault = 'none' | 'down' | 'html-200' | 'invalid-json' | 'wide' | 'deep' | 'cyclic' | 'escapes';

/** The service the hostile traces belong to. */
export const SERVICE = 'cluster-daemon-peer0';
/** Spans of the wide trace and of the deep chain. */
export const BIG = 10_000;

/** A running server. */
export interface HostileJaeger {
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  /** Switches the fault; resolves once the listener follows (`down` closes it). */
  set(fault: JaegerFault): Promise<void>;
}

const T0_US = 1_790_000_000_000_000;
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
const traceId = (n: number): string => hex(n, 32);

interface RawSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: string; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags: { key: string; type: string; value: unknown }[];
  logs: { timestamp: number; fields: { key: string; type: string; value: unknown }[] }[];
  processID: string;
  warnings: string[] | null;
}

function span(trace: string, id: number, parent: number | null, start: number, operation = `op-${id}`): RawSpan {
  return {
    traceID: trace,
    spanID: hex(id + 1, 16),
    operationName: operation,
    references: parent === null ? [] : [{ refType: 'CHILD_OF', traceID: trace, spanID: hex(parent + 1, 16) }],
    startTime: T0_US + start,
    duration: 1000,
    tags: [],
    logs: [],
    processID: 'p1',
    warnings: null,
  };
}

/** The one trace the server serves under `fault`, in Jaeger's UI JSON. */
export function hostileTrace(fault: JaegerFault): object {
  const id = traceId(fault === 'wide' ? 1 : fault === 'deep' ? 2 : fault === 'cyclic' ? 3 : 4);
  let spans: RawSpan[];
  let serviceName = SERVICE;
  if (fault === 'wide') spans = Array.from({ length: BIG }, (_, i) => span(id, i, i === 0 ? null : 0, i));
  else if (fault === 'deep') spans = Array.from({ length: BIG }, (_, i) => span(id, i, i === 0 ? null : i - 1, i));
  else if (fault === 'cyclic') {
    // A root, a three-span loop below nothing, and a span that is its own parent.
    spans = [span(id, 0, null, 0), span(id, 1, 3, 1), span(id, 2, 1, 2), span(id, 3, 2, 3), span(id, 4, 4, 4)];
  } else {
    const evil = span(id, 0, null, 0, HOSTILE_TEXT);
    evil.tags = [{ key: HOSTILE_TEXT, type: 'string', value: HOSTILE_TEXT }, { key: 'error', type: 'bool', value: true }];
    evil.logs = [{ timestamp: T0_US + 5, fields: [{ key: 'event', type: 'string', value: HOSTILE_TEXT }] }];
    evil.warnings = [HOSTILE_TEXT];
    const child = span(id, 1, 0, 10, `child ${HOSTILE_TEXT}`);
    child.processID = 'p2';
    spans = [evil, child];
    serviceName = SERVICE;
  }
  return {
    traceID: id,
    spans,
    processes: {
      p1: { serviceName, tags: [{ key: 'hostname', type: 'string', value: fault === 'escapes' ? HOSTILE_TEXT : 'peer0' }] },
      p2: { serviceName: `svc ${HOSTILE_TEXT}`, tags: [] },
    },
    warnings: fault === 'escapes' ? [HOSTILE_TEXT] : null,
  };
}

/** Starts the server with `fault`; closed when `t` ends. */
export async function startHostileJaeger(t: TestContext, fault: JaegerFault = 'none'): Promise<HostileJaeger> {
  let current = fault;
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (current === 'html-200') return send(200, 'text/html; charset=utf-8', '<!doctype html><html><head><title>Jaeger UI</title></head><body><div id="jaeger-ui-root"></div></body></html>');
    if (current === 'invalid-json') return send(200, 'application/json', `{"data": [{"traceID": "${HOSTILE_TEXT.slice(0, 10)}`);
    if (path === '/api/services') return send(200, 'application/json', JSON.stringify({ data: [SERVICE, `cluster-daemon-${HOSTILE_TEXT}`] }));
    const traces = current === 'none' ? [] : [hostileTrace(current)];
    if (path === '/api/traces') return send(200, 'application/json', JSON.stringify({ data: traces, total: 0, limit: 0, offset: 0, errors: null }));
    if (path.startsWith('/api/traces/')) return send(200, 'application/json', JSON.stringify({ data: traces, errors: null }));
    send(404, 'text/plain; charset=utf-8', '404 page not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t.after(() => closeServer(server));
  const apply = async (next: JaegerFault): Promise<void> => {
    const down = next === 'down';
    current = next;
    if (down && server.listening) {
      await closeServer(server);
    } else if (!down && !server.listening) {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    }
  };
  await apply(fault);
  return { origin: `http://127.0.0.1:${port}`, set: apply };
}
