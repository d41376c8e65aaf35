// The fleet screen's view-model at the sizes users have: every row fits the width, state and
// peer always shown, the least useful columns dropped at 80 columns, 200 peers scrolled around
// the selection with how many are above and below, the selected peer's trouble on the status
// line, remote names escaped, and the "too small" line.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fleetLatency } from '../../src/model/fleet-latency.js';
import { buildFleetView, type FleetDisplay } from '../../src/model/fleet-view.js';
import type { FleetPeerInput } from '../../src/model/fleet-peers.js';
import { glyphsFor } from '../../src/model/glyphs.js';
import { samplesWith, statusOf } from '../support/fleet-status.js';
import { latencyLayout, sampleAt } from '../support/samples.js';

const display: FleetDisplay = { selected: null, sort: 'trouble', filter: '', filterEditing: false, quantile: 0.95, focus: 'peers', latencyTop: 0, helpOpen: false, errorsOpen: false, helpOffset: 0, paused: false };

function fleet(n: number, tweak: (i: number) => Partial<FleetPeerInput> = () => ({})): FleetPeerInput[] {
  return Array.from({ length: n }, (_, i) => ({ name: `demo-${i + 1}`, target: `http://127.0.0.1:${9000 + i}/metrics`, status: statusOf(samplesWith({ pins: 500 })), ...tweak(i) }));
}

function view(peers: FleetPeerInput[], columns: number, rows: number, d: Partial<FleetDisplay> = {}, ascii = false) {
  const latency = fleetLatency(peers.map(() => samplesWith({})), 60_000, 'prom3');
  return buildFleetView({ peers, latency, display: { ...display, ...d }, intervalMs: 1000, windowMs: 60_000, columns, rows, nowMs: 1500, glyphs: glyphsFor(ascii) });
}

const text = (cells: readonly { text: string }[]) => cells.map((c) => c.text).join(' ');

