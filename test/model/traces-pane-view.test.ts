// The traces pane's view-model decisions that are not pictures: what goes to Jaeger and what is
// filtered here, trusting what Jaeger applied to its own summaries, the `t` jump target from the
// latency view, the key hints of each traces page, and the loop status reducer.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeLayout } from '../../src/model/dashboard-layout.js';
import { buildDashboardView, type DisplayInput } from '../../src/model/dashboard-view.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { keyHints } from '../../src/model/key-hints.js';
import { initialScrapeStatus } from '../../src/model/scrape-status.js';
import { INITIAL_TRACES_DISPLAY } from '../../src/model/traces-display.js';
import { isExactOperation, listedTraces, tracesPaneRows, tracesQuery } from '../../src/model/traces-pane-view.js';
import { INITIAL_TRACES_STATUS, tracesStatusReducer } from '../../src/model/traces-status.js';
import { sampleTime, syntheticState } from '../ui/support.js';
import { fixtureSearch, fixtureStatus, traceStarting } from '../ui/traces-support.js';

describe('what the traces pane asks Jaeger', () => {
  it('sends exact operation names and the minimum duration; groups are filtered here', () => {
    assert.deepEqual(tracesQuery(INITIAL_TRACES_DISPLAY), { service: null });
    const jump = { ...INITIAL_TRACES_DISPLAY, service: 'cluster-daemon-peer1', filter: { operation: 'Recv.Cluster.Pin', minDurationUs: 43_000, errorsOnly: true } };
    assert.deepEqual(tracesQuery(jump), { service: 'cluster-daemon-peer1', operation: 'Recv.Cluster.Pin', minDurationUs: 43_000 });
    assert.deepEqual(tracesQuery({ ...INITIAL_TRACES_DISPLAY, filter: { operation: 'POST /pins/{cid}' } }), { service: null });
    for (const op of ['POST /pins/{cid}', 'Sent POST /api/v0/pin/ls', 'proxy POST /api/v0/add', 'GET /id']) assert.equal(isExactOperation(op), false, op);
    for (const op of ['Recv.Cluster.Pin', 'cluster/Pin', 'Recv.127.0.0.1:9094:/id:GET']) assert.equal(isExactOperation(op), true, op);
  });

  it('filters and sorts the rows, trusting Jaeger for what it applied to server-side summaries', () => {
    const errorsFirst = { ...INITIAL_TRACES_DISPLAY, order: 'most-errors' as const, filter: { errorsOnly: true } };
    assert.deepEqual(listedTraces(fixtureSearch(), errorsFirst).map((s) => s.traceID.slice(0, 7)), ['e6449ca', '48d6e09'], 'one error each: most recent first');
    const group = { ...INITIAL_TRACES_DISPLAY, filter: { operation: 'GET /pins/{cid}' } };
    assert.deepEqual(listedTraces(fixtureSearch(), group).map((s) => s.traceID.slice(0, 7)), ['48d6e09']);
    // v3 summaries know only the root operation: what Jaeger filtered on a child span stays listed.
    const summaries = fixtureSearch().summaries.map((s) => ({ ...s, operations: null }));
    const server = { ...fixtureSearch(), summaries, traces: null, operation: 'cluster/StatusAll', minDurationUs: undefined };
    const byChild = { ...INITIAL_TRACES_DISPLAY, filter: { operation: 'cluster/StatusAll' } };
    assert.equal(listedTraces(server, byChild).length, 8);
    assert.equal(listedTraces({ ...server, operation: undefined }, byChild).length, 0, 'not asked of Jaeger: only the root is known');
    assert.deepEqual(listedTraces(null, INITIAL_TRACES_DISPLAY), []);
  });
});

describe('the rows the traces pane can fill', () => {
  it('counts title, error and filter lines, caption and rows of the list and pickers; nothing for a waterfall or an empty list', () => {
    const status = fixtureStatus();
    const n = listedTraces(status.search, INITIAL_TRACES_DISPLAY).length;
    assert.equal(tracesPaneRows({ status, display: INITIAL_TRACES_DISPLAY }), 2 + n);
    const errors = { ...INITIAL_TRACES_DISPLAY, filter: { errorsOnly: true } };
    assert.equal(tracesPaneRows({ status: { ...status, error: 'HTTP 502' }, display: errors }), 4 + listedTraces(status.search, errors).length);
    assert.equal(tracesPaneRows({ status: { ...status, services: ['a', 'b'] }, display: { ...INITIAL_TRACES_DISPLAY, mode: 'services' } }), 3);
    assert.equal(tracesPaneRows({ status, display: { ...INITIAL_TRACES_DISPLAY, mode: 'trace', openTrace: 'x' } }), undefined);
    assert.equal(tracesPaneRows({ status: { ...status, search: null }, display: INITIAL_TRACES_DISPLAY }), undefined);
    assert.equal(tracesPaneRows({ status, display: { ...INITIAL_TRACES_DISPLAY, filter: { operation: 'no such operation' } } }), undefined);
  });
});

