// The live view must draw even when the user's shell exports CI=true: interactive-env.ts has to
// turn off Ink's CI detection before Ink is loaded.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const moduleUrl = new URL('../../src/ui/interactive-env.js', import.meta.url).href;
const cwd = fileURLToPath(new URL('../../../', import.meta.url));

function isInCiAfter(setup: string, env: NodeJS.ProcessEnv): string {
  const script = `${setup}const { default: isInCi } = await import('is-in-ci'); console.log(String(isInCi));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd, env, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim();
}

describe('interactive-env', () => {
  const env = { ...process.env, CI: 'true', CONTINUOUS_INTEGRATION: '1' };

  it('is needed: Ink\'s CI detection sees CI=true', () => {
    assert.equal(isInCiAfter('', env), 'true');
  });

  it('switches the detection off when loaded first', () => {
    assert.equal(isInCiAfter(`await import(${JSON.stringify(moduleUrl)});`, env), 'false');
  });
});
