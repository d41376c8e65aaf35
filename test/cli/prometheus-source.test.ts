// `--prometheus URL`: what cannot go with it is a usage error in one line and the help hint (exit 2), the live
// view is not there yet (exit 2), and a server that cannot be read is one line (exit 1). The
// report itself is tested against real engines in test/sources/prometheus/real-engines.test.ts.

import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { listenLoopback } from '../support/listen-loopback.js';
import { runCli } from '../support/run-cli.js';

const env = { ...process.env, CLUSTER_TOP_PROMETHEUS: '', CLUSTER_TOP_SELECTOR: '', CLUSTER_TOP_PEER_LABEL: '', CLUSTER_TOP_METRICS: '' };

describe('cluster-top --prometheus', () => {
  it('refuses what cannot go with it, each in one line', async () => {
    const cases: [string[], RegExp][] = [
      [['--selector', '{job="a"}', '--once'], /--selector belongs to --prometheus URL/],
      [['--prometheus', 'http://127.0.0.1:9/', '--metrics', 'http://127.0.0.1:8888/metrics', '--once'], /--prometheus reads the fleet from a server: it cannot be combined with --metrics/],
      [['--prometheus', 'http://127.0.0.1:9/', '--demo', '--once'], /cannot be combined with --metrics, --targets, --demo or --replay/],
      [['--prometheus', 'http://127.0.0.1:9/', '--selector', 'up{job="a"}', '--once'], /--selector "up\{job=\\"a\\"\}": give label matchers only/],
      [['--prometheus', 'http://127.0.0.1:9/', '--peer-label', 'in-stance', '--once'], /--peer-label must be a label name/],
      [['--prometheus', 'http://127.0.0.1:9/', '--prometheus-header', 'X-Scope-OrgID tenant', '--once'], /--prometheus-header must be 'Name: value' on one line/],
      [['--prometheus-header', 'X-Scope-OrgID: a', '--once'], /--prometheus-header belongs to --prometheus URL/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli([...args, '--no-config'], { env });
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.deepEqual(run.stderr.trim().split('\n').slice(1), ["Try 'cluster-top --help'."], run.stderr);
    }
  });

  it('asks for --once, and says in one line why a server cannot be read (exit 1)', async (t) => {
    const live = await runCli(['--prometheus', 'http://127.0.0.1:9/', '--no-config'], { env });
    assert.equal(live.code, 2);
    assert.match(live.stderr, /standard output is not a terminal; use --once/);
    const server = http.createServer((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'error', errorType: 'execution', error: 'many-to-many matching not allowed\x1b[2J' }));
    });
    const port = await listenLoopback(t, server);
    const run = await runCli(['--prometheus', `http://127.0.0.1:${port}/prometheus`, '--once', '--json', '--no-config', '--no-traces'], { env });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `cluster-top: cannot read the fleet from 127.0.0.1:${port}/prometheus: 127.0.0.1:${port}/prometheus answered execution: many-to-many matching not allowed\\x1b[2J\n`);
  });
});
