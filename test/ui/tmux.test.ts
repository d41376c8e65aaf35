// The built binary in a real terminal: one demo peer (`cluster-top --demo --demo-peers 1`) inside
// tmux (a private server socket), driven with send-keys and read back with capture-pane. Each
// step waits for the text it expects, with a deadline, instead of sleeping a fixed time. The
// traces test reads the Jaeger query API of a second demo peer (`cluster-top demo --serve`, same
// seed, same traces).

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { TMUX_ENV, TmuxServer } from '../support/tmux-session.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const socket = `cluster-top-test-${process.pid}`;
const PROMPT = 'PROMPT$';
// A clean environment: no CI variables (Ink draws nothing live under CI), a UTF-8 locale, colour on.
const env = TMUX_ENV;

const server = new TmuxServer(socket, env);
const tmux = (...args: string[]): string => server.run(...args);
const capture = (session: string, escapes = false): string[] => server.capture(session, escapes);
const until = (session: string, check: (rows: string[]) => boolean, what: string, timeoutMs?: number): Promise<string[]> =>
  server.until(session, check, what, timeoutMs);

/** A shell in a `columns`×`rows` session that has started the dashboard on the demo peer. */
function launch(session: string, columns: number, rows: number, extra = ''): void {
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), 'env', `PS1=${PROMPT} `, 'bash', '--norc', '--noprofile');
  tmux('send-keys', '-t', session, `cd ${root} && node bin/cluster-top.js --demo --demo-peers 1 --interval 1s${extra}`, 'Enter');
}

const served: ChildProcess[] = [];

/** `cluster-top demo --serve` in a child process; resolves with the origin it serves (metrics and Jaeger API). */
function serveDemo(): Promise<string> {
  const child = spawn(process.execPath, [join(root, 'bin', 'cluster-top.js'), 'demo', '--serve'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  served.push(child);
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      text += chunk;
      const m = /demo peer serving (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(text);
      if (m !== null) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`demo --serve exited with ${code}: ${text}`)));
  });
}

function keys(session: string, ...names: string[]): void {
  tmux('send-keys', '-t', session, ...names);
}

const has = (text: string) => (rows: string[]) => rows.some((r) => r.includes(text));
const METHOD_ROW = /^[› ] [A-Za-z]+\.[A-Za-z]+ +\S+ m?s +\S+ +[▁▂▃▄▅▆▇█ ]*[▁▂▃▄▅▆▇█]$/u;
const methodRows = (rows: string[]) => rows.filter((r) => METHOD_ROW.test(r));
const selected = (rows: string[]) => rows.find((r) => r.startsWith('› '))?.slice(2).split(' ')[0];
const KEY_LINE = /\? help {2}q quit$/;

after(() => {
  for (const child of served) child.kill('SIGTERM');
  server.kill();
});

