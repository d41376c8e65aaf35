// The traces pane's list drawn by ink-testing-library at 80 and 120 columns from the fixture
// search of cluster-daemon-peer0 (docs/jaeger-api.md §7): rows as Jaeger UI derives them, a
// Jaeger failure above the last rows, the filter line, empty states, the pickers, ASCII only and
// escaping on every page (waterfall-pane.test.tsx has the waterfall and the span page).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { glyphsFor } from '../../src/model/glyphs.js';
import { INITIAL_TRACES_DISPLAY } from '../../src/model/traces-display.js';
import { tracesPaneLines } from '../../src/ui/traces-pane.js';
import { lines, paneText } from './support.js';
import { fixtureSearch, fixtureStatus, fixtureTraces, frameOf, NOW_MS, openedDisplay, openedStatus, pane, traceStarting } from './traces-support.js';

const t7 = traceStarting('48d6e09');
const kuboError = t7.spans.find((s) => s.operationName.startsWith('Sent.'))!.spanID;
const rpcStatus = t7.spans.find((s) => s.operationName === 'rpc/tracker/Status')!.spanID;

describe('TracesPane: the list', () => {
  it('lists the traces most recent first with Jaeger UI\'s row values at 80 columns', () => {
    const p = pane({ columns: 80 });
    assert.equal(
      frameOf(p),
      lines(
        '━━ Traces · cluster-daemon-peer0 · 8 traces · most recent · 2s ago ━━━━━━━━━━━━',
        '  trace                             duration         spans err started  id',
        '› Recv.127.0.0.1:9094:/peers:GET      8.9ms ██           8     13s ago  162059e',
        '  <trace-without-root-span>           30.0s ████████    15     45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins/bafybe…   1.7ms █            4   1 1m ago   e6449ca',
        '  Recv.127.0.0.1:9094:/pins/bafybe…   9.2ms ██          10   1 1m ago   48d6e09',
        '  Recv.127.0.0.1:9094:/pins:GET      47.9ms ███         10     3m ago   4beaa3a',
        '  Recv.127.0.0.1:9094:/id:GET         6.4ms ██           6     5m ago   048c6f5',
        '  Recv.127.0.0.1:9094:/pins/bafybe…  16.9ms ███         12     7m ago   a46a575',
        '  Recv.127.0.0.1:9094:/add:POST       412ms █████       14     10m ago  4589241',
        '',
        '',
      ),
    );
    assert.deepEqual(p.screen.items.map((id) => id.slice(0, 7)), ['162059e', 'ae9289b', 'e6449ca', '48d6e09', '4beaa3a', '048c6f5', 'a46a575', '4589241']);
  });

  it('adds the services with span counts at 120 columns, sorts by errors and scrolls to the selection', () => {
    const display = { ...INITIAL_TRACES_DISPLAY, order: 'most-errors' as const, selectedTrace: t7.traceID };
    assert.equal(
      frameOf(pane({ columns: 120, focused: false, height: 8, display })),
      lines(
        '── Traces · cluster-daemon-peer0 · 8 traces · 1-6 of 8 · most errors · 2s ago ─────────────────────────────────────────',
        '  trace                                    duration               spans err services                   started  id',
        '  Recv.127.0.0.1:9094:/pins/bafybeivc57ws…   1.7ms █                  4   1 cluster-daemon-peer0 (4)   1m ago   e6449ca',
        '› Recv.127.0.0.1:9094:/pins/bafybei36xtnf…   9.2ms ███               10   1 cluster-daemon-peer0 (10)  1m ago   48d6e09',
        '  Recv.127.0.0.1:9094:/peers:GET             8.9ms ███                8     cluster-daemon-peer0 (8)   13s ago  162059e',
        '  <trace-without-root-span>                  30.0s ██████████████    15     cluster-daemon-peer0 (15)  45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins:GET             47.9ms █████             10     cluster-daemon-peer0 (10)  3m ago   4beaa3a',
        '  Recv.127.0.0.1:9094:/id:GET                6.4ms ███                6     Kubo (1), cluster-daemon-… 5m ago   048c6f5',
      ),
    );
  });

  it('ages a search that came back after the frame\'s clock as 0s, not as a dash', () => {
    const title = frameOf(pane({ columns: 120, status: fixtureStatus({ search: fixtureSearch(-300) }) })).split('\n')[0];
    assert.match(title, / · 0s ago /);
  });

  it('says there is only one service after v with a single service, above the rows', () => {
    const frame = frameOf(pane({ columns: 80, height: 5, display: { ...INITIAL_TRACES_DISPLAY, notice: 'single-service' } })).split('\n');
    assert.equal(frame[1], 'only one service: cluster-daemon-peer0');
    assert.match(frame[2], /^ {2}trace +duration/);
  });

  it('says why Jaeger failed in one line above the last rows, which stay', () => {
    const status = fixtureStatus({ error: 'connection refused by Jaeger at 127.0.0.1:16686', errorAtMs: NOW_MS });
    assert.equal(
      frameOf(pane({ columns: 80, height: 6, status })),
      lines(
        '━━ Traces · cluster-daemon-peer0 · 8 traces · 1-3 of 8 · most recent ━━━━━━━━━━',
        'connection refused by Jaeger at 127.0.0.1:16686 · retrying every 10s · rows fr…',
        '  trace                             duration         spans err started  id',
        '› Recv.127.0.0.1:9094:/peers:GET      8.9ms ██           8     13s ago  162059e',
        '  <trace-without-root-span>           30.0s ████████    15     45s ago  ae9289b',
        '  Recv.127.0.0.1:9094:/pins/bafybe…   1.7ms █            4   1 1m ago   e6449ca',
      ),
    );
    const first = pane({ status: { ...status, search: null }, height: 3 });
    assert.deepEqual(first.view.lines.map((l) => l.segments.map((s) => s.text).join('')), ['connection refused by Jaeger at 127.0.0.1:16686 · retrying every 10s']);
  });

  it('shows the filter: an operation group, a minimum span duration, errors only', () => {
    const display = { ...INITIAL_TRACES_DISPLAY, filter: { operation: 'GET /pins/{cid}', minDurationUs: 5000, errorsOnly: true } };
    assert.equal(
      frameOf(pane({ columns: 120, height: 5, display })),
      lines(
        '━━ Traces · cluster-daemon-peer0 · 1 of 8 traces · most recent · 2s ago ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'filter: operation GET /pins/{cid} · span ≥ 5.0ms · errors only · x clears',
        '  trace                                    duration               spans err services                   started  id',
        '› Recv.127.0.0.1:9094:/pins/bafybei36xtnf…   9.2ms ██████████████    10   1 cluster-daemon-peer0 (10)  1m ago   48d6e09',
        '',
      ),
    );
  });

  it('explains an empty pane: waiting for Jaeger, no traces, nothing matching', () => {
    const text = (p: ReturnType<typeof pane>) => p.view.lines.map((l) => l.segments.map((s) => s.text).join('')).join('\n');
    assert.equal(text(pane({ status: { ...fixtureStatus(), service: null, search: null, searching: true } })), "asking Jaeger at http://127.0.0.1:16686 for the peer's service…");
    assert.equal(text(pane({ status: fixtureStatus({ search: fixtureSearch(0, []) }) })), 'no traces of cluster-daemon-peer0 in the last 1h');
    const filtered = { ...INITIAL_TRACES_DISPLAY, filter: { operation: 'Recv.Cluster.Pin' } };
    assert.equal(text(pane({ display: filtered })).split('\n')[1], 'no trace matches the filter in the last 1h (x clears it)');
  });
});

