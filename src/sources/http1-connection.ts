// One keep-alive HTTP/1.1 connection to a target, as Node's Agent with one socket kept it: a TCP
// (or TLS) socket opened on first use, reused request after request, never two requests at once
// (a later one waits its turn), an idle socket that does not keep the process alive, TCP
// keep-alive probes, Nagle off, and a TLS session kept for the next handshake. An idle socket
// the server closes, or one idle past the server's Keep-Alive timeout (less a second, as Node
// does), is dropped; the next request opens a fresh one.
//
// Reads bypass the socket's stream machinery (Node's `onread`): each read lands in one buffer
// shared by every connection, reused, or straight in the place the exchange names (the rest of a
// body of known length), so a body is not allocated piece by piece and then copied together.
//
// Through an http:// proxy (proxy-env.ts): an https target is reached through a CONNECT tunnel
// (http-proxy-tunnel.ts), TLS inside it with the target's name; an http target's requests go to
// the proxy itself, in absolute form (see `forwardProxy`). Tunnelled TLS reads arrive as 'data'
// events (Node ignores `onread` for TLS over an existing socket); the direct path is unchanged.

import net from 'node:net';
import tls from 'node:tls';
import { connectFailure, openTunnel, ProxyError } from './http-proxy-tunnel.js';
import type { ProxyServer } from './proxy-env.js';

/** Where to connect. */
export interface ConnectionTarget {
  readonly protocol: 'http:' | 'https:';
  /** Host name or address (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** TLS trust store: a PEM bundle or a list of them; undefined for Node's default. */
  readonly ca?: string | Buffer | readonly string[];
  /** Verify the server certificate (https only). */
  readonly rejectUnauthorized: boolean;
  /** A client certificate and its private key, PEM, presented when the server asks (https only). */
  readonly cert?: string | Buffer;
  readonly key?: string | Buffer;
  /** The http:// proxy that carries the requests, or why the proxy meant for them cannot (every request fails with it). */
  readonly proxy?: ProxyServer | { readonly error: string };
}

/** Receives the events of the socket that carries one exchange. */
export interface ExchangeEvents {
  /** Bytes from the server; `borrowed` ones lie in the connection's read buffer and are valid during this call only. */
  data(chunk: Buffer, borrowed: boolean): void;
  /** Where the next bytes should be read, when the exchange knows (else null: the connection's buffer). */
  readInto(): Buffer | null;
  /** The server closed its side (end of stream). */
  end(): void;
  /** A socket error (connect, TLS, reset...). */
  error(err: Error): void;
}

/** What an exchange gets when the connection is closed under it (or before its turn). */
export class ConnectionClosedError extends Error {
  constructor() {
    super('connection closed');
  }
}

/** How long an idle socket is kept after the server's Keep-Alive hint: a second less, so we close first. */
const HINT_MARGIN_MS = 1000;

/** Longest timer Node keeps (2³¹−1 ms, ~24.8 days); a longer one is cut to this with a process warning. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Size of the read buffer (as much as Node reads at once). */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * The buffer reads land in when the exchange names no place: one for every connection (a fleet
 * of 100 peers kept 6 MiB of them). Sharing it is safe: reads run one at a time on this thread,
 * and their bytes are `borrowed`, valid only during the callback that hands them over.
 */
let sharedReadBuffer: Buffer | undefined;

/** One connection; exchanges run one at a time. */
export class Http1Connection {
  private socket: net.Socket | null = null;
  /** The exchange the socket's events go to; null while idle. */
  private events: ExchangeEvents | null = null;
  private tlsSession: Buffer | undefined;
  /** An exchange holds the connection (from its turn to release or pass). */
  private busy = false;
  /** Exchanges waiting for their turn, first come first served. */
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  /** The proxy that http requests are sent to in absolute form (null: origin form, to the target or through a tunnel). */
  readonly forwardProxy: ProxyServer | null;

  constructor(private readonly target: ConnectionTarget) {
    const proxy = target.proxy;
    this.forwardProxy = proxy !== undefined && 'host' in proxy && target.protocol === 'http:' ? proxy : null;
  }

  /** Calls `start` at once when the connection is free, else when its turn comes (call order); it must end with release() or pass(). */
  whenFree(start: () => void): void {
    if (this.busy) return void this.waiting.push(start);
    this.busy = true;
    start();
  }

  /** Gives the turn on to the next waiting exchange (for one that no longer needs it). */
  pass(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.busy = false;
    else next();
  }

  /** Writes `head` on the idle socket, or on a new one; its events go to `events`. True when the socket was reused. */
  send(head: string, events: ExchangeEvents): boolean {
    if (this.closed) throw new ConnectionClosedError();
    let socket = this.socket;
    const reused = socket !== null;
    if (socket === null) {
      const proxy = this.target.proxy;
      if (proxy !== undefined && !('host' in proxy)) throw new ProxyError(null, proxy.error);
      if (proxy !== undefined && this.forwardProxy === null) {
        this.events = events;
        this.openTunnel(proxy, head);
        return false;
      }
      socket = this.open();
    } else {
      socket.ref();
      socket.setTimeout(0);
      socket.resume(); // in case the last exchange ended while reading was paused
    }
    this.events = events;
    socket.write(head, 'latin1');
    return reused;
  }

  /** Stops reading (backpressure); `resume` reads on. */
  pause(): void {
    this.socket?.pause();
  }

