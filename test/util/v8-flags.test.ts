// cluster-top's V8 flags hold the young generation at its first size, and the server source lets it
// grow again: checked in a fresh Node process that keeps a few MB of objects alive across
// scavenges (what a large parsed answer does), reading the young generation's size as it goes.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const moduleUrl = new URL('../../src/util/v8-flags.js', import.meta.url).href;

/** The young generation's size before and at most while ~40 MB are allocated, 4 MB of them always alive. */
function youngGenerationAfter(calls: string): { first: number; largest: number } {
  const script = `
    import { getHeapSpaceStatistics } from 'node:v8';
    const flags = await import(${JSON.stringify(moduleUrl)});
    ${calls}
    const size = () => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const first = size();
    let largest = first;
    const alive = new Array(4096).fill(null);
    for (let i = 0; i < 40960; i++) {
      alive[i % alive.length] = new Array(128).fill(i);
      if (i % 256 === 0) largest = Math.max(largest, size());
    }
    console.log(JSON.stringify({ first, largest }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as { first: number; largest: number };
}

describe('V8 flags', () => {
  it('hold the young generation at its first size, however much survives', () => {
    const { first, largest } = youngGenerationAfter('flags.setRuntimeFlags();');
    // V8 reports it as one or two semi-spaces' worth as it flips them; it never grows past that.
    assert.ok(largest <= 2 * first, `young generation ${first} → at most ${largest} bytes`);
  });

  it('let it grow again for the server source', () => {
    const { first, largest } = youngGenerationAfter('flags.setRuntimeFlags(); flags.letYoungGenerationGrow();');
    assert.ok(largest >= 8 * first, `young generation ${first} → at most ${largest} bytes`);
  });
});
