// The metrics multiaddr → URL conversion table: every form a peer's prometheus_endpoint can take,
// the wildcard → loopback mapping, and bad addresses with an error that says what is wrong.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { metricsUrlFromMultiaddr } from '../../src/model/multiaddr.js';

describe('metricsUrlFromMultiaddr', () => {
  it('converts every TCP form to the URL the peer serves /metrics on', () => {
    const table: [string, string][] = [
      ['/ip4/127.0.0.1/tcp/8888', 'http://127.0.0.1:8888/metrics'],
      ['/ip4/0.0.0.0/tcp/8888', 'http://127.0.0.1:8888/metrics'],
      ['/ip4/10.0.3.7/tcp/9999', 'http://10.0.3.7:9999/metrics'],
      ['/ip6/::1/tcp/8888', 'http://[::1]:8888/metrics'],
      ['/ip6/::/tcp/8888', 'http://[::1]:8888/metrics'],
      ['/ip6/0:0:0:0:0:0:0:0/tcp/8888', 'http://[::1]:8888/metrics'],
      ['/ip6/2001:DB8:0:0::7/tcp/443', 'http://[2001:db8::7]:443/metrics'],
      ['/ip6/::ffff:10.1.2.3/tcp/8888', 'http://[::ffff:a01:203]:8888/metrics'],
      ['/dns/peer1.example.org/tcp/8888', 'http://peer1.example.org:8888/metrics'],
      ['/dns4/localhost/tcp/18888', 'http://localhost:18888/metrics'],
      ['/dns6/Metrics.Example.ORG/tcp/8888', 'http://metrics.example.org:8888/metrics'],
      ['/dns4/cluster-peer_0/tcp/8888', 'http://cluster-peer_0:8888/metrics'],
      ['/ip4/127.0.0.1/tcp/8888/', 'http://127.0.0.1:8888/metrics'],
      ['  /ip4/127.0.0.1/tcp/8888  ', 'http://127.0.0.1:8888/metrics'],
      // Like the daemon's DialArgs, what follows the port is ignored.
      ['/ip4/127.0.0.1/tcp/8888/http', 'http://127.0.0.1:8888/metrics'],
    ];
    for (const [multiaddr, url] of table) assert.deepEqual(metricsUrlFromMultiaddr(multiaddr), { ok: true, url }, multiaddr);
  });

  it('rejects bad addresses with one line that names the address and the problem', () => {
    const table: [string, RegExp][] = [
      ['', /^empty multiaddr$/],
      ['127.0.0.1:8888', /must start with "\/"/],
      ['/', /names no protocol/],
      ['/ip5/1.2.3.4/tcp/8888', /unknown protocol \/ip5/],
      ['/ip4', /\/ip4 needs a value/],
      ['/ip4/256.0.0.1/tcp/8888', /"256\.0\.0\.1" is not an IPv4 address/],
      ['/ip4/1.2.3/tcp/8888', /is not an IPv4 address/],
      ['/ip4/01.2.3.4/tcp/8888', /is not an IPv4 address/],
      ['/ip6/not:an:addr:zz/tcp/8888', /is not an IPv6 address/],
      ['/ip6/1.2.3.4/tcp/8888', /is not an IPv6 address/],
      ['/ip6/fe80::1%eth0/tcp/8888', /IPv6 zones are not supported/],
      ['/dns4/bad..name/tcp/8888', /is not a host name/],
      ['/dns/-leading/tcp/8888', /is not a host name/],
      ['/ip4/127.0.0.1', /has no \/tcp\/<port>/],
      ['/ip4/127.0.0.1/udp/8888', /\/udp is not TCP/],
      ['/ip4/0.0.0.0/udp/6831', /\/udp is not TCP/],
      ['/ip4/127.0.0.1/tcp', /\/tcp needs a port/],
      ['/ip4/127.0.0.1/tcp/http', /port "http" is not a number/],
      ['/ip4/127.0.0.1/tcp/65536', /port "65536" is not a number from 1 to 65535/],
      ['/ip4/127.0.0.1/tcp/0', /port 0 \(any free port\) cannot be scraped/],
      ['/unix/tmp/metrics.sock', /\/unix is not a TCP address/],
      ['/p2p/12D3KooWQykVgEXTSn3f5YHvSccvCtm37DS4MNonmCfZXpKAqiiZ', /\/p2p is not a TCP address/],
    ];
    for (const [multiaddr, expected] of table) {
      const result = metricsUrlFromMultiaddr(multiaddr);
      assert.equal(result.ok, false, multiaddr);
      if (result.ok) continue;
      assert.match(result.error, expected, multiaddr);
      assert.ok(!result.error.includes('\n'));
      if (multiaddr.trim() !== '') assert.ok(result.error.startsWith(`multiaddr ${JSON.stringify(multiaddr.trim())}`), result.error);
    }
  });
});
