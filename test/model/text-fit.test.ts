import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { fitEnd, padEnd, padStart, textWidth, wrapText } from '../../src/model/text-fit.js';

describe('text-fit', () => {
  it('counts code points, not UTF-16 units', () => {
    assert.equal(textWidth('a😀b'), 3);
  });

  it('cuts with an ellipsis only when something is cut', () => {
    assert.equal(fitEnd('Cluster.SendInformersMetrics', 10, '…'), 'Cluster.S…');
    assert.equal(fitEnd('Cluster.Pin', 11, '…'), 'Cluster.Pin');
    assert.equal(fitEnd('abcdef', 4, '...'), 'a...');
    assert.equal(fitEnd('abc', 0, '…'), '');
  });

  it('pads to an exact width on either side', () => {
    assert.equal(padEnd('ab', 4, '…'), 'ab  ');
    assert.equal(padStart('ab', 4, '…'), '  ab');
    assert.equal(padStart('abcdef', 4, '~'), 'abc~');
  });

  it('wraps at spaces and cuts words longer than the width', () => {
    assert.deepEqual(wrapText('start it with --tracing enabled', 12), ['start it', 'with', '--tracing', 'enabled']);
    assert.deepEqual(wrapText('abcdefghij xy', 4), ['abcd', 'efgh', 'ij', 'xy']);
  });
});

describe('textWidth on any UTF-16', () => {
  it('counts code points as the string iterator does, lone surrogates included', () => {
    const unit = fc.oneof(fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff, 0x41, 0x20ac), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 20 }), (units) => {
        const text = String.fromCharCode(...units);
        assert.equal(textWidth(text), [...text].length);
      }),
      { seed: 20261125, numRuns: 2000 },
    );
  });
});