  /** Reads on after `pause`. */
  resume(): void {
    this.socket?.resume();
  }

  /**
   * Ends the current exchange and gives the turn on. A socket that can carry another request stays
   * open, idle, for at most `keepAliveMs` less a second when the server said how long it keeps it;
   * any other is destroyed.
   */
  release(reusable: boolean, keepAliveMs?: number): void {
    this.events = null;
    const socket = this.socket;
    // The hint is the peer's: one past what a timer holds would print a warning on every request.
    const idleMs = keepAliveMs === undefined ? 0 : Math.min(keepAliveMs - HINT_MARGIN_MS, MAX_TIMER_MS);
    if (socket !== null) {
      if (!reusable || this.closed || (keepAliveMs !== undefined && idleMs <= 0)) this.drop();
      else {
        if (idleMs > 0) socket.setTimeout(idleMs);
        socket.unref();
      }
    }
    this.pass();
  }

  /** Destroys the socket of the current exchange, which keeps its turn (to retry on a new socket). */
  discard(): void {
    this.drop();
  }

  /**
   * Destroys the socket; the exchange in progress and every later one fail with
   * ConnectionClosedError (those waiting for their turn get it when the turn comes).
   */
  close(): void {
    this.closed = true;
    const events = this.events;
    this.drop();
    events?.error(new ConnectionClosedError());
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.events = null;
    socket?.destroy();
  }

  private open(): net.Socket {
    const t = this.target;
    const readBuffer = (sharedReadBuffer ??= Buffer.allocUnsafe(READ_BUFFER_BYTES));
    const onread = {
      // Called before each read: the rest of a body of known length, or the shared buffer.
      buffer: (): Buffer => (socket !== undefined && this.socket === socket ? this.events?.readInto() : null) ?? readBuffer,
      callback: (n: number, buf: Uint8Array): boolean => {
        if (this.socket !== socket) return true;
        if (this.events === null) this.drop(); // bytes nobody asked for: the connection is out of step
        else this.events.data((buf as Buffer).subarray(0, n), buf === readBuffer);
        return true;
      },
    };
    let socket: net.Socket | undefined;
    const forward = this.forwardProxy;
    socket =
      t.protocol === 'https:'
        ? tls.connect({ ...this.tlsOptions(), host: t.host, port: t.port, onread } as tls.ConnectionOptions)
        : net.connect({ host: forward?.host ?? t.host, port: forward?.port ?? t.port, onread });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 1000);
    if (forward !== null) {
      // The proxy could not be reached: say so, not that the target could not.
      const early = (err: NodeJS.ErrnoException): void => void this.failed(socket!, new ProxyError(forward.name, connectFailure(err)));
      socket.once('error', early);
      socket.once('connect', () => socket!.removeListener('error', early));
    }
    this.listen(socket);
    this.socket = socket;
    return socket;
  }

  /** TLS settings with the target: its name for SNI and the certificate check, trust, client certificate, session. */
  private tlsOptions(): tls.ConnectionOptions {
    const t = this.target;
    return {
      // No SNI for an address; the certificate is then checked against the address.
      servername: net.isIP(t.host) === 0 ? t.host : undefined,
      ca: t.ca as tls.ConnectionOptions['ca'],
      cert: t.cert,
      key: t.key,
      rejectUnauthorized: t.rejectUnauthorized,
      session: this.tlsSession,
    };
  }

  /** Opens a tunnel through `proxy`, then TLS with the target inside it, and writes `head` there. */
  private openTunnel(proxy: ProxyServer, head: string): void {
    const t = this.target;
    const authority = net.isIPv6(t.host) ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
    const raw = openTunnel(proxy, authority, (result) => {
      if (this.socket !== raw) return void (result instanceof ProxyError ? undefined : raw.destroy()); // dropped meanwhile
      if (result instanceof ProxyError) return this.failed(raw, result);
      const secure = tls.connect({ ...this.tlsOptions(), host: t.host, socket: raw });
      secure.on('data', (chunk: Buffer) => {
        if (this.socket !== secure) return;
        if (this.events === null) this.drop();
        else this.events.data(chunk, false);
      });
      this.listen(secure);
      this.socket = secure;
      secure.write(head, 'latin1');
    });
    this.socket = raw;
  }

  /** Ends the exchange of `socket` with `err`, if it is still the connection's. */
  private failed(socket: net.Socket, err: Error): void {
    if (this.socket !== socket) return;
    const events = this.events;
    this.drop();
    events?.error(err);
  }

  private listen(socket: net.Socket): void {
    const mine = (): boolean => this.socket === socket;
    if (socket instanceof tls.TLSSocket) socket.on('session', (session: Buffer) => (this.tlsSession = session));
    socket.on('end', () => {
      if (!mine()) return;
      const events = this.events;
      if (events === null) return this.drop();
      events.end();
    });
    socket.on('error', (err: Error) => {
      if (!mine()) return;
      const events = this.events;
      this.drop();
      if (err instanceof Error && (err as NodeJS.ErrnoException).code?.startsWith('ERR_SSL') === true) this.tlsSession = undefined;
      events?.error(err);
    });
    socket.on('close', () => {
      if (!mine()) return;
      const events = this.events;
      this.socket = null;
      this.events = null;
      events?.error(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    });
    socket.on('timeout', () => {
      if (mine() && this.events === null) this.drop(); // idle past the server's keep-alive time
    });
  }
}
