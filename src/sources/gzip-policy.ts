// Whether a scrape asks its target for gzip. Prometheus always does, and a remote peer always
// is asked: there gzip cuts a 200 KB /metrics body to ~15 KB. A loopback URL is either a peer on
// this machine or an SSH tunnel to a remote one (IPFS Cluster binds its metrics to 127.0.0.1 by
// default, so tunnels are common). On this machine gzip buys nothing and costs CPU on both ends
// (ours: ~0.2 ms per poll of the demo peer for inflating and its CRC, a fifth of the poll);
// through a tunnel it saves most of the transfer. Which one it is shows in how fast a body arrives, so a
// loopback target is first asked for identity and switched to gzip, for good, once it looks like
// a slow link: three bodies in a row of at least 64 KiB arriving below 20 MB/s (this machine's
// loopback delivers hundreds of MB/s; one slow body can be a pause of this process, three in a
// row are not), or one scrape that runs out of time (the safe choice when nothing is known).

/** Bodies smaller than this say too little about the link (and gain little from gzip). */
export const JUDGED_BODY_BYTES = 64 * 1024;

/** Below this rate from the response headers to the last body byte, a body arrived slowly. */
export const SLOW_LINK_BYTES_PER_SECOND = 20e6;

/** Slow bodies in a row that switch a loopback target to gzip. */
export const SLOW_BODIES_TO_SWITCH = 3;

/** True for a URL hostname that names this machine: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  // WHATWG URLs write IPv6 in brackets, compressed, and IPv4-mapped addresses in hex.
  return host === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host);
}

/** The choice for one target, revised after each of its scrapes. */
export class GzipPolicy {
  private gzip: boolean;
  private readonly adaptive: boolean;
  private slowInARow = 0;

  /** `allowed` false: never gzip (a target in this very process); otherwise as the header says. */
  constructor(hostname: string, allowed: boolean) {
    this.adaptive = allowed && isLoopbackHost(hostname);
    this.gzip = allowed && !this.adaptive;
  }

  /** Whether the next request asks for gzip. */
  get asksGzip(): boolean {
    return this.gzip;
  }

  /** Records a body: `bytes` on the wire in `ms` from the response headers to its end (ignored once gzip is on). */
  bodyArrived(bytes: number, ms: number): void {
    if (!this.adaptive || this.gzip || bytes < JUDGED_BODY_BYTES) return;
    const slow = bytes * 1000 < SLOW_LINK_BYTES_PER_SECOND * ms;
    this.slowInARow = slow ? this.slowInARow + 1 : 0;
    if (this.slowInARow >= SLOW_BODIES_TO_SWITCH) this.gzip = true;
  }

  /** Records a scrape that ran out of time (one that asked for identity switches to gzip). */
  timedOut(): void {
    if (this.adaptive) this.gzip = true;
  }
}
