// The failure hints: which kinds and HTTP statuses get which advice. The status is the failure's
// own field, never read back out of its message.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JAEGER_ERROR_KINDS, POLL_FAILURE_KINDS } from '../../src/model/failure-kinds.js';
import { explainJaegerFailure, explainScrapeFailure, statsOffMessage, type EndpointContext } from '../../src/model/failure-hints.js';

const NONE: EndpointContext = { credential: null, credentialHelp: '--metrics-token-file FILE', caSource: null };
const SENT: EndpointContext = { credential: 'a bearer token from --metrics-token-file /t', credentialHelp: '--metrics-token-file FILE', caSource: '--cacert /ca.pem' };
const LINE = 'HTTP 401 Unauthorized from 127.0.0.1:9464: unauthorized';

describe('explainScrapeFailure', () => {
  it('a 401 or 403 says which credential was sent, or that none was', () => {
    assert.equal(explainScrapeFailure('http-status', 401, LINE, NONE, null), `${LINE}; no credentials were sent: give them with --metrics-token-file FILE`);
    assert.equal(explainScrapeFailure('http-status', 401, LINE, SENT, null), `${LINE}; sent a bearer token from --metrics-token-file /t, which was not accepted`);
    assert.equal(explainScrapeFailure('http-status', 403, 'HTTP 403 Forbidden from h:1', SENT, null), 'HTTP 403 Forbidden from h:1; sent a bearer token from --metrics-token-file /t, which is not allowed here');
  });

  it('goes by the status field, not by what the message says', () => {
    assert.equal(explainScrapeFailure('http-status', 404, LINE, NONE, null), LINE);
    assert.equal(explainScrapeFailure('http-status', undefined, LINE, NONE, null), LINE);
    assert.equal(explainScrapeFailure('http-status', 401, 'denied', NONE, null), 'denied; no credentials were sent: give them with --metrics-token-file FILE');
  });

  it('a peer whose metrics are off and that does not answer gets the way to turn them on', () => {
    for (const kind of ['refused', 'timeout', 'network', 'dns'] as const) {
      assert.equal(explainScrapeFailure(kind, undefined, 'connection refused by h:1', NONE, 'service.json'), statsOffMessage('service.json', 'connection refused by h:1'));
    }
    assert.equal(explainScrapeFailure('http-status', 404, 'HTTP 404', NONE, 'service.json'), 'HTTP 404', 'it answered: not the metrics switch');
  });

  it('a certificate failure says what it was checked against, or how to trust a private CA', () => {
    const tls = 'TLS with h:1 failed: self-signed certificate';
    assert.equal(explainScrapeFailure('tls', undefined, tls, SENT, null), `${tls}; the certificate was checked against --cacert /ca.pem`);
    assert.equal(explainScrapeFailure('tls', undefined, tls, NONE, null), `${tls}; for a private CA use --cacert FILE (or --insecure to skip verification)`);
  });

  it('leaves every other kind as it is', () => {
    for (const kind of POLL_FAILURE_KINDS.filter((k) => k !== 'http-status' && k !== 'tls')) {
      assert.equal(explainScrapeFailure(kind, 401, 'as said', SENT, null), 'as said', kind);
    }
  });
});

describe('explainJaegerFailure', () => {
  it('explains an HTTP status and TLS as for metrics, and leaves the other kinds', () => {
    assert.equal(explainJaegerFailure('http-status', 403, 'Jaeger answered HTTP 403', SENT), 'Jaeger answered HTTP 403; sent a bearer token from --metrics-token-file /t, which is not allowed here');
    assert.equal(explainJaegerFailure('http-status', 500, 'Jaeger answered HTTP 401', SENT), 'Jaeger answered HTTP 401');
    assert.match(explainJaegerFailure('tls', undefined, 'TLS failed', SENT), /checked against --cacert \/ca\.pem$/);
    for (const kind of JAEGER_ERROR_KINDS.filter((k) => k !== 'http-status' && k !== 'tls')) {
      assert.equal(explainJaegerFailure(kind, 401, 'as said', SENT), 'as said', kind);
    }
  });
});
