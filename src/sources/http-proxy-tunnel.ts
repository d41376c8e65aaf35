// A tunnel through an http:// proxy for an https target: a TCP connection to the proxy, a
// `CONNECT host:port` request (with Proxy-Authorization when the proxy URL carries credentials),
// and its answer read up to the end of its head (at most 16 KiB; interim 1xx answers skipped).
// A 2xx answer hands the socket over for TLS with the target; anything else is a ProxyError
// that names the proxy (never its credentials) and what it said.

import net from 'node:net';
import { parseHead } from './http1-head.js';
import type { ProxyServer } from './proxy-env.js';

/** A proxy that could not be used or refused the request; `proxyName` is null when no proxy was reached. */
export class ProxyError extends Error {
  constructor(
    /** `proxy host:port (https_proxy)`, or null (an unusable proxy variable). */
    readonly proxyName: string | null,
    /** What happened, one phrase. */
    readonly detail: string,
  ) {
    super(proxyName === null ? detail : `${proxyName}: ${detail}`);
  }
}

/** Most bytes of the proxy's answer head. */
const MAX_ANSWER_BYTES = 16 * 1024;
const HEAD_END = /\r?\n\r?\n/;

/** What a proxy's refusal means for the user (a 407 says whether credentials were sent, and where they go). */
export function proxyStatusDetail(proxy: ProxyServer, status: number, statusText: string, what: string): string {
  const reason = statusText === '' ? '' : ` ${statusText}`;
  const variable = proxy.variable;
  const auth =
    status !== 407 ? ''
    : proxy.authorization === null ? `; no credentials were sent: put them in ${variable} (http://user:password@host:port)`
    : `; the credentials in ${variable} were not accepted`;
  return `it answered ${what}with HTTP ${status}${reason}${auth}`;
}

/**
 * Connects to `proxy` and asks for a tunnel to `authority` (`host:port`); `done` gets the socket,
 * ready for the TLS handshake, or a ProxyError. Returns the socket at once (to destroy it early).
 */
export function openTunnel(proxy: ProxyServer, authority: string, done: (result: net.Socket | ProxyError) => void): net.Socket {
  const socket = net.connect({ host: proxy.host, port: proxy.port });
  socket.setNoDelay(true);
  socket.setKeepAlive(true, 1000);
  let connected = false;
  let answer = '';
  let finished = false;
  const finish = (result: net.Socket | ProxyError): void => {
    if (finished) return;
    finished = true;
    socket.removeListener('data', onData);
    socket.removeListener('end', onEnd);
    socket.removeListener('close', onEnd);
    socket.removeListener('error', onError);
    // Later errors belong to the TLS socket built on this one; an error event must never go unheard.
    socket.on('error', () => {});
    if (result instanceof ProxyError) socket.destroy();
    done(result);
  };
  const fail = (detail: string): void => finish(new ProxyError(proxy.name, detail));
  const onData = (chunk: Buffer): void => {
    answer += chunk.toString('latin1');
    for (;;) {
      const end = HEAD_END.exec(answer);
      if (end === null) {
        if (answer.length > MAX_ANSWER_BYTES) fail('its answer to CONNECT has a head over 16 KiB');
        return;
      }
      const headEnd = end.index + end[0].length;
      let head;
      try {
        head = parseHead(answer.slice(0, headEnd));
      } catch (err) {
        return fail(`invalid answer to CONNECT: ${(err as Error).message}`);
      }
      answer = answer.slice(headEnd);
      if (head === null) continue; // an interim 1xx answer
      if (head.status < 200 || head.status >= 300) return fail(proxyStatusDetail(proxy, head.status, head.statusText, 'CONNECT '));
      // The client speaks first in TLS: bytes before our ClientHello are not from the target.
      if (answer !== '') return fail('it sent bytes after its answer to CONNECT, before the TLS handshake');
      return finish(socket);
    }
  };
  const onEnd = (): void => fail('it closed the connection before answering CONNECT');
  const onError = (err: NodeJS.ErrnoException): void => {
    if (connected) return fail(`the connection broke before it answered CONNECT (${err.code ?? err.message})`);
    fail(connectFailure(err));
  };
  socket.once('connect', () => (connected = true));
  socket.on('data', onData);
  socket.on('end', onEnd);
  socket.on('close', onEnd);
  socket.on('error', onError);
  const auth = proxy.authorization === null ? '' : `Proxy-Authorization: ${proxy.authorization}\r\n`;
  socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n${auth}\r\n`, 'latin1');
  return socket;
}

/** Why the TCP connection to a proxy failed, one phrase. */
export function connectFailure(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') return "cannot resolve the proxy's host";
  return `cannot connect: ${err.message}${code !== '' && !err.message.includes(code) ? ` (${code})` : ''}`;
}
