// Plain-ASCII output (`--ascii`, or a locale that is not UTF-8): the stand-ins and escapes, JSON
// that parses to the same document, and the whole program's output byte by byte.

import assert from 'node:assert/strict';
import { after, before, describe, it, test } from 'node:test';
import { asciiFit, asciiJson, asciiText } from '../../src/cli/ascii-text.js';
import { startDemoPeer, type DemoPeer } from '../../src/sources/demo/server.js';
import { runCli } from '../support/run-cli.js';

test('typographic marks become ASCII stand-ins, anything else outside ASCII an escape', () => {
  assert.equal(asciiText('a … b — c → d ≥ 2 × 3 μs'), 'a ~ b - c -> d >= 2 x 3 us');
  assert.equal(asciiText('café 😀'), 'caf\\u00e9 \\u{1f600}');
  assert.equal(asciiFit('café'.repeat(3), 10), 'caf\\u00e9~', 'an escape is never cut in two');
  assert.equal(asciiFit('café'.repeat(3), 11), 'caf\\u00e9c~');
  assert.equal(asciiFit('short', 10), 'short');
});

test('JSON in ASCII parses to the same value', () => {
  const doc = { name: 'Evil … café 😀 \u202e', list: ['μ', '—'] };
  const json = asciiJson(JSON.stringify(doc));
  assert.ok([...json].every((ch) => ch.charCodeAt(0) < 0x80), json);
  assert.deepEqual(JSON.parse(json), doc);
});

/** Every byte below 0x80. */
function assertAscii(bytes: string, what: string): void {
  const bad = [...Buffer.from(bytes, 'utf8')].findIndex((b) => b >= 0x80);
  assert.equal(bad, -1, `${what}: a byte >= 0x80 at ${bad}: ${JSON.stringify(bytes.slice(Math.max(0, bad - 40), bad + 10))}`);
}

describe('cluster-top under LANG=C, or with --ascii, prints ASCII only', () => {
  let peer: DemoPeer;
  before(async () => (peer = await startDemoPeer()));
  after(() => peer.close());
  const base = { PATH: process.env.PATH, HOME: process.env.HOME };
  const C = { ...base, LANG: 'C' };
  const UTF8 = { ...base, LANG: 'C.UTF-8' };
  // A target too long for its cell: the --once header is cut.
  const longUrl = (): string => `${peer.url}?${'x'.repeat(80)}`;
  const once = (): string[] => ['--once', '--metrics', longUrl(), '--jaeger', peer.jaegerUrl!, '--interval', '200ms', '--window', '1s', '--no-config'];

  it('--help, config, --once, --once --json, dump and a usage error', { timeout: 60_000 }, async () => {
    const runs: [string, string[]][] = [
      ['--help', ['--help']],
      ['config', ['config', '--no-config', '--jaeger', 'http://127.0.0.1:1/…']],
      ['--once', once()],
      ['--once --json', [...once(), '--json']],
      ['dump', ['dump', peer.url]],
      ['a usage error', ['--interval', '1…s']],
    ];
    for (const [what, args] of runs) {
      const result = await runCli(args, { env: C });
      assert.ok(result.code === 0 || (what === 'a usage error' && result.code === 2), `${what}: exit ${result.code}: ${result.stderr}`);
      assertAscii(result.stdout, `${what} stdout`);
      assertAscii(result.stderr, `${what} stderr`);
    }
  });

  it('--once cuts with ~ in ASCII where it cuts with … in UTF-8; --ascii asks for ASCII in a UTF-8 locale', { timeout: 60_000 }, async () => {
    const utf8 = await runCli(once(), { env: UTF8 });
    assert.match(utf8.stdout.split('\n')[0], /x…$/);
    const c = await runCli(once(), { env: C });
    assert.match(c.stdout.split('\n')[0], /x~$/);
    const asked = await runCli([...once(), '--ascii'], { env: UTF8 });
    assert.match(asked.stdout.split('\n')[0], /x~$/);
    assertAscii(asked.stdout, '--ascii --once');
    const help = await runCli(['--help', '--ascii'], { env: UTF8 });
    assertAscii(help.stdout, '--ascii --help');
  });
});