describe('the t jump and the key hints', () => {
  const { snapshot, trend } = syntheticState(8);
  const status = { ...initialScrapeStatus(1000), snapshot, trend, lastOkMs: sampleTime(7), updatedMs: sampleTime(7) };
  const display: DisplayInput = { focus: 'latency', selected: 'PinTracker.Status', sort: 'latency', quantile: 0.95, chartOpen: false, helpOpen: false, helpOffset: 0, paused: false, filter: '', filterEditing: false };
  const traces = { status: fixtureStatus(), display: INITIAL_TRACES_DISPLAY, waterfall: null, jaegerUrl: 'http://127.0.0.1:16686', hyperlinks: false, refreshMs: 10_000, lookbackMs: 3_600_000 };
  const view = (columns: number, rows: number, withTraces = true) =>
    buildDashboardView({ target: 'http://peer0:8888/metrics', status, display, layout: computeLayout(columns, rows, { chartOpen: false, traces: withTraces ? 'compact' : 'off' }), nowMs: sampleTime(8), glyphs: glyphsFor(false), traces: withTraces ? traces : null });

  it('targets Recv.<method> at its current quantile, only while the traces pane is shown', () => {
    assert.deepEqual(view(80, 24).jump, { operation: 'Recv.PinTracker.Status', minDurationUs: 43_000 });
    assert.equal(view(80, 24, false).jump, null, '--no-traces');
    assert.equal(view(79, 40).jump, null, 'folded away below 80 columns');
    assert.match(view(80, 24).keys.map((k) => `${k.key} ${k.label}`).join('  '), /⏎ chart {2}t traces {2}s sort/);
  });

  it('shows the keys of each traces page', () => {
    const text = (traces: 'list' | 'trace' | 'span' | 'operations') =>
      keyHints({ focus: 'traces', helpOpen: false, filterEditing: false, traces }, glyphsFor(true)).map((k) => `${k.key} ${k.label}`).join('  ');
    // `v` is listed with a single service too: it then says there is only one.
    assert.equal(text('list'), 'up/dn/jk select  Enter open  s sort  e errors  m min time  o operation  x clear  v service  Tab pane  1-4 quantile  p pause  +/- interval  ? help  q quit');
    assert.match(text('trace'), /^up\/dn\/jk span {2}Enter details {2}h\/l fold {2}c fold all {2}Esc list {2}Tab pane/);
    assert.match(text('span'), /^up\/dn scroll {2}Esc waterfall/);
    assert.match(text('operations'), /^up\/dn\/jk select {2}Enter choose {2}Esc back/);
  });
});

describe('tracesStatusReducer', () => {
  it('keeps the last rows through a failure, and an opened trace only for the trace asked for', () => {
    const search = fixtureSearch();
    let s = tracesStatusReducer(INITIAL_TRACES_STATUS, { type: 'searching' });
    s = tracesStatusReducer(s, { type: 'searched', search });
    s = tracesStatusReducer(s, { type: 'failed', message: 'refused', atMs: 5 });
    assert.deepEqual([s.search, s.error, s.searching, s.service], [search, 'refused', false, 'cluster-daemon-peer0']);
    assert.equal(tracesStatusReducer(s, { type: 'searched', search }).error, null);
    const trace = traceStarting('4beaa3a');
    s = tracesStatusReducer(s, { type: 'trace-opening', traceID: trace.traceID });
    assert.equal(tracesStatusReducer(s, { type: 'trace-opened', traceID: 'other', trace }), s, 'a late answer for another trace is dropped');
    assert.equal(tracesStatusReducer(s, { type: 'trace-opened', traceID: trace.traceID, trace }).opened?.trace, trace);
    assert.equal(tracesStatusReducer(s, { type: 'trace-closed' }).opened, null);
    const listed = tracesStatusReducer(s, { type: 'services', services: ['a', 'b'] });
    assert.equal(tracesStatusReducer(listed, { type: 'services', services: ['a', 'b'] }), listed);
  });
});
