// The fleet's targets file and labels: one target a line, name=URL, comments and blanks, a bad
// line named by file and line, and labels unique whatever was given twice.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelTargets, MAX_TARGETS, parseTargets } from '../../src/cli/targets.js';

describe('targets file', () => {
  it('reads URL and name=URL lines, skipping comments and blank lines', () => {
    const text = '# the cluster\n\npeer1=http://10.0.0.1:8888/metrics\nhttp://10.0.0.2:8888/metrics   # no name\n  peer3 = http://h3:8888/metrics?x=y\r\n';
    assert.deepEqual(parseTargets(text, 'fleet.txt'), [
      { url: 'http://10.0.0.1:8888/metrics', name: 'peer1' },
      { url: 'http://10.0.0.2:8888/metrics', name: null },
      { url: 'http://h3:8888/metrics?x=y', name: 'peer3' },
    ]);
  });

  it('an equals sign inside a URL is not a name', () => {
    assert.deepEqual(parseTargets('http://h:1/metrics?a=b', 'f'), [{ url: 'http://h:1/metrics?a=b', name: null }]);
  });

  it('a bad line is one message naming the file and line', () => {
    const bad = parseTargets('http://ok:1/metrics\nnot a url\n', 'fleet.txt');
    assert.ok('error' in bad);
    assert.match(bad.error, /^fleet\.txt:2: not a url: /);
    assert.doesNotMatch(bad.error, /\n/);
    const blank = parseTargets('two words=http://h:1/metrics', 'f');
    assert.ok('error' in blank && /f:1: a name has no blanks/.test(blank.error));
  });

  it('escapes what it quotes', () => {
    const bad = parseTargets('\u001b[31mred', 'f');
    assert.ok('error' in bad);
    assert.doesNotMatch(bad.error, /\u001b/);
  });

  it(`refuses more than ${MAX_TARGETS} targets`, () => {
    const text = Array.from({ length: MAX_TARGETS + 1 }, (_, i) => `http://h${i}:1/metrics`).join('\n');
    const result = parseTargets(text, 'big');
    assert.ok('error' in result && result.error.startsWith(`big:${MAX_TARGETS + 1}: more than`));
  });

  it('labels: the name, else host:port, made unique', () => {
    const labels = labelTargets([
      { url: 'http://10.0.0.1:8888/metrics', name: null },
      { url: 'http://10.0.0.1:8888/other', name: null },
      { url: 'http://x:1/metrics', name: 'peer1' },
      { url: 'http://y:1/metrics', name: 'peer1' },
    ]);
    assert.deepEqual(labels.map((l) => l.label), ['10.0.0.1:8888', '10.0.0.1:8888#2', 'peer1', 'peer1#2']);
    assert.deepEqual(labels.map((l) => l.peerName), [null, null, 'peer1', 'peer1']);
  });
});
