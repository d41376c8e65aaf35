// The traces pane inside the live dashboard, hosted by ink-testing-library (100 columns, the
// frames drawn by a ScreenWriter on a 100×24 ScreenModel) and driven with stdin.write: a loopback Jaeger serving the fixture search, the keys of the list,
// the waterfall and the span page, filters and pickers, the `t` jump from the latency pane
// (operation and quantile sent to Jaeger), a Jaeger failure that stays in the pane and is
// retried, searches that never overlap, the service picker, and a trace fetched on demand.
import assert from 'node:assert/strict';
import { afterEach, describe, it, type TestContext } from 'node:test';
import { render } from 'ink-testing-library';
import type { TraceSummary } from '../../src/model/traces/summary.js';
import type { JaegerResult, SearchQuery, SearchResult } from '../../src/sources/jaeger/client.js';
import { createJaegerClient } from '../../src/sources/jaeger/client.js';
import { Dashboard } from '../../src/ui/dashboard.js';
import type { TracesClient } from '../../src/ui/use-traces-loop.js';
import type { DashboardTraces } from '../../src/ui/use-traces-pane.js';
import { fixture, json, serveJaeger, v1Error, type LoopbackJaeger } from '../sources/jaeger/loopback-jaeger.js';
import { ScreenContext } from '../../src/ui/screen-context.js';
import { ScreenWriter } from '../../src/ui/screen-writer.js';
import { ScreenModel } from './screen-model.js';
import { scriptedPoll, syntheticSamples, waitFor } from './support.js';
import { fixtureTraces, NOW_MS, SERVICE } from './traces-support.js';

/** What the screen writer sends before drawing a whole frame. */
const WHOLE_REPAINT = '\u001B[0m\u001B[H\u001B[2J';

let unmount: (() => void) | null = null;
afterEach(() => {
  unmount?.();
  unmount = null;
});

/** The dashboard on ink-testing-library with the synthetic peer and `traces`. */
function start(traces: DashboardTraces) {
  const { poll } = scriptedPoll(syntheticSamples(8));
  const screen = new ScreenModel(100, 24);
  let bytes = '';
  const writer = new ScreenWriter({
    write: (text: string) => {
      bytes += text;
      screen.write(text);
    },
  });
  const r = render(
    <ScreenContext.Provider value={writer}>
      <Dashboard target="http://peer0:8888/metrics" poll={poll} intervalMs={10} windowMs={60_000} maxSamples={100} quantile={0.95} variant="prom3" ascii={false} color={false} now={() => NOW_MS} traces={traces} />
    </ScreenContext.Provider>,
  );
  unmount = r.unmount;
  /** Every byte drawn so far, without the clear that starts a whole repaint. */
  const raw = () => bytes.replaceAll(WHOLE_REPAINT, '');
  const frame = () => screen.text();
  /** Writes `keys` and waits until the frame satisfies `expect`. */
  const press = async (keys: string, expect: (f: string) => boolean, what: string): Promise<string> => {
    r.stdin.write(keys);
    await waitFor(() => expect(frame()), what);
    return frame();
  };
  return { frame, raw, press };
}

/** Settings for a client of `origin`. */
function settings(t: TestContext, origin: string, changes: Partial<DashboardTraces> = {}): DashboardTraces {
  const client = createJaegerClient({ url: origin, timeoutMs: 5000 });
  t.after(() => client.close());
  return { client, jaegerUrl: origin, service: null, lookbackMs: 3_600_000, limit: 20, refreshMs: 60_000, hostname: 'elsewhere', hyperlinks: false, now: () => NOW_MS, ...changes };
}

/** A loopback Jaeger with one peer service answering the fixture search. */
async function fixtureJaeger(t: TestContext): Promise<LoopbackJaeger> {
  return serveJaeger(t, (path) => {
    if (path === '/api/services') return json({ data: ['jaeger-all-in-one', SERVICE], total: 2 });
    if (path === '/api/traces') return { body: fixture('search-cluster-daemon-peer0.json') };
    return v1Error(404, 'trace not found');
  });
}

const line = (f: string, i: number) => f.split('\n')[i] ?? '';
/** The selected row of the latency pane (the first one marked). */
const selected = (f: string) => f.split('\n').find((l) => l.startsWith('› '));
/** The selected row of the traces pane. */
const picked = (f: string) => {
  const rows = f.split('\n');
  return rows.slice(rows.findIndex((l) => /^(━━|──) Traces/.test(l))).find((l) => l.startsWith('› '));
};

