// The REST API's address and credentials from service.json: a string or a list of multiaddrs,
// the daemon's variable winning, https with ssl_cert_file, the default, bad values reported and
// never quoting the password.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readRestApiConfig } from '../../src/model/service-restapi.js';

const PATH = '/home/u/.ipfs-cluster/service.json';
const SECRET = 'pw-7be1c0d2';
const config = (restapi: unknown) => ({ cluster: { peername: 'peer1' }, api: { restapi } });

describe('readRestApiConfig', () => {
  it('reads a string address and the first basic auth user', () => {
    const r = readRestApiConfig(config({ http_listen_multiaddress: '/ip4/0.0.0.0/tcp/9094', basic_auth_credentials: { admin: SECRET, other: 'x' } }), PATH, {});
    assert.deepEqual(r.url, { value: 'http://127.0.0.1:9094', source: `${PATH} api.restapi.http_listen_multiaddress` });
    assert.deepEqual(r.basicAuth, { user: 'admin', password: SECRET, source: `${PATH} api.restapi.basic_auth_credentials` });
    assert.deepEqual(r.problems, []);
  });

  it('takes the first usable address of a list; https when ssl_cert_file is set', () => {
    const r = readRestApiConfig(config({ http_listen_multiaddress: ['/unix/tmp/api.sock', '/ip6/::1/tcp/19094', '/ip4/127.0.0.1/tcp/9094'], ssl_cert_file: 'cert.pem' }), PATH, {});
    assert.equal(r.url?.value, 'https://[::1]:19094');
    assert.equal(r.basicAuth, null);
  });

  it('the daemon\'s variable wins (a comma-separated list)', () => {
    const env = { CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS: ' /dns4/peer1.local/tcp/0 , /ip4/10.0.0.5/tcp/9095' };
    const r = readRestApiConfig(config({ http_listen_multiaddress: '/ip4/127.0.0.1/tcp/9094' }), PATH, env);
    assert.deepEqual(r.url, { value: 'http://10.0.0.5:9095', source: 'CLUSTER_RESTAPI_HTTPLISTENMULTIADDRESS (peer environment)' });
    assert.equal(readRestApiConfig(null, PATH, env).url?.value, 'http://10.0.0.5:9095', 'without a file too');
  });

  it('no file and no variable states nothing; a file without the key gives the default', () => {
    assert.deepEqual(readRestApiConfig(null, PATH, {}), { url: null, basicAuth: null, problems: [] });
    const r = readRestApiConfig({ cluster: {} }, PATH, {});
    assert.deepEqual(r.url, { value: 'http://127.0.0.1:9094', source: `${PATH} (no api.restapi.http_listen_multiaddress: IPFS Cluster's default)` });
  });

  it('reports bad values in one line each, never with the password', () => {
    const bad = readRestApiConfig(config({ http_listen_multiaddress: ['/ip4/127.0.0.1/udp/9094'], basic_auth_credentials: { 'a:b': SECRET, c: 5 } }), PATH, {});
    assert.equal(bad.url, null);
    assert.equal(bad.basicAuth, null);
    assert.equal(bad.problems.length, 2);
    assert.match(bad.problems[0], /\/udp is not TCP: the REST API is served over \/tcp; ignored$/);
    assert.match(bad.problems[1], /basic_auth_credentials holds no usable user/);
    for (const line of bad.problems) assert.ok(!line.includes(SECRET) && !line.includes('\n'));
    const wrongType = readRestApiConfig(config({ http_listen_multiaddress: 9094, basic_auth_credentials: 'admin:pw' }), PATH, {});
    assert.equal(wrongType.url?.value, 'http://127.0.0.1:9094');
    assert.equal(wrongType.problems.length, 2);
    assert.match(readRestApiConfig({ api: [] }, PATH, {}).problems[0], /"api" is not an object/);
  });
});
