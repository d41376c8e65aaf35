// One keep-alive HTTP/1.1 connection to a target, as Node's Agent with one socket kept it: a TCP
// (or TLS) socket opened on first use, reused request after request, never two requests at once
// (a later one waits its turn), an idle socket that does not keep the process alive, TCP
// keep-alive probes, Nagle off, and a TLS session kept for the next handshake. An idle socket
// the server closes, or one idle past the server's Keep-Alive timeout (less a second, as Node
// does), is dropped; the next request opens a fresh one.

import net from 'node:net';
import tls from 'node:tls';

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
}

/** Receives the events of the socket that carries one exchange. */
export interface ExchangeEvents {
  /** Bytes from the server. */
  data(chunk: Buffer): void;
  /** The server closed its side (end of stream). */
  end(): void;
  /** A socket error (connect, TLS, reset...). */
  error(err: Error): void;
}

/** How long an idle socket is kept after the server's Keep-Alive hint: a second less, so we close first. */
const HINT_MARGIN_MS = 1000;

/** One connection; exchanges run one at a time. */
export class Http1Connection {
  private socket: net.Socket | null = null;
  /** The exchange the socket's events go to; null while idle. */
  private events: ExchangeEvents | null = null;
  private tlsSession: Buffer | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly target: ConnectionTarget) {}

  /** Resolves, in call order, when the connection is free; call the returned function when done with it. */
  turn(): Promise<() => void> {
    let release!: () => void;
    const freed = new Promise<void>((resolve) => (release = resolve));
    const granted = this.queue.then(() => release);
    this.queue = freed;
    return granted;
  }

  /** Writes `head` on the idle socket, or on a new one; its events go to `events`. True when the socket was reused. */
  send(head: string, events: ExchangeEvents): boolean {
    if (this.closed) throw new Error('connection closed');
    let socket = this.socket;
    const reused = socket !== null;
    if (socket === null) socket = this.open();
    else {
      socket.ref();
      socket.setTimeout(0);
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
   * Ends the current exchange. A socket that can carry another request stays open, idle, for at
   * most `keepAliveMs` less a second when the server said how long it keeps it; any other is destroyed.
   */
  release(reusable: boolean, keepAliveMs?: number): void {
    this.events = null;
    const socket = this.socket;
    if (socket === null) return;
    const idleMs = keepAliveMs === undefined ? 0 : keepAliveMs - HINT_MARGIN_MS;
    if (!reusable || this.closed || (keepAliveMs !== undefined && idleMs <= 0)) return this.drop();
    if (idleMs > 0) socket.setTimeout(idleMs);
    socket.unref();
  }

  /** Destroys the socket and fails every later send. */
  close(): void {
    this.closed = true;
    this.drop();
  }

  private drop(): void {
    const socket = this.socket;
    this.socket = null;
    this.events = null;
    socket?.destroy();
  }

  private open(): net.Socket {
    const t = this.target;
    const socket =
      t.protocol === 'https:'
        ? tls.connect({
            host: t.host,
            port: t.port,
            // No SNI for an address; the certificate is then checked against the address.
            servername: net.isIP(t.host) === 0 ? t.host : undefined,
            ca: t.ca as tls.ConnectionOptions['ca'],
            rejectUnauthorized: t.rejectUnauthorized,
            session: this.tlsSession,
          })
        : net.connect({ host: t.host, port: t.port });
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 1000);
    if (socket instanceof tls.TLSSocket) socket.on('session', (session: Buffer) => (this.tlsSession = session));
    const mine = (): boolean => this.socket === socket;
    socket.on('data', (chunk: Buffer) => {
      if (!mine()) return;
      if (this.events === null) return this.drop(); // bytes nobody asked for: the connection is out of step
      this.events.data(chunk);
    });
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
    this.socket = socket;
    return socket;
  }
}