describe('cluster-top --demo in a real terminal (tmux)', () => {
  it('shows gauges, method rows with sparklines and the key line at 80×24, and follows the keys', async () => {
    const s = 'small';
    launch(s, 80, 24);
    let rows = await until(s, (r) => methodRows(r).length >= 5 && r.some((l) => KEY_LINE.test(l)), 'five method rows with sparklines');
    assert.match(rows[0], /^cluster-top http:\/\/127\.0\.0\.1:\d+\/metrics .*● ok/);
    assert.ok(rows.some((r) => /^pins +\d+ {2}queued/.test(r)), 'the pin gauges');
    assert.ok(rows.some((r) => /^RSS +[\d.]+ [KMG]iB {2}CPU/.test(r)), 'the process gauges');
    assert.equal(rows[23], '', 'the live frame leaves the last row empty');
    assert.equal(tmux('display', '-p', '-t', s, '#{alternate_on}').trim(), '1');
    // Only colour/attribute escapes reach the screen; no cursor or erase sequence leaks as text.
    assert.equal(rows.some((r) => /\[\d*[ABCDHJK]|\[\?\d+[hl]|\\x1b/.test(r)), false);
    assert.ok(capture(s, true).some((r) => r.includes('\u001b[')), 'capture-pane -e shows the colours');

    // Tab: the traces pane takes the focus (heavy rule) and most of the room, and the key line changes.
    keys(s, 'Tab');
    rows = await until(s, has('━━ Traces · cluster-daemon-demo'), 'Tab to the traces pane');
    assert.ok(rows.some((r) => r.startsWith('── RPC latency')));
    assert.match(rows[22], /^↑↓\/jk select {2}⏎ open {2}s sort/);
    keys(s, 'BTab');
    await until(s, has('━━ RPC latency'), 'Shift-Tab back to the latency list');

    // j: the selection moves one row down.
    const first = selected(capture(s));
    keys(s, 'j');
    rows = await until(s, (r) => selected(r) !== first && selected(r) !== undefined, 'j to move the selection');
    const chosen = selected(rows)!;

    // Enter: the chart of the selected method replaces the list at this size; Esc closes it.
    keys(s, 'Enter');
    rows = await until(s, has(`━━ ${chosen} · p95 latency`), 'Enter to open the chart');
    assert.ok(rows.some((r) => /^ +[\d.]+ m?s [┤┼]/.test(r)), 'an ms axis');
    keys(s, 'Escape');
    await until(s, has('━━ RPC latency'), 'Esc to close the chart');

    // ?: help overlay, closed again by ?.
    keys(s, '?');
    await until(s, has('━━ Keys'), 'the help overlay');
    keys(s, '?');
    await until(s, has('━━ RPC latency'), 'help closed');

    // 2: the p90 quantile.
    keys(s, '2');
    rows = await until(s, has('━━ RPC latency p90'), 'quantile p90');
    assert.ok(rows.some((r) => /^ {2}method +p90 +calls\/s +p90 trend/.test(r)));

    // /: filter by substring.
    keys(s, '/');
    await until(s, has('/_'), 'the filter prompt');
    keys(s, '-l', 'pin');
    keys(s, 'Enter');
    rows = await until(s, (r) => r.some((l) => l.includes(' · /pin ')) && methodRows(r).length > 0, 'the filtered list');
    for (const row of methodRows(rows)) assert.match(row, /pin/i);

    // q: the shell prompt is back and the alternate screen is gone.
    keys(s, 'q');
    rows = await until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
    assert.equal(tmux('display', '-p', '-t', s, '#{alternate_on}').trim(), '0');
    assert.ok(rows.some((r) => r.includes('node bin/cluster-top.js --demo')), 'the screen from before is back');
  });

  it('is legible over ssh with TERM=screen and LANG=C: ASCII chosen by itself, at 80×24', async () => {
    // A server of its own, since the locale and TERM of a pane come from the server's environment.
    const plain = new TmuxServer(`${socket}-plain`, { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C', TERM: 'screen' });
    try {
      const s = 'ssh';
      plain.run('new-session', '-d', '-s', s, '-x', '80', '-y', '24', 'env', `PS1=${PROMPT} `, 'LC_ALL=C', 'bash', '--norc', '--noprofile');
      plain.run('send-keys', '-t', s, `cd ${root} && node bin/cluster-top.js --demo --demo-peers 1 --interval 1s`, 'Enter');
      const asciiRow = /^[> ] [A-Za-z]+\.[A-Za-z]+ +\S+ m?s +\S+ +[_.\-:=+*# ]*[_.\-:=+*#]$/;
      const rows = await plain.until(s, (r) => r.filter((l) => asciiRow.test(l)).length >= 5 && r.some((l) => /\? help {2}q quit$/.test(l)), 'five ASCII method rows');
      assert.ok(rows.some((r) => /^pins +\d+ {2}queued/.test(r)), 'the pin gauges');
      assert.ok(rows.some((r) => /^== RPC latency p95/.test(r)), 'an ASCII rule on the focused pane');
      for (const row of rows) assert.match(row, /^[\x20-\x7e]*$/, `only printable ASCII: ${row}`);
      plain.run('send-keys', '-t', s, 'q');
      await plain.until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
    } finally {
      plain.kill();
    }
  });

  it('uses the room at 120×40: six gauges a row, and the chart beside the list', async () => {
    const s = 'large';
    launch(s, 120, 40);
    let rows = await until(s, (r) => methodRows(r).length >= 5, 'five method rows with sparklines');
    assert.ok(rows.some((r) => /^pins +\d+ {2}queued +\d+ {2}pinning +\d+ {2}pin errors +\d+ {2}IPFS pins +\d+ {2}disk/.test(r)), 'a row of six gauges');
    assert.ok(rows.some((r) => KEY_LINE.test(r) && r.includes('+/- interval')), 'the full key line');
    assert.equal(rows[39], '');
    keys(s, 'Enter');
    rows = await until(s, (r) => r.some((l) => / · p95 latency · /.test(l)) && r.some((l) => l.startsWith('── RPC latency')), 'the chart pane under the list');
    keys(s, 'Escape');
    await until(s, (r) => !r.some((l) => / · p95 latency · /.test(l)), 'the chart closed');

    // Shrinking then growing re-lays out in place: one header on top, the key line on the last row but one.
    for (const [columns, height] of [[100, 24], [90, 30], [70, 20]]) {
      tmux('resize-window', '-t', s, '-x', String(columns), '-y', String(height));
      rows = await until(s, (r) => r.length === height && KEY_LINE.test(r[height - 2]) && r[1].startsWith('── Cluster'), `the layout at ${columns}×${height}`);
      assert.match(rows[0], /^cluster-top http/);
      assert.equal(rows[height - 1], '');
      assert.equal(rows.filter((r) => r.startsWith('── Cluster')).length, 1);
      assert.ok(rows.every((r) => [...r].length < columns), 'no line reaches the last column');
    }
    keys(s, 'q');
    await until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
  });

  it('jumps with t from a method to its slow traces, opens one, folds it and shows a span', async () => {
    const jaeger = await serveDemo();
    const s = 'traces';
    launch(s, 120, 40, ` --jaeger ${jaeger}`);
    let rows = await until(s, (r) => methodRows(r).length >= 5 && r.some((l) => /^── Traces · cluster-daemon-demo · 20 traces · (\d+-\d+ of 20 · )?most recent/.test(l)), 'metrics and traces');
    // Pick PinTracker.Track with the method filter, then t: its traces at least its p95 long.
    keys(s, '/');
    keys(s, '-l', 'PinTracker.Track');
    keys(s, 'Enter');
    rows = await until(s, (r) => selected(r) === 'PinTracker.Track', 'the method');
    const quantile = /^› PinTracker\.Track +(\S+ m?s|-)/.exec(rows.find((r) => r.startsWith('› '))!)![1];
    keys(s, 't');
    rows = await until(s, (r) => r.some((l) => l.startsWith('filter: operation Recv.PinTracker.Track')) && r.some((l) => /^› Recv\.PinTracker\.Track /.test(l)), 'the t jump');
    assert.ok(rows.some((r) => r.startsWith('━━ Traces · cluster-daemon-demo')), 'the traces pane has the focus');
    if (quantile !== '-') assert.ok(rows.some((r) => r.includes(' · span ≥ ')), `a minimum from the p95 (${quantile})`);
    const traceRows = rows.filter((r) => / ago +[0-9a-f]{7}$/.test(r));
    assert.ok(traceRows.length > 0 && traceRows.every((r) => /^[› ] Recv\.PinTracker\.Track /.test(r)), traceRows.join('\n'));

    // Enter: the waterfall, with the plain link (tmux is not known to pass OSC 8 on).
    keys(s, 'Enter');
    rows = await until(s, has('cluster-daemon-demo: Recv.PinTracker.Track'), 'the waterfall');
    const excerpt = /^━━ Traces · trace ([0-9a-f]{7}) /.exec(rows.find((l) => l.startsWith('━━ Traces · trace'))!)![1];
    assert.ok(rows.includes(`${jaeger}/trace/${excerpt}`) || rows.some((r) => new RegExp(`^${jaeger}/trace/${excerpt}[0-9a-f]{25}$`).test(r)), 'the link to Jaeger UI');
    assert.ok(rows.some((r) => /^› ▾ Recv\.PinTracker\.Track +\S+ +█/.test(r)), 'the root row');
    assert.ok(rows.some((r) => /^ {4}▾ tracker\/stateless\/Track /.test(r)), 'its child, indented');
    assert.match(rows[38], /^↑↓\/jk span {2}⏎ details {2}h\/l fold/);
    keys(s, 'h');
    rows = await until(s, (r) => r.some((l) => l.startsWith('› ▸ Recv.PinTracker.Track')) && !r.some((l) => l.includes('tracker/stateless/Track ')), 'folded');
    keys(s, 'l');
    await until(s, has('    ▾ tracker/stateless/Track'), 'unfolded');
    keys(s, 'Enter');
    rows = await until(s, (r) => r.includes('Tags') && r.some((l) => /^ {2}cluster_id +12D3KooW/.test(l)), 'the span page');
    assert.ok(rows.some((r) => /^start \+0μs · took \S+ · span [0-9a-f]{16} · root span$/.test(r)));
    keys(s, 'Escape');
    await until(s, has('cluster-daemon-demo: Recv.PinTracker.Track'), 'back to the waterfall');
    keys(s, 'Escape');
    await until(s, (r) => r.some((l) => l.startsWith('filter: operation Recv.PinTracker.Track')), 'back to the list');
    keys(s, 'x');
    await until(s, (r) => !r.some((l) => l.startsWith('filter:')), 'the filter cleared');
    keys(s, 'q');
    await until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
  });

  it('scrolls the help at 60×16 to its last keys, and gives the latency list the rows a focused traces pane cannot use', async () => {
    const s = 'help';
    launch(s, 60, 16);
    await until(s, (r) => methodRows(r).length >= 2, 'method rows at 60×16');
    keys(s, '?');
    let rows = await until(s, has('━━ Keys · 1-12 of 17 · more below'), 'the help, its first 12 lines');
    assert.equal(rows.some((r) => r.includes('waterfall:')), false);
    assert.match(rows[14], /^↑↓\/jk scroll {2}PgUp\/PgDn page/);
    keys(s, 'PageDown');
    rows = await until(s, has('━━ Keys · 6-17 of 17 · more above'), 'a page down: the last lines');
    assert.ok(rows.some((r) => /^ {2}h\/l, c +waterfall: fold/.test(r)), 'the waterfall keys');
    assert.ok(rows.some((r) => /^ {2}s e m o x v +traces:/.test(r)), 'the traces keys');
    keys(s, 'k');
    await until(s, has('━━ Keys · 5-16 of 17 · more above and below'), 'k: a line up');
    keys(s, 'PageUp');
    await until(s, has('━━ Keys · 1-12 of 17 · more below'), 'a page up: the top');
    keys(s, '?');
    await until(s, has('━━ RPC latency'), 'help closed');

    // 120×40, Tab to the traces: 20 traces need 22 rows, the latency list gets the other 8 of 30.
    // Tab only once the 120×40 layout is drawn: the app reads the resize and the key from one event
    // loop, and a Tab read first moves the focus among the 60×16 panes, which have no traces pane.
    tmux('resize-window', '-t', s, '-x', '120', '-y', '40');
    await until(s, (r) => r.length === 40 && KEY_LINE.test(r[38]) && r.some((l) => l.startsWith('── Traces')), 'the traces pane at 120×40');
    keys(s, 'Tab');
    rows = await until(s, (r) => r.some((l) => /^━━ Traces · cluster-daemon-demo · 20 traces · most recent/.test(l)) && r.length === 40, 'the focused traces pane at 120×40');
    const latency = rows.findIndex((r) => r.startsWith('── RPC latency'));
    const traces = rows.findIndex((r) => r.startsWith('━━ Traces'));
    assert.equal(traces - latency, 12, 'title, captions and ten methods');
    assert.match(rows[latency], / · 1-10 of \d+ /);
    assert.deepEqual(rows.slice(0, 38).filter((r) => r.trim() === '').length, 0, `no blank row above the key line:\n${rows.join('\n')}`);
    assert.match(rows[38], /^↑↓\/jk select {2}⏎ open/);
    keys(s, 'q');
    await until(s, (r) => r.some((l) => l.startsWith(PROMPT)) && !r.some((l) => l.includes('RPC latency')), 'the shell prompt');
  });

  it('says the terminal is too small at 50×12, and lays out again when it grows', async () => {
    const s = 'tiny';
    launch(s, 50, 12);
    await until(s, has('terminal too small: need 60×16, have 50×12'), 'the too-small message');
    tmux('resize-window', '-t', s, '-x', '80', '-y', '24');
    await until(s, (r) => methodRows(r).length >= 5, 'the dashboard after the resize');
    keys(s, 'q');
    // tmux reflows the screen saved under the alternate one on a resize, and some rows of the
    // dashboard can land above the command line there; what matters is the prompt after it.
    await until(s, (r) => {
      const last = r.filter((l) => l.trim() !== '').at(-1) ?? '';
      return last.trimEnd() === PROMPT.trimEnd();
    }, 'the shell prompt');
  });
});
