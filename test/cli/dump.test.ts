// `cluster-top dump` without an operand: it reads standard input when that is a pipe or a file,
// and on a terminal (a real one: tmux) it says what it needs and exits 2 instead of waiting.

import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { TMUX_ENV, TmuxServer } from '../support/tmux-session.js';
import { runCli } from '../support/run-cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const server = new TmuxServer(`cluster-top-dump-${process.pid}`, TMUX_ENV);
after(() => server.kill());

test('dump without an operand reads a piped standard input', async () => {
  const result = await runCli(['dump', '--format', 'samples'], { stdin: '# TYPE up gauge\nup 1\n' });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), [{ name: 'up', labels: {}, value: 1, timestamp_ms: null }]);
});

test('dump without an operand on a terminal prints its usage and exits 2, without waiting for input', { timeout: 60_000 }, async () => {
  const s = 'dump';
  server.run('new-session', '-d', '-s', s, '-x', '100', '-y', '20', 'env', 'PS1=$ ', 'bash', '--norc', '--noprofile');
  server.run('send-keys', '-t', s, `cd ${root} && node bin/cluster-top.js dump; echo "exit=$?"`, 'Enter');
  const rows = await server.until(s, (r) => r.some((l) => l.startsWith('exit=')), 'dump to end');
  const text = rows.join('\n');
  assert.match(text, /^cluster-top: dump needs a URL, a FILE, or - for standard input$/m);
  assert.match(text, /^Try 'cluster-top --help'\.$/m);
  assert.match(text, /^exit=2$/m);
});
