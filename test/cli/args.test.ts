import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_METRICS_URL, parseCommandLine } from '../../src/cli/args.js';
import { parseDuration, parseSize } from '../../src/util/parse-units.js';

describe('parseDuration / parseSize', () => {
  it('reads Go-style durations', () => {
    assert.equal(parseDuration('2s'), 2000);
    assert.equal(parseDuration('1m30s'), 90_000);
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('1.5s'), 1500);
    assert.equal(parseDuration('1h'), 3_600_000);
    for (const bad of ['', '2', 's', '2 s', '-1s', '2sx', '1d']) assert.equal(parseDuration(bad), null, bad);
  });

  it('reads sizes in decimal and binary units', () => {
    assert.equal(parseSize('1048576'), 1048576);
    assert.equal(parseSize('64MiB'), 64 * 1024 * 1024);
    assert.equal(parseSize('10MB'), 10_000_000);
    assert.equal(parseSize('512k'), 512_000);
    for (const bad of ['', 'MiB', '1 parsec', '-5']) assert.equal(parseSize(bad), null, bad);
  });
});

describe('parseCommandLine', () => {
  it('checks URLs from the environment as from flags, naming the variable', () => {
    const bad = parseCommandLine([], { env: { CLUSTER_TOP_METRICS: 'peer1:8888' }, peer: null });
    assert.ok(bad.kind === 'error' && /^CLUSTER_TOP_METRICS: .*did you mean http:\/\/peer1:8888\/metrics\?$/.test(bad.message), JSON.stringify(bad));
  });


  it('defaults to monitoring the standard metrics endpoint', () => {
    const command = parseCommandLine([]);
    assert.equal(command.kind, 'monitor');
    if (command.kind !== 'monitor') return;
    assert.equal(command.options.metricsUrl, DEFAULT_METRICS_URL);
    assert.equal(command.options.intervalMs, 2000);
    assert.equal(command.options.windowMs, 60_000);
    assert.equal(command.options.quantile, 0.95);
    assert.equal(command.options.timeoutMs, 2000, 'timeout defaults to the smaller of interval and 10s');
    assert.equal(command.options.maxBodyBytes, 64 * 1024 * 1024);
    assert.equal(command.options.variant, 'prom3');
    assert.equal(command.options.once, false);
  });

  it('caps the default timeout at 10s', () => {
    const command = parseCommandLine(['--interval', '30s', '--window', '5m']);
    assert.ok(command.kind === 'monitor' && command.options.timeoutMs === 10_000);
  });

  it('treats --json as a one-shot', () => {
    const command = parseCommandLine(['--json']);
    assert.ok(command.kind === 'monitor' && command.options.once && command.options.json);
  });

  it('parses the subcommands', () => {
    assert.deepEqual(parseCommandLine(['dump', '--format', 'samples', 'x.prom']), {
      kind: 'dump', input: 'x.prom', openmetrics: false, format: 'samples', timeoutMs: 10_000, maxBodyBytes: 64 * 1024 * 1024,
      tls: { caFile: null, insecure: false, caFrom: 'default', insecureFrom: 'default', certFile: null, keyFile: null, certFrom: 'default', keyFrom: 'default' }, auth: null,
    });
    assert.deepEqual(parseCommandLine(['demo', '--serve', '--port', '9999']), { kind: 'demo-serve', port: 9999, peers: 1, faults: [] });
    assert.deepEqual(parseCommandLine(['demo', '--serve', '--peers', '20', '--port', '9000']), { kind: 'demo-serve', port: 9000, peers: 20, faults: [] });
    const faulty = parseCommandLine(['demo', '--serve', '--faults', 'refused@10s-20s,restart@40s']);
    assert.ok(faulty.kind === 'demo-serve' && faulty.faults.length === 2, JSON.stringify(faulty));
    const bad = parseCommandLine(['demo', '--serve', '--faults', 'meltdown']);
    assert.ok(bad.kind === 'error' && /--faults/.test(bad.message));
    const record = parseCommandLine(['record', '--out', 'rec', '--demo', '--duration', '10s', '--interval', '1s']);
    assert.ok(record.kind === 'record' && record.out === 'rec' && !record.append && record.durationMs === 10_000 && record.poll.demo);
    const append = parseCommandLine(['record', '--out', 'rec', '--append']);
    assert.ok(append.kind === 'record' && append.append);
    const stdin = parseCommandLine(['dump']);
    assert.ok(stdin.kind === 'dump' && stdin.input === null, 'no operand: the CLI decides by whether stdin is a terminal');
  });

  it('repeated --metrics are kept in order', () => {
    const command = parseCommandLine(['--metrics', 'http://a:1/metrics', '--metrics', 'http://b:2/metrics', '--once']);
    assert.equal(command.kind, 'monitor');
    if (command.kind !== 'monitor') return;
    assert.deepEqual(command.options.metricsTargets, [{ url: 'http://a:1/metrics', name: null }, { url: 'http://b:2/metrics', name: null }]);
    assert.equal(command.options.targetsFile, null);
    const demo = parseCommandLine(['--demo']);
    assert.ok(demo.kind === 'monitor' && demo.options.demoPeers === 5 && demo.options.metricsTargets.length === 0);
  });

  it('--metrics name=URL names the peer; a URL whose query holds = stays a URL', () => {
    const command = parseCommandLine(['--metrics', 'peer1=http://a:1/metrics', '--metrics', 'http://b:2/metrics?x=1']);
    assert.ok(command.kind === 'monitor');
    assert.deepEqual(command.options.metricsTargets, [{ url: 'http://a:1/metrics', name: 'peer1' }, { url: 'http://b:2/metrics?x=1', name: null }]);
    const bare = parseCommandLine(['--metrics', 'peer1=a:1']);
    assert.ok(bare.kind === 'error' && /^--metrics: .*did you mean http:\/\/a:1\/metrics\?/.test(bare.message), JSON.stringify(bare));
  });

  it('rejects bad input with one clear line', () => {
    const cases: [string[], RegExp][] = [
      [['--quantile', '95'], /--quantile must be a number from 0 to 1/],
      [['--window', '1s', '--interval', '2s'], /--window must be longer than --interval/],
      [['--demo', '--replay', 'x'], /exclude each other/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['record'], /record needs --out DIR/],
      [['--once', '--append'], /^--append belongs to record /],
      [['demo'], /demo needs --serve/],
      [['--max-body', 'lots'], /--max-body takes a size/],
      [['--promql-compat', '2.0'], /--promql-compat must be 3 or 2.42/],
      [['--no-traces', '--jaeger', 'http://j'], /--no-traces cannot be combined with --jaeger/],
      [['--metrics-token-file', 'a', '--metrics-basic-auth-file', 'b'], /exclude each other/],
      [['--cacert', ''], /--cacert needs a file/],
      [['config', 'extra'], /unexpected argument "extra"/],
      [['--metrics', '127.0.0.1:8888'], /^--metrics: invalid URL "127\.0\.0\.1:8888"; did you mean http:\/\/127\.0\.0\.1:8888\/metrics\?$/],
      [['--metrics', 'localhost:9090/m'], /^--metrics: unsupported URL scheme .*; did you mean http:\/\/localhost:9090\/m\?$/],
      [['--metrics', 'http://127.0.0.1:99999/metrics'], /^--metrics: invalid URL .*; give a full URL such as http:\/\/HOST:PORT\/metrics$/],
      [['--metrics', 'http://[::1/metrics'], /^--metrics: invalid URL/],
      [['--bogus'], /^unknown option --bogus; see cluster-top --help$/],
      [['--demo', '--faults', 'stall'], /^--faults belongs to demo --serve /],
      [['--port', '9464'], /^--port belongs to demo --serve /],
      [['record', '--out', 'x', '--serve'], /^--serve belongs to demo --serve /],
      [['--peers', '3'], /^--peers belongs to demo --serve /],
      [['demo', '--serve', '--peers', '501'], /^--peers must be a whole number from 1 to 500$/],
      [['demo', '--serve', '--peers', '3', '--faults', 'stall'], /^--faults apply to one demo peer/],
      [['demo', '--serve', '--peers', '3', '--port', '65534'], /leaves no room for 3 peers/],
      [['--demo-peers', '3'], /^--demo-peers belongs to --demo /],
      [['--demo', '--demo-peers', '0'], /^--demo-peers must be a whole number from 1 to 500$/],
      [['--demo', '--targets', 'f'], /^--targets cannot be combined with --demo or --replay$/],
      [['--jsno'], /^unknown option --jsno; did you mean --json\?$/],
      [['--metric', 'http://x'], /^unknown option --metric; did you mean --metrics\?$/],
      [['--no-trace'], /^unknown option --no-trace; did you mean --no-traces\?$/],
      [['--bo\x1b[2Jgus'], /^unknown option --bo\\x1b\[2Jgus; see cluster-top --help$/],
      [['--interval', '-1s'], /^--interval needs a value; one that starts with "-" is written --interval=VALUE$/],
      [['--interval'], /^--interval needs a value$/],
      [['--once=yes'], /^--once takes no value$/],
      [['--jaeger', 'jaeger:16686'], /^--jaeger: unsupported URL scheme .*; did you mean http:\/\/jaeger:16686\?$/],
    ];
    for (const [argv, expected] of cases) {
      const command = parseCommandLine(argv);
      assert.equal(command.kind, 'error', argv.join(' '));
      if (command.kind === 'error') {
        assert.match(command.message, expected);
        assert.ok(!command.message.includes('\n'));
      }
    }
  });
});
