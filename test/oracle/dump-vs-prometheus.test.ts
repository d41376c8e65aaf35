// `cluster-top dump` against the real Prometheus scraper (Debian's 2.42): each edge-case payload
// is served on 127.0.0.1 and scraped by Prometheus; a payload Prometheus rejects (up == 0) must be
// rejected by dump (exit 1, line:col), and for one it accepts, dump must list exactly the series
// and values Prometheus stored.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startPrometheus } from '../support/prometheus-oracle.js';
import { runCli } from '../support/run-cli.js';

/** Payloads Prometheus accepts: the text-format corners of the team's Prometheus notes §1a. */
const ACCEPTED: Record<string, string> = {
  escapes: 'm{a="back\\\\slash",b="quote\\"d",c="new\\nline",d="other\\\\t kept \\\\x"} 1\n',
  'label sets': 'm{} 1\nn{a="1",} 2\no{a="1" b="2"} 3\np{ a = "1" , b="" } 4\n',
  'float forms': [
    'v{k="a"} 1e3', 'v{k="b"} .5', 'v{k="c"} 5.', 'v{k="d"} +3', 'v{k="e"} 0042', 'v{k="f"} NaN',
    'v{k="g"} Inf', 'v{k="h"} -inf', 'v{k="i"} 1.7976931348623157e308', 'v{k="j"} 5e-324', 'v{k="k"} 1.048576e+06',
  ].join('\n') + '\n',
  'comments and metadata': '# a comment\n#\n# HELP x some help\n# TYPE x counter\n# TYPE x counter\n\nx 7\n# HELPER not meta\n:colon:name 1\ny 2\n# TYPE y gauge\n',
  'counters named _count': '# TYPE ipfscluster_opencensus_io_http_server_request_count counter\nipfscluster_opencensus_io_http_server_request_count 12\n# TYPE g_count gauge\ng_count 3\n',
  'no final newline, blanks and tabs': 'a\t{x="1"}\t5\t\nb  6',
  'glued value': 'x{a="1"}7\n',
};

/** Payloads Prometheus rejects (the whole scrape fails). */
const REJECTED: Record<string, string> = {
  crlf: 'a 1\r\nb 2\r\n',
  'duplicate label': 'a{x="1",x="2"} 1\n',
  'hex float': 'a 0x1p-3\n',
  underscore: 'a 1_000\n',
  'out of range': 'a 1e400\n',
  'leading blanks': '  a 1\n',
  'negative timestamp': 'a 1 -5\n',
  'two blanks before type': '# TYPE a  counter\na 1\n',
  'single quotes': "a{x='1'} 1\n",
  'leading comma': 'a{,x="1"} 1\n',
  'unknown type': '# TYPE a counters\na 1\n',
};

const PROMETHEUS_OWN = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added']);

interface Stored {
  readonly key: string;
  readonly value: string;
}

/** A series as `name{k="v",…}` with sorted labels, and its value normalised to a string. */
function keyOf(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).filter(([k, v]) => k !== '__name__' && k !== 'job' && k !== 'instance' && v !== '').sort(([a], [b]) => (a < b ? -1 : 1));
  return `${name}{${pairs.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

function normalValue(v: number | string): string {
  const n = typeof v === 'number' ? v : Number(v === '+Inf' ? Infinity : v === '-Inf' ? -Infinity : v);
  return Number.isNaN(n) ? 'NaN' : String(n);
}

describe('dump agrees with the Prometheus scraper on edge-case payloads', () => {
  const names = [...Object.keys(ACCEPTED), ...Object.keys(REJECTED)];
  const bodies = { ...ACCEPTED, ...REJECTED };
  const work = mkdtempSync(join(tmpdir(), 'cluster-top-dump-oracle-'));
  const server = createServer((req, res) => {
    const i = Number(/^\/p\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    const body = bodies[names[i]];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    res.end(body);
  });
  let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
  const up = new Map<string, number>();
  const stored = new Map<string, Stored[]>();

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const jobs = names.map((_, i) => `  - job_name: p${i}\n    metrics_path: /p/${i}\n    static_configs: [{ targets: ['127.0.0.1:${port}'] }]\n`).join('');
    prometheus = await startPrometheus(work, `global: { scrape_interval: 1s, scrape_timeout: 900ms }\nscrape_configs:\n${jobs}`);
    const query = async (q: string) => {
      const r = (await (await fetch(`${prometheus.base}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      return r.data.result;
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await query('up')).length < names.length) await new Promise((r) => setTimeout(r, 250));
    for (const row of await query('up')) up.set(row.metric.job, Number(row.value[1]));
    for (const [i] of names.entries()) {
      const rows = await query(`{job="p${i}"}`);
      stored.set(`p${i}`, rows.filter((r) => !PROMETHEUS_OWN.has(r.metric.__name__)).map((r) => ({ key: keyOf(r.metric.__name__, r.metric), value: normalValue(r.value[1]) })));
    }
  });
  after(async () => {
    await prometheus?.stop();
    server.close();
    rmSync(work, { recursive: true, force: true });
  });

  for (const [i, name] of names.entries()) {
    const accepted = name in ACCEPTED;
    it(`${accepted ? 'accepts' : 'rejects'} ${name}`, async () => {
      assert.equal(up.get(`p${i}`), accepted ? 1 : 0, `Prometheus' verdict on ${name}`);
      const file = join(work, `payload-${i}.prom`);
      writeFileSync(file, bodies[name]);
      const result = await runCli(['dump', '--format', 'samples', file]);
      if (!accepted) {
        assert.equal(result.code, 1, result.stdout);
        assert.match(result.stderr, /^\d+:\d+: \S/);
        return;
      }
      assert.equal(result.code, 0, result.stderr);
      const ours = (JSON.parse(result.stdout) as { name: string; labels: Record<string, string>; value: number | string }[])
        .map((s) => ({ key: keyOf(s.name, s.labels), value: normalValue(s.value) }))
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      const theirs = [...stored.get(`p${i}`)!].sort((a, b) => (a.key < b.key ? -1 : 1));
      assert.ok(theirs.length > 0, 'Prometheus stored the series');
      assert.deepEqual(ours, theirs);
    });
  }
});
