// Auth of the demo REST API: the token for admin:s3cret is byte for byte the one a real v1.1.6
// peer issued (seen on the real stack), and the outcomes a request can have.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate, issueToken } from '../../../src/sources/demo/demo-rest-auth.js';

/** The token `POST /token` of a real ipfs-cluster-service v1.1.6 answered for admin:s3cret. */
const REAL_TOKEN = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhZG1pbiJ9.oiqVSzC-HZvcSSGW97CNzQ07FgIUgfZFkVOYHRrYFCs';
const CREDENTIALS = { admin: 's3cret' };
const basic = (userPassword: string) => `Basic ${Buffer.from(userPassword).toString('base64')}`;

describe('demo REST API auth', () => {
  it('issues the JWT a real peer issues', () => {
    assert.equal(issueToken(CREDENTIALS, 'admin'), REAL_TOKEN);
  });

  it('lets a right Basic or Bearer header in, and says why not otherwise', () => {
    assert.deepEqual(authenticate(undefined, {}), { ok: true, user: null });
    assert.deepEqual(authenticate(CREDENTIALS, {}), { ok: false, reason: 'no auth provided' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: basic('admin:s3cret') }), { ok: true, user: 'admin' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: basic('admin:s3cre') }), { ok: false, reason: 'access denied' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: basic('root:s3cret') }), { ok: false, reason: 'access denied' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: basic('toString:x') }), { ok: false, reason: 'access denied' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: `Bearer ${REAL_TOKEN}` }), { ok: true, user: 'admin' });
    assert.deepEqual(authenticate({ admin: 'other' }, { authorization: `Bearer ${REAL_TOKEN}` }), { ok: false, reason: 'access denied' });
    assert.deepEqual(authenticate(CREDENTIALS, { authorization: 'Bearer not.a.jwt' }), { ok: false, reason: 'access denied' });
  });
});
