// The REST API's `--once` text: 80 columns whatever the API sends, every string from it escaped
// (peer names, versions, alerts, CIDs, pin names, statuses), ASCII only when asked, ages of the
// pins in error from their timestamps, and a count when there are more rows than shown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatApiText, TEXT_PIN_ERROR_ROWS } from '../../src/cli/format-api.js';
import type { ApiReport } from '../../src/model/cluster-api/api-report.js';
import { UNSAFE_CHAR } from '../support/terminal-safety.js';

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const EVIL = 'Evil\x1b[2J\x1b]0;pwned\x07\u202eRtl\r\nline\x9b31m';
const ID = '12D3KooWJiHpXVquSC22tJ6s3C2bdCD3Le8Z3ojqrbYjys51ejzP';

function report(changes: Partial<ApiReport> = {}): ApiReport {
  return {
    self: { id: ID, shortId: '12D3KooW…ejzP', peername: `peer1${EVIL}`, version: `1.1.6${EVIL}` },
    peers: [
      { id: ID, peername: `peer1${EVIL}`, version: `1.1.6${EVIL}`, error: null, down: false, freespace: 2 ** 40, pinqueue: 3, alerts: [] },
      { id: `12D3KooW${EVIL}x9Qa`, peername: 'пир-2 名前', version: '1.1.6', error: null, down: true, freespace: null, pinqueue: null, alerts: [{ name: `ping${EVIL}`, triggeredAtMs: NOW, expiredAtMs: NOW }] },
    ],
    pinErrors: [
      { cid: `bafy${EVIL}`, name: `name${EVIL}`, peer: `peer3${EVIL}`, status: `pin_error${EVIL}`, error: `context canceled${EVIL}`, attempts: 2, timestamp: new Date(NOW - 90_000).toISOString() },
      { cid: 'bafkreibm6jg3ux5qumhcn2b3flc3tyu6dmlb4xa7u5bf44yegnrjhc4yeq', name: '', peer: 'peer2', status: 'unpin_error', error: '', attempts: 1, timestamp: null },
    ],
    morePinErrors: 0,
    error: null,
    ...changes,
  };
}

describe('the REST API as --once text', () => {
  it('escapes every string from the API and stays within 80 columns', () => {
    for (const ascii of [false, true]) {
      const text = formatApiText(report(), NOW, ascii);
      const lines = text.split('\n');
      for (const line of lines) {
        assert.doesNotMatch(line, UNSAFE_CHAR, JSON.stringify(line));
        assert.ok([...line].length <= 80, `too long: ${line}`);
      }
      if (ascii) assert.match(text, /^[\x00-\x7f]*$/);
      assert.ok(text.includes('Evil\\x1b[2J'), text);
      assert.match(text, /^REST API of peer1Evil\\x1b\[2J(…|~) \(12D3KooW(…|~)ejzP\) v1\.1\.6Evil(…|~): 2 peers, 1 down$/m);
      assert.match(text, /^peer1Evil\\x1b\[2(…|~) 12D3KooW(…|~)ejzP 1\.1\.6Evi(…|~) up +1\.00 TiB +3  -$/m);
      assert.match(text, ascii ? /^\\u043f\\u0438~ +12D3KooW~x9Qa +1\.1\.6 +down +- +- +pingEvil\\x1b\[2~$/m : /^пир-2 名前 +12D3KooW…x9Qa +1\.1\.6 +down +- +- +pingEvil\\x1b\[2…$/m);
      assert.match(text, /^bafyEvil\\x1b\[2J(…|~) +nameEvil\S* +peer3Evil\S* +pin_errorEvi(…|~) +2  1m ago$/m);
      assert.match(text, /^bafkreibm6jg3ux5(…|~) +- +peer2 +unpin_error +1  -$/m);
    }
  });

  it('counts the pins in error beyond the rows printed, and says nothing of them before a refresh answered', () => {
    const rows = Array.from({ length: TEXT_PIN_ERROR_ROWS + 5 }, (_, i) => ({ cid: `bafy${i}`, name: '', peer: 'p', status: 'pin_error', error: '', attempts: 1, timestamp: null }));
    const text = formatApiText(report({ pinErrors: rows, morePinErrors: 10 }), NOW);
    assert.match(text, new RegExp(`^pins in error: ${TEXT_PIN_ERROR_ROWS + 15} \\(the first ${TEXT_PIN_ERROR_ROWS} shown; --json has ${TEXT_PIN_ERROR_ROWS + 5}\\)$`, 'm'));
    assert.equal(text.split('\n').filter((l) => l.startsWith('bafy')).length, TEXT_PIN_ERROR_ROWS);
    const before = formatApiText(report({ pinErrors: [], morePinErrors: null }), NOW);
    assert.doesNotMatch(before, /pins in error/);
    const none = formatApiText(report({ self: null, peers: [], pinErrors: [], morePinErrors: 0 }), NOW);
    assert.equal(none, '\nREST API: 0 peers, 0 down\n\npins in error: 0\n');
  });

  it('says the API was not read, not that the cluster is empty, when nothing answered', () => {
    const text = formatApiText(report({ self: null, peers: [], pinErrors: [], morePinErrors: null, error: 'REST API at 127.0.0.1:1 refused the connection' }), NOW);
    assert.match(text, /^REST API: not read \(see the error above\)$/m);
    assert.doesNotMatch(text, /0 peers/);
  });
});