describe('the traces pane in the dashboard', () => {
  it('browses the list, a waterfall and a span with the keys', async (t) => {
    const jaeger = await fixtureJaeger(t);
    const d = start(settings(t, jaeger.origin));
    await waitFor(() => /── Traces · cluster-daemon-peer0 · 8 traces · (\d+-\d+ of 8 · )?most recent/.test(d.frame()), 'the list');
    let f = await d.press('\t', (x) => x.includes('━━ Traces'), 'Tab to the traces pane');
    assert.match(line(f, 22), /^↑↓\/jk select {2}⏎ open {2}s sort {2}e errors {2}m min time {2}o operation {2}x clear/);
    assert.equal(f.split('\n').filter((l) => / ago +[0-9a-f]{7}$/.test(l)).length, 8, 'the focused pane grows to show every row');
    await d.press('j', (x) => picked(x)?.includes('ae9289b') === true, 'j');
    await d.press('G', (x) => picked(x)?.includes('4589241') === true, 'G');
    await d.press('s', (x) => x.includes('· longest ·') && picked(x)?.includes('4589241') === true, 's keeps the selected trace');
    await d.press('g', (x) => picked(x)?.includes('ae9289b') === true, 'g: the longest first');

    f = await d.press('\r', (x) => x.includes('━━ Traces · trace ae9289b'), 'Enter opens the waterfall');
    assert.match(f, /<trace-without-root-span>/);
    assert.match(f, /› ▾ \(missing parent\) cluster\/sendInform/);
    assert.match(line(f, 22), /^↑↓\/jk span {2}⏎ details {2}h\/l fold {2}c fold all {2}Esc list/);
    f = await d.press('h', (x) => x.includes('› ▸ (missing parent)'), 'h folds the span');
    assert.equal(f.includes('informer/disk/GetMetric    '), true, 'the other orphans stay unfolded');
    await d.press('l', (x) => x.includes('› ▾ (missing parent)'), 'l unfolds it');
    f = await d.press('c', (x) => x.split('\n').filter((l) => l.includes('▸ (missing parent)')).length === 3, 'c folds all');
    await d.press('c', (x) => x.includes('▾ (missing parent)'), 'c unfolds all');
    f = await d.press('j\r', (x) => x.includes('Tags') && x.includes('informer/disk/GetMetric'), 'Enter on a span opens its page');
    assert.match(f, /start \+\d/);
    await d.press('\u001B', (x) => x.includes('━━ Traces · trace ae9289b') && !x.includes('Tags'), 'Esc back to the waterfall');
    f = await d.press('\u001B', (x) => x.includes('· longest ·'), 'Esc back to the list');
    assert.equal(picked(f)?.includes('ae9289b'), true);

    f = await d.press('e', (x) => x.includes('filter: errors only'), 'e: errors only');
    assert.match(f, /2 of 8 traces/);
    f = await d.press('m', (x) => x.includes('span ≥ 1.0ms'), 'm: at least 1 ms');
    await d.press('x', (x) => !x.includes('filter:') && x.includes('8 traces'), 'x clears the filter');
    f = await d.press('o', (x) => x.includes('filter by operation'), 'o: the operation picker');
    assert.match(f, /› all operations/);
    await d.press('jjjjj', (x) => picked(x)?.includes('GET /pins/{cid}') === true, 'five down');
    f = await d.press('\r', (x) => x.includes('filter: operation GET /pins/{cid}'), 'Enter keeps the operation');
    assert.match(f, /1 of 8 traces/);
    assert.equal(jaeger.seen.filter((s) => s.path === '/api/traces').every((s) => !s.query.has('operation')), true, 'a group is filtered here, not by Jaeger');
    await d.press('\u001B', (x) => !x.includes('filter:'), 'Esc clears the filter');
    await d.press('\u001B[Z', (x) => x.includes('━━ RPC latency'), 'Shift-Tab leaves the pane; the dashboard keeps its keys');
  });

  it('jumps from a method to its traces with t: Recv.<method>, at least its quantile', async (t) => {
    const jaeger = await fixtureJaeger(t);
    const d = start(settings(t, jaeger.origin));
    // The eighth (last) scrape gives Cluster.SendInformersMetrics its p95 of 91.25 ms.
    await waitFor(() => d.frame().includes('8 traces') && d.frame().includes('Cluster.SendInformersMetrics   91.2 ms'), 'data and traces');
    assert.match(line(d.frame(), 22), /^↑↓\/jk select {2}⏎ chart {2}t traces/);
    await d.press('j', (x) => selected(x)?.includes('Cluster.SendInformersMetrics') === true, 'select a method');
    const f = await d.press('t', (x) => x.includes('━━ Traces') && x.includes('filter: operation Recv.Cluster.SendInformersMetrics · span ≥ 91.2ms'), 't');
    assert.match(f, /no trace matches the filter in the last 1h/);
    await waitFor(() => jaeger.seen.some((s) => s.query.get('operation') === 'Recv.Cluster.SendInformersMetrics'), 'the search sent to Jaeger');
    const sent = jaeger.seen.find((s) => s.query.get('operation') === 'Recv.Cluster.SendInformersMetrics')!;
    assert.deepEqual([sent.query.get('service'), sent.query.get('minDuration'), sent.query.get('limit')], [SERVICE, '91.249ms', '20']);
  });

  it('shows a Jaeger failure as one line in the pane, keeps the metrics, and retries', async (t) => {
    let searches = 0;
    const jaeger = await serveJaeger(t, (path) => {
      if (path === '/api/services') return json({ data: [SERVICE], total: 1 });
      searches++;
      if (searches === 1) return { status: 200, type: 'application/json', body: '{"data": [oops' };
      if (searches === 2) return v1Error(500, 'badger: too many open files\u001b[2J');
      return { body: fixture('search-cluster-daemon-peer0.json') };
    });
    const d = start(settings(t, jaeger.origin, { refreshMs: 25 }));
    await waitFor(() => d.frame().includes('sent invalid JSON for /api/traces'), 'the garbage');
    assert.match(d.frame(), /IPFSConnector\.Pin/);
    const f = d.frame();
    await waitFor(() => d.frame().includes('answered HTTP 500'), 'the 500');
    assert.ok(d.frame().split('\n').some((l) => l.startsWith('Jaeger at 127.0.0.1:') && l.includes(' answered HTTP 500 Internal Server Error to /api/traces: badger: too many')), 'one line');
    assert.equal(d.raw().includes('\u001b[2J'), false, 'escaped');
    assert.equal(line(f, 0), line(d.frame(), 0), 'the header does not change');
    await waitFor(() => d.frame().includes('8 traces') && !d.frame().includes('retrying'), 'the list after the retry');
  });

  it('never searches twice at once, and searches again at once for a new query', async (t) => {
    const traces = fixtureTraces();
    const queries: SearchQuery[] = [];
    let inFlight = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const client: TracesClient = {
      resolveService: async () => ({ ok: true, value: { kind: 'several', services: ['cluster-daemon-here', SERVICE, 'cluster-daemon-peer1'] } }),
      search: async (query) => {
        queries.push(query);
        most = Math.max(most, ++inFlight);
        if (queries.length === 2) await new Promise<void>((resolve) => (release = resolve));
        else await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        const result: SearchResult = { summaries: [] as TraceSummary[], traces: traces.slice(0, 0), warnings: [], query, api: 'v1', fetchedAtMs: NOW_MS };
        return { ok: true, value: result } satisfies JaegerResult<SearchResult>;
      },
      getTrace: async () => ({ ok: false, error: { kind: 'not-found', message: 'no' } }),
      noServiceError: () => ({ kind: 'no-service', message: 'none' }),
    };
    const d = start({ client, jaegerUrl: 'http://jaeger:16686', service: null, lookbackMs: 3_600_000, limit: 20, refreshMs: 1, hyperlinks: false, now: () => NOW_MS });
    await waitFor(() => queries.length === 2, 'the second search, held');
    await waitFor(() => d.frame().includes('1 of 3 peers (v)'), 'the service picker hint');
    assert.equal(queries[0].service, 'cluster-daemon-here', "this host's service first");
    await d.press('\t', (x) => x.includes('━━ Traces'), 'focus');
    await d.press('v', (x) => x.includes('peer service'), 'v: the picker');
    await d.press('j\r', (x) => !x.includes('peer service'), 'pick the second service');
    assert.equal(queries.length, 2, 'no search while one is in flight');
    release();
    await waitFor(() => queries.length >= 4, 'the search for the picked service, then the refresh');
    assert.equal(queries[2].service, SERVICE);
    assert.equal(most, 1);
  });

  it('fetches a trace the search did not bring (v3 summaries)', async (t) => {
    const [trace] = fixtureTraces();
    const got: string[] = [];
    const jaeger = await serveJaeger(t, (path) => {
      if (path === '/api/services') return json({ data: [SERVICE], total: 1 });
      if (path === '/api/traces') return { status: 404, type: 'text/plain; charset=utf-8', body: '404 page not found\n' };
      if (path === '/api/v3/trace-summaries') {
        const ns = (us: number) => `${us}000`;
        return json({ summaries: [{ traceId: trace.traceID, rootServiceName: SERVICE, rootOperationName: 'Recv.127.0.0.1:9094:/pins:GET', minStartTimeUnixNano: ns(trace.spans[9].startTimeUs), maxEndTimeUnixNano: ns(trace.spans[9].startTimeUs + 47880), spanCount: 10, services: [{ name: SERVICE, spanCount: 10 }] }] });
      }
      got.push(path);
      return { body: JSON.stringify({ data: [JSON.parse(fixture('search-cluster-daemon-peer0.json')).data[0]] }) };
    });
    const d = start(settings(t, jaeger.origin));
    await waitFor(() => d.frame().includes('1 trace'), 'the row from the summaries');
    await d.press('\t', (x) => x.includes('━━ Traces'), 'focus');
    const f = await d.press('\r', (x) => x.includes('cluster/StatusAll'), 'the fetched trace');
    assert.deepEqual(got, [`/api/traces/${trace.traceID}`]);
    assert.match(f, /http:\/\/127\.0\.0\.1:\d+\/trace\/4beaa3a8f46bd6c9447902731d343584/);
  });
});