describe('TracesPane: pickers, ASCII and escaping', () => {
  it('offers the operation groups (CIDs as {cid}) and the peer services', () => {
    assert.equal(
      frameOf(pane({ columns: 80, height: 6, display: { ...INITIAL_TRACES_DISPLAY, mode: 'operations', pick: 'GET /pins/{cid}' } })),
      lines(
        '━━ Traces · filter by operation · ⏎ choose · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  DELETE /pins/{cid}  (1)',
        '  GET /id  (1)',
        '  GET /peers  (1)',
        '  GET /pins  (1)',
        '› GET /pins/{cid}  (1)',
      ),
    );
    const services = ['cluster-daemon-peer0', 'cluster-daemon-peer1', 'cluster-daemon-peer2'];
    assert.equal(
      frameOf(pane({ columns: 80, height: 4, status: fixtureStatus({ services }), display: { ...INITIAL_TRACES_DISPLAY, mode: 'services', pick: 'cluster-daemon-peer1' } })),
      lines(
        '━━ Traces · peer service · ⏎ choose · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '  cluster-daemon-peer0 (in use)',
        '› cluster-daemon-peer1',
        '  cluster-daemon-peer2',
      ),
    );
  });

  it('draws with ASCII only and never a hyperlink when asked for ASCII', () => {
    const glyphs = glyphsFor(true);
    const pages = [
      pane({ glyphs }),
      pane({ glyphs, status: openedStatus('48d6e09'), display: openedDisplay('48d6e09', { collapsed: new Set([rpcStatus]) }) }),
      pane({ glyphs, status: openedStatus('48d6e09'), display: openedDisplay('48d6e09', { mode: 'span', selectedSpan: kuboError }) }),
    ];
    for (const p of pages) {
      const text = JSON.stringify(p.view);
      assert.equal(/[^\u0000-\u007f]/.test(text), false, text.match(/[^\u0000-\u007f]/)?.[0]);
    }
  });

  it('escapes every remote string: operation names, services, tags, logs, errors', () => {
    const evil = 'op\u001b[2J\u001b]8;;http://evil\u0007x\nnext\u202e';
    const [first, ...rest] = fixtureTraces();
    const bad = {
      ...first,
      spans: first.spans.map((s) => ({
        ...s,
        operationName: evil,
        process: { serviceName: `svc${evil}`, tags: [{ key: evil, type: 'string', value: evil }] },
        tags: [{ key: evil, type: 'string', value: evil }],
        logs: [{ timestampUs: s.startTimeUs, fields: [{ key: 'message', type: 'string', value: evil }] }],
        warnings: [evil],
      })),
    };
    const status = fixtureStatus({ search: fixtureSearch(0, [bad, ...rest]), error: `refused\u001b[31m`, opened: { traceID: bad.traceID, trace: bad, error: null } });
    const pages = [
      pane({ status, columns: 120 }),
      pane({ status, columns: 120, display: { ...INITIAL_TRACES_DISPLAY, mode: 'trace', openTrace: bad.traceID } }),
      pane({ status, columns: 120, height: 40, display: { ...INITIAL_TRACES_DISPLAY, mode: 'span', openTrace: bad.traceID, selectedSpan: bad.spans[0].spanID } }),
      pane({ status, columns: 120, height: 40, display: { ...INITIAL_TRACES_DISPLAY, mode: 'operations' } }),
    ];
    for (const p of pages) {
      const frame = paneText(tracesPaneLines(p.view, false));
      assert.equal(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/.test(frame), false, JSON.stringify(frame));
      assert.ok(frame.includes('op\\x1b[2J'), 'shown as visible escapes');
    }
  });
});
