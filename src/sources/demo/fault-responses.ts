// The exchange-level faults of the demo peer: an HTML error page, a stall, a slow drip, a body cut
// short, and the streamed giants (a gzip bomb, a 2 GiB body, a million series). Streams are written
// chunk by chunk as the socket drains and stop as soon as the client goes away, so the peer never
// holds more than one chunk of them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { HOSTILE_TEXT } from './fault-payloads.js';

const TEXT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** HTTP 500 with an HTML page (as a reverse proxy or a crashing handler sends), a control sequence inside. */
export function serveHtml500(res: ServerResponse): void {
  const body =
    '<!DOCTYPE html><html><head><title>500 Internal Server Error</title><style>body{color:red}</style></head>' +
    `<body><h1>500 Internal Server Error</h1><p>peer panicked: ${HOSTILE_TEXT.slice(0, 24)}</p></body></html>\n`;
  res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Headers, then nothing until the client gives up (the socket is closed with the server). */
export function serveStall(res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': TEXT_TYPE });
  res.flushHeaders();
}

/** `body`, 8 bytes every 250 ms. */
export function serveDrip(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'Content-Type': TEXT_TYPE, 'Content-Length': body.length });
  let at = 0;
  const timer = setInterval(() => {
    if (res.destroyed || at >= body.length) {
      clearInterval(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.subarray(at, at + 8));
    at += 8;
  }, 250);
  timer.unref();
  res.on('close', () => clearInterval(timer));
}

/** The headers of the whole `body`, half of it, then the connection is dropped. */
export function serveTruncated(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'Content-Type': TEXT_TYPE, 'Content-Length': body.length });
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
}

/** Writes chunks from `next` (null ends the body) as fast as the client reads, until it leaves. */
export function streamBody(req: IncomingMessage, res: ServerResponse, next: () => Buffer | null): void {
  let gone = false;
  res.on('close', () => (gone = true));
  req.on('close', () => (gone = true));
  const pump = (): void => {
    while (!gone) {
      const chunk = next();
      if (chunk === null) return void res.end();
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
  };
  pump();
}

/** One gzip member of 1 MiB of zeros (about 1 KiB); members concatenated are one valid gzip stream. */
let bombMember: Buffer | undefined;

/** A gzip body that inflates to 4 GiB: 4096 small gzip members, streamed. */
export function serveGzipBomb(req: IncomingMessage, res: ServerResponse): void {
  bombMember ??= gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
  const member = bombMember;
  res.writeHead(200, { 'Content-Type': TEXT_TYPE, 'Content-Encoding': 'gzip' });
  let left = 4096;
  streamBody(req, res, () => (left-- > 0 ? member : null));
}

/** A 2 GiB body of comment lines, chunked (no Content-Length), streamed 64 KiB at a time. */
export function serveHugeBody(req: IncomingMessage, res: ServerResponse): void {
  const line = '# padding of a 2 GiB response\n';
  const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
  res.writeHead(200, { 'Content-Type': TEXT_TYPE });
  let left = 2 * 1024 ** 3;
  streamBody(req, res, () => {
    if (left <= 0) return null;
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    left -= part.length;
    return part;
  });
}

/** `head` (a whole payload), then a million more series, chunked, 10 000 lines at a time. */
export function serveMillionSeries(req: IncomingMessage, res: ServerResponse, head: string): void {
  res.writeHead(200, { 'Content-Type': TEXT_TYPE });
  const family = 'cluster_top_fault_series';
  let sentHead = false;
  let i = 0;
  const total = 1_000_000;
  streamBody(req, res, () => {
    if (!sentHead) {
      sentHead = true;
      return Buffer.from(`${head}# HELP ${family} One of a million series.\n# TYPE ${family} gauge\n`);
    }
    if (i >= total) return null;
    const lines: string[] = [];
    for (const end = Math.min(total, i + 10_000); i < end; i++) lines.push(`${family}{i="${i}"} ${i}\n`);
    return Buffer.from(lines.join(''));
  });
}