describe('fleet view', () => {
  it('at 120×40: every column, rows within the width, the fleet latency below', () => {
    const v = view(fleet(5), 120, 40);
    assert.equal(v.tooSmall, null);
    const caption = text(v.caption);
    for (const column of ['peer', 'pins', 'queued', 'pinning', 'errors', 'IPFS pins', 'free disk', 'pins/s', 'slowest method', 'p95', 'trend']) assert.ok(caption.includes(column), `${column} in ${caption}`);
    assert.equal(v.rows.length, 5);
    for (const row of v.rows) assert.ok([...row.marker + text(row.cells)].length <= v.width, text(row.cells));
    assert.match(v.latencyLines[0], /method +p95 +calls\/s/);
    assert.ok(v.latencyLines.some((l) => l.includes('Cluster.Pin')));
    assert.match(v.header.map((segments) => segments.map((s) => s.text).join('')).join('\n'), /fleet of 5 · 5 up[\s\S]*pinset 500/);
  });

  it('at 80×24: state and peer stay, the least useful columns go first', () => {
    const v = view(fleet(5), 80, 24);
    const caption = text(v.caption);
    for (const kept of ['peer', 'queued', 'errors', 'slowest method', 'p95']) assert.ok(caption.includes(kept), `${kept} kept: ${caption}`);
    for (const dropped of ['IPFS pins', 'pins/s']) assert.ok(!caption.includes(dropped), `${dropped} dropped: ${caption}`);
    for (const row of v.rows) assert.ok([...row.marker + text(row.cells)].length <= 79);
    assert.equal(v.rows[0].cells[0].text.trim(), '●');
  });

  it('the fleet latency scrolls when focused, its title saying where; its rows follow latencyTop', () => {
    const methods = Array.from({ length: 18 }, (_, i) => `Method.M${String(i + 1).padStart(2, '0')}`);
    const layout = latencyLayout(methods, [1, 10]);
    // Method k's calls all fall in (1, 10] ms, k per second: every method has a p95 and the calls order them.
    const samples = [0, 1].map((i) => sampleAt(1000 * i, layout, methods.map((_, k) => [0, (k + 1) * i, (k + 1) * i])));
    const peers = fleet(3);
    const latency = fleetLatency(peers.map(() => samples), 60_000, 'prom3');
    const at = (d: Partial<FleetDisplay>) => buildFleetView({ peers, latency, display: { ...display, ...d }, intervalMs: 1000, windowMs: 60_000, columns: 80, rows: 24, nowMs: 1500, glyphs: glyphsFor(false) });
    const top = at({ focus: 'latency' });
    const rows = top.latencyRange.rows;
    assert.ok(rows > 0 && rows < 18, `${rows} latency rows at 80×24`);
    assert.deepEqual(top.latencyRange, { total: 18, rows });
    assert.match(top.latencyTitle.text, new RegExp(`18 methods · 1-${rows} · 0 above, ${18 - rows} below`));
    assert.ok(top.latencyTitle.focused && !top.peersTitle.focused, 'the focus shows on the latency title');
    const names = (v: typeof top) => v.latencyLines.slice(1).map((l) => l.trim().split(/ +/)[0]);
    const firstPage = names(top);
    const scrolledView = at({ focus: 'latency', latencyTop: 5 });
    assert.deepEqual(names(scrolledView).slice(0, rows - 5), firstPage.slice(5), 'the rows move up by five');
    assert.match(scrolledView.latencyTitle.text, new RegExp(`6-${5 + rows} · 5 above, ${13 - rows} below`));
    const past = at({ focus: 'latency', latencyTop: 99 });
    assert.equal(past.latencyLines.length, rows + 1, 'a top past the end shows the last full page');
    assert.match(past.latencyTitle.text, new RegExp(`${19 - rows}-18 · ${18 - rows} above, 0 below`));
  });

  it('? shows the keys and what the markers mean in place of the lists; paused, the header counts the data\'s age', () => {
    const help = view(fleet(3), 80, 24, { helpOpen: true });
    assert.ok(help.help !== null);
    const helpText = help.help.lines.map((l) => l.map((s) => s.text).join('')).join('\n');
    assert.match(helpText, /Tab +move the arrows between the peers and the fleet latency/);
    assert.match(helpText, /▲ +stale: its last poll failed/);
    assert.equal(help.help.height, 24 - 1 - 3 - 1, 'every row between the header and the key line, less its title');
    assert.match(help.keys.map((k) => `${k.key} ${k.label}`).join('  '), /\?\/Esc close/);
    const peers = fleet(3);
    const latency = fleetLatency(peers.map(() => samplesWith({})), 60_000, 'prom3');
    const paused = buildFleetView({ peers, latency, display: { ...display, paused: true }, intervalMs: 1000, windowMs: 60_000, columns: 80, rows: 24, nowMs: 31_000, glyphs: glyphsFor(false) });
    const header = paused.header[0].map((s) => s.text).join('');
    assert.match(header, /paused · data 30s old/, header);
    assert.match(paused.keys.map((k) => `${k.key} ${k.label}`).join('  '), /p resume/);
  });

  it('before any peer is read, says so instead of blaming a filter or tracing', () => {
    const v = buildFleetView({ peers: [], latency: fleetLatency([], 60_000, 'prom3'), display, intervalMs: 1000, windowMs: 60_000, columns: 80, rows: 24, nowMs: 1500, glyphs: glyphsFor(false) });
    assert.deepEqual(v.status.map((s) => s.text), ['no peers yet']);
    assert.match(v.latencyLines[0], /no peer read yet/);
  });

  it('200 peers: rows scroll around the selection and the title says how many are above and below', () => {
    const peers = fleet(200);
    const v = view(peers, 80, 24, { sort: 'name', selected: 'demo-100' });
    const shown = v.rows.map((r) => r.name);
    assert.ok(shown.includes('demo-100'));
    assert.equal(v.rows.find((r) => r.selected)?.name, 'demo-100');
    const first = v.order.indexOf(shown[0]);
    assert.match(v.peersTitle.text, new RegExp(`${first + 1}-${first + shown.length} of 200 · ${first} above, ${200 - first - shown.length} below`));
    assert.equal(v.pageRows, shown.length);
    assert.deepEqual(v.order.slice(0, 3), ['demo-1', 'demo-2', 'demo-3']);
  });

  it('down peers come first, and the selected one says why on the status line', () => {
    const peers = fleet(3, (i) => (i === 2 ? { status: statusOf(samplesWith({ pins: 500 }), [{ kind: 'refused', atMs: 1400 }]) } : {}));
    const v = view(peers, 100, 30);
    assert.equal(v.rows[0].name, 'demo-3');
    assert.equal(v.rows[0].cells[0].text.trim(), '✖');
    assert.match(v.status.map((s) => s.text).join(''), /^demo-3 down \(data 0s old\): refused!/);
    assert.match(v.header[0].map((s) => s.text).join(''), /2 up/);
  });

  it('out-of-sync peers are named in the header', () => {
    const peers = fleet(3, (i) => (i === 1 ? { status: statusOf(samplesWith({ pins: 499 })) } : {}));
    assert.match(view(peers, 120, 40).header[1].map((s) => s.text).join(''), /pinset 500 · out of sync: demo-2/);
  });

  it('the filter keeps matching names and the title says so', () => {
    const v = view(fleet(12), 100, 30, { filter: '1', filterEditing: true });
    assert.deepEqual(v.order, ['demo-1', 'demo-10', 'demo-11', 'demo-12']);
    assert.match(v.peersTitle.text, /filter "1"_ \(4 of 12\)/);
    assert.equal(v.keys[0].label, 'filter');
  });

  it('peer names from the network are escaped', () => {
    const v = view(fleet(1, () => ({ name: 'evil\u001b[2J\u202e' })), 100, 30);
    const all = text(v.rows[0].cells) + v.status.map((s) => s.text).join('');
    assert.doesNotMatch(all, /[\u001b\u202e]/);
    assert.match(all, /evil\\x1b\[2J\\u202e/);
  });

  it('ASCII only when asked', () => {
    const v = view(fleet(3), 80, 24, {}, true);
    const everything = [v.peersTitle.text, ...v.rows.map((r) => r.marker + text(r.cells)), ...v.latencyLines].join('\n');
    assert.ok([...everything].every((ch) => ch.charCodeAt(0) < 0x80), everything);
  });

  it('host:port labels fit whole where there is room, and are cut from the start where not', () => {
    const peers = fleet(3, (i) => ({ name: `127.0.0.1:${8888 + i}` }));
    const wide = view(peers, 120, 40);
    assert.deepEqual(wide.rows.map((r) => r.cells[1].text.trim()).sort(), ['127.0.0.1:8888', '127.0.0.1:8889', '127.0.0.1:8890']);
    const long = fleet(2, (i) => ({ name: `ipfs-cluster-peer-in-frankfurt-0${i}` }));
    const cut = view(long, 80, 24).rows.map((r) => r.cells[1].text.trim()).sort();
    assert.ok(cut.every((c) => c.startsWith('…')), cut.join());
    assert.notEqual(cut[0], cut[1], 'still told apart');
  });

  it('below 60×16 it says the terminal is too small', () => {
    assert.match(view(fleet(3), 59, 24).tooSmall ?? '', /terminal too small: need 60×16, have 59×24/);
  });
});
