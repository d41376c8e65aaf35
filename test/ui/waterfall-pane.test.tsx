// The trace waterfall and the span page of the traces pane, drawn by ink-testing-library at 80
// and 120 columns from the fixture traces of cluster-daemon-peer0 (docs/jaeger-api.md §7):
// pre-order rows indented by depth, bars scaled to the width, a collapsed parent hiding an
// error, orphans marked "missing parent", the link (OSC 8 or plain), tags, process tags, logs
// relative to the trace start, warnings, scrolling.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tracesPaneLines } from '../../src/ui/traces-pane.js';
import { lines, paneBytes } from './support.js';
import { fixtureStatus, frameOf, openedDisplay, openedStatus, pane, traceStarting } from './traces-support.js';

const t7 = traceStarting('48d6e09');
const kuboError = t7.spans.find((s) => s.operationName.startsWith('Sent.'))!.spanID;
const rpcStatus = t7.spans.find((s) => s.operationName === 'rpc/tracker/Status')!.spanID;
const informer = traceStarting('ae9289b');

describe('TracesPane: the waterfall', () => {
  it('lays out the spans in pre-order, indented by depth, with bars scaled to 80 columns', () => {
    const p = pane({ columns: 80, height: 15, status: openedStatus('4beaa3a'), display: openedDisplay('4beaa3a') });
    assert.equal(
      frameOf(p),
      lines(
        '━━ Traces · trace 4beaa3a · 10 spans · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'cluster-daemon-peer0: Recv.127.0.0.1:9094:/pins:GET',
        '47.9ms · 10 spans · 8 levels · 1 service · 3m ago',
        'http://127.0.0.1:16686/trace/4beaa3a8f46bd6c9447902731d343584',
        '  span                             took   0μs                23.9ms      47.9ms',
        '› ▾ Recv.127.0.0.1:9094:/pins:…  47.9ms   █████████████████████████████████████',
        '    ▾ cluster/StatusAll          47.7ms   ████████████████████████████████████',
        '      ▾ cluster/globalPinInfoS…  47.6ms   ████████████████████████████████████',
        '          consensus/Peers         911μs   █',
        '        ▾ rpc/tracker/StatusAll  46.4ms   ████████████████████████████████████',
        '          ▾ tracker/stateless/…  46.3ms   ████████████████████████████████████',
        '            ▾ tracker/stateles…  38.9ms   ██████████████████████████████',
        '              ▾ ipfsconn/ipfsh…  38.8ms   ██████████████████████████████',
        '                  Sent.127.0.0…  38.7ms   ██████████████████████████████',
        '              state/dsstate/Li…   7.3ms                                 ██████',
      ),
    );
    assert.equal(p.screen.items.length, 10);
  });

  it('marks a collapsed parent that hides an error, and links the trace (OSC 8) at 120 columns', () => {
    const p = pane({ columns: 120, height: 12, hyperlinks: true, status: openedStatus('48d6e09'), display: openedDisplay('48d6e09', { collapsed: new Set([rpcStatus]), selectedSpan: rpcStatus }) });
    assert.equal(
      frameOf(p),
      lines(
        '━━ Traces · trace 48d6e09 · 10 spans · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'cluster-daemon-peer0: Recv.127.0.0.1:9094:/pins/bafybei36xtnftrmejuibyo3c4ctirz3olail4lvwvmspc57uv6iv7dtetm:GET',
        '9.2ms · 10 spans · 7 levels · 1 service · 1m ago  ✖ 1 error',
        'open in Jaeger UI  trace 48d6e09112f69989e42962b5cf11bd62',
        '  span                                               took   0μs            2.3ms          4.6ms         6.9ms     9.2ms',
        '  ▾ Recv.127.0.0.1:9094:/pins/bafybei36xtnftrmej…   9.2ms   ███████████████████████████████████████████████████████████',
        '    ▾ cluster/Status                                9.1ms   ██████████████████████████████████████████████████████████',
        '      ▾ cluster/globalPinInfoCid                    9.0ms   ██████████████████████████████████████████████████████████',
        '        ▾ cluster/PinGet                            388μs   ███',
        '            state/dsstate/Get                       301μs   ██',
        '          consensus/Peers                           840μs      █████',
        '›       ▸ rpc/tracker/Status                        7.6ms ✖          ████████████████████████████████████████████████',
      ),
    );
    const raw = paneBytes(tracesPaneLines(p.view, false), 119);
    assert.ok(raw.includes('\u001B]8;;http://127.0.0.1:16686/trace/48d6e09112f69989e42962b5cf11bd62\u0007open in Jaeger UI\u001B]8;;\u0007'));
    assert.deepEqual(p.screen.items.length, 7, 'the three spans under rpc/tracker/Status are hidden');
  });

  it('puts orphans at the top level, marked "missing parent", on the trace\'s time scale', () => {
    const p = pane({ columns: 120, height: 10, status: openedStatus('ae9289b'), display: openedDisplay('ae9289b', { selectedSpan: informer.spans[9].spanID }) });
    assert.equal(
      frameOf(p),
      lines(
        '━━ Traces · trace ae9289b · 2-6 of 15 rows · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        '<trace-without-root-span>',
        '30.0s · 15 spans · 4 levels · 1 service · 45s ago',
        'http://127.0.0.1:16686/trace/ae9289bb53134bc0113809045f3b95ab',
        '  span                                               took   0μs            7.5s           15.0s         22.5s     30.0s',
        '    ▾ informer/disk/GetMetric                       2.6ms   █',
        '      ▾ ipfsconn/ipfshttp/RepoStat                  2.5ms   █',
        '          Sent.127.0.0.1:5001:/api/v0/repo/stat:…   2.5ms   █',
        '      monitor/pubsub/PublishMetric                  655μs   █',
        '› ▾ (missing parent) cluster/sendInformerMetric     3.4ms                                █',
      ),
    );
  });

  it('says the trace is loading, or why it could not be loaded', () => {
    const id = t7.traceID;
    const loading = pane({ status: fixtureStatus({ opened: { traceID: id, trace: null, error: null } }), display: openedDisplay('48d6e09') });
    assert.equal(loading.view.lines[0].segments[0].text, `loading trace ${id} from Jaeger…`);
    const failed = pane({ status: fixtureStatus({ opened: { traceID: id, trace: null, error: `trace ${id} not found in Jaeger at 127.0.0.1:16686` } }), display: openedDisplay('48d6e09') });
    assert.equal(failed.view.lines[0].segments[0].text, `trace ${id} not found in Jaeger at 127.0.0.1:16686`);
  });
});

describe('TracesPane: the span page', () => {
  it('shows tags, process tags and logs at times relative to the trace start at 80 columns', () => {
    const p = pane({ columns: 80, height: 24, status: openedStatus('48d6e09'), display: openedDisplay('48d6e09', { mode: 'span', selectedSpan: kuboError }) });
    assert.equal(
      frameOf(p),
      lines(
        '━━ Traces · trace 48d6e09 · span f00bd1f · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'cluster-daemon-peer0: Sent.127.0.0.1:5001:/api/v0/pin/ls:POST  ✖ error',
        'start +1.5ms · took 7.3ms · span f00bd1fc15a0632a · parent c4bb67950967e088',
        'Tags',
        '  http.status_code  500',
        '  http.host         127.0.0.1:5001',
        '  http.path         /api/v0/pin/ls',
        '  http.url          http://127.0.0.1:5001/api/v0/pin/ls?stream=true&arg=bafybe…',
        '  http.method       POST',
        '  status.code       2',
        '  status.message    UNKNOWN',
        '  error             true',
        'Process cluster-daemon-peer0',
        '  cluster_id  12D3KooWuCk13ksm9yfWYBqVUrvdG5to1ecy4AhVKy2qsnbPeH55',
        'Logs',
        '  +1.5ms    httptrace.get_connection.host_port=127.0.0.1:5001  message=GetConn',
        '  +1.6ms    httptrace.got_connection.reused=true  httptrace.got_connection.was…',
        '  +1.6ms    message=WroteHeaders',
        '  +1.6ms    message=WroteRequest',
        '  +8.8ms    message=GotFirstResponseByte',
        '',
        '',
        '',
        '',
      ),
    );
  });

  it('shows the missing parent and the warnings at 120 columns, and scrolls', () => {
    const orphan = informer.spans.find((s) => s.operationName === 'cluster/sendInformerMetric')!.spanID;
    const display = openedDisplay('ae9289b', { mode: 'span', selectedSpan: orphan });
    assert.equal(
      frameOf(pane({ columns: 120, height: 12, status: openedStatus('ae9289b'), display })),
      lines(
        '━━ Traces · trace ae9289b · span 6b46bff · Esc back ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━',
        'cluster-daemon-peer0: cluster/sendInformerMetric',
        'start +0μs · took 3.4ms · span 6b46bff47b1d21eb · missing parent 52a8d7ca4442cf12',
        'Tags',
        '  status.code     0',
        '  status.message',
        'Process cluster-daemon-peer0',
        '  cluster_id  12D3KooWuCk13ksm9yfWYBqVUrvdG5to1ecy4AhVKy2qsnbPeH55',
        'Warnings',
        '  invalid parent span IDs=52a8d7ca4442cf12; skipping clock skew adjustment',
        '',
        '',
      ),
    );
    const short = pane({ columns: 120, height: 5, status: openedStatus('ae9289b'), display: { ...display, detailOffset: 99 } });
    assert.equal(short.screen.maxOffset, 5);
    assert.match(short.view.title.text, /· 6-9 of 9 lines ·/);
    assert.equal(short.view.lines[3].segments.map((s) => s.text).join(''), '  invalid parent span IDs=52a8d7ca4442cf12; skipping clock skew adjustment');
  });
});
